"""The peer reviews' part of the exchange format: every returned review of the assessment,
with its findings, the city's answers and the reviewers' notes (a review still in progress
is the reviewers' draft, not the city's data)."""

from .models import Review


def _instant(value):
    return value.isoformat().replace("+00:00", "Z") if value else None


def document_part(assessment) -> list[dict]:
    reviews = (
        Review.objects.returned()
        .filter(assessment=assessment)
        .select_related("reviewer")
        .prefetch_related("findings__action", "findings__answer", "notes")
        .order_by("returned_at", "pk")
    )
    part = []
    for review in reviews:
        findings = []
        for f in review.findings.all():
            answer = getattr(f, "answer", None) if hasattr(f, "answer") else None
            findings.append(
                {
                    "code": f.action.code,
                    "verdict": f.verdict,
                    "comment": f.comment,
                    "evidence_seen": f.evidence_seen,
                    "suggested_status": f.suggested_status or None,
                    "answer": {
                        "kind": answer.kind,
                        "reply": answer.reply,
                        "at": _instant(answer.answered_at),
                    }
                    if answer
                    else None,
                }
            )
        part.append(
            {
                "reviewer": {"name": review.reviewer.name, "slug": review.reviewer.slug},
                "state": review.state,
                "scope": review.scope,
                "due_date": review.due_date.isoformat(),
                "requested_at": _instant(review.requested_at),
                "returned_at": _instant(review.returned_at),
                "closed_at": _instant(review.closed_at),
                "findings": findings,
                "notes": [
                    {"code": n.code, "strengths": n.strengths, "recommendations": n.recommendations}
                    for n in review.notes.all()
                ],
            }
        )
    return part
