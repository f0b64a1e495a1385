"""A model version's structure in memory, and the scorecard computed over it.

Pages load the structure once (four queries whatever the model's size) and hand plain
values to the pure scoring rule in `scoring.py`.
"""

from collections.abc import Collection
from dataclasses import dataclass

from .models import Action, ModelVersion, Stage, Subdimension
from .scoring import ActionRef, StageRef, StageResult, subdimension_stage


@dataclass
class ModelStructure:
    version: ModelVersion
    stages: list[Stage]
    subdimensions: list[Subdimension]
    actions: list[Action]

    def __post_init__(self) -> None:
        self.stage_refs = [StageRef(s.letter, s.name, s.order) for s in self.stages]
        self.refs = {a.code: ActionRef(a.code, a.stage.letter) for a in self.actions}
        self.by_code = {a.code: a for a in self.actions}
        self.actions_by_sub: dict[int, list[Action]] = {s.pk: [] for s in self.subdimensions}
        for action in self.actions:
            self.actions_by_sub[action.subdimension_id].append(action)
        self.sub_by_code = {s.code: s for s in self.subdimensions}
        self.dimensions = []
        for sub in self.subdimensions:
            if not self.dimensions or self.dimensions[-1].pk != sub.dimension_id:
                self.dimensions.append(sub.dimension)

    def done_mask(self, subdimension_code: str, done_codes: Collection[str]) -> int:
        """The done actions of one subdimension as bits, in model order (bit 0 = first)."""
        actions = self.actions_by_sub[self.sub_by_code[subdimension_code].pk]
        return sum(1 << i for i, a in enumerate(actions) if a.code in done_codes)

    def codes_by_bit(self) -> dict[str, list[str]]:
        """Subdimension code → its action codes in bit order (the inverse of done_mask)."""
        return {
            sub.code: [a.code for a in self.actions_by_sub[sub.pk]] for sub in self.subdimensions
        }

    def subdimensions_of(self, dimension) -> list[Subdimension]:
        return [s for s in self.subdimensions if s.dimension_id == dimension.pk]

    def score(self, done_codes: Collection[str]) -> "Scorecard":
        done = set(done_codes)
        per_sub = {
            sub.code: subdimension_stage(
                (self.refs[a.code] for a in self.actions_by_sub[sub.pk]), done, self.stage_refs
            )
            for sub in self.subdimensions
        }
        per_dim = {
            dim.code: subdimension_stage(
                (
                    self.refs[a.code]
                    for sub in self.subdimensions_of(dim)
                    for a in self.actions_by_sub[sub.pk]
                ),
                done,
                self.stage_refs,
            )
            for dim in self.dimensions
        }
        overall = subdimension_stage(self.refs.values(), done, self.stage_refs)
        rows = [(sub, per_sub[sub.code]) for sub in self.subdimensions]
        return Scorecard(subdimensions=per_sub, dimensions=per_dim, overall=overall, rows=rows)


@dataclass(frozen=True)
class Scorecard:
    subdimensions: dict[str, StageResult]
    dimensions: dict[str, StageResult]
    overall: StageResult
    rows: list  # (Subdimension, StageResult) in model order, for templates

    def profile(self) -> dict[str, int]:
        """Subdimension code → stage level (0 = Not started): what comparisons use."""
        return {code: result.level for code, result in self.subdimensions.items()}


def load_structure(version: ModelVersion) -> ModelStructure:
    return ModelStructure(
        version=version,
        stages=list(version.stages.prefetch_related("stakeholders")),
        subdimensions=list(
            Subdimension.objects.filter(dimension__version=version)
            .select_related("dimension")
            .order_by("dimension__order", "order")
        ),
        actions=list(Action.objects.for_version(version).with_structure()),
    )
