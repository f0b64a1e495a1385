"""Builds the maturity matrix (subdimensions × stages) for one assessment."""

from dataclasses import dataclass, field
from functools import partial
from operator import getitem

from django.db.models import Count
from django.http import Http404
from django.utils.functional import SimpleLazyObject
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
    """An action's card; its record comes from `with_card_counts`. On the matrix the record
    is read only when a card is drawn (`build_matrix`): a page whose cards all come from the
    cache never reads them."""

    action: Action
    record: ActionRecord
    html: str = ""  # the rendered card, when a page shows it (views.matrix.with_card_html)
    # (record id, revision): what the cached card is keyed by (page_cache.card_key), known
    # without making the record.
    version: tuple[int, int] = ()

    def __post_init__(self) -> None:
        if not self.version:
            self.version = (self.record.pk, self.record.revision)

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
    # The records of the cards a page is about to draw (`will_draw`); none named: every one.
    drawn_records: set[int] = field(default_factory=set)

    def will_draw(self, cards: list[Card]) -> None:
        """Name the cards about to be drawn, before the first is: their records (and only
        theirs) are then read in one query."""
        self.drawn_records.update(card.version[0] for card in cards)

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


def records_for(assessment: Assessment) -> dict[int, tuple[int, str, int]]:
    """Action id → (record id, status, revision) of the assessment's records, in one query:
    what the matrix scores and keys its cached rows and cards by."""
    rows = ActionRecord.objects.filter(assessment=assessment).order_by()
    values = rows.values_list("action_id", "pk", "status", "revision")
    return {action_id: (pk, status, revision) for action_id, pk, status, revision in values}


def card_records(
    assessment: Assessment, policies: dict[int, int], record_ids: set[int]
) -> dict[int, ActionRecord]:
    """Action id → its record with what its card shows (`with_card_counts`, and the policy
    counts given), in one query: those of `record_ids`, or every one when it is empty."""
    records = ActionRecord.objects.filter(assessment=assessment).order_by()
    if record_ids:
        records = records.filter(pk__in=record_ids)
    shown = with_card_counts(records).only(
        "pk", "action_id", "status", "note", "revision", "assessment_id", "target_date"
    )
    for record in shown:
        record.n_policies = policies.get(record.action_id, 0)
    return {record.action_id: record for record in shown}


def _annotated_records(assessment: Assessment, action: Action):
    # An action's page and its card's tick show every field.
    records = ActionRecord.objects.filter(assessment=assessment, action=action).order_by()
    return with_card_counts(records)


def build_matrix(
    assessment: Assessment,
    *,
    stage: str | None = None,
    dimension: str | None = None,
    stakeholder: str | None = None,
    status: str | None = None,
) -> Matrix:
    structure = load_structure(assessment.model_version)
    records = records_for(assessment)
    card = structure.score(*inputs_of((a.code, records[a.pk][1]) for a in structure.actions))
    # The records with what the cards show, read in one query when a template first reads a
    # card's record: a card drawn anew. A matrix whose cards all come from the page cache,
    # as after a tick, never reads them (the counts' joins cost more than the rest).
    drawn: set[int] = set()  # Matrix.drawn_records
    shown = SimpleLazyObject(
        lambda: card_records(assessment, policy_counts(assessment.model_version), drawn)
    )

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

    cards = {
        a.code: Card(
            action=a,
            record=SimpleLazyObject(partial(getitem, shown, a.pk)),
            version=(records[a.pk][0], records[a.pk][2]),
        )
        for a in structure.actions
    }
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
                        if not status or records[a.pk][1] == status
                    ],
                )
            )
        rows.append(row)
    return Matrix(
        structure=structure,
        scorecard=card,
        stages=stages,
        rows=rows,
        drawn_records=drawn,
    )
