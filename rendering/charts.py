"""The stage-per-subdimension chart, drawn on the server as SVG.

The same chart appears on the web page and in the PDF. Each bar carries its stage name in
text and a distinct fill pattern, so it reads in greyscale and without colour.
"""

from html import escape

from django.utils.safestring import mark_safe

from maturity.scoring import StageResult

BAR_FILLS = ["#d9d9d9", "#8a4b00", "#7a5c00", "#276a2b", "#0a5a8a", "#4b2a86"]


def stage_chart_svg(
    rows: list[tuple[str, str, StageResult]], stage_names: list[str], *, width: int = 640
) -> str:
    """rows: (code, title, result) per subdimension; stage_names: the ordered stage names."""
    label_w, row_h, top = 70, 26, 30
    levels = len(stage_names)
    plot_w = width - label_w - 20
    step = plot_w / levels
    height = top + row_h * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title" class="stage-chart">',
        '<title id="chart-title">Stage reached per subdimension</title>',
        "<defs>",
        '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/></pattern>',
        "</defs>",
    ]
    for i, name in enumerate(stage_names):
        x = label_w + step * (i + 1)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 10}" '
            f'stroke="#bbb" stroke-dasharray="2,2"/>'
            f'<text x="{x - step / 2:.1f}" y="{top - 10}" font-size="10" text-anchor="middle" '
            f'fill="#333">{escape(name)}</text>'
        )
    for n, (code, title, result) in enumerate(rows):
        y = top + n * row_h
        bar = step * result.level
        fill = BAR_FILLS[min(result.level, len(BAR_FILLS) - 1)]
        parts.append(
            f"<g><title>{escape(code)} {escape(title)}: {escape(result.reached_name)}</title>"
            f'<text x="0" y="{y + 16}" font-size="12" font-weight="bold" fill="#111">'
            f"{escape(code)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{plot_w}" height="{row_h - 8}" '
            f'fill="url(#hatch)" opacity="0.25"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar:.1f}" height="{row_h - 8}" '
            f'fill="{fill}" stroke="#111" stroke-width="0.5"/>'
            f'<text x="{label_w + max(bar, 0) + 4:.1f}" y="{y + 16}" font-size="11" fill="#111">'
            f"{escape(result.reached_name)} ({result.done}/{result.total})</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def chart_for(matrix) -> str:
    """The chart of an assessment's matrix, ready for a template (its text is escaped)."""
    rows = [(sub.code, sub.title, result) for sub, result in matrix.scorecard.rows]
    return mark_safe(stage_chart_svg(rows, [s.name for s in matrix.structure.stages]))
