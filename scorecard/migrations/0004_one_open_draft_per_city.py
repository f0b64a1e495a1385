"""At most one open draft per city. Where a city has several (a second one started by
accident), the newest stays open, as the pages already showed it, and the older ones are
signed off as they stand, each with an entry in its history saying why: nothing is deleted."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

WHY = "Signed off when one open draft per city became the rule: a newer draft was open."


def close_older_drafts(apps, schema_editor):
    model = apps.get_model("scorecard", "ScorecardAssessment")
    entry = apps.get_model("audit", "AuditEntry")
    open_drafts = model.objects.filter(status="draft").order_by(
        "city_id", "-reference_date", "-created_at", "-pk"
    )
    seen = set()
    for draft in open_drafts.only("pk", "city_id"):
        if draft.city_id not in seen:
            seen.add(draft.city_id)
            continue
        model.objects.filter(pk=draft.pk).update(status="submitted", submitted_at=timezone.now())
        entry.objects.create(
            city_id=draft.city_id, scorecard_id=draft.pk, kind="submitted", detail=WHY
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_copy_the_four_trails"),
        ("accounts", "0004_membership_changes_in_audit_log"),
        ("scorecard", "0003_history_in_audit_log_share_latest"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(close_older_drafts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="scorecardassessment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "draft")),
                fields=("city",),
                name="one_open_scorecard_draft_per_city",
            ),
        ),
    ]
