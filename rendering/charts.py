"""Charts drawn on the server as SVG, shared by the pages and the PDF.

Every chart names subdimensions by code and title, colours stages with the ordered palette
(`palette.py`, lighter to darker as stages rise, so greyscale keeps the order) and writes the
stage in words beside each mark, so nothing depends on colour alone. No inline style or
script: the strict Content-Security-Policy holds.
"""

import textwrap
from dataclasses import dataclass
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maturity import wording
from maturity.scoring import StageResult

from . import palette

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


@dataclass(frozen=True)
class ProfileRow:
    code: str
    title: str
    result: StageResult


def grouped(n: int) -> str:
    """A count with the language's thousands separator (20,000 · 20 000 · 20.000): a
    network's dashboard counts tens of thousands of cities and a million actions."""
    return number_format(n, force_grouping=True)


def _svg(
    width: int, height: int, chart_id: str, title: str, body: list[str], *, stretch: bool = True
) -> SafeString:
    """The SVG element; `stretch` fills the box's width, else it keeps its natural size."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{"100%" if stretch else width}" role="img" aria-labelledby="{chart_id}-title" '
        f'class="chart" '
        f'id="{chart_id}" font-family="{FONT}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text is escaped


def _label(x: float, y: float, code: str, title: str, *, width: int = 34) -> str:
    """A subdimension's code in bold and its title on up to two lines."""
    lines = textwrap.wrap(title, width)[:2]
    if len(textwrap.wrap(title, width)) > 2:
        lines[-1] = lines[-1][: width - 1] + "…"
    spans = "".join(
        f'<tspan x="{x + 30}" dy="{0 if i == 0 else 12}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x}" y="{y}" font-size="11" font-weight="bold" fill="#111">{escape(code)}</text>'
        f'<text x="{x + 30}" y="{y}" font-size="10" fill="#333">{spans}</text>'
    )


def _stage_axis(x0: float, step: float, top: float, bottom: float, names: list[str]) -> str:
    parts = []
    for i, name in enumerate(names):
        x = x0 + step * (i + 1)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" stroke="#999" '
            f'stroke-dasharray="2,2"/><text x="{x - step / 2:.1f}" y="{top - 8}" font-size="10" '
            f'text-anchor="middle" fill="#222">{escape(name)}</text>'
        )
    return "".join(parts)


def profile_chart(
    rows: list[ProfileRow], stage_names: list[str], *, chart_id: str = "profile"
) -> SafeString:
    """Stage reached per subdimension: one bar each, its length the stage, with words."""
    width, label_w, row_h, top = 760, 270, 34, 28
    plot_w = width - label_w - 150
    step = plot_w / max(len(stage_names), 1)
    height = top + row_h * len(rows) + 6
    body = [_stage_axis(label_w, step, top, height - 4, stage_names)]
    for n, row in enumerate(rows):
        y = top + n * row_h
        level = row.result.level
        bar = max(step * level, 4)
        body.append(
            f'<g class="profile-row" data-code="{escape(row.code)}" data-level="{level}">'
            f"<title>{escape(row.code)} {escape(row.title)}: "
            f"{escape(wording.summary(row.result))}</title>"
            + _label(0, y + 14, row.code, row.title)
            + f'<rect x="{label_w}" y="{y + 5}" width="{plot_w}" height="{row_h - 12}" '
            f'fill="#f3f3f3" stroke="#ccc" stroke-width="0.5"/>'
            f'<rect x="{label_w}" y="{y + 5}" width="{bar:.1f}" height="{row_h - 12}" '
            f'fill="{palette.fill(level)}" stroke="#111" stroke-width="0.6"/>'
            f'<text x="{label_w + plot_w + 6}" y="{y + 15}" font-size="10" fill="#111">'
            f"{escape(wording.short_label(row.result))}</text>"
            f'<text x="{label_w + plot_w + 6}" y="{y + 27}" font-size="9" fill="#444">'
            f"{escape(_progress_note(row.result))}</text></g>"
        )
    # The title is the figure's alternative text (aria-labelledby on the page, /Alt in the PDF):
    # each subdimension with its stage, the values beside their labels.
    title = (
        _("Stage reached per subdimension")
        + ": "
        + "; ".join(f"{row.code} {row.title}: {wording.summary(row.result)}" for row in rows)
    )
    return _svg(width, height, chart_id, title, body)


def _progress_note(result: StageResult) -> str:
    if result.next_stage is None:
        return _("all stages")
    met, total = result.next_progress
    return f"{result.next_stage.name} {met}/{total}"


