"""Findings 5 and 4 on Compare: the overall move is stated, and the actions completed in
between are named, not only coded."""

from datetime import date

from django.urls import reverse

from assessments import services

from .conftest import mark_done


def test_compare_states_the_overall_move_and_names_the_actions(client, smr, city, editor):
    older = services.start_assessment(
        city, smr, title="2025", reference_date=date(2025, 6, 30), user=editor
    )
    mark_done(older, ["L1S1"], editor)
    older = services.submit(older, editor)
    newer = services.start_assessment(
        city, smr, title="2026", reference_date=date(2026, 6, 30), user=editor, carry_from=older
    )
    starting = newer.records.filter(action__stage__letter="S")
    mark_done(newer, list(starting.values_list("action__code", flat=True)), editor)
    client.force_login(editor)
    page = client.get(
        reverse("assessments:compare", args=[city.slug]), {"a": older.pk, "b": newer.pk}
    ).content.decode()
    overall = page.split('id="compare-overall">')[1].split("</tr>")[0]
    assert '<th scope="row">Overall</th><td>Working on Starting</td><td>Starting</td>' in overall
    assert "moved up" in overall
    completed = page.split('id="completed-actions">')[1].split("</ul>")[0]
    assert "L1S2</a> Integrate resilience into visions, policies and strategies" in completed
    assert "L1S1</a>" not in completed  # done in both
