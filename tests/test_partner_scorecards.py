"""The Scorecards on a partner's dashboard, city table, exports and PDF: only those a city
shared with this partner, unanswered questions never counted as 0, the filters applied.

The network (every city shares its SMR assessment with ICLEI):
- Glasgow (GB): Scorecard with all 47 questions scored 2 → 94 of 141, shared.
- Riga (LV): all 47 scored 1 → 47, shared.
- Oslo (NO): only Essential 1's three questions scored 3 and one Essential 2 question scored
  0 → 9, with 43 unanswered, shared.
- Bergen (NO): all 47 scored 3 → 141, submitted and shared with another partner only.
"""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Membership, Partner, Role
from assessments import services
from scorecard import services as sc_services
from scorecard.models import ScorecardAnswer

from . import pdf_text
from .conftest import make_city, make_user


def _editor(city):
    user = make_user(f"e@{city.slug}.test")
    Membership.objects.create(user=user, city=city, role=Role.EDITOR)
    return user


def _smr(city, smr, user, year=2025):
    a = services.start_assessment(
        city, smr, title=f"{city.name} {year}", reference_date=date(year, 6, 1), user=user
    )
    return services.submit(a, user)


def _scorecard(city, user, every=None, year=2025):
    """A submitted Scorecard: every question scored `every` (None leaves them unanswered)."""
    sc = sc_services.start_scorecard(city, user=user, reference_date=date(year, 6, 1))
    ScorecardAnswer.objects.filter(scorecard=sc).update(score=every)
    return sc


@pytest.fixture
def network(catalogue, smr, partner, city, editor):
    city.country = "GB"
    city.save()
    other = Partner.objects.create(slug="undrr", name="UNDRR")
    made = {}
    for slug, name, country in [("glasgow", "Glasgow", "GB"), ("riga", "Riga", "LV"),
                                ("oslo", "Oslo", "NO"), ("bergen", "Bergen", "NO")]:  # fmt: skip
        place = city if slug == "glasgow" else make_city(slug, name=name, country=country)
        user = editor if slug == "glasgow" else _editor(place)
        services.share(_smr(place, smr, user), partner, user)
        made[slug] = (place, user)
    glasgow = _scorecard(*made["glasgow"], every=2)
    riga = _scorecard(*made["riga"], every=1)
    oslo = _scorecard(*made["oslo"])
    ScorecardAnswer.objects.filter(scorecard=oslo, question__essential__number=1).update(score=3)
    first_e2 = (
        ScorecardAnswer.objects.filter(scorecard=oslo, question__essential__number=2)
        .order_by("question__order")
        .first()
    )
    first_e2.score = 0
    first_e2.save()
    bergen = _scorecard(*made["bergen"], every=3)
    shared = {}
    for key, sc in [("glasgow", glasgow), ("riga", riga), ("oslo", oslo), ("bergen", bergen)]:
        place, user = made[key]
        shared[key] = sc_services.submit(sc, user)
        target = other if key == "bergen" else partner
        sc_services.share(shared[key], target, user)
    return {"scorecards": shared, "editor": editor}


def _page(client, name, **params) -> str:
    return client.get(reverse(name, args=["iclei"]), params).content.decode()


