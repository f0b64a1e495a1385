"""User text on pages: plain text with paragraphs and links, never HTML.

Everything is escaped first; only then are blank lines made paragraphs, line breaks <br>,
and http(s) addresses links (rel nofollow, no referrer). A `javascript:` or `data:` address
is never a link: it stays text.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# On escaped text: an http(s) address up to white space or an escaped quote or bracket.
_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)"


def _link(match: re.Match) -> str:
    url = match.group(0)
    tail = ""
    while url and url[-1] in _TRAILING:
        url, tail = url[:-1], url[-1] + tail
    if url.lower().endswith("&quot"):
        return match.group(0)
    return f'<a href="{url}" rel="nofollow noopener noreferrer">{url}</a>{tail}'


def plain_html(text: str) -> SafeString:
    """Paragraphs of escaped text with safe links."""
    paragraphs = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    html = []
    for paragraph in paragraphs:
        if not paragraph.strip():
            continue
        escaped = _URL.sub(_link, escape(paragraph.strip()))
        html.append("<p>" + escaped.replace("\n", "<br>") + "</p>")
    return mark_safe("".join(html))  # noqa: S308 - escaped above, links built from the match


def safe_url(url: str) -> str | None:
    """An address that may be a link's href (http or https), else None."""
    url = (url or "").strip()
    return url if re.match(r"^https?://[^\s<>\"']+$", url, re.IGNORECASE) else None
