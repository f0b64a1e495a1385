"""The city page's Scorecard section: the latest Scorecard's totals and radar."""

from django import template

from ..scoring import totals_of

register = template.Library()


@register.filter
def answer_field_label(field: str) -> str:
    """A Scorecard answer's field ("verification") named in the reader's language."""
    from django.core.exceptions import FieldDoesNotExist

    from ..models import ScorecardAnswer

    try:
        return str(ScorecardAnswer._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:  # a field no longer on the model: its stored name
        return field


@register.inclusion_tag("scorecard/_city_section_body.html", takes_context=True)
def city_scorecard(context):
    """Only for the city page, whose view has already checked the user's access to the city."""
    access = context["access"]
    city = access.city
    latest = city.scorecards.first()
    result = {"city": city, "access": access, "latest": latest}
    if latest is not None:
        from ..views import radar_for

        totals = totals_of(latest)
        result.update({"totals": totals, "radar": radar_for(totals)})
    return result
