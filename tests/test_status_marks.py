"""Finding 6 (part) and 4 (part): the Ten Essentials tab marks an in-progress action as the
matrix does, and says that its references are the Scorecard's questions."""

from django.urls import reverse

from .conftest import update_action


def test_essentials_tab_marks_status_as_the_matrix_and_names_scorecard_refs(
    client, assessment, editor, catalogue
):
    update_action(assessment, "L1S1", editor, status="in_progress")
    client.force_login(editor)
    page = client.get(
        reverse("assessments:essentials", args=[assessment.city.slug, assessment.pk])
    ).content.decode()
    line = page[page.index('<span aria-hidden="true">◐</span>') :].split("</li>")[0]
    assert '<span class="visually-hidden"> In progress</span>' in line
    assert "L1S1</a>" in line
    assert "(Scorecard P" in page
    matrix = client.get(
        reverse("assessments:matrix", args=[assessment.city.slug, assessment.pk])
    ).content.decode()
    assert '<span aria-hidden="true">◐</span> In progress' in matrix