def profile_thumbnail(rows: list[ProfileRow], *, chart_id: str = "thumb") -> SafeString:
    """A small profile for start pages: one column per subdimension, height by stage."""
    width, height, col, top = 220, 70, 22, 4
    levels = len(palette.STAGE_COLOURS) - 1
    body = []
    for n, row in enumerate(rows):
        level = row.result.level
        h = max(3, (height - 18 - top) * level / levels)
        x = n * col
        body.append(
            f"<g><title>{escape(row.code)}: {escape(wording.short_label(row.result))}</title>"
            f'<rect x="{x + 2}" y="{height - 16 - h:.1f}" width="{col - 4}" height="{h:.1f}" '
            f'fill="{palette.fill(level)}" stroke="#111" stroke-width="0.5"/>'
            f'<text x="{x + col / 2}" y="{height - 4}" font-size="8" text-anchor="middle" '
            f'fill="#222">{escape(row.code)}</text></g>'
        )
    return _svg(width, height, chart_id, _("Stage profile"), body, stretch=False)


@dataclass(frozen=True)
class ProfileColumn:
    """One assessment in a progress-over-time chart."""

    label: str  # e.g. the reference year
    levels: dict[str, int]  # subdimension code → level


def progress_chart(
    columns: list[ProfileColumn],
    subdimensions: list[tuple[str, str]],
    stage_names: list[str],
    *,
    chart_id: str = "progress",
) -> SafeString:
    """Every assessment's profile side by side, oldest first: a cell per subdimension and
    assessment, coloured by stage and labelled with the stage's short name."""
    label_w, cell_w, row_h, top = 270, 92, 30, 26
    width = label_w + cell_w * max(len(columns), 1) + 4
    height = top + row_h * len(subdimensions) + 4
    body = []
    for i, col in enumerate(columns):
        x = label_w + i * cell_w
        body.append(
            f'<text x="{x + cell_w / 2}" y="{top - 8}" font-size="11" font-weight="bold" '
            f'text-anchor="middle" fill="#111">{escape(col.label)}</text>'
        )
    for n, (code, title) in enumerate(subdimensions):
        y = top + n * row_h
        body.append(_label(0, y + 13, code, title))
        for i, col in enumerate(columns):
            x = label_w + i * cell_w
            level = col.levels.get(code)
            text = "—" if level is None else wording.level_label(level, stage_names)
            fill = "#ffffff" if level is None else palette.fill(level)
            ink = "#111" if level is None else palette.ink(level)
            body.append(
                f"<g><title>{escape(col.label)} {escape(code)}: {escape(text)}</title>"
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{row_h - 4}" '
                f'fill="{fill}" stroke="#666" stroke-width="0.5"/>'
                f'<text x="{x + cell_w / 2}" y="{y + row_h / 2 + 4}" font-size="10" '
                f'text-anchor="middle" fill="{ink}">{escape(text)}</text></g>'
            )
    title = _("Stage per subdimension, assessment by assessment")
    return _svg(width, height, chart_id, title, body, stretch=False)


def compare_chart(
    rows: list[tuple[str, str, int, int]],
    older: str,
    newer: str,
    stage_names: list[str],
    *,
    chart_id: str = "compare",
) -> SafeString:
    """Two bars per subdimension: the older assessment (thin, grey) and the newer one (thick,
    stage colour), with the move in words. rows: (code, title, level before, level after)."""
    width, label_w, row_h, top = 760, 270, 36, 46
    plot_w = width - label_w - 120
    step = plot_w / max(len(stage_names), 1)
    height = top + row_h * len(rows) + 6
    body = [
        f'<rect x="{label_w}" y="4" width="18" height="6" fill="#9a9a9a"/>'
        f'<text x="{label_w + 24}" y="11" font-size="10" fill="#111">{escape(older)}</text>'
        f'<rect x="{label_w + 200}" y="2" width="18" height="10" fill="{palette.fill(3)}" '
        f'stroke="#111" stroke-width="0.5"/>'
        f'<text x="{label_w + 224}" y="11" font-size="10" fill="#111">{escape(newer)}</text>',
        _stage_axis(label_w, step, top, height - 4, stage_names),
    ]
    for n, (code, title, before, after) in enumerate(rows):
        y = top + n * row_h
        delta = after - before
        move = _("up %(n)s") % {"n": delta} if delta > 0 else _("down %(n)s") % {"n": -delta}
        move = move if delta else _("same")
        body.append(
            f"<g><title>{escape(code)} {escape(title)}: "
            f"{escape(wording.level_label(before, stage_names))} → "
            f"{escape(wording.level_label(after, stage_names))}</title>"
            + _label(0, y + 14, code, title)
            + f'<rect x="{label_w}" y="{y + 4}" width="{max(step * before, 3):.1f}" height="7" '
            f'fill="#9a9a9a"/>'
            f'<rect x="{label_w}" y="{y + 13}" width="{max(step * after, 3):.1f}" height="12" '
            f'fill="{palette.fill(after)}" stroke="#111" stroke-width="0.5"/>'
            f'<text x="{label_w + plot_w + 6}" y="{y + 22}" font-size="10" fill="#111">'
            f"{escape(move)}</text></g>"
        )
    return _svg(width, height, chart_id, _("Stages before and after"), body)


