"""The one-draft constraint's migration leaves existing data valid: where a city had two
drafts, the newest stays open and the older is signed off as it stands, with a history entry
saying why; nothing is deleted."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("latest_schema_after"),
]

BEFORE = [("assessments", "0010_history_in_audit_log")]
AFTER = [("assessments", "0011_one_open_draft_per_city")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_two_drafts_of_a_city_become_one_open_and_one_signed_off(smr):
    apps = _migrate(BEFORE)
    city_model = apps.get_model("accounts", "City")
    assessment = apps.get_model("assessments", "Assessment")
    city = city_model.objects.create(name="Glasgow", slug="glasgow", country="GB")
    common = {"city_id": city.pk, "model_version_id": smr.pk, "status": "draft"}
    older = assessment.objects.create(title="2026", reference_date=date(2026, 6, 30), **common)
    newer = assessment.objects.create(
        title="2026 again", reference_date=date(2026, 6, 30), **common
    )
    apps = _migrate(AFTER)
    assessment = apps.get_model("assessments", "Assessment")
    entry = apps.get_model("audit", "AuditEntry")
    assert assessment.objects.get(pk=newer.pk).status == "draft"
    assert assessment.objects.get(pk=older.pk).status == "submitted"
    why = entry.objects.get(assessment_id=older.pk)
    assert (why.kind, why.city_id) == ("submitted", city.pk)
    assert "one open draft per city" in why.detail
