"""The one owner of what the scoring rule is fed and of what it means for the next steps.

- Scoring inputs: which actions of an assessment are met, and which of those are met by
  being not applicable (`scoring_inputs`, or `inputs_by_assessment` for many at once); the
  definition of "met" is `models.MET_STATUSES`.
- Next steps: the actions missing for each subdimension's next stage, in the order pages,
  the PDF and the work plan list them (`next_steps`).
- The comparison of two assessments.

Everything gathers plain values with a fixed number of queries and defers to the scoring rule
in `maturity.scoring`; pages, reports, exports and dashboards only present what comes back.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from maturity import crosswalk, wording
from maturity.models import Action, Subdimension
from maturity.scoring import StageResult
from maturity.structure import ModelStructure, StageProfile, load_structure

from .carry import inputs_through
from .models import MET_STATUSES, ActionRecord, ActionStatus, Assessment

Inputs = tuple[set[str], set[str]]  # (met codes, the not-applicable ones among them)


def inputs_of(statuses: Iterable[tuple[str, str]]) -> Inputs:
    """(met codes, the not-applicable ones among them) from (action code, status) pairs: the
    one place a status becomes a scoring input."""
    met: set[str] = set()
    na: set[str] = set()
    for code, status in statuses:
        if status in MET_STATUSES:
            met.add(code)
        if status == ActionStatus.NOT_APPLICABLE:
            na.add(code)
    return met, na


def inputs_by_assessment(assessment_ids: Iterable[int]) -> dict[int, Inputs]:
    """Assessment id → (met codes, not-applicable codes), in one query."""
    ids = list(assessment_ids)
    by_id: dict[int, list] = {pk: [] for pk in ids}
    # No ordering: sets are built, and the model's order would join three more tables.
    rows = (
        ActionRecord.objects.filter(assessment_id__in=ids, status__in=MET_STATUSES)
        .order_by()
        .values_list("assessment_id", "action__code", "status")
    )
    for assessment_id, code, status in rows:
        by_id[assessment_id].append((code, status))
    return {pk: inputs_of(pairs) for pk, pairs in by_id.items()}


def statuses(assessment: Assessment) -> dict[int, str]:
    """Action id → the status of its record in the assessment, in one query."""
    records = ActionRecord.objects.filter(assessment=assessment).order_by()
    return dict(records.values_list("action_id", "status"))


def inputs_from(structure: ModelStructure, statuses: dict[int, str]) -> Inputs:
    """What `scoring_inputs` reads, from statuses already read (`statuses`)."""
    return inputs_of((a.code, statuses.get(a.pk)) for a in structure.actions)


def scoring_inputs(assessment: Assessment) -> Inputs:
    return inputs_by_assessment([assessment.pk])[assessment.pk]


def stage_profile(assessment: Assessment, structure: ModelStructure | None = None) -> StageProfile:
    structure = structure or load_structure(assessment.model_version)
    return structure.score(*scoring_inputs(assessment))


@dataclass(frozen=True)
class StageMove:
    """An assessment scored before and after one action's status changed."""

    met: set[str]
    not_applicable: set[str]
    before: StageProfile
    after: StageProfile


def stage_move(assessment: Assessment, code: str, old_status: str) -> StageMove:
    """The assessment's scorecard before and after `code` left `old_status`, from one read
    of the statuses as they are now (the model's stages come from the cached structure)."""
    structure = load_structure(assessment.model_version)
    met, na = scoring_inputs(assessment)
    was_met, was_na = inputs_of([(code, old_status)])
    then_met, then_na = (met - {code}) | was_met, (na - {code}) | was_na
    after = structure.score(met, na)
    return StageMove(met, na, structure.rescore(after, code, then_met, then_na), after)


@dataclass(frozen=True)
class NextStep:
    """An action missing for its subdimension's next stage."""

    subdimension: Subdimension
    result: StageResult
    action: Action


def next_steps(structure: ModelStructure, card: StageProfile) -> list[NextStep]:
    """Every subdimension's missing actions for its next stage, earliest stage first.

    Within a stage: model order (dimension, subdimension, action).
    """
    steps = [
        NextStep(sub, result, structure.by_code[ref.code])
        for sub, result in card.rows
        if result.next_stage
        for ref in result.missing
    ]
    steps.sort(
        key=lambda s: (
            s.result.next_stage.order,
            s.subdimension.dimension.order,
            s.subdimension.order,
            s.action.order,
        )
    )
    return steps


@dataclass(frozen=True)
class SubdimensionMove:
    code: str
    title: str
    before: str  # short, for table cells: "Moderate", "Working on Starting"
    after: str
    delta: int
    level_before: int | None
    level_after: int
    # In words, for sentences: "Working on Starting", "Moderate reached".
    before_in_words: str = "—"
    after_in_words: str = "—"


@dataclass(frozen=True)
class Comparison:
    older: Assessment
    newer: Assessment
    rows: list[SubdimensionMove]
    completed: list[str]
    reverted: list[str]
    stage_names: list[str]
    # The city's overall stage, before and after (code "", title "Overall"): the move a mayor
    # quotes ("from Working on Starting to Advanced").
    overall: SubdimensionMove | None = None
    # The completed and reverted actions themselves, code and text, in model order.
    completed_actions: tuple = ()
    reverted_actions: tuple = ()
    # The version crosswalk the older assessment was read through (another model version),
    # else None: pages and the report say so.
    through: crosswalk.VersionCrosswalk | None = None

    @property
    def moved_up(self) -> list[SubdimensionMove]:
        return [r for r in self.rows if r.delta > 0]

    @property
    def moved_down(self) -> list[SubdimensionMove]:
        return [r for r in self.rows if r.delta < 0]


