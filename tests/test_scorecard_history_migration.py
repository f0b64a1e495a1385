"""Scorecard history entries written with the field's label frozen in the saver's language
(issue 25, finding 17) name the field once migrated, so the page says it in the reader's
language, as it does for entries written since."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("latest_schema_after"),
]

BEFORE = [("scorecard", "0004_one_open_draft_per_city")]
AFTER = [("scorecard", "0005_history_names_fields")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_entries_say_the_field_in_the_readers_language(client, catalogue, city, editor):
    from scorecard import services

    scorecard = services.start_scorecard(city, user=editor, title="Scorecard 2025")
    apps = _migrate(BEFORE)
    entry = apps.get_model("audit", "AuditEntry")
    old = {"city_id": city.pk, "scorecard_id": scorecard.pk, "kind": "answered"}
    for detail in ("P1.1: means of verification", "P1.2: responsible institution",
                   "P1.3: timescale", "P2.1: plazo", "P1.1: 1 → 2"):  # fmt: skip
        entry.objects.create(detail=detail, **old)
    imported = {**old, "kind": "imported"}
    entry.objects.create(detail="glasgow.xlsx: 3 changes", **imported)
    entry.objects.create(detail="riga.xlsx: 2 modifications", **imported)
    _migrate(AFTER)
    client.force_login(editor)
    url = reverse("scorecard:detail", args=[city.slug, scorecard.pk])
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for said in ("P1.1: medios de verificación", "P1.2: institución responsable",
                 "P1.3: plazo", "P2.1: plazo", "P1.1: 1 → 2"):  # fmt: skip
        assert said in spanish
    assert "glasgow.xlsx: 3 cambios" in spanish and "riga.xlsx: 2 cambios" in spanish
    for english in ("P1.1: means of verification", "P1.2: responsible institution",
                    "P1.3: timescale", "P2.1: timescale"):  # fmt: skip
        assert english not in spanish
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "P2.1: timescale" in english
