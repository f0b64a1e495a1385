"""A model version's structure in memory, and the scorecard computed over it.

Pages load the structure once (four queries whatever the model's size) and hand plain
values to the pure scoring rule in `scoring.py`.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language

from .models import Action, ModelVersion, Stage, Subdimension
from .scoring import ActionRef, StageRef, StageResult, subdimension_stage


@dataclass
class ModelStructure:
    version: ModelVersion
    stages: list[Stage]
    subdimensions: list[Subdimension]
    actions: list[Action]

    def __post_init__(self) -> None:
        self.refs = {a.code: ActionRef(a.code, a.stage.letter) for a in self.actions}
        self.by_code = {a.code: a for a in self.actions}
        self.actions_by_sub: dict[int, list[Action]] = {s.pk: [] for s in self.subdimensions}
        # The matrix's cells: a subdimension's actions at one stage (subdimension pk, stage pk).
        self.actions_by_cell: dict[tuple[int, int], list[Action]] = {}
        for action in self.actions:
            self.actions_by_sub[action.subdimension_id].append(action)
            cell = (action.subdimension_id, action.stage_id)
            self.actions_by_cell.setdefault(cell, []).append(action)
        self.sub_by_code = {s.code: s for s in self.subdimensions}
        self._stage_refs: dict[str | None, tuple[StageRef, ...]] = {}
        self.dimensions = []
        for sub in self.subdimensions:
            if not self.dimensions or self.dimensions[-1].pk != sub.dimension_id:
                self.dimensions.append(sub.dimension)

    @property
    def stage_refs(self) -> tuple[StageRef, ...]:
        # Kept per language: a stage's name is read in the language active now, and the
        # structure is shared by requests in every language. Built once, not on each of the
        # fifteen scorings of a page (each name read goes through modeltranslation).
        language = get_language()
        refs = self._stage_refs.get(language)
        if refs is None:
            refs = self._stage_refs[language] = tuple(
                StageRef(s.letter, s.name, s.order) for s in self.stages
            )
        return refs

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

    def score(
        self, met_codes: Collection[str], not_applicable: Collection[str] = frozenset()
    ) -> "StageProfile":
        """Every subdimension's, dimension's and the city's stage from the met codes (done or
        not applicable; `not_applicable` names the latter, for the counts)."""
        done, na = set(met_codes), set(not_applicable)
        per_sub = {sub.code: self._stage_of_sub(sub, done, na) for sub in self.subdimensions}
        per_dim = {dim.code: self._stage_of_dim(dim, done, na) for dim in self.dimensions}
        return self._profile(per_sub, per_dim, self._overall(done, na))

    def rescore(
        self,
        profile: "StageProfile",
        code: str,
        met_codes: Collection[str],
        not_applicable: Collection[str] = frozenset(),
    ) -> "StageProfile":
        """`profile` with what one action (`code`) can move scored again from the met codes:
        its subdimension, its dimension and the city's stage; every other stage is the
        same (the scoring rule reads only a stage's own actions)."""
        done, na = set(met_codes), set(not_applicable)
        sub_id = self.by_code[code].subdimension_id
        sub = next(s for s in self.subdimensions if s.pk == sub_id)
        dim = next(d for d in self.dimensions if d.pk == sub.dimension_id)
        per_sub = {**profile.subdimensions, sub.code: self._stage_of_sub(sub, done, na)}
        per_dim = {**profile.dimensions, dim.code: self._stage_of_dim(dim, done, na)}
        return self._profile(per_sub, per_dim, self._overall(done, na))

    def _stage_of_sub(self, sub, done: set[str], na: set[str]) -> StageResult:
        refs = (self.refs[a.code] for a in self.actions_by_sub[sub.pk])
        return subdimension_stage(refs, done, self.stage_refs, na)

    def _stage_of_dim(self, dim, done: set[str], na: set[str]) -> StageResult:
        refs = (
            self.refs[a.code]
            for sub in self.subdimensions_of(dim)
            for a in self.actions_by_sub[sub.pk]
        )
        return subdimension_stage(refs, done, self.stage_refs, na)

    def _overall(self, done: set[str], na: set[str]) -> StageResult:
        return subdimension_stage(self.refs.values(), done, self.stage_refs, na)

    def _profile(self, per_sub: dict, per_dim: dict, overall: StageResult) -> "StageProfile":
        return StageProfile(
            subdimensions=per_sub,
            dimensions=per_dim,
            overall=overall,
            rows=[(sub, per_sub[sub.code]) for sub in self.subdimensions],
            dimension_of={sub.code: sub.dimension.code for sub in self.subdimensions},
        )


@dataclass(frozen=True)
class StageProfile:
    """An assessment's stages: each subdimension's, each dimension's and the city's overall,
    as the scoring rule computes them from what is met."""

    subdimensions: dict[str, StageResult]
    dimensions: dict[str, StageResult]
    overall: StageResult
    rows: list  # (Subdimension, StageResult) in model order, for templates
    dimension_of: dict[str, str] = field(default_factory=dict)  # subdimension → dimension code

    def profile(self) -> dict[str, int]:
        """Subdimension code → stage level (0 = working on the first stage)."""
        return {code: result.level for code, result in self.subdimensions.items()}

    def holding_back(self, dimension_code: str | None = None) -> list[tuple[Any, StageResult]]:
        """The subdimensions that hold a dimension (or, with None, the city) at its stage.

        A group stands at the lowest stage of its subdimensions, so these are the ones at
        that lowest level with a stage still to reach, in model order: finishing their
        missing actions is what moves the group up. Empty when every stage is reached.
        """
        group = [
            (sub, result)
            for sub, result in self.rows
            if dimension_code is None or self.dimension_of.get(sub.code) == dimension_code
        ]
        if not group:
            return []
        lowest = min(result.level for _sub, result in group)
        return [(sub, r) for sub, r in group if r.level == lowest and r.next_stage is not None]


# Published versions are read-only, so their structure is kept per process once loaded: a
# tick or a page then scores without re-reading the model. The key includes the load time,
# so a database that was emptied and reloaded (tests, a fresh install) never meets a stale
# entry under a reused id.
_CACHE: dict[tuple[int, object, object], ModelStructure] = {}
_CACHE_SIZE = 8


def load_structure(version: ModelVersion) -> ModelStructure:
    # Texts revised (a translation loaded or corrected) means a new entry: the cached records
    # carry every language's text.
    key = (version.pk, version.loaded_at, version.texts_revised_at)
    if version.published and key in _CACHE:
        return _CACHE[key]
    structure = _read_structure(version)
    if version.published:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = structure
    return structure


def _read_structure(version: ModelVersion) -> ModelStructure:
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
