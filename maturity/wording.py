"""How a stage result is said, everywhere it is shown (pages, PDF, exports, dashboards).

The scoring rule's level 0 is not a stage: a subdimension there is *working on* the first
stage, and that is its one name everywhere, short or long ("Working on Starting"; never
"Starting…", whose ellipsis read as cut text, nor a bare 0). "Not started" is an action's
status only, never a stage.
"""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from .scoring import StageResult

# A headline names at most this many subdimensions that hold it back, then "and N more".
HELD_BACK_SHOWN = 3


def level_label(level: int | None, stage_names: Sequence[str]) -> str:
    """One label for a level, where only one fits (tables, heatmap cells, medians, trend).

    `stage_names` are the model's stages in order (Starting … Vertebrate).
    """
    if level is None:
        return "—"
    if level == 0:
        return working_on(stage_names[0] if stage_names else _("the first stage"))
    return stage_names[level - 1]


def working_on(stage_name: str) -> str:
    return _("Working on %(stage)s") % {"stage": stage_name}


def reached_label(result: StageResult) -> str:
    """The stage reached, or what is being worked on before the first stage is reached."""
    if result.reached is None:
        return working_on(result.next_stage.name) if result.next_stage else "—"
    return _("%(stage)s reached") % {"stage": result.reached.name}


def short_label(result: StageResult) -> str:
    """The stage reached in a few words: "Moderate", or "Working on Starting" before Starting."""
    if result.reached is None:
        return working_on(result.next_stage.name) if result.next_stage else "—"
    return result.reached.name


def progress_label(result: StageResult) -> str:
    """What is being worked on and how far: "Advanced: 3 of 5 done"."""
    if result.next_stage is None:
        return _("every stage reached")
    met, total = result.next_progress
    return _("%(stage)s: %(met)s of %(total)s done") % {
        "stage": result.next_stage.name,
        "met": met,
        "total": total,
    }


def summary(result: StageResult) -> str:
    """The full sentence: "Moderate reached · Advanced: 3 of 5 done" (with N/As when any).

    Before Starting is complete: "Working on Starting: 2 of 3 done".
    """
    if result.reached is None and result.next_stage is not None:
        text = progress_label(result)
        text = _("Working on %(progress)s") % {"progress": text}
    elif result.next_stage is None:
        text = _("%(stage)s reached · every stage reached") % {"stage": result.reached.name}
    else:
        text = f"{reached_label(result)} · {progress_label(result)}"
    return text + na_note(result)


def na_note(result: StageResult) -> str:
    if not result.not_applicable:
        return ""
    return " · " + _("%(n)s N/A") % {"n": result.not_applicable}


def held_back(rows: list[tuple]) -> str:
    """ "held back by I2 Resources to build up resilience and to response: I2S3 missing;
    L2 Legislation development and refinement: L2M1, L2A1 missing and 2 more" from
    Scorecard.holding_back(); "" when nothing holds the group back. Each subdimension is
    named beside its code: a reader of the headline should not need the matrix to decode it."""
    if not rows:
        return ""
    parts = []
    for sub, result in rows[:HELD_BACK_SHOWN]:
        codes = ", ".join(a.code for a in result.missing)
        parts.append(
            _("%(sub)s %(title)s: %(codes)s missing")
            % {"sub": sub.code, "title": sub.title, "codes": codes}
        )
    text = _("held back by %(parts)s") % {"parts": "; ".join(parts)}
    if len(rows) > HELD_BACK_SHOWN:
        text += " " + _("and %(n)s more") % {"n": len(rows) - HELD_BACK_SHOWN}
    return text
