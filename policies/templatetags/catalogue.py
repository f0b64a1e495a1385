"""Template helpers for the catalogue: an action's LG-SAT (2010) Essentials."""

from django import template

from policies.queries import essentials_2010 as derive_essentials_2010

register = template.Library()


@register.filter
def essentials_2010(links) -> list:
    """The 2010 Essentials of the action whose links these are (see policies.queries)."""
    return derive_essentials_2010(links or [])
