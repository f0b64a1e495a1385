"""Assessment workflows. Each one is a transaction; views only call these."""

import contextlib
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import City, Partner, User
from maturity.models import Action, ModelVersion

from .models import (
    MET_STATUSES,
    ActionRecord,
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    EventKind,
    EvidenceFile,
    EvidenceLink,
    RecordChange,
    Share,
    SubdimensionResult,
)

TRACKED_FIELDS = (
    "status",
    "na_reason",
    "note",
    "responsible_member",
    "responsible",
    "target_date",
)


class AssessmentLocked(ValueError):
    """The assessment is submitted: nothing in it may change until an editor reopens it."""


class StaleRecord(ValueError):
    """Someone saved the record after the form was opened; `current` is what they saved."""

    def __init__(self, current: ActionRecord):
        super().__init__(_("This action was changed by someone else since you opened it."))
        self.current = current


class EvidenceStorageError(ValueError):
    """An evidence file could not be written (disk full, no permission); nothing was kept."""


def _assessment_changed(assessment: Assessment) -> None:
    """Move the assessment's version (page_cache keys its matrix and headline by it); the
    caller's transaction holds the change itself."""
    Assessment.objects.filter(pk=assessment.pk).update(version=F("version") + 1)
    assessment.version += 1


def _ensure_draft(assessment: Assessment) -> None:
    if not assessment.is_draft:
        raise AssessmentLocked(
            _("This assessment is submitted and read-only. An editor can reopen it.")
        )


@transaction.atomic
def start_assessment(
    city: City,
    version: ModelVersion,
    *,
    title: str,
    reference_date: date,
    user: User | None,
    carry_from: Assessment | None = None,
) -> Assessment:
    """Create an assessment with one record per action of `version`.

    With `carry_from`, every action's status, note, responsible, target date and evidence
    links and files are copied from that assessment (matched by action code, so carrying
    forward across model versions keeps whatever still exists).
    """
    assessment = Assessment.objects.create(
        city=city,
        model_version=version,
        title=title,
        reference_date=reference_date,
        created_by=user,
        carried_from=carry_from,
    )
    previous: dict[str, ActionRecord] = {}
    if carry_from is not None:
        previous = {
            r.action.code: r
            for r in carry_from.records.select_related("action").prefetch_related("links", "files")
        }
    records: list[tuple[str, ActionRecord]] = []
    for action in Action.objects.for_version(version).only("pk", "code"):
        old = previous.get(action.code)
        records.append(
            (
                action.code,
                ActionRecord(
                    assessment=assessment,
                    action=action,
                    status=old.status if old else "not_started",
                    note=old.note if old else "",
                    responsible=old.responsible if old else "",
                    target_date=old.target_date if old else None,
                    updated_by=user,
                ),
            )
        )
    ActionRecord.objects.bulk_create(record for _code, record in records)
    links: list[EvidenceLink] = []
    files: list[EvidenceFile] = []
    for code, record in records:
        old = previous.get(code)
        if old is None:
            continue
        links += [
            EvidenceLink(record=record, url=x.url, label=x.label, added_by=x.added_by)
            for x in old.links.all()
        ]
        # Files are shared by reference: stored evidence bytes are never modified.
        files += [
            EvidenceFile(
                record=record,
                file=x.file.name,
                original_name=x.original_name,
                content_type=x.content_type,
                size=x.size,
                added_by=x.added_by,
            )
            for x in old.files.all()
        ]
    EvidenceLink.objects.bulk_create(links)
    EvidenceFile.objects.bulk_create(files)
    detail = (
        _("Carried forward from “%(title)s”") % {"title": carry_from.title} if carry_from else ""
    )
    AssessmentEvent.objects.create(
        assessment=assessment, kind=EventKind.CREATED, user=user, detail=detail
    )
    return assessment


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


@transaction.atomic
def update_record(
    record: ActionRecord, changes: dict[str, Any], *, revision: int, user: User
) -> ActionRecord:
    """Save the changed fields of one action record and log each change.

    Refuses (StaleRecord) when the record was saved by anyone since `revision`: the update is
    a conditional UPDATE, so two concurrent saves cannot both pass.
    """
    _ensure_draft(record.assessment)
    changed = {f: v for f, v in changes.items() if f in TRACKED_FIELDS and getattr(record, f) != v}
    if record.revision != revision:
        raise StaleRecord(ActionRecord.objects.get(pk=record.pk))
    if not changed:
        return record
    updated = ActionRecord.objects.filter(pk=record.pk, revision=revision).update(
        **changed, revision=F("revision") + 1, updated_by=user, updated_at=timezone.now()
    )
    if not updated:
        raise StaleRecord(ActionRecord.objects.get(pk=record.pk))
    RecordChange.objects.bulk_create(
        RecordChange(
            record=record,
            field=f,
            old=_as_text(getattr(record, f)),
            new=_as_text(v),
            changed_by=user,
        )
        for f, v in changed.items()
    )
    old_status = record.status
    for f, v in changed.items():
        setattr(record, f, v)
    record.revision = revision + 1
    record.updated_by = user
    _assessment_changed(record.assessment)
    if "status" in changed:
        record.stage_move = _record_stage_move(record, old_status, user)
    return record


