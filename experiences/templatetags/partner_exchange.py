"""`{% partner_exchange partner %}`: the exchange on a partner's dashboard (one include line
in dashboards/dashboard.html)."""

from django import template

from experiences import partners

register = template.Library()


@register.inclusion_tag("experiences/_partner_dashboard.html", takes_context=True)
def partner_exchange(context, partner):
    user = context["request"].user
    return {
        "partner": partner,
        "featured": partners.featured(partner, user)[:5],
        "counts": partners.counts_per_subdimension(partner),
    }
