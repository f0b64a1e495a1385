"""The Scorecard workbook as LibreOffice users send it back.

tests/assets/scorecard-export-libreoffice.xlsm is the app's export of a Scorecard with every
question answered (question i scores (3 - i) mod 4; P1.1 with two texts), opened and saved by
LibreOffice Calc 7.4.7 headless: `make libreoffice-fixture` remakes it
(scripts/libreoffice_fixture.py). LibreOffice resets the linked cells of 27 option-button
groups to FALSE on load; the 20 others keep their answers. LibreOffice never runs here.
"""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from scorecard import services
from scorecard.models import ScorecardAssessment
from scorecard.workbook import all_refs, read_answers

SAVED_BY_LIBREOFFICE = (
    Path(settings.BASE_DIR) / "tests" / "assets" / ("scorecard-export-libreoffice.xlsm")
)
# Written down from the file (LibreOffice 7.4.7), not computed by the code under test.
CLEARED = [
    "P1.2", "P2.2", "P2.3", "P2.4", "P3.2", "P3.3", "P4.2", "P4.3", "P5.2", "P6.2", "P6.3",
    "P6.5", "P6.6", "P7.2", "P7.3", "P8.2", "P8.3", "P8.4", "P8.5", "P8.6", "P8.7", "P8.8",
    "P9.2", "P9.3", "P9.4", "P9.5", "P9.6",
]  # fmt: skip
KEPT_IN_FILE = {
    "P1.1": 3, "P1.3": 1, "P2.1": 0, "P2.5": 0, "P3.1": 3, "P3.4": 0, "P4.1": 3, "P4.4": 0,
    "P5.1": 3, "P5.3": 1, "P6.1": 0, "P6.4": 1, "P7.1": 2, "P7.4": 3, "P8.1": 2, "P8.9": 2,
    "P9.1": 1, "P9.7": 3, "P10.1": 2, "P10.2": 1,
}  # fmt: skip
# What the app had before the export: every question answered, (3 - i) mod 4.
EXPORTED = {ref: (3 - i) % 4 for i, (ref, _sheet, _row) in enumerate(all_refs())}


def test_a_workbook_saved_by_libreoffice_is_read_with_its_cleared_answers_named():
    """Catches the whole file refused: "E01!E18: the answer of P1.2 must be 1, 2, 3 or 4
    (scores 3 to 0) or empty, found False"."""
    app = zipfile.ZipFile(SAVED_BY_LIBREOFFICE).read("docProps/app.xml").decode()
    assert "<Application>LibreOffice/7.4" in app
    rows, _info = read_answers(SAVED_BY_LIBREOFFICE.read_bytes())
    assert [r.ref for r in rows if r.cleared] == CLEARED
    assert {r.ref: r.score for r in rows if not r.cleared} == KEPT_IN_FILE
    assert all(r.score is None for r in rows if r.cleared)
    assert (rows[0].verification, rows[0].actions) == ("Council minutes 2025", "Adopt the plan")


@pytest.fixture
def answered(catalogue, city, editor):
    """Glasgow's draft with the answers the app exported."""
    draft = services.start_scorecard(city, user=editor)
    for answer in draft.answers.select_related("question"):
        services.save_answer(answer, editor, score=EXPORTED[answer.question.ref])
    return draft


def _scores(scorecard) -> dict[str, int | None]:
    return dict(scorecard.answers.values_list("question__ref", "score"))


def _upload(client, city):
    upload = io.BytesIO(SAVED_BY_LIBREOFFICE.read_bytes())
    upload.name = "scorecard-glasgow.xlsm"
    return client.post(reverse("scorecard:import", args=[city.slug]), {"workbook": upload})


def test_the_preview_names_what_the_spreadsheet_program_cleared_and_keeps_the_apps_answers(
    client, city, editor, answered
):
    """Catches the upload refused whole (400), and an import that would wipe 27 answers."""
    client.force_login(editor)
    preview = _upload(client, city)
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "Answers cleared by the spreadsheet program" in body
    assert body.count("cleared by the spreadsheet program") == 1 + len(CLEARED)
    assert [(c["ref"], c["kept"]) for c in preview.context["cleared"]] == [
        (ref, EXPORTED[ref]) for ref in CLEARED
    ]
    # No score changes: the file's other answers are the app's own; P1.1's texts are new.
    changes = [(c.ref, c.field) for c in preview.context["changes"]]
    assert changes == [("P1.1", "verification"), ("P1.1", "actions")]
    response = client.post(
        reverse("scorecard:import", args=[city.slug]), {"confirm": preview.context["confirm"]}
    )
    assert response.status_code == 302
    assert _scores(answered) == EXPORTED


def test_the_person_may_choose_to_clear_an_answer_the_program_cleared(
    client, city, editor, answered
):
    client.force_login(editor)
    preview = _upload(client, city)
    client.post(
        reverse("scorecard:import", args=[city.slug]),
        {"confirm": preview.context["confirm"], "clear": ["P1.2", "P9.6"]},
    )
    assert _scores(answered) == {**EXPORTED, "P1.2": None, "P9.6": None}


def test_blanks_clear_with_replace_but_cleared_answers_stay_unless_chosen(
    client, city, editor, answered
):
    """Catches "blanks in the file clear saved answers" taking the program's FALSE for a
    person's blank."""
    client.force_login(editor)
    upload = io.BytesIO(SAVED_BY_LIBREOFFICE.read_bytes())
    upload.name = "scorecard-glasgow.xlsm"
    url = reverse("scorecard:import", args=[city.slug])
    preview = client.post(url, {"workbook": upload, "replace": "on"})
    assert preview.status_code == 200
    assert not any(c.field == "score" for c in preview.context["changes"])
    client.post(url, {"confirm": preview.context["confirm"]})
    assert _scores(answered) == EXPORTED


def test_the_command_keeps_cleared_answers_unless_told_to_clear_them(city, answered):
    out = io.StringIO()
    call_command("import_scorecard", city.slug, str(SAVED_BY_LIBREOFFICE), stdout=out)
    assert "27 answers cleared by the spreadsheet program" in out.getvalue()
    assert _scores(answered) == EXPORTED
    call_command("import_scorecard", city.slug, str(SAVED_BY_LIBREOFFICE), "--clear-reset",
                 stdout=io.StringIO())  # fmt: skip
    assert _scores(answered) == {**EXPORTED, **dict.fromkeys(CLEARED)}
    assert ScorecardAssessment.objects.count() == 1


def test_the_download_page_says_how_to_see_the_totals_in_libreoffice(client, city, editor,
                                                                      answered):  # fmt: skip
    client.force_login(editor)
    page = client.get(reverse("scorecard:detail", args=[city.slug, answered.pk]))
    text = " ".join(page.content.decode().split())
    assert "LibreOffice" in text
    assert "Data → Calculate → Recalculate Hard (Ctrl+Shift+F9)" in text