def _record_stage_move(record: ActionRecord, old_status: str, user: User):
    """Score the assessment before and after one action's status changed, and put a
    subdimension's stage change on its timeline ("L1 reached Robust"). Returns the
    StageMove (None when the action was met before and after, or neither: no stage can
    have moved), so that a page shows the move without scoring again."""
    from .results import stage_move

    if (old_status in MET_STATUSES) == record.is_met:
        return None
    move = stage_move(record.assessment, record.action.code, old_status)
    sub = record.action.subdimension
    before, after = move.before.subdimensions[sub.code], move.after.subdimensions[sub.code]
    if before.level != after.level:
        AssessmentEvent.objects.create(
            assessment=record.assessment,
            kind=EventKind.STAGE,
            user=user,
            detail=stage_move_detail(sub.code, before, after),
        )
    return move


def stage_move_detail(code: str, before, after) -> str:
    """The stored form of a stage move: "L1|1|2|Moderate" (code, levels, the stage reached,
    or the stage being worked on when none is)."""
    stage = after.reached or after.next_stage
    return f"{code}|{before.level}|{after.level}|{stage.name if stage else ''}"


@transaction.atomic
def record_action(
    record: ActionRecord,
    changes: dict[str, Any],
    *,
    revision: int,
    user: User,
    link: tuple[str, str] | None = None,
    upload=None,
) -> ActionRecord:
    """Save an action's fields and any new link or file together, or nothing at all."""
    update_record(record, changes, revision=revision, user=user)
    if link:
        add_link(record, link[0], link[1], user)
    if upload:
        add_file(record, upload, upload.evidence_content_type, user)
    return record


def _evidence_changed(record: ActionRecord, user: User) -> None:
    """Count a change of evidence as a save of the record: a colleague's form that was opened
    before it carries an older revision and is refused, instead of hiding the change."""
    now = timezone.now()
    ActionRecord.objects.filter(pk=record.pk).update(
        revision=F("revision") + 1, updated_by=user, updated_at=now
    )
    _assessment_changed(record.assessment)
    record.revision += 1
    record.updated_by = user
    record.updated_at = now


@transaction.atomic
def add_link(record: ActionRecord, url: str, label: str, user: User) -> EvidenceLink:
    """Attach a link as evidence of the action; the record's revision goes up by one."""
    _ensure_draft(record.assessment)
    link = EvidenceLink.objects.create(record=record, url=url, label=label, added_by=user)
    RecordChange.objects.create(record=record, field="link", new=url, changed_by=user)
    _evidence_changed(record, user)
    return link


@transaction.atomic
def add_file(record: ActionRecord, upload, content_type: str, user: User) -> EvidenceFile:
    """Store an uploaded file as evidence of the action; the record's revision goes up by one."""
    _ensure_draft(record.assessment)
    evidence = EvidenceFile(
        record=record,
        original_name=upload.name,
        content_type=content_type,
        size=upload.size,
        added_by=user,
    )
    # The stored name is generated once here so that a failed write can be cleaned up by name:
    # a storage that fails half-way may leave a partial file, and nothing would point to it.
    storage = evidence.file.storage
    name = evidence.file.field.generate_filename(evidence, upload.name)
    try:
        evidence.file = storage.save(name, upload, max_length=evidence.file.field.max_length)
    except OSError as exc:
        with contextlib.suppress(OSError):  # the write's own error is the one to report
            if storage.exists(name):
                storage.delete(name)
        raise EvidenceStorageError(
            _("The file could not be stored (%(reason)s).") % {"reason": exc.strerror or exc}
        ) from exc
    evidence.save()
    RecordChange.objects.create(record=record, field="file", new=upload.name, changed_by=user)
    _evidence_changed(record, user)
    return evidence


