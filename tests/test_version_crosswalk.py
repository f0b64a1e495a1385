"""The 2018 → 2.0 crosswalk: every 2018 action accounted for, carried forward through it, what
could not come over listed, and both versions side by side on a public page."""

import json

from django.urls import reverse

from assessments import services
from maturity.crosswalk import crosswalks

from .conftest import FIXTURE, FIXTURE_2_0, mark_done, record_of, update_action

WALK = ("smr-rmm-2018", "smr-maturity-model-2-0")


def _codes(path) -> set[str]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {a["code"] for d in doc["dimensions"] for s in d["subdimensions"] for a in s["actions"]}


def test_every_2018_action_is_accounted_for_once_with_a_reason():
    walk = crosswalks()[WALK]
    assert sorted(r.source for r in walk.rows) == sorted(_codes(FIXTURE))
    assert {c for r in walk.rows for c in r.targets} <= _codes(FIXTURE_2_0)
    assert all(r.reason for r in walk.rows)
    assert "project's own reading" in walk.note
    by = walk.by_source()
    assert by["L1M4"].targets == ("L1M3",) and by["L1M4"].kind == "same"  # domain.md
    assert by["P1S2"].targets == ("I1S1",)
    assert by["L2M1"].kind == "gone"


def _start_2_0(city, smr2, editor, older):
    return services.start_assessment(
        city,
        smr2,
        title="Self-assessment 2027",
        reference_date=older.reference_date.replace(year=2027),
        user=editor,
        carry_from=older,
    )


def test_carrying_2018_forward_to_2_0_follows_the_crosswalk(assessment, smr2, city, editor):
    mark_done(assessment, ["L1M4", "P1S2", "L1M3", "I1S1"], editor)
    update_action(assessment, "L1M4", editor, note="Equal access policy 2025")
    assessment = services.submit(assessment, editor)  # one open draft at a time
    newer = _start_2_0(city, smr2, editor, assessment)
    done = set(newer.records.filter(status="done").values_list("action__code", flat=True))
    # 2018 L1M4 is 2.0 L1M3; 2018 P1S2 is 2.0 I1S1; 2018 L1M3 (climate) is 2.0 U1M1; 2018 I1S1
    # merged with I1S2 (not done) into I1S5: begun, not finished.
    assert done == {"L1M3", "I1S1", "U1M1"}
    assert record_of(newer, "L1M3").note == "Equal access policy 2025"
    assert record_of(newer, "I1S5").status == "in_progress"
    assert record_of(newer, "L1M1").status == "not_started"


def test_the_page_lists_what_could_not_come_over(client, assessment, smr2, city, editor):
    mark_done(assessment, ["L2M1"], editor)
    services.submit(assessment, editor)  # one open draft at a time
    client.force_login(editor)
    response = client.post(
        reverse("assessments:new", args=["glasgow"]),
        {
            "title": "Self-assessment 2027",
            "reference_date": "2027-03-31",
            "model_version": smr2.pk,
            "carry_from": assessment.pk,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "What could not come over" in page
    assert "41 new actions, started empty" in page
    assert "U2R4" in page and "U1S1" in page  # all of U1 and U2 are new
    assert "5 earlier actions no longer in the model" in page
    assert "Develop a white paper on the multi-level governance approach (Done)" in page


def test_the_versions_page_shows_both_side_by_side(client, smr2):
    response = client.get(reverse("maturity:versions"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "SMR Resilience Maturity Model (2018) → SMR Maturity Model 2.0" in page
    # Labelled as the project's own reading, once (the note says so; no label repeats it).
    assert page.count("project&#x27;s own reading of how each 2018 action") == 1
    assert page.count("project&#x27;s own reading") == 1
    assert "Same: 45 · reworded: 36 · merged: 4 · split: 0 · gone: 5" in page
    row = page[page.index('id="from-P1S2"') :]
    row = row[: row.index("</tr>")]
    assert "same, moved" in row and "I1S1" in row
    assert "41 actions new in SMR Maturity Model 2.0" in page
