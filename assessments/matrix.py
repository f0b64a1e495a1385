"""Builds the maturity matrix (subdimensions × stages) for one assessment."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from maturity.models import Action, Stage, Subdimension
from maturity.scoring import StageResult
from maturity.structure import ModelStructure, Scorecard, load_structure
from policies.models import EssentialLink, PolicyLink

from .models import ActionRecord, Assessment, EvidenceFile, EvidenceLink


@dataclass
class Card:
    """An action's card; its record comes from `with_card_counts`."""

    action: Action
    record: ActionRecord

    @property
    def policy_count(self) -> int:
        return self.record.n_policies

    @property
    def evidence_count(self) -> int:
        return self.record.n_links + self.record.n_files + (1 if self.record.note else 0)


@dataclass
class Row:
    subdimension: Subdimension
    result: StageResult
    cells: list[tuple[Stage, list[Card]]] = field(default_factory=list)


@dataclass
class Matrix:
    structure: ModelStructure
    scorecard: Scorecard
    stages: list[Stage]
    rows: list[Row]
    cards: dict[str, Card]

    def dimension_rows(self):
        """Rows grouped by dimension, each with its dimension summary."""
        groups = []
        for dim in self.structure.dimensions:
            rows = [r for r in self.rows if r.subdimension.dimension_id == dim.pk]
            if rows:
                groups.append((dim, self.scorecard.dimensions[dim.code], rows))
        return groups


def _count(model, field: str, outer: str):
    rows = model.objects.filter(**{field: OuterRef(outer)}).values(field).annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


def with_card_counts(records):
    """Annotate what a card shows (evidence and policy counts) in the same single query."""
    return records.annotate(
        n_links=_count(EvidenceLink, "record", "pk"),
        n_files=_count(EvidenceFile, "record", "pk"),
        n_policies=_count(PolicyLink, "action", "action_id")
        + _count(EssentialLink, "action", "action_id"),
    )


def records_for(assessment: Assessment):
    return with_card_counts(assessment.records.all()).only(
        "pk", "action_id", "status", "note", "revision", "assessment_id"
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
    card = structure.score(met)

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
    return Matrix(structure=structure, scorecard=card, stages=stages, rows=rows, cards=cards)
