"""The Scorecard import page says what is wrong with a file as every other form does
(issue 25, finding 9: its error was an unstyled line above the field)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scorecard.models import ScorecardAssessment


def test_a_file_that_is_not_a_workbook_is_refused_beside_the_field(client, editor, catalogue):
    client.force_login(editor)
    upload = SimpleUploadedFile("minutes.xlsx", b"%PDF-1.4 minutes", "application/pdf")
    response = client.post(reverse("scorecard:import", args=["glasgow"]), {"workbook": upload})
    assert response.status_code == 400
    html = response.content.decode()
    # Bootstrap's feedback under the invalid field, which screen readers tie to it.
    before, after = html.split('name="workbook"', 1)
    field = before.rsplit("<input", 1)[1] + after.split(">", 1)[0]
    assert "is-invalid" in field and 'aria-invalid="true"' in field
    feedback = html.split('class="invalid-feedback')[1].split("</")[0]
    assert "not an Excel workbook (.xlsm or .xlsx)" in feedback
    assert not ScorecardAssessment.objects.exists()
