"""The partner dashboard a partner puts on the projector: headline figures that equal a
straight recount, a withdrawn share gone at the next load, names instead of codes, a CSV that
streams with a byte-order mark, and a PDF of a summary page and a page per subdimension."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Membership, Role
from assessments import services
from assessments.models import ActionRecord, Assessment
from maturity.structure import load_structure

from . import pdf_text
from .conftest import make_city, make_user, mark_done


def _submitted(city, smr, user, done, year, na=()):
    a = services.start_assessment(
        city, smr, title=f"{city.name} {year}", reference_date=date(year, 6, 1), user=user
    )
    mark_done(a, done, user)
    for record in a.records.select_related("action").filter(action__code__in=na):
        record.assessment = a
        services.update_record(
            record, {"status": "not_applicable", "na_reason": "No coast"},
            revision=record.revision, user=user,
        )  # fmt: skip
    return services.submit(a, user)


def _editor(city):
    user = make_user(f"e@{city.slug}.test")
    Membership.objects.create(user=user, city=city, role=Role.EDITOR)
    return user


@pytest.fixture
def starting(smr) -> list[str]:
    """Every action of the first stage: done, a city reaches Starting everywhere."""
    structure = load_structure(smr)
    first = min(a.stage.order for a in structure.actions)
    return [a.code for a in structure.actions if a.stage.order == first]


@pytest.fixture
def network(smr, partner, editor, city, starting):
    """Glasgow: 2024 nothing done, 2025 every Starting action done (moves up overall).
    Oslo: L1S1 done in 2024 and 2025 (no move). San Sebastián: L1S1 done, L1S2 not
    applicable, one assessment. All shared with ICLEI."""
    services.share(_submitted(city, smr, editor, [], 2024), partner, editor)
    services.share(_submitted(city, smr, editor, starting, 2025), partner, editor)
    oslo = make_city("oslo", name="Oslo", country="NO", population=700000)
    oslo_editor = _editor(oslo)
    for year in (2024, 2025):
        services.share(_submitted(oslo, smr, oslo_editor, ["L1S1"], year), partner, oslo_editor)
    donostia = make_city("donostia", name="San Sebastián", country="ES", population=188000)
    d_editor = _editor(donostia)
    shared = _submitted(donostia, smr, d_editor, ["L1S1"], 2025, na=["L1S2"])
    services.share(shared, partner, d_editor)
    return {"donostia": shared, "donostia_editor": d_editor}


def _figure(html: str, figure_id: str) -> str:
    fragment = html.split(f'id="{figure_id}">')[1].split("</div>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def _dashboard(client, **params) -> str:
    return client.get(reverse("dashboards:dashboard", args=["iclei"]), params).content.decode()


def test_headline_figures(client, network, partner_user, starting):
    """Catches N/A counted as not done, a previous assessment not found, or a move in one
    subdimension counted as a move overall."""
    client.force_login(partner_user)
    html = _dashboard(client)
    assert _figure(html, "fig-cities") == "3 cities share their latest submitted assessment"
    done = len(starting) + 1 + 1  # Glasgow's Starting actions, Oslo's L1S1, San Sebastián's
    applicable = 3 * ActionRecord.objects.filter(assessment__title="Oslo 2025").count() - 1
    assert _figure(html, "fig-done") == (
        f"{round(100 * done / applicable)}% of actions done ({done} of {applicable}) "
        "leaving out 1 marked not applicable"
    )
    assert _figure(html, "fig-moved-overall") == (
        "1 moved up a stage overall, of 2 cities with an earlier shared assessment"
    )
    assert _figure(html, "fig-moved-sub") == "1 moved up in at least one subdimension"
    medians = html.split('id="medians">')[1].split("</ul>")[0]
    # P1: Glasgow Starting, Oslo and San Sebastián working on it → the median is not reached.
    assert re.search(
        r"<strong>P1</strong>[^<]*: <span class=\"median-stage\">Working on Start", medians
    )


def test_headline_done_equals_a_straight_recount(client, network, partner_user):
    """The figure comes from the stored bit masks; this recounts action records."""
    client.force_login(partner_user)
    latest = Assessment.objects.filter(shares__partner__slug="iclei", shares__latest=True)
    records = ActionRecord.objects.filter(assessment__in=latest)
    done = records.filter(status="done").count()
    applicable = records.exclude(status="not_applicable").count()
    assert f"({done} of {applicable})" in _figure(_dashboard(client), "fig-done")


def test_a_withdrawn_share_is_gone_at_the_next_load(client, network, partner_user):
    """Catches any cache of the dashboard's figures that outlives a share."""
    client.force_login(partner_user)
    assert _figure(_dashboard(client), "fig-cities").startswith("3 cities")
    assert (
        "San Sebastián"
        in client.get(reverse("dashboards:heatmap", args=["iclei"])).content.decode()
    )
    services.unshare(network["donostia"], partner_user.partners.get(), network["donostia_editor"])
    html = _dashboard(client)
    assert _figure(html, "fig-cities").startswith("2 cities")
    assert "leaving out" not in _figure(html, "fig-done")  # its N/A went with it
    assert (
        "San Sebastián"
        not in client.get(reverse("dashboards:heatmap", args=["iclei"])).content.decode()
    )


