"""One indicator's values over the years, drawn on the server as SVG (pages and PDF alike).

Numbers are plotted as a line with a dot and its value written beside each year, so the
chart reads without colour; the SVG's <desc> lists every year's value for screen readers.
Levels (words) cannot be plotted: they are listed under the chart, never dropped.
"""

from decimal import Decimal
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rendering.charts import _svg

from .models import plain

WIDTH, HEIGHT = 440, 190
LEFT, RIGHT, TOP, BOTTOM = 48, 28, 26, 36
LINE = "#0b5394"  # 7:1 on white


def _number(value: Decimal) -> str:
    """12.5000 → "12.5", 100 → "100", in the language's grouping and decimal mark."""
    return number_format(plain(value), force_grouping=True)


def values_chart(values, *, title: str, chart_id: str) -> SafeString | None:
    """The chart of a city's values of one indicator (IndicatorValue rows, any order), or
    None when no year has a number."""
    points = sorted((v.year, v.number, v.unit) for v in values if v.number is not None)
    if not points:
        return None
    years = [p[0] for p in points]
    low = min(min(p[1] for p in points), Decimal(0))
    high = max(p[1] for p in points)
    span = float(high - low) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    first, last = years[0], years[-1]

    def x(year: int) -> float:
        return LEFT + (plot_w / 2 if first == last else (year - first) / (last - first) * plot_w)

    def y(number) -> float:
        return TOP + plot_h - float(number - low) / span * plot_h

    described = "; ".join(f"{year}: {_number(n)} {unit}".strip() for year, n, unit in points)
    body = [
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        'stroke="#555" stroke-width="1"/>',
        f'<text x="{LEFT - 6}" y="{y(low) + 4}" font-size="13" text-anchor="end" '
        f'fill="#333">{escape(_number(low))}</text>',
    ]
    line = " ".join(f"{x(year):.1f},{y(n):.1f}" for year, n, _unit in points)
    if len(points) > 1:
        body.append(f'<polyline points="{line}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for year, n, _unit in points:
        px, py = x(year), y(n)
        body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{LINE}"/>')
        body.append(
            f'<text x="{px:.1f}" y="{py - 9:.1f}" font-size="14" text-anchor="middle" '
            f'fill="#111">{escape(_number(n))}</text>'
        )
        body.append(
            f'<text x="{px:.1f}" y="{TOP + plot_h + 20}" font-size="13" text-anchor="middle" '
            f'fill="#333">{year}</text>'
        )
    label = _("%(indicator)s, by year") % {"indicator": title}
    # Its natural width on a wide screen; `svg.chart` shrinks it to fit a phone.
    return _svg(WIDTH, HEIGHT, chart_id, label, body, stretch=False)
