"""Assessment workflows. Each one is a transaction; views only call these."""

import contextlib
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import City, User
from audit.log import log, log_record_changes
from audit.models import Kind
from maturity import crosswalk
from maturity.models import Action, ModelVersion

from .carry import carried_status
from .lifecycle import (  # noqa: F401 - record_results, results_for: the service's own names
    LIFECYCLE,
    AssessmentLocked,
    assessment_changed,
    record_results,
    results_for,
)
from .models import MET_STATUSES, ActionRecord, Assessment, EvidenceFile, EvidenceLink

TRACKED_FIELDS = (
    "status",
    "na_reason",
    "note",
    "responsible_member",
    "responsible",
    "target_date",
)


class StaleRecord(ValueError):
    """Someone saved the record after the form was opened; `current` is what they saved."""

    def __init__(self, current: ActionRecord):
        super().__init__(_("This action was changed by someone else since you opened it."))
        self.current = current


class EvidenceStorageError(ValueError):
    """An evidence file could not be written (disk full, no permission); nothing was kept."""


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
    links and files are copied from that assessment: matched by action code within a version,
    and through the version crosswalk (maturity.crosswalk) from an older version (2018 → 2.0),
    where a renumbered action keeps its record and a merged one gathers its sources' (its
    status kept when all of them had it, otherwise in progress). Without a crosswalk, codes
    are matched as they are.

    Refused (DraftOpen) while the city has an open draft: one draft at a time.
    """
    LIFECYCLE.ensure_no_open_draft(city)
    assessment = city.assessments.create(
        model_version=version,
        title=title,
        reference_date=reference_date,
        created_by=user,
        carried_from=carry_from,
    )
    previous: dict[str, ActionRecord] = {}
    sources: dict[str, list[str]] | None = None
    if carry_from is not None:
        previous = {
            r.action.code: r
            for r in carry_from.records.select_related("action").prefetch_related("links", "files")
        }
        if carry_from.model_version_id != version.pk:
            walk = crosswalk.between(carry_from.model_version, version)
            sources = walk.sources_of() if walk else None
    records: list[tuple[list[ActionRecord], ActionRecord]] = []
    for action in Action.objects.for_version(version).only("pk", "code"):
        codes = [action.code] if sources is None else sources.get(action.code, [])
        olds = [previous[c] for c in codes if c in previous]
        record = ActionRecord(assessment=assessment, action=action, updated_by=user)
        _carry(record, olds)
        records.append((olds, record))
    ActionRecord.objects.bulk_create(record for _olds, record in records)
    links: list[EvidenceLink] = []
    files: list[EvidenceFile] = []
    for olds, record in records:
        for old in olds:
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
    log(Kind.CREATED, assessment=assessment, user=user, detail=detail)
    return assessment


def _carry(record: ActionRecord, olds: list[ActionRecord]) -> None:
    """Fill a new record from the record(s) it continues: one, or several merged into it."""
    if not olds:
        return
    record.status = carried_status(old.status for old in olds)
    if len({old.status for old in olds}) == 1:
        record.na_reason = olds[0].na_reason
    record.note = "\n\n".join(dict.fromkeys(old.note for old in olds if old.note))
    record.responsible = next((old.responsible for old in olds if old.responsible), "")
    record.target_date = next((old.target_date for old in olds if old.target_date), None)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


@transaction.atomic
def update_record(
    record: ActionRecord,
    changes: dict[str, Any],
    *,
    revision: int,
    user: User,
    source: str = "",
) -> ActionRecord:
    """Save the changed fields of one action record and log each change (`source`: where the
    change came from, for the history, when not the record's own form).

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
    log_record_changes(
        record,
        user,
        ((f, _as_text(getattr(record, f)), _as_text(v)) for f, v in changed.items()),
        detail=source,
    )
    old_status = record.status
    for f, v in changed.items():
        setattr(record, f, v)
    record.revision = revision + 1
    record.updated_by = user
    assessment_changed(record.assessment)
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
        log(
            Kind.STAGE,
            assessment=record.assessment,
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
        revision=F("revision") + 1,
        evidence_revision=F("evidence_revision") + 1,
        updated_by=user,
        updated_at=now,
    )
    assessment_changed(record.assessment)
    record.revision += 1
    record.evidence_revision += 1
    record.updated_by = user
    record.updated_at = now


@transaction.atomic
def add_link(record: ActionRecord, url: str, label: str, user: User) -> EvidenceLink:
    """Attach a link as evidence of the action; the record's revision goes up by one."""
    _ensure_draft(record.assessment)
    link = EvidenceLink.objects.create(record=record, url=url, label=label, added_by=user)
    log_record_changes(record, user, [("link", "", url)])
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
    log_record_changes(record, user, [("file", "", upload.name)])
    _evidence_changed(record, user)
    return evidence


@transaction.atomic
def remove_evidence(record: ActionRecord, evidence: EvidenceLink | EvidenceFile, user: User):
    """Remove a link or file from the action's evidence; the record's revision goes up by one."""
    _ensure_draft(record.assessment)
    kind = "link" if isinstance(evidence, EvidenceLink) else "file"
    log_record_changes(record, user, [(kind, str(evidence), "")])
    evidence.delete()
    _evidence_changed(record, user)


# The lifecycle's steps (lifecycle.services), under the names views and the API call.
submit = LIFECYCLE.submit
reopen = LIFECYCLE.reopen
share = LIFECYCLE.share
unshare = LIFECYCLE.unshare
refresh_latest_share = LIFECYCLE.refresh_latest_share
_ensure_draft = LIFECYCLE.ensure_draft