def rows_for(scorecard) -> list[ProfileRow]:
    return [ProfileRow(sub.code, sub.title, result) for sub, result in scorecard.rows]


def chart_for(matrix) -> SafeString:
    """The profile chart of an assessment's matrix, ready for a template."""
    return profile_chart(rows_for(matrix.scorecard), [s.name for s in matrix.structure.stages])


def _legend(x0: float, y: float, stage_names: list[str], width: float) -> tuple[str, float]:
    """Swatches with the stage names, wrapping to as many lines as the width needs."""
    parts, x, line = [], x0, 0
    for level, name in enumerate(stage_names):
        w = 22 + 6.2 * len(name)
        if x + w > width and x > x0:
            x, line = x0, line + 1
        yy = y + line * 16
        parts.append(
            f'<rect x="{x:.1f}" y="{yy - 9}" width="12" height="12" fill="{palette.fill(level)}" '
            f'stroke="#111" stroke-width="0.5"/><text x="{x + 16:.1f}" y="{yy + 1}" '
            f'font-size="10" fill="#111">{escape(name)}</text>'
        )
        x += w + 8
    return "".join(parts), (line + 1) * 16


def _stacked(
    rows: list[tuple[str, str, list[int]]],
    stage_names: list[str],
    title: str,
    chart_id: str,
    *,
    label_w: int = 270,
) -> SafeString:
    """One 100 % bar per row, a segment per stage in the stage's colour with the number of
    cities written in it (when it fits) and in its tooltip; a legend with the stage names."""
    width, row_h = 760, 30
    plot_w = width - label_w - 60
    legend, legend_h = _legend(0, 14, stage_names, width)
    top = legend_h + 8
    height = top + row_h * len(rows) + 4
    body = [legend]
    for n, (code, label, counts) in enumerate(rows):
        y = top + n * row_h
        total = sum(counts)
        body.append(_label(0, y + 14, code, label) if label_w >= 200 else
                    f'<text x="0" y="{y + 18}" font-size="11" font-weight="bold" fill="#111">'
                    f"{escape(code)}</text>")  # fmt: skip
        x = float(label_w)
        for level, count in enumerate(counts):
            if not count:
                continue
            w = plot_w * count / total
            name = stage_names[level] if level < len(stage_names) else str(level)
            shown = grouped(count)
            body.append(
                f"<g><title>{escape(code)} {escape(label)}: {escape(name)}, {shown}</title>"
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
                f'fill="{palette.fill(level)}" stroke="#111" stroke-width="0.5"/>'
                + (
                    f'<text x="{x + w / 2:.1f}" y="{y + row_h / 2 + 3}" font-size="10" '
                    f'text-anchor="middle" fill="{palette.ink(level)}">{shown}</text>'
                    if w >= 8 + 6 * len(shown)
                    else ""
                )
                + "</g>"
            )
            x += w
        body.append(
            f'<text x="{label_w + plot_w + 6}" y="{y + row_h / 2 + 3}" font-size="10" '
            f'fill="#333">{grouped(total)}</text>'
        )
    return _svg(width, height, chart_id, title, body)


def distribution_chart(
    rows: list[tuple[str, str, list[int]]],
    stage_names: list[str],
    *,
    chart_id: str = "distribution",
) -> SafeString:
    """Cities at each stage per subdimension. rows: (code, title, cities per level)."""
    return _stacked(rows, stage_names, _("Cities at each stage, per subdimension"), chart_id)


def trend_chart(
    rows: list[tuple[str, list[int]]],
    stage_names: list[str],
    *,
    chart_id: str = "trend",
) -> SafeString:
    """Cities at each overall stage, year by year. rows: (year, cities per level)."""
    return _stacked(
        [(str(year), "", counts) for year, counts in rows],
        stage_names,
        _("Cities at each overall stage, by year"),
        chart_id,
        label_w=60,
    )


