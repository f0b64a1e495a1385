"""Copy the four audit trails (record changes, assessment events, Scorecard events, membership
changes) into the one audit log, with their times and authors; the reverse copies them back.

The old tables are dropped by assessments.0010, scorecard.0003 and accounts.0004, which run
after this."""

from django.db import migrations

BATCH = 5000
MEMBERSHIP_KINDS = ("invited", "revoked", "joined", "role", "removed")


def _copy(rows, make, Entry):
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        batch.append(make(row))
        if len(batch) == BATCH:
            Entry.objects.bulk_create(batch)
            batch = []
    Entry.objects.bulk_create(batch)


def forwards(apps, schema_editor):
    Entry = apps.get_model("audit", "AuditEntry")
    RecordChange = apps.get_model("assessments", "RecordChange")
    AssessmentEvent = apps.get_model("assessments", "AssessmentEvent")
    ScorecardEvent = apps.get_model("scorecard", "ScorecardEvent")
    MembershipChange = apps.get_model("accounts", "MembershipChange")
    _copy(
        RecordChange.objects.order_by("pk").values(
            "record_id",
            "record__assessment_id",
            "record__assessment__city_id",
            "field",
            "old",
            "new",
            "changed_by_id",
            "changed_at",
        ),
        lambda r: Entry(
            kind="changed",
            city_id=r["record__assessment__city_id"],
            assessment_id=r["record__assessment_id"],
            record_id=r["record_id"],
            field=r["field"],
            old=r["old"],
            new=r["new"],
            user_id=r["changed_by_id"],
            at=r["changed_at"],
        ),
        Entry,
    )
    _copy(
        AssessmentEvent.objects.order_by("pk").values(
            "assessment_id", "assessment__city_id", "kind", "detail", "user_id", "at"
        ),
        lambda r: Entry(
            kind=r["kind"],
            city_id=r["assessment__city_id"],
            assessment_id=r["assessment_id"],
            detail=r["detail"],
            user_id=r["user_id"],
            at=r["at"],
        ),
        Entry,
    )
    _copy(
        ScorecardEvent.objects.order_by("pk").values(
            "scorecard_id", "scorecard__city_id", "kind", "detail", "user_id", "at"
        ),
        lambda r: Entry(
            kind=r["kind"],
            city_id=r["scorecard__city_id"],
            scorecard_id=r["scorecard_id"],
            detail=r["detail"],
            user_id=r["user_id"],
            at=r["at"],
        ),
        Entry,
    )
    _copy(
        MembershipChange.objects.order_by("pk").values(
            "city_id", "kind", "email", "old", "new", "changed_by_id", "changed_at"
        ),
        lambda r: Entry(
            kind=r["kind"],
            city_id=r["city_id"],
            email=r["email"],
            field="role",
            old=r["old"],
            new=r["new"],
            user_id=r["changed_by_id"],
            at=r["changed_at"],
        ),
        Entry,
    )


def backwards(apps, schema_editor):
    Entry = apps.get_model("audit", "AuditEntry")
    RecordChange = apps.get_model("assessments", "RecordChange")
    AssessmentEvent = apps.get_model("assessments", "AssessmentEvent")
    ScorecardEvent = apps.get_model("scorecard", "ScorecardEvent")
    MembershipChange = apps.get_model("accounts", "MembershipChange")
    # The old tables stamped their times on creation; the copies keep the logged times.
    RecordChange._meta.get_field("changed_at").auto_now_add = False
    AssessmentEvent._meta.get_field("at").auto_now_add = False
    ScorecardEvent._meta.get_field("at").auto_now_add = False
    MembershipChange._meta.get_field("changed_at").auto_now_add = False
    entries = Entry.objects.order_by("at", "pk")
    _copy(
        entries.filter(record__isnull=False),
        lambda e: RecordChange(
            record_id=e.record_id,
            field=e.field,
            old=e.old,
            new=e.new,
            changed_by_id=e.user_id,
            changed_at=e.at,
        ),
        RecordChange,
    )
    _copy(
        entries.filter(assessment__isnull=False, record__isnull=True),
        lambda e: AssessmentEvent(
            assessment_id=e.assessment_id,
            kind=e.kind,
            detail=e.detail,
            user_id=e.user_id,
            at=e.at,
        ),
        AssessmentEvent,
    )
    _copy(
        entries.filter(scorecard__isnull=False),
        lambda e: ScorecardEvent(
            scorecard_id=e.scorecard_id, kind=e.kind, detail=e.detail, user_id=e.user_id, at=e.at
        ),
        ScorecardEvent,
    )
    _copy(
        entries.filter(kind__in=MEMBERSHIP_KINDS),
        lambda e: MembershipChange(
            city_id=e.city_id,
            kind=e.kind,
            email=e.email,
            old=e.old,
            new=e.new,
            changed_by_id=e.user_id,
            changed_at=e.at,
        ),
        MembershipChange,
    )
    Entry.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("accounts", "0003_user_and_invitation_language"),
        ("assessments", "0009_assessment_version"),
        ("scorecard", "0002_answer_index_from_unique"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
