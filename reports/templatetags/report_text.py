"""Text a person typed, printed in a report at most as long as the form allows."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()

ZERO_WIDTH_SPACE = "\u200b"


@register.filter
def limit(value, length: int) -> str:
    """The first `length` characters; a cut text says where the rest is.

    A text saved before the form had its limit can be far longer (a megabyte of note made the
    PDF take a minute): the report prints what the form would accept, and points to the app.
    """
    text = "" if value is None else str(value)
    if len(text) <= length:
        return text
    return f"{text[:length]}… ({_('continued in the app')})"


@register.filter
def breakable(value, every: int = 40) -> str:
    """A long word (a web address) with an invisible line-break chance every `every` characters.

    WeasyPrint lays out a word it cannot break again for each line it fills: a 2,000-character
    address took seconds. Breaking it is also what keeps it on the page.
    """
    text = "" if value is None else str(value)
    return ZERO_WIDTH_SPACE.join(text[i : i + every] for i in range(0, len(text), every))
