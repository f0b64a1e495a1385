"""Text a person typed, printed in a report at most as long as the form allows."""

import re

from django import template
from django.utils.translation import gettext as _

register = template.Library()

ZERO_WIDTH_SPACE = "\u200b"
# A cut text ends at the last space if one is this close to the limit; a longer word (a web
# address) is cut where the limit falls.
WORD = 40


@register.filter
def limit(value, length: int) -> str:
    """The first `length` characters; a cut text says where the rest is.

    A text saved before the form had its limit can be far longer (a megabyte of note made the
    PDF take a minute): the report prints what the form would accept, and points to the app.
    The cut falls between words where it can, so no word is printed half.
    """
    text = "" if value is None else str(value)
    if len(text) <= length:
        return text
    cut = text[:length]
    if not text[length].isspace():
        last_space = re.search(r"\s\S*$", cut)
        if last_space is not None and last_space.start() >= length - WORD:
            cut = cut[: last_space.start()]
    return cut.rstrip() + _("… (continued in the app)")


@register.filter
def breakable(value, every: int = 40) -> str:
    """A long word (a web address) with an invisible line-break chance every `every` characters.

    WeasyPrint lays out a word it cannot break again for each line it fills: a 2,000-character
    address took seconds. Breaking it is also what keeps it on the page.
    """
    text = "" if value is None else str(value)
    return ZERO_WIDTH_SPACE.join(text[i : i + every] for i in range(0, len(text), every))