def compare(a: Assessment, b: Assessment) -> Comparison:
    """Compare two assessments of one city, older first whichever order they are given in.

    On two model versions with a crosswalk between them (2018 → 2.0), the older one is read
    through it (carry.inputs_through) and both are scored on the newer model: its actions
    completed and no longer done are the newer version's, and `through` names the crosswalk.
    """
    older, newer = sorted([a, b], key=lambda x: (x.reference_date, x.pk))
    s_old = load_structure(older.model_version)
    s_new = (
        s_old
        if newer.model_version_id == older.model_version_id
        else load_structure(newer.model_version)
    )
    inputs = inputs_by_assessment([older.pk, newer.pk])
    (met_old, na_old), (met_new, na_new) = inputs[older.pk], inputs[newer.pk]
    # Across a version change, the older assessment is read through the version crosswalk
    # and scored on the newer model: every figure is then of one version, and the page says
    # so (`through`).
    walk = (
        crosswalk.between(older.model_version, newer.model_version)
        if newer.model_version_id != older.model_version_id
        else None
    )
    if walk is not None:
        s_old = s_new
        met_old, na_old = inputs_through(walk, met_old, na_old)
    card_old, card_new = s_old.score(met_old, na_old), s_new.score(met_new, na_new)
    old_names, new_names = [s.name for s in s_old.stages], [s.name for s in s_new.stages]
    rows = []
    for sub in s_new.subdimensions:
        before = card_old.subdimensions.get(sub.code)
        after = card_new.subdimensions[sub.code]
        rows.append(
            SubdimensionMove(
                code=sub.code,
                title=sub.title,
                before=wording.short_label(before) if before else "—",
                after=wording.short_label(after),
                delta=after.level - (before.level if before else 0),
                level_before=before.level if before else None,
                level_after=after.level,
                before_in_words=wording.level_label(before.level, old_names) if before else "—",
                after_in_words=wording.level_label(after.level, new_names),
            )
        )
    order = list(s_new.by_code)
    completed = [c for c in order if c in met_new and c not in met_old]
    reverted = [c for c in order if c in met_old and c not in met_new]
    old_all, new_all = card_old.overall, card_new.overall
    overall = SubdimensionMove(
        code="",
        title=str(_("Overall")),
        before=wording.short_label(old_all),
        after=wording.short_label(new_all),
        delta=new_all.level - old_all.level,
        level_before=old_all.level,
        level_after=new_all.level,
        before_in_words=wording.level_label(old_all.level, old_names),
        after_in_words=wording.level_label(new_all.level, new_names),
    )
    return Comparison(
        older=older,
        newer=newer,
        rows=rows,
        completed=completed,
        reverted=reverted,
        stage_names=[s.name for s in s_new.stages],
        overall=overall,
        completed_actions=tuple(s_new.by_code[c] for c in completed),
        reverted_actions=tuple(s_new.by_code[c] for c in reverted),
        through=walk,
    )


@dataclass(frozen=True)
class PlanItem:
    """An outstanding action of the work plan, with the stage it is needed for next (None:
    a later stage's)."""

    action: Action
    record: ActionRecord
    needed_for: object = None  # Stage


def work_plan(structure: ModelStructure, card: StageProfile, records: dict) -> list[PlanItem]:
    """The outstanding (not met) actions in model order, each with the next stage of its
    subdimension that needs it. `records` maps action id → record. The PDF groups them by
    that stage, the work plan spreadsheet by subdimension."""
    needed = {s.action.pk: s.result.next_stage for s in next_steps(structure, card)}
    return [
        PlanItem(a, records[a.pk], needed.get(a.pk))
        for a in structure.actions
        if not records[a.pk].is_met
    ]


@dataclass
class EssentialProgress:
    """One Ten Essential (current edition): the actions linked to it, with this assessment's
    status of each and the Scorecard questions the link names."""

    essential: object  # policies.models.Essential
    actions: list  # {"action", "status", "questions"}, in the links' order

    @property
    def done(self) -> int:
        """Done counts; not applicable does not (it meets a stage, it achieves nothing)."""
        return sum(1 for a in self.actions if a["status"] == ActionStatus.DONE)

    @property
    def total(self) -> int:
        return len(self.actions)

    @property
    def codes(self) -> list[str]:
        return sorted(a["action"].code for a in self.actions)


def essential_progress(
    assessment: Assessment, status: dict[int, str] | None = None, *, linked_only: bool = False
) -> list[EssentialProgress]:
    """Each Essential of the current edition with the assessment's linked actions, in three
    queries; `status` (action id → status) when the caller holds the records, and
    `linked_only` (only Essentials with links) leave one."""
    from policies.models import Essential, EssentialLink

    if status is None:
        status = dict(assessment.records.order_by().values_list("action_id", "status"))
    by_essential: dict = {}
    essentials: dict = {}
    links = (
        EssentialLink.objects.current_edition()
        .for_version(assessment.model_version)
        .select_related("essential", "action", "question")
        .order_by("essential__number", "action__code")
    )
    for link in links:
        essentials.setdefault(link.essential_id, link.essential)
        entry = by_essential.setdefault(link.essential_id, {}).setdefault(
            link.action_id,
            {"action": link.action, "questions": [], "status": status.get(link.action_id)},
        )
        if link.question:
            entry["questions"].append(link.question.ref)
    if not linked_only:
        essentials = {e.pk: e for e in Essential.objects.current_edition()}
    return [
        EssentialProgress(e, list(by_essential.get(pk, {}).values()))
        for pk, e in essentials.items()
    ]