def _figure(html: str, figure_id: str) -> str:
    fragment = html.split(f'id="{figure_id}">')[1].split("</div>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def _table(html: str, table_id: str) -> list[list[str]]:
    body = html.split(f'id="{table_id}">')[1].split("</tbody>")[0].split("<tbody>")[1]
    return [
        [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(
            r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in body.split("</tr>") if "<t" in row
    ]  # fmt: skip


def _city_cell(html: str, name: str) -> str:
    """The Scorecard cell of a city's row in the city table."""
    row = html.split(f">{name}</a>")[1].split("</tr>")[0]
    cell = row.split('class="text-end scorecard-total">')[1].split("</td>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", cell).split())


def test_partner_sees_shared_scorecards_only(client, network, partner_user):
    """Catches a Scorecard read without this partner's share (Bergen shares its SMR
    assessment with ICLEI, its Scorecard only with UNDRR)."""
    client.force_login(partner_user)
    html = _page(client, "dashboards:dashboard")
    assert _figure(html, "fig-scorecards") == "3 cities share a Scorecard: all submitted"
    table = _page(client, "dashboards:heatmap")
    assert _city_cell(table, "Glasgow") == "94 47 of 47 answered"
    assert _city_cell(table, "Riga") == "47 47 of 47 answered"
    assert _city_cell(table, "Oslo") == "9 4 of 47 answered"
    assert _city_cell(table, "Bergen") == "No Scorecard shared"  # visually blank


def test_unanswered_questions_are_never_counted_as_zero(client, network, partner_user):
    """The median is over fully answered Scorecards: (47 + 94) / 2 = 70.5. Counting Oslo's
    unanswered as 0 would give a median of 47 over 9, 47, 94. Essential 2's average is over
    answered questions: Glasgow 5 × 2, Riga 5 × 1, Oslo one 0 → 15 / 11 = 1.4 (as 0s: 1.0)."""
    client.force_login(partner_user)
    html = _page(client, "dashboards:dashboard")
    assert _figure(html, "fig-scorecard-median") == (
        "70.5 / 141 median total, over 2 fully answered Scorecards"
    )
    assert _figure(html, "fig-scorecard-partial").startswith("1 partly answered")
    # 47 + 47 + 4 answered of 3 × 47 asked.
    assert _figure(html, "fig-scorecard-answered") == "70% of questions answered (98 of 141)"
    essentials = {row[0].split()[0]: row[1:] for row in _table(html, "scorecard-essentials")}
    assert essentials["E1"] == ["2.0", "9", "0"]  # (3 × 2 + 3 × 1 + 3 × 3) / 9
    assert essentials["E2"] == ["1.4", "11", "4"]
    assert essentials["E3"] == ["1.5", "8", "4"]  # Oslo answered none of it
    bands = {row[0]: row[1] for row in _table(html, "scorecard-bands")}
    assert bands["29–56"] == "1" and bands["85–112"] == "1" and bands["113–141"] == "0"
    assert bands["Partly answered"] == "1"
    assert 'id="scorecard-essentials-title"' in html  # the chart is drawn


def test_filters_apply_to_the_scorecard_figures(client, network, partner_user):
    client.force_login(partner_user)
    latvia = _page(client, "dashboards:dashboard", country="LV")
    assert _figure(latvia, "fig-scorecards") == "1 city shares a Scorecard: all submitted"
    assert _figure(latvia, "fig-scorecard-median").startswith("47 / 141")
    norway = _page(client, "dashboards:dashboard", country="NO")
    assert _figure(norway, "fig-scorecards").startswith("1 city")  # Oslo, not Bergen
    assert _figure(norway, "fig-scorecard-median").startswith("—")
    assert "Glasgow" not in _page(client, "dashboards:heatmap", country="NO")


def test_a_withdrawn_scorecard_share_is_gone_at_the_next_load(client, network, partner_user):
    """Catches a cached figure keyed on the assessment shares only."""
    client.force_login(partner_user)
    assert _figure(_page(client, "dashboards:dashboard"), "fig-scorecards").startswith("3")
    glasgow = network["scorecards"]["glasgow"]
    sc_services.unshare(glasgow, partner_user.partners.get(), network["editor"])
    html = _page(client, "dashboards:dashboard")
    assert _figure(html, "fig-scorecards").startswith("2 cities")
    assert _figure(html, "fig-scorecard-median").startswith("47 / 141")
    assert _city_cell(_page(client, "dashboards:heatmap"), "Glasgow") == "No Scorecard shared"


def test_the_latest_shared_scorecard_stands_for_the_city(client, network, partner_user, city):
    """A newer Scorecard the city did not share changes nothing; once shared, it counts."""
    newer = _scorecard(city, network["editor"], every=3, year=2026)
    newer = sc_services.submit(newer, network["editor"])
    client.force_login(partner_user)
    assert _city_cell(_page(client, "dashboards:heatmap"), "Glasgow").startswith("94 ")
    sc_services.share(newer, partner_user.partners.get(), network["editor"])
    assert _city_cell(_page(client, "dashboards:heatmap"), "Glasgow").startswith("141 ")
    assert _figure(_page(client, "dashboards:dashboard"), "fig-scorecards").startswith("3")


def test_csv_and_xlsx_carry_the_scorecard_columns(client, network, partner_user):
    client.force_login(partner_user)
    response = client.get(reverse("dashboards:heatmap_export", args=["iclei", "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header = rows[0]
    assert header[-3:] == [
        "Scorecard total (of 141)", "Scorecard questions answered (of 47)", "Scorecard status",
    ]  # fmt: skip
    by_city = {row[0]: row[-3:] for row in rows[1:]}
    assert by_city["Glasgow"] == ["94", "47", "Submitted"]
    assert by_city["Oslo"] == ["9", "4", "Submitted"]
    assert by_city["Bergen"] == ["", "", ""]
    xlsx = client.get(reverse("dashboards:heatmap_export", args=["iclei", "xlsx"]))
    sheet_rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    cells = {row[0]: row[-3:] for row in sheet_rows[1:]}
    assert cells["Riga"] == (47, 47, "Submitted")  # numbers as numbers
    assert cells["Bergen"] == (None, None, None)


@pytest.mark.pdf
def test_dashboard_pdf_has_a_scorecard_page(client, network, partner_user):
    client.force_login(partner_user)
    response = client.get(reverse("dashboards:dashboard_pdf", args=["iclei"]))
    pages = [" ".join(p.split()) for p in pdf_text.pages(response.content)]
    # After the summary page and where each city stands, before the pages per subdimension.
    start = next(n for n, p in enumerate(pages) if "UNDRR Disaster Resilience Scorecard" in p)
    end = next(n for n, p in enumerate(pages) if "Scorecard per city" in p)
    section = " ".join(pages[start : end + 1])
    assert start == 2 and "70.5 / 141" in section
    assert "Glasgow United Kingdom 94 47 / 47 Submitted" in section
    assert "Oslo Norway 9 4 / 47 Submitted" in section
    # Bergen shares its SMR assessment (it stands in the cities' table), not a Scorecard.
    assert "Bergen" not in " ".join(pages[start:])


def test_the_dashboard_pdfs_scorecard_figures_on_every_database(
    client, network, partner_user, pdf_as_html
):
    client.force_login(partner_user)
    text = pdf_as_html(client.get(reverse("dashboards:dashboard_pdf", args=["iclei"])).content)
    assert "UNDRR Disaster Resilience Scorecard" in text and "70.5 / 141" in text
    assert "Glasgow United Kingdom 94 47 / 47 Submitted" in text
    assert "Oslo Norway 9 4 / 47 Submitted" in text
    assert "Bergen" not in text.split("UNDRR Disaster Resilience Scorecard")[1]


def test_scorecard_queries_do_not_grow_with_cities(
    client, network, smr, partner, partner_user, django_assert_max_num_queries
):
    """Catches a query per city for its Scorecard, on the page, the table or the exports."""
    client.force_login(partner_user)
    urls = [
        reverse("dashboards:dashboard", args=["iclei"]),
        reverse("dashboards:heatmap", args=["iclei"]),
        reverse("dashboards:heatmap_export", args=["iclei", "csv"]),
        reverse("dashboards:heatmap_export", args=["iclei", "xlsx"]),
    ]

    def counts():
        result = []
        for url in urls:
            # 25, the partner's network targets (one query, however many: issue 25), the
            # experiences they feature and count (two: issue 31), and up to three for the
            # indicators their cities report (issue 29), as in test_dashboards.
            with django_assert_max_num_queries(31) as ctx:
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
            result.append(len(ctx.captured_queries))
        return result

    before = counts()
    for n in range(6):
        place = make_city(f"extra-{n}", name=f"Extra {n}", country="FR")
        user = _editor(place)
        services.share(_smr(place, smr, user), partner, user)
        sc = _scorecard(place, user, every=n % 4)
        sc_services.share(sc_services.submit(sc, user), partner, user)
    assert counts() == before
    html = _page(client, "dashboards:dashboard")
    assert _figure(html, "fig-scorecards").startswith("9 cities")


def test_the_demo_partner_sees_two_shared_scorecards(client, catalogue):
    """The demo: Kristiansand (fully answered) and Donostia (partly answered) share a
    Scorecard with ICLEI; Glasgow's draft and Bristol's unshared state stay blank."""
    from django.core.management import call_command

    from accounts.models import User

    call_command("load_demo")
    call_command("load_demo")  # idempotent
    client.force_login(User.objects.get(email="partner@demo.resilience.city"))
    html = client.get(reverse("dashboards:dashboard", args=["iclei-europe"])).content.decode()
    assert _figure(html, "fig-scorecards") == "2 cities share a Scorecard: all submitted"
    # A median of one is no median: the one Scorecard's total, said so (finding 12).
    assert _figure(html, "fig-scorecard-median").endswith(
        "total of the one fully answered Scorecard (a median needs more)"
    )
    table = client.get(reverse("dashboards:heatmap", args=["iclei-europe"])).content.decode()
    assert _city_cell(table, "Kristiansand").endswith("47 of 47 answered")
    assert _city_cell(table, "Donostia/San Sebastián").endswith("33 of 47 answered")
    assert _city_cell(table, "Glasgow") == "No Scorecard shared"
