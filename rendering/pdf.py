"""PDF rendering with WeasyPrint: HTML templates and print CSS in, PDF bytes out."""

import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML

# The print stylesheet, then the stage palette the pages use too (rendering/palette.py).
STYLESHEETS = ("css/report.css", "css/stages.css")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_margins() -> str:
    """The running headers and footers, in the reader's language: CSS `content` strings
    cannot go through the translation catalogues from a static file."""
    # The counters go between the translated words, wherever the language puts them.
    words = _("Page %(page)s of %(pages)s") % {"page": "\x01", "pages": "\x02"}
    page_of = " ".join(
        {"\x01": "counter(page)", "\x02": "counter(pages)"}.get(part) or _css_string(part)
        for part in re.split("([\x01\x02])", words)
        if part
    )
    # Outside the f-string: makemessages (xgettext) cannot see a gettext call inside one.
    top_right = _css_string(_("Resilience Maturity self-assessment"))
    bottom_left = _css_string(_("SMR Resilience Maturity Model · UN Making Cities Resilient"))
    return (
        "@page { "
        f"@top-right {{ content: {top_right}; }} "
        f"@bottom-right {{ content: {page_of}; }} "
        f"@bottom-left {{ content: {bottom_left}; }} }}"
    )


def render_pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    stylesheets = [CSS(filename=finders.find(name)) for name in STYLESHEETS]
    stylesheets.append(CSS(string=page_margins()))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=stylesheets)
