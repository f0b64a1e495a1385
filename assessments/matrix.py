"""Builds the maturity matrix (subdimensions × stages) for one assessment."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity.models import Action, Stage, Subdimension
from maturity.scoring import StageResult
from maturity.structure import ModelStructure, Scorecard, load_structure
from policies.models import EssentialLink, PolicyLink
from rendering.charts import profile_chart, rows_for

from .models import ActionRecord, Assessment, EvidenceFile, EvidenceLink


@dataclass
class Card:
    """An action's card; its record comes from `with_card_counts`."""

    action: Action
    record: ActionRecord
    html: str = ""  # the rendered card, when a page shows it (views.matrix.with_card_html)

    @property
    def policy_count(self) -> int:
        return self.record.n_policies

    @property
    def evidence_count(self) -> int:
        return self.record.n_links + self.record.n_files + (1 if self.record.note else 0)

    @property
    def overdue(self) -> bool:
        """Its target date has passed and it is not met yet."""
        target = self.record.target_date
        return bool(target and target < timezone.localdate() and not self.record.is_met)


@dataclass
class Row:
    subdimension: Subdimension
    result: StageResult
    cells: list[tuple[Stage, list[Card]]] = field(default_factory=list)
    html: str = ""  # the rendered row, when a page shows it (views.matrix.with_row_html)


@dataclass
class Matrix:
    structure: ModelStructure
    scorecard: Scorecard
    stages: list[Stage]
    rows: list[Row]
    cards: dict[str, Card]
    met: frozenset[str] = frozenset()  # the codes done or not applicable
    not_applicable: frozenset[str] = frozenset()

    @property
    def inputs(self) -> str:
        """Names what the scoring rule read: the met and not-applicable codes."""
        text = repr((sorted(self.met), sorted(self.not_applicable)))
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()

    def summary(self, changed: frozenset[str] = frozenset()) -> dict:
        return summary_context(
            self.structure, self.scorecard, changed, met=self.met, na=self.not_applicable
        )

    def dimension_rows(self):
        """Rows grouped by dimension, each with its dimension summary."""
        groups = []
        for dim in self.structure.dimensions:
            rows = [r for r in self.rows if r.subdimension.dimension_id == dim.pk]
            if rows:
                groups.append((dim, self.scorecard.dimensions[dim.code], rows))
        return groups


def summary_context(
    structure: ModelStructure,
    card: Scorecard,
    changed: frozenset[str] = frozenset(),
    *,
    met: Iterable[str],
    na: Iterable[str],
) -> dict:
    """What the headline shows: overall, dimensions, the count and the profile chart, scored
    as `card` from the `met` and not-applicable (`na`) codes, which name it in the cache.

    `changed` names the dimension codes (and "overall") whose stage a change just moved, so
    the page can mark them.
    """
    return {
        "scorecard": card,
        "inputs": (frozenset(met), frozenset(na)),
        "content": structure.version.content_version,
        "overall_changed": "overall" in changed,
        "dimension_lines": [
            (dim, card.dimensions[dim.code], dim.code in changed) for dim in structure.dimensions
        ],
        # Drawn when a template shows it (templates call callables), not when it comes from
        # the cache.
        "chart": lambda: profile_chart(rows_for(card), [s.name for s in structure.stages]),
    }


def _count(model, field: str, outer: str):
    # order_by(): the models' default ordering would join their related tables in vain.
    rows = (
        model.objects.filter(**{field: OuterRef(outer)})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
    )
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


def with_card_counts(records):
    """Annotate what a card shows (evidence and policy counts) in the same single query."""
    return records.annotate(
        n_links=_count(EvidenceLink, "record", "pk"),
        n_files=_count(EvidenceFile, "record", "pk"),
        n_policies=_count(PolicyLink, "action", "action_id")
        + _count(EssentialLink, "action", "action_id"),
    )


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
    met = {a.code for a in structure.actions if records[a.pk].is_met}
    na = {a.code for a in structure.actions if records[a.pk].is_not_applicable}
    card = structure.score(met, na)

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
                        for a in structure.actions_by_sub[sub.pk]
                        if a.stage_id == st.pk and (not status or records[a.pk].status == status)
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
        met=frozenset(met),
        not_applicable=frozenset(na),
    )
