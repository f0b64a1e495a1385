"""`{% cached_summary %}`: the headline (`_summary.html`) from the page cache."""

from django import template

from ..page_cache import cached_parts, summary_key

register = template.Library()


@register.simple_tag(takes_context=True)
def cached_summary(context, oob: bool = False) -> str:
    """The headline of `summary` (matrix.summary_context) for `city`, drawn once per set of
    scoring inputs (page_cache.summary_key)."""
    summary, city = context["summary"], context["city"]
    met, na = summary["inputs"]
    moved = (oob, summary["overall_changed"], *(m for _dim, _r, m in summary["dimension_lines"]))
    fragment_context = {
        "city": {"name": city.name},
        "oob": oob,
        "scorecard": summary["scorecard"],
        "dimension_lines": summary["dimension_lines"],
        "chart": summary["chart"],
        "overall_changed": summary["overall_changed"],
    }
    key = summary_key(city, summary["content"], met, na, moved)
    html = cached_parts(
        context["request"], "assessments/_summary.html", {"s": key}, lambda _: fragment_context
    )
    return html["s"]
