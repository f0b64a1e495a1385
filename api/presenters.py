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


def record_data(record, access) -> dict:
    """One record as the API shows it to someone with `access`.

    Without `sees_private` (a partner whose share excludes them) there are no file metadata
    and no responsible person's name, as on the pages.
    """
    action = record.action
    private = access.sees_private
    assessment = record.assessment
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
        "links": [
            {"id": x.pk, "url": x.url, "label": x.label, "added_at": x.added_at}
            for x in record.links.all()
        ],
        "files": [
            {
                "id": f.pk,
                "name": f.original_name,
                "content_type": f.content_type,
                "size": f.size,
                "added_at": f.added_at,
                "download_url": reverse(
                    "assessments:file",
                    kwargs={
                        "slug": access.city.slug,
                        "pk": assessment.pk,
                        "code": action.code,
                        "file_pk": f.pk,
                    },
                ),
            }
            for f in record.files.all()
        ]
        if private
        else None,
    }
