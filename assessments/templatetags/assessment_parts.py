"""`{% cached_summary %}`: the headline (`_summary.html`) from the fragment cache."""

from django import template

from ..fragments import cached_fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def cached_summary(context, oob: bool = False) -> str:
    """The headline of `summary` (matrix.summary_context) for `city`, rendered once per set
    of shown values: the city's name, every stage result (the dimensions' lines, what holds
    them back, the chart's levels), the dimensions' and subdimensions' names, and which
    stages a change just moved."""
    summary, city = context["summary"], context["city"]
    card = summary["scorecard"]
    shown = (
        city.name,
        oob,
        summary["overall_changed"],
        repr(card.overall),
        repr(card.subdimensions),
        [
            (dim.code, dim.name, repr(result), moved)
            for dim, result, moved in summary["dimension_lines"]
        ],
        [sub.title for sub, _result in card.rows],
    )
    fragment_context = {
        "city": {"name": city.name},
        "oob": oob,
        "scorecard": card,
        "dimension_lines": summary["dimension_lines"],
        "chart": summary["chart"],
        "overall_changed": summary["overall_changed"],
    }
    html = cached_fragments(
        context["request"], "assessments/_summary.html", {"s": shown}, lambda _: fragment_context
    )
    return html["s"]
