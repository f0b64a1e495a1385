"""One ordered stage palette: neighbours differ in lightness, in order, wherever it is used."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders

from maturity.scoring import ActionRef, StageRef, subdimension_stage
from rendering import palette, pdf
from rendering.charts import ProfileRow, profile_chart

STAGES = [StageRef(letter, name, order) for order, (letter, name) in enumerate(
    [("S", "Starting"), ("M", "Moderate"), ("A", "Advanced"), ("R", "Robust"),
     ("T", "Vertebrate")], start=1)]  # fmt: skip
ACTIONS = [ActionRef(f"X1{s.letter}1", s.letter) for s in STAGES]


def _luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance, written out here rather than taken from the code."""
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _assert_ordered(colours: list[str]) -> None:
    assert len(colours) == 6, colours
    for lighter, darker in zip(colours, colours[1:], strict=False):
        l1, l2 = _luminance(lighter), _luminance(darker)
        assert l1 > l2, f"{lighter} → {darker} gets lighter"
        assert (l1 + 0.05) / (l2 + 0.05) >= 1.3, f"{lighter} → {darker} too alike"


def _css_colours(css: str, selector: str) -> list[str]:
    found = {}
    for level, colour in re.findall(
        rf"{selector}-(\d)[^{{]*\{{[^}}]*?background: (#[0-9a-f]{{6}})", css
    ):
        found.setdefault(int(level), colour)
    return [found[level] for level in sorted(found)]


def test_the_page_stylesheet_orders_the_stages():
    css = Path(finders.find("css/stages.css")).read_text()
    _assert_ordered(_css_colours(css, r"\.stage"))
    _assert_ordered(_css_colours(css, r"td\.heat"))


def test_the_stylesheet_is_written_from_the_one_palette():
    assert Path(finders.find("css/stages.css")).read_text() == palette.stage_css()


def test_the_pdf_stylesheets_order_the_stages():
    css = "".join(Path(finders.find(name)).read_text() for name in pdf.STYLESHEETS)
    _assert_ordered(_css_colours(css, r"\.seg"))
    _assert_ordered(_css_colours(css, r"td\.heat"))


def test_the_svg_chart_orders_the_stages():
    rows = []
    for level in range(6):
        done = {a.code for a in ACTIONS[:level]}
        rows.append(ProfileRow(f"X{level}", "test", subdimension_stage(ACTIONS, done, STAGES)))
    svg = str(profile_chart(rows, [s.name for s in STAGES]))
    fills = re.findall(r'data-level="(\d)".*?<rect[^>]*/><rect[^>]*fill="(#[0-9a-f]{6})"', svg)
    assert [int(level) for level, _fill in fills] == [0, 1, 2, 3, 4, 5]
    _assert_ordered([fill for _level, fill in fills])