@transaction.atomic
def remove_evidence(record: ActionRecord, evidence: EvidenceLink | EvidenceFile, user: User):
    """Remove a link or file from the action's evidence; the record's revision goes up by one."""
    _ensure_draft(record.assessment)
    kind = "link" if isinstance(evidence, EvidenceLink) else "file"
    RecordChange.objects.create(record=record, field=kind, old=str(evidence), changed_by=user)
    evidence.delete()
    _evidence_changed(record, user)


@transaction.atomic
def submit(assessment: Assessment, user: User) -> Assessment:
    """Sign the assessment off: it becomes read-only and its results count."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _ensure_draft(assessment)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_by = user
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_by", "submitted_at"])
    _assessment_changed(assessment)
    record_results(assessment)
    AssessmentEvent.objects.create(assessment=assessment, kind=EventKind.SUBMITTED, user=user)
    return assessment


def record_results(assessment: Assessment, structure=None) -> None:
    """Store the signed-off stage of each subdimension for the dashboards."""
    from maturity.structure import load_structure

    from .results import scoring_inputs

    structure = structure or load_structure(assessment.model_version)
    SubdimensionResult.objects.filter(assessment=assessment).delete()
    results, overall = results_for(assessment, structure, *scoring_inputs(assessment))
    SubdimensionResult.objects.bulk_create(results)
    Assessment.objects.filter(pk=assessment.pk).update(overall_level=overall)
    assessment.overall_level = overall


def results_for(assessment: Assessment, structure, met: set[str], na: set[str] = frozenset()):
    """The SubdimensionResult rows and overall level of an assessment whose `met` codes are
    done or, for those in `na`, not applicable (stored apart: they are met, not done)."""
    card = structure.score(met, na)
    done = set(met) - set(na)
    rows = [
        SubdimensionResult(
            assessment=assessment,
            code=code,
            level=r.level,
            done=r.done,
            total=r.total,
            done_mask=structure.done_mask(code, done),
            na_mask=structure.done_mask(code, na),
        )
        for code, r in card.subdimensions.items()
    ]
    return rows, card.overall.level


@transaction.atomic
def reopen(assessment: Assessment, user: User, reason: str = "") -> Assessment:
    """Return a submitted assessment to draft; the reopening is recorded with its reason.

    Shares are withdrawn: partners only ever see signed-off results.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_draft:
        raise AssessmentLocked(_("This assessment is already a draft."))
    assessment.status = AssessmentStatus.DRAFT
    assessment.save(update_fields=["status"])
    _assessment_changed(assessment)
    partners = list(assessment.shares.values_list("partner_id", flat=True))
    assessment.shares.all().delete()
    for partner_id in partners:
        refresh_latest_share(assessment.city_id, partner_id)
    assessment.subdimension_results.all().delete()
    Assessment.objects.filter(pk=assessment.pk).update(overall_level=None)
    AssessmentEvent.objects.create(
        assessment=assessment, kind=EventKind.REOPENED, user=user, detail=reason
    )
    return assessment


@transaction.atomic
def share(
    assessment: Assessment, partner: Partner, user: User, *, include_private: bool = False
) -> Share:
    """Share a submitted assessment with a partner, with or without the private parts
    (evidence files and people's names); sharing again updates that choice."""
    if assessment.is_draft:
        raise AssessmentLocked(_("Only a submitted assessment can be shared."))
    obj, created = Share.objects.get_or_create(
        assessment=assessment,
        partner=partner,
        defaults={"shared_by": user, "include_private": include_private},
    )
    if not created and obj.include_private != include_private:
        obj.include_private = include_private
        obj.save(update_fields=["include_private"])
    refresh_latest_share(assessment.city_id, partner.pk)
    if created:
        AssessmentEvent.objects.create(
            assessment=assessment, kind=EventKind.SHARED, user=user, detail=partner.name
        )
    return obj


@transaction.atomic
def unshare(assessment: Assessment, partner: Partner, user: User) -> None:
    deleted, _rows = Share.objects.filter(assessment=assessment, partner=partner).delete()
    refresh_latest_share(assessment.city_id, partner.pk)
    if deleted:
        AssessmentEvent.objects.create(
            assessment=assessment, kind=EventKind.UNSHARED, user=user, detail=partner.name
        )


def refresh_latest_share(city_id: int, partner_id: int) -> None:
    """Mark which of a city's shares with a partner is its most recent assessment."""
    shares = Share.objects.filter(assessment__city_id=city_id, partner_id=partner_id)
    newest = shares.order_by("-assessment__reference_date", "-assessment_id").first()
    shares.exclude(pk=newest.pk if newest else None).filter(latest=True).update(latest=False)
    if newest and not newest.latest:
        Share.objects.filter(pk=newest.pk).update(latest=True)
