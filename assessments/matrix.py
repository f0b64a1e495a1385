"""Builds the maturity matrix (subdimensions × stages) for one assessment."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _

from maturity.models import Action, Stage, Subdimension
from maturity.scoring import StageResult
from maturity.structure import ModelStructure, StageProfile, load_structure
from policies.models import EssentialLink, PolicyLink
from rendering.charts import profile_chart, rows_for

from . import page_cache
from .models import ActionRecord, Assessment
from .results import inputs_of


@dataclass
class Card:
    """An action's card; its record comes from `with_card_counts`."""

    action: Action
    record: ActionRecord
    html: str = ""  # the rendered card, when a page shows it (views.matrix.with_card_html)

    @property
    def policy_count(self) -> int:
        return self.record.n_policies  # set from policy_counts

    @property
    def evidence_count(self) -> int:
        return self.record.n_links + self.record.n_files + (1 if self.record.note else 0)

    @property
    def overdue(self) -> bool:
        """Its target date has passed and it is not met yet."""
        return self.record.is_overdue()


@dataclass
class Row:
    subdimension: Subdimension
    result: StageResult
    cells: list[tuple[Stage, list[Card]]] = field(default_factory=list)
    html: str = ""  # the rendered row, when a page shows it (views.matrix.with_row_html)


@dataclass
class Matrix:
    structure: ModelStructure
    scorecard: StageProfile
    stages: list[Stage]
    rows: list[Row]
    cards: dict[str, Card]

    def summary(self, changed: frozenset[str] = frozenset()) -> dict:
        return summary_context(self.structure, self.scorecard, changed)

    def dimension_rows(self):
        """Rows grouped by dimension, each with its dimension summary."""
        groups = []
        for dim in self.structure.dimensions:
            rows = [r for r in self.rows if r.subdimension.dimension_id == dim.pk]
            if rows:
                groups.append((dim, self.scorecard.dimensions[dim.code], rows))
        return groups


def summary_context(
    structure: ModelStructure, card: StageProfile, changed: frozenset[str] = frozenset()
) -> dict:
    """What the headline shows: overall, dimensions, the count and the profile chart.

    `changed` names the dimension codes (and "overall") whose stage a change just moved, so
    the page can mark them.
    """
    content = structure.version.content_version
    lines = [(dim, card.dimensions[dim.code], dim.code in changed) for dim in structure.dimensions]
    moved = ("overall" in changed, *(m for _dim, _result, m in lines))
    return {
        "scorecard": card,
        "headline_key": page_cache.headline_key(card, content, moved),
        "overall_changed": "overall" in changed,
        "dimension_lines": lines,
        # Drawn when a template shows it (templates call callables), not when the headline
        # comes from the cache; and once per profile (a pure function of the results).
        "chart": lambda: page_cache.drawn(
            ("profile-chart", structure.version.content_version, repr(card.subdimensions)),
            lambda: profile_chart(rows_for(card), [s.name for s in structure.stages]),
        ),
    }


def with_card_counts(records):
    """Annotate how many links and files each record has, in the same single query."""
    return records.annotate(
        n_links=Count("links", distinct=True), n_files=Count("files", distinct=True)
    )


def policy_counts(version) -> dict[int, int]:
    """Action id → its policy and crosswalk links, cached by the catalogue's version."""

    def count() -> dict[int, int]:
        counts: dict[int, int] = {}
        for model in (PolicyLink, EssentialLink):
            rows = (
                model.objects.filter(action__subdimension__dimension__version=version)
                .order_by()
                .values_list("action_id")
                .annotate(n=Count("pk"))
            )
            for action_id, n in rows:
                counts[action_id] = counts.get(action_id, 0) + n
        return counts

    return page_cache.remembered(("policy-counts", version.content_version), count)


def record_for_card(assessment: Assessment, code: str) -> ActionRecord:
    """One action's record with what its card and page show; 404 when the code is not in
    this assessment's model. Its action (with stage, subdimension and dimension) is the
    model structure's own."""
    action = load_structure(assessment.model_version).by_code.get(code)
    record = next(iter(_annotated_records(assessment, action)), None) if action else None
    if record is None:
        raise Http404(_("No such action in this assessment."))
    record.assessment = assessment
    record.action = action
    record.n_policies = policy_counts(assessment.model_version).get(action.pk, 0)
    return record


def record_for_page(assessment: Assessment, code: str) -> ActionRecord:
    """One action's record as its page and forms need it (no counts: the page shows the
    evidence itself); 404 when the code is not in this assessment's model."""
    action = load_structure(assessment.model_version).by_code.get(code)
    found = ActionRecord.objects.filter(assessment=assessment, action=action).order_by()[:1]
    record = next(iter(found), None) if action else None
    if record is None:
        raise Http404(_("No such action in this assessment."))
    record.assessment = assessment
    record.action = action
    return record


def records_for(assessment: Assessment):
    """The assessment's records, annotated by `with_card_counts`, in one query."""
    return _annotated_records(assessment)


def _annotated_records(assessment: Assessment, action: Action | None = None):
    records = ActionRecord.objects.filter(assessment=assessment).order_by()
    if action is not None:  # an action's page shows every field
        return with_card_counts(records.filter(action=action))
    # The matrix shows what a card shows.
    return with_card_counts(records).only(
        "pk", "action_id", "status", "note", "revision", "assessment_id", "target_date"
    )


def build_matrix(
    assessment: Assessment,
    *,
    stage: str | None = None,
    dimension: str | None = None,
    stakeholder: str | None = None,
    status: str | None = None,
) -> Matrix:
    structure = load_structure(assessment.model_version)
    records = {r.action_id: r for r in records_for(assessment)}
    policies = policy_counts(assessment.model_version)
    for record in records.values():
        record.n_policies = policies.get(record.action_id, 0)
    card = structure.score(*inputs_of((a.code, records[a.pk].status) for a in structure.actions))

    stages = structure.stages
    if stakeholder:
        # Stakeholders join at a stage and stay involved in every later one.
        joined = next(
            (s.order for s in stages for g in s.stakeholders.all() if g.slug == stakeholder), None
        )
        if joined is not None:
            stages = [s for s in stages if s.order >= joined]
    if stage:
        stages = [s for s in stages if s.letter == stage]

    cards = {a.code: Card(action=a, record=records[a.pk]) for a in structure.actions}
    rows = []
    for sub in structure.subdimensions:
        if dimension and sub.dimension.code != dimension:
            continue
        row = Row(subdimension=sub, result=card.subdimensions[sub.code])
        for st in stages:
            row.cells.append(
                (
                    st,
                    [
                        cards[a.code]
                        for a in structure.actions_by_cell.get((sub.pk, st.pk), ())
                        if not status or records[a.pk].status == status
                    ],
                )
            )
        rows.append(row)
    return Matrix(
        structure=structure,
        scorecard=card,
        stages=stages,
        rows=rows,
        cards=cards,
    )
