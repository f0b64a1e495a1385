"""`{% cached_summary %}`: the headline (`_summary.html`) from the page cache."""

from django import template

from ..page_cache import cached_parts

register = template.Library()


@register.simple_tag(takes_context=True)
def cached_summary(context, oob: bool = False) -> str:
    """The headline under `summary_key` (page_cache.summary_key); `summary`
    (matrix.summary_context, which may be lazy) is read only when it is not in the cache."""
    summary, city = context["summary"], context["city"]

    def fragment_context(_key) -> dict:
        return {
            "city": {"name": city.name},
            "oob": oob,
            "scorecard": summary["scorecard"],
            "dimension_lines": summary["dimension_lines"],
            "chart": summary["chart"],
            "overall_changed": summary["overall_changed"],
        }

    def drawn_once(_key) -> dict:
        # Under its results too: the same headline may have been drawn at another version
        # (a tick undone), and it is a pure function of what it shows.
        shown = (city.pk, city.name, *summary["headline_key"], oob)
        html = cached_parts(
            context["request"],
            "assessments/_summary.html",
            {"s": shown},
            fragment_context,
            fill_csrf=False,
        )
        return {"html": html["s"]}

    if oob:
        # A tick's headline: the tick has just moved the assessment's version, so no page
        # has it under this version, and none will ask for it again.
        return drawn_once(None)["html"]
    key = (*context["summary_key"], oob)
    html = cached_parts(context["request"], "assessments/_html.html", {"s": key}, drawn_once)
    return html["s"]
