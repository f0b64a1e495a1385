from django import template
from django.utils.http import urlencode

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, key)


@register.simple_tag
def page_query(query, number: int) -> str:
    """The directory's filters with another page number."""
    params = {k: v for k, v in query.items() if k != "page" and v}
    params["page"] = number
    return urlencode(params)
