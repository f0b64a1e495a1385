from django import template

from experiences.text import plain_html, safe_url

register = template.Library()


@register.filter
def plain(text: str):
    """User text as paragraphs and safe links (experiences.text)."""
    return plain_html(text)


@register.filter
def link_or_none(url: str):
    return safe_url(url)
