"""The scoring rule, in one pure function.

Rule (as in every SMR tool that computes a stage): a subdimension has reached stage X when
every action of X and of every lower stage in it is done. A stage with no actions in that
subdimension is reached as soon as the stages below it are (L2 and C2 have no Starting
action). Nothing reached yet is "Not started".

Dimension and overall summaries apply the same function to the union of their actions, which
makes them as mature as their least mature subdimension.

No database access here: callers pass plain values, so the page, the PDF report and the
dashboards all compute stages the same way.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class StageRef:
    letter: str
    name: str
    order: int


@dataclass(frozen=True)
class ActionRef:
    code: str
    stage_letter: str


@dataclass(frozen=True)
class StageResult:
    """Where a group of actions stands, and what is missing for the next stage."""

    reached: StageRef | None
    next_stage: StageRef | None
    missing: tuple[ActionRef, ...]
    done: int
    total: int
    done_by_stage: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def reached_name(self) -> str:
        return self.reached.name if self.reached else NOT_STARTED

    @property
    def level(self) -> int:
        """0 for Not started, then 1 … number of stages."""
        return self.reached.order if self.reached else 0

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


NOT_STARTED = "Not started"


def subdimension_stage(
    actions: Iterable[ActionRef], done_codes: Collection[str], stages: Sequence[StageRef]
) -> StageResult:
    """Return the stage reached by `actions` given the codes that are done.

    `stages` is the model version's stages in any order; they are sorted by `order`.
    `missing` lists the next stage's actions that are not done yet, in the given order.
    """
    ordered = sorted(stages, key=lambda s: s.order)
    by_stage: dict[str, list[ActionRef]] = {s.letter: [] for s in ordered}
    actions = list(actions)
    for action in actions:
        if action.stage_letter not in by_stage:
            raise ValueError(f"{action.code}: unknown stage letter {action.stage_letter!r}")
        by_stage[action.stage_letter].append(action)

    done_set = set(done_codes)
    reached: StageRef | None = None
    next_stage: StageRef | None = None
    missing: tuple[ActionRef, ...] = ()
    for stage in ordered:
        not_done = tuple(a for a in by_stage[stage.letter] if a.code not in done_set)
        if not_done:
            next_stage, missing = stage, not_done
            break
        reached = stage

    done_by_stage = {
        s.letter: (
            sum(1 for a in by_stage[s.letter] if a.code in done_set),
            len(by_stage[s.letter]),
        )
        for s in ordered
    }
    return StageResult(
        reached=reached,
        next_stage=next_stage,
        missing=missing,
        done=sum(1 for a in actions if a.code in done_set),
        total=len(actions),
        done_by_stage=done_by_stage,
    )
