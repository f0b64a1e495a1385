"""Plain values for the serializers, from the one scoring rule and the one access rule."""

from django.urls import reverse

from maturity import wording
from maturity.scoring import StageResult


def stage_data(result: StageResult) -> dict:
    progress = result.next_progress
    return {
        "level": result.level,
        "reached": result.reached.name if result.reached else None,
        "being_worked_on": result.next_stage.name if result.next_stage else None,
        "progress": {"met": progress[0], "total": progress[1]} if progress else None,
        "done": result.done,
        "not_applicable": result.not_applicable,
        "total": result.total,
        "missing": [ref.code for ref in result.missing],
        "summary": wording.summary(result),
    }


def link_data(link) -> dict:
    return {"id": link.pk, "url": link.url, "label": link.label, "added_at": link.added_at}


def file_data(evidence, access, record) -> dict:
    """A file's metadata, with the API's address that streams it through the same access rule
    (a token works there; the page's own link wants a signed-in session)."""
    return {
        "id": evidence.pk,
        "name": evidence.original_name,
        "content_type": evidence.content_type,
        "size": evidence.size,
        "added_at": evidence.added_at,
        "download_url": reverse(
            "api:record_file_download",
            kwargs={
                "slug": access.city.slug,
                "pk": str(record.assessment_id),
                "code": record.action.code,
                "item": str(evidence.pk),
            },
        ),  # fmt: skip
    }


def record_data(record, access) -> dict:
    """One record as the API shows it to someone with `access`.

    Without `sees_private` (a partner whose share excludes them) there are no file metadata
    and no responsible person's name, as on the pages.
    """
    action = record.action
    private = access.sees_private
    return {
        "code": action.code,
        "text": action.text,
        "dimension": action.subdimension.dimension.code,
        "subdimension": action.subdimension.code,
        "stage": action.stage.letter,
        "status": record.status,
        "na_reason": record.na_reason,
        "note": record.note,
        "responsible": record.owner_name if private else None,
        "responsible_member": record.responsible_member_id if private else None,
        "target_date": record.target_date,
        "revision": record.revision,
        "updated_at": record.updated_at,
        "links": [link_data(x) for x in record.links.all()],
        "files": [file_data(f, access, record) for f in record.files.all()] if private else None,
    }


def history_data(change, access) -> dict:
    """One audit entry of a record. Without `sees_private`, no names and no values of the
    private fields (responsible people, file names), as on the action's page."""
    hidden = change.withheld_from(access)
    return {
        "field": change.field,
        "label": change.field_label,
        "old": None if hidden else change.old_label,
        "new": None if hidden else change.new_label,
        "changed_by": (change.user.get_full_name() if change.user_id else None)
        if access.sees_private
        else None,
        "changed_at": change.at,
    }


def answer_data(answer) -> dict:
    question = answer.question
    return {
        "ref": question.ref,
        "essential": question.essential.number,
        "topic": question.topic,
        "question": question.text,
        "score": answer.score,
        "verification": answer.verification,
        "actions": answer.actions,
        "institution": answer.institution,
        "timescale": answer.timescale,
        "revision": answer.revision,
    }


def totals_data(totals) -> dict:
    """The Scorecard's totals exactly as `scorecard.scoring` computed them."""
    return {
        "score": totals.score,
        "maximum": totals.maximum,
        "answered": totals.answered,
        "unanswered": totals.unanswered,
        "essentials": [
            {"number": e.number, "title": e.title, "score": e.score, "maximum": e.maximum,
             "answered": e.answered, "unanswered": e.unanswered}
            for e in totals.essentials
        ],
    }  # fmt: skip
