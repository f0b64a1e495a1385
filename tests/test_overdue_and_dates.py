"""Finding 3: overdue said on the action page and in the PDF plan; a typed date in the
language's one order (a British reader sees 07/11/2026 for 7 November)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from assessments.forms import NewAssessmentForm, RecordForm

from .conftest import record_of
from .test_report_pdf import _report, _squash


def _action_page(client, user, assessment, code="I1R1"):
    client.force_login(user)
    url = reverse("assessments:action", args=[assessment.city.slug, assessment.pk, code])
    return client.get(url).content.decode()


def test_the_action_page_says_an_open_action_is_overdue(client, assessment, editor):
    past = timezone.localdate() - timedelta(days=30)
    assessment.records.filter(action__code="I1R1").update(target_date=past)
    page = _action_page(client, editor, assessment)
    assert 'id="overdue"' in page and "Overdue since" in page


def test_a_done_action_is_not_overdue_on_its_page(client, assessment, editor):
    past = timezone.localdate() - timedelta(days=30)
    assessment.records.filter(action__code="I1R1").update(target_date=past, status="done")
    assert "Overdue since" not in _action_page(client, editor, assessment)


@pytest.mark.parametrize(
    "language, shown", [("en", "07/11/2026"), ("es", "07/11/2026"), ("nb", "07.11.2026")]
)
def test_the_target_date_is_shown_and_read_in_the_languages_order(
    language, shown, assessment, city
):
    record = record_of(assessment, "I1R1")
    record.target_date = date(2026, 11, 7)
    with translation.override(language):
        html = str(RecordForm(instance=record, city=city)["target_date"])
        assert f'value="{shown}"' in html
        assert 'type="text"' in html  # not the browser's picker, which follows its locale
        form = NewAssessmentForm(
            {"title": "T", "reference_date": shown, "model_version": assessment.model_version.pk},
            city=city,
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["reference_date"] == date(2026, 11, 7)


def test_english_never_reads_a_date_month_first(assessment, city):
    with translation.override("en"):
        form = NewAssessmentForm(
            {"title": "T", "reference_date": "11/07/2026", "model_version": 1}, city=city
        )
        form.is_valid()
        assert form.cleaned_data.get("reference_date") != date(2026, 11, 7)


@pytest.mark.pdf
def test_the_pdf_plan_marks_overdue_actions(client, assessment, editor):
    past = timezone.localdate() - timedelta(days=30)
    assessment.records.filter(action__code="L1S1").update(target_date=past)
    text = _squash(" ".join(_report(client, editor, assessment)))
    assert "overdue" in text