def scorecard_radar(
    essentials: list[tuple[int, str, int, int, int]], *, chart_id: str = "scorecard-radar"
) -> SafeString:
    """The Scorecard's ten Essentials on a radar: each spoke is an Essential, its point the
    share of the Essential's maximum reached, labelled "E1 6/9 · 1 to answer" beside the spoke
    (unanswered questions counted apart), so nothing depends on the shape alone.

    `essentials`: (number, title, score, maximum, unanswered) per Essential.
    """
    import math

    width, height, cx, cy, radius = 640, 420, 320, 210, 150
    n = max(len(essentials), 1)
    body: list[str] = []

    def point(i: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + radius * fraction * math.cos(angle), cy + radius * fraction * math.sin(angle)

    for ring in (1 / 3, 2 / 3, 1):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        body.append(f'<polygon points="{pts}" fill="none" stroke="#bbb" stroke-width="1"/>')
    for i, (number, title, score, maximum, unanswered) in enumerate(essentials):
        x, y = point(i, 1)
        body.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#bbb" stroke-width="1"/>'
        )
        lx, ly = point(i, 1.18)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        pending = (
            " · "
            + ngettext("%(n)s to answer", "%(n)s to answer", unanswered)
            % {"n": grouped(unanswered)}
            if unanswered
            else ""
        )
        body.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11" text-anchor="{anchor}" fill="#111">'
            f"<title>{escape(title)}</title>"
            f'<tspan font-weight="bold">E{number}</tspan> {score}/{maximum}{escape(pending)}</text>'
        )
    shape = [
        point(i, (score / maximum) if maximum else 0)
        for i, (_n, _t, score, maximum, _u) in enumerate(essentials)
    ]
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in shape)
    colour = palette.fill(3)
    body.append(
        f'<polygon points="{pts}" fill="{colour}" fill-opacity="0.35" stroke="{colour}" '
        f'stroke-width="2"/>'
    )
    body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in shape]
    total = sum(e[2] for e in essentials)
    maximum = sum(e[3] for e in essentials)
    title = _("Scorecard by Essential: %(score)d of %(max)d") % {"score": total, "max": maximum}
    # The alternative text names every Essential with its score, as the spokes' labels do.
    title += ". " + "; ".join(f"E{e[0]} {e[1]}: {e[2]}/{e[3]}" for e in essentials)
    return _svg(width, height, chart_id, title, body)


def score_bars(
    rows: list[tuple[str, str, float | None, int, str]],
    title: str,
    *,
    chart_id: str = "score-bars",
) -> SafeString:
    """One bar per row under its code and title, its length the value out of the maximum, the
    value and a note in words beside it (e.g. averages across cities per Scorecard Essential);
    a row with no value gets no bar and says "—", never a bar of 0. Narrow enough for a phone
    at its natural size. rows: (code, title, value, maximum, note)."""
    width, plot_x, plot_w, bar_h = 440, 32, 224, 14
    maximum = max((r[3] for r in rows), default=1) or 1
    colour = palette.fill(3)
    body, y = [], 14
    for tick in range(int(maximum) + 1):
        body.append(
            f'<text x="{plot_x + plot_w * tick / maximum:.1f}" y="{y}" font-size="10" '
            f'text-anchor="middle" fill="#222">{tick}</text>'
        )
    y += 8
    for code, label, value, row_max, note in rows:
        lines = textwrap.wrap(label, 60) or [""]
        if len(lines) > 2:
            lines = [lines[0], lines[1][:59] + "…"]
        shown = "—" if value is None else f"{value:.1f} / {row_max}"
        spans = "".join(
            f'<tspan x="{plot_x}" dy="{0 if i == 0 else 13}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        top = y + 13 * len(lines) + 4
        bar = (
            f'<rect x="{plot_x}" y="{top}" width="{plot_w * value / maximum:.1f}" '
            f'height="{bar_h}" fill="{colour}" stroke="#111" stroke-width="0.6"/>'
            if value
            else ""
        )
        grid = "".join(
            f'<line x1="{plot_x + plot_w * t / maximum:.1f}" y1="{top - 2}" '
            f'x2="{plot_x + plot_w * t / maximum:.1f}" y2="{top + bar_h + 2}" stroke="#999" '
            f'stroke-dasharray="2,2"/>'
            for t in range(int(maximum) + 1)
        )
        body.append(
            f"<g><title>{escape(code)} {escape(label)}: {escape(shown)}, {escape(note)}</title>"
            f'<text x="0" y="{y + 10}" font-size="11" font-weight="bold" fill="#111">'
            f"{escape(code)}</text>"
            f'<text x="{plot_x}" y="{y + 10}" font-size="11" fill="#333">{spans}</text>'
            f'<rect x="{plot_x}" y="{top}" width="{plot_w}" height="{bar_h}" fill="#f3f3f3" '
            f'stroke="#ccc" stroke-width="0.5"/>{bar}{grid}'
            f'<text x="{plot_x + plot_w + 6}" y="{top + 11}" font-size="11" fill="#111">'
            f"{escape(shown)}</text>"
            f'<text x="{plot_x + plot_w + 6}" y="{top + 24}" font-size="10" fill="#444">'
            f"{escape(note)}</text></g>"
        )
        y = top + bar_h + 16
    return _svg(width, y, chart_id, title, body, stretch=False)
