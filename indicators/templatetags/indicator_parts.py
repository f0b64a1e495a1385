from django import template

from ..dashboard import reporting_cities

register = template.Library()


@register.inclusion_tag("indicators/_dashboard.html")
def indicator_reporting(partner):
    """The dashboard's section: per indicator, how many sharing cities report it."""
    return {"rows": reporting_cities(partner)}