def test_city_table_names_countries_and_stages_and_opens_the_city(client, network, partner_user):
    client.force_login(partner_user)
    html = client.get(
        reverse("dashboards:heatmap", args=["iclei"]), {"sort": "-L1"}
    ).content.decode()
    assert "Spain" in html and "Norway" in html and "United Kingdom" in html
    assert 'abbr title="Diagnosis and Assessment">P1</abbr>' in html  # a header with its name
    assert "stage-legend" in html and "Working on Starting" in html
    donostia = network["donostia"]
    assert f'href="{reverse("assessments:matrix", args=["donostia", donostia.pk])}"' in html
    order = [name for name in ("Glasgow", "San Sebastián", "Oslo") if name in html]
    assert html.index("Glasgow") < html.index("Oslo")  # L1 descending: Starting first
    assert order


def test_country_filter_lists_country_names(client, network, partner_user):
    client.force_login(partner_user)
    html = _dashboard(client, country="ES")
    assert '<option value="ES" selected>Spain</option>' in html
    assert _figure(html, "fig-cities") == "1 city shares its latest submitted assessment"


def test_csv_streams_with_a_byte_order_mark(client, network, partner_user):
    """Catches a CSV without BOM (Excel on Windows garbles "San Sebastián") or not streamed."""
    client.force_login(partner_user)
    response = client.get(reverse("dashboards:heatmap_export", args=["iclei", "csv"]))
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbfCity,Country,")
    assert "San Sebastián,Spain," in body.decode("utf-8")


@pytest.mark.pdf
def test_dashboard_pdf_is_a_summary_then_a_page_per_subdimension(client, network, partner_user):
    client.force_login(partner_user)
    response = client.get(reverse("dashboards:dashboard_pdf", args=["iclei"]))
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_text.pages(response.content)
    subdimensions = load_structure(Assessment.objects.first().model_version).subdimensions
    # The summary, where each city stands (finding 13), then a page per subdimension.
    assert len(pages) == 2 + len(subdimensions)
    first = " ".join(pages[0].split())
    assert "3 cities share their latest submitted assessment" in first
    assert "Cities at each stage, per subdimension" in first
    assert "moved up overall, of 2" in first
    assert "P1 Diagnosis and Assessment" in pages[2 + [s.code for s in subdimensions].index("P1")]
    first_page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert first_page.mediabox.width == pytest.approx(595, abs=1)  # A4
    standing = " ".join(pages[1].split())
    assert standing.startswith("Where each city stands")
    # Each city by name with its signed-off date and overall stage; Glasgow's 2025 had every
    # Starting action done, Oslo's only L1S1 (tests' own fixture above).
    rows = standing.split("C2 ")[1]
    assert rows.index("Glasgow") < rows.index("Oslo") < rows.index("San Sebastián")
    glasgow = rows.split("Glasgow")[1].split("Oslo")[0]
    assert "United Kingdom" in glasgow and glasgow.count("Starting") == 11
    oslo = rows.split("Oslo")[1].split("San Sebastián")[0]
    assert "Working on Starting" in oslo
