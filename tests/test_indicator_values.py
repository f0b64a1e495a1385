"""Issue 29, deliver 2: a city records indicator values year by year; charts show them; a
partner sees them only with the city's consent on top of a share."""

import pytest
from django.urls import reverse

from assessments import services as assessment_services
from audit.models import AuditEntry
from indicators import services
from indicators.models import IndicatorValue
from maturity.models import Indicator

from .conftest import start_signed_off

CODE = "L1-leading-1"  # "Number of cooperation agreements with CITY stakeholders (L1S1, …)"
VERSION = "smr-maturity-model-2-0"


def _page(code="L1"):
    return reverse("indicators:subdimension", args=["glasgow", VERSION, code])


def _post(client, year, **fields):
    data = {f"{CODE}-year": year, **{f"{CODE}-{k}": v for k, v in fields.items()}}
    return client.post(reverse("indicators:record", args=["glasgow", VERSION, CODE]), data)


@pytest.fixture
def indicator(smr2):
    return Indicator.objects.get(subdimension__dimension__version=smr2, code=CODE)


def test_an_editor_records_a_value_and_sees_it_in_the_table_and_the_chart(
    client, editor, indicator
):
    client.force_login(editor)
    response = _post(client, 2024, number="12", unit="agreements", source="Council register")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#{CODE}")
    _post(client, 2025, number="17", unit="agreements")
    page = client.get(_page()).content.decode()
    assert "Number of cooperation agreements with CITY stakeholders (L1S1, L1S2, L1M1)" in page
    assert "17 agreements" in page and "Council register" in page
    # The chart: an SVG with a dot per year, its values described for screen readers.
    chart = page.split(f'id="chart-{CODE}"')[1].split("</svg>")[0]
    assert chart.count("<circle") == 2
    assert "2024: 12 agreements; 2025: 17 agreements" in chart
    assert "Ellen Editor" in page  # who entered it


def test_a_correction_replaces_the_year_and_is_in_the_audit_log(client, editor, indicator, city):
    client.force_login(editor)
    _post(client, 2024, number="12")
    _post(client, 2024, number="14", note="Two were missed")
    value = IndicatorValue.objects.get(city=city, indicator=indicator)
    assert (value.year, value.shown, value.note) == (2024, "14", "Two were missed")
    changes = AuditEntry.objects.filter(city=city, field__startswith=f"indicator {CODE} 2024")
    assert ("12", "14") in set(changes.values_list("old", "new"))
    assert changes.filter(field__endswith="note", new="Two were missed").exists()


def test_a_level_counts_as_a_value_but_a_blank_entry_is_refused(client, editor, indicator):
    client.force_login(editor)
    assert _post(client, 2025, level="high").status_code == 302
    refused = _post(client, 2026, unit="agreements")
    assert refused.status_code == 400
    assert "Enter a number or a level." in refused.content.decode()
    assert _post(client, 1200, number="3").status_code == 400
    assert _post(client, 2026, number="lots").status_code == 400
    assert IndicatorValue.objects.count() == 1


def test_citations_the_model_lacks_are_shown_as_such(client, editor, smr2):
    client.force_login(editor)
    page = client.get(_page()).content.decode()
    # L1R1 and L1T1 in one, L1M4 and L1M5 in two, L1T1 again in a result indicator.
    assert page.count("unresolved-code") == 7
    assert 'L1R1 <span class="fw-normal">(no such action in this version)' in page


def test_a_viewer_reads_but_cannot_write(client, viewer, indicator):
    client.force_login(viewer)
    assert client.get(_page()).status_code == 200
    assert _post(client, 2024, number="1").status_code == 403


def test_another_city_sees_nothing(client, outsider, indicator):
    client.force_login(outsider)
    assert client.get(_page()).status_code == 404
    assert client.get(reverse("indicators:overview", args=["glasgow"])).status_code == 404


@pytest.fixture
def measured(city, editor, indicator):
    services.record_value(city, indicator, services.Measured(2025, number=9), editor)


def test_a_partner_sees_the_values_only_with_the_citys_consent(
    client, smr, city, editor, partner, partner_user, measured
):
    overview = reverse("indicators:overview", args=["glasgow"])
    client.force_login(partner_user)
    assert client.get(overview).status_code == 404  # nothing shared
    signed = start_signed_off(city, smr, user=editor, title="2025", reference_date="2025-12-31")
    assessment_services.share(signed, partner, editor)
    assert client.get(overview).status_code == 404  # shared, but not the values
    services.set_consent(city, partner, True, editor)
    page = client.get(_page()).content.decode()
    assert "9" in page.split("values-table")[1] and "Ellen Editor" not in page
    assessment_services.unshare(signed, partner, editor)
    assert client.get(overview).status_code == 404  # the share withdrawn hides them again


def test_the_consent_form_is_offered_for_shared_partners_and_logged(
    client, smr, city, editor, partner, measured
):
    signed = start_signed_off(city, smr, user=editor, title="2025", reference_date="2025-12-31")
    assessment_services.share(signed, partner, editor)
    client.force_login(editor)
    url = reverse("indicators:consent", args=["glasgow"])
    client.post(url, {"partner": partner.pk, "include": "on"})
    assert AuditEntry.objects.filter(
        city=city, kind="shared", detail__contains="indicator"
    ).exists()
    page = client.get(reverse("indicators:overview", args=["glasgow"])).content.decode()
    assert f'id="consent-{partner.pk}" checked' in page
    client.post(url, {"partner": partner.pk})
    assert AuditEntry.objects.filter(city=city, kind="unshared").exists()


def test_the_pages_queries_do_not_grow_with_the_values(client, editor, city, smr2):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    pages = [_page(), reverse("indicators:overview", args=["glasgow"])]

    def counts():
        found = []
        for url in pages:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            found.append(len(ctx.captured_queries))
        return found

    counts()  # sessions and caches warm
    empty = counts()
    for indicator in Indicator.objects.filter(subdimension__dimension__version=smr2):
        for year in (2023, 2024, 2025):
            services.record_value(city, indicator, services.Measured(year, number=5), editor)
    assert counts() == empty
    assert max(empty) <= 12, empty
