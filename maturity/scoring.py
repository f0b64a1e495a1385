"""The scoring rule, in one pure function.

Rule (as in every SMR tool that computes a stage): a subdimension has reached stage X when
every action of X and of every lower stage in it is met. A stage with no actions in that
subdimension is reached as soon as the stages below it are (L2 and C2 have no Starting
action). Before its first stage is complete a subdimension is at level 0, "working on" that
stage (the words are in `wording.py`).

An action is met when it is done, or marked not applicable with a reason. Not-applicable
actions are counted apart, so "actions done" never includes them.

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
    next_stage: StageRef | None  # the stage being worked on; None once every stage is reached
    missing: tuple[ActionRef, ...]
    done: int  # actions done (not-applicable ones are not done)
    total: int
    # Stage letter → (met, total) of that stage's actions.
    done_by_stage: dict[str, tuple[int, int]] = field(default_factory=dict)
    not_applicable: int = 0

    @property
    def level(self) -> int:
        """0 while working on the first stage, then 1 … number of stages."""
        return self.reached.order if self.reached else 0

    @property
    def met(self) -> int:
        return self.done + self.not_applicable

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def percent_met(self) -> int:
        return round(100 * self.met / self.total) if self.total else 0

    @property
    def next_progress(self) -> tuple[int, int] | None:
        """(met, total) of the stage being worked on."""
        return self.done_by_stage[self.next_stage.letter] if self.next_stage else None


def subdimension_stage(
    actions: Iterable[ActionRef],
    done_codes: Collection[str],
    stages: Sequence[StageRef],
    not_applicable: Collection[str] = frozenset(),
) -> StageResult:
    """Return the stage reached by `actions` given the codes that are met.

    `done_codes` are the met codes: done or not applicable; `not_applicable` says which of
    them are met by being not applicable, for the counts only.
    `stages` is the model version's stages in any order; they are sorted by `order`.
    `missing` lists the next stage's actions that are not met yet, in the given order.
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
    na = sum(1 for a in actions if a.code in done_set and a.code in not_applicable)
    return StageResult(
        reached=reached,
        next_stage=next_stage,
        missing=missing,
        done=sum(1 for a in actions if a.code in done_set) - na,
        total=len(actions),
        done_by_stage=done_by_stage,
        not_applicable=na,
    )
