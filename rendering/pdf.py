"""PDF rendering with WeasyPrint: HTML templates and print CSS in, PDF bytes out.

Every PDF is tagged PDF/UA-1 (Directive (EU) 2016/2102 asks public bodies for accessible
documents): WeasyPrint writes the structure tree from the HTML (headings, lists, tables with
their header cells, figures with the SVG's <title> as alternative text), the document's language
from `<html lang>` and its title from `<title>`. Decoration (borders, backgrounds, the draft
mark) is marked as artifact, so a screen reader and a text extraction skip it.
"""

import base64
import math
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from weasyprint import CSS, HTML

# The print stylesheet, then the stage palette the pages use too (rendering/palette.py).
STYLESHEETS = ("css/report.css", "css/stages.css")

# PDF/UA-1: tagged, with XMP metadata, the language and the title shown by the viewer.
PDF_VARIANT = "pdf/ua-1"

# The draft mark's letters are drawn as outlines of this font (fonts-dejavu-core, which
# scripts/install-browser.sh installs with WeasyPrint's other needs).
MARK_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
)
MARK_SIZE_PT = 96
MARK_ANGLE = 40  # degrees, rising from bottom left to top right
MARK_MAX_WIDTH_PT = 480  # a long word ("BROUILLON") is scaled down to stay on the page


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


@lru_cache(maxsize=16)
def _mark_svg(word: str) -> str | None:
    """The word as glyph outlines, turned by MARK_ANGLE, in an SVG sized in points; None
    when the font is missing. Outlines, not text: a diagonal word of text extracts letter by
    letter between the rows of every table (D, R, A, F, T), whatever marks it as artifact."""
    path = next((p for p in MARK_FONTS if p.exists()), None)
    if path is None:
        return None
    font = TTFont(path, lazy=True)
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    em = font["head"].unitsPerEm
    pen, x = SVGPathPen(glyphs), 0.0
    for char in word:
        glyph = glyphs[cmap.get(ord(char), ".notdef")]
        glyph.draw(TransformPen(pen, (1, 0, 0, -1, x, 0)))  # font y goes up, SVG y down
        x += glyph.width + em * 0.08  # the old mark's letter-spacing: 8pt at 96pt
    cap = getattr(font["OS/2"], "sCapHeight", 0) or em * 0.73
    scale = MARK_SIZE_PT / em
    angle = math.radians(MARK_ANGLE)
    width = (x * math.cos(angle) + cap * math.sin(angle)) * scale
    height = (x * math.sin(angle) + cap * math.cos(angle)) * scale
    shrink = min(1.0, MARK_MAX_WIDTH_PT / width)
    width, height = width * shrink, height * shrink
    k = scale * shrink
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}pt" height="{height:.1f}pt" '
        f'viewBox="0 0 {width:.1f} {height:.1f}"><g transform="translate({width / 2:.1f} '
        f"{height / 2:.1f}) rotate(-{MARK_ANGLE}) scale({k:.5f}) translate({-x / 2:.1f} "
        f'{cap / 2:.1f})"><path fill="#787878" fill-opacity="0.18" d="{pen.getCommands()}"/>'
        "</g></svg>"
    )


def draft_marks() -> str:
    """A draft says so on every page: the word in the running header (text a reader can find)
    and, drawn across the page as its background (an artifact), the big diagonal mark."""
    header = _css_string(" · " + _("Draft"))
    css = f"@page {{ @top-left {{ content: string(city) ' · ' string(title) {header}; }} }} "
    svg = _mark_svg(_("DRAFT"))
    if svg:
        data = base64.b64encode(svg.encode()).decode()
        css += f'@page {{ background: url("data:image/svg+xml;base64,{data}") no-repeat center; }}'
    return css


def render_pdf(template: str, context: dict, *, draft: bool = False) -> bytes:
    """The template as a tagged PDF/UA-1; `draft` marks every page as a draft."""
    html = render_to_string(template, context)
    stylesheets = [CSS(filename=finders.find(name)) for name in STYLESHEETS]
    stylesheets.append(CSS(string=page_margins()))
    if draft:
        stylesheets.append(CSS(string=draft_marks()))
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=stylesheets, pdf_variant=PDF_VARIANT)
