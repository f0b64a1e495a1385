"""Issue 31: public city profiles. Anonymous readers see what a city published and nothing
else: no draft's figures, no person's name or e-mail address, no file not published; a
profile unpublished is gone on the next request."""

import pytest
from django.urls import reverse

from profiles import services
from profiles.models import PublicProfile

from .exchange_world import build_exchange


@pytest.fixture
def ex(smr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_exchange(smr)


def test_the_profile_shows_the_signed_off_stages_and_the_public_experience(client, ex):
    html = client.get("/profiles/glasgow/").content.decode()
    assert "Glasgow" in html and "635,000" in html
    # Signed off 2025: L1S1 and L1S2 done, so L1 reached Starting; its date is said.
    assert 'data-code="L1" data-level="1"' in html
    assert "30 June 2025" in html
    assert "Department plans in Glasgow" in html


def test_the_profile_never_shows_the_draft_people_or_unpublished_files(client, ex):
    response = client.get("/profiles/glasgow/")
    html = response.content.decode()
    # The draft has all of P1 and C1 done; the signed-off assessment none of them.
    assert 'data-code="P1" data-level="0"' in html
    assert 'data-code="C1" data-level="0"' in html
    for secret in [
        "draft", "Draft", "Self-assessment 2026", "secret draft note", "Hidden Department Head",
        "Ellen Editor", "editor@glasgow.test", "@", "evidence-secret", "city-only-budget",
        "Glasgow partners-only notes", "Kristiansand city-only notes",
    ]:  # fmt: skip
        assert secret not in html, secret
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    assert "Set-Cookie" not in headers and "@" not in headers
    assert response["Cache-Control"] == "no-cache"


def test_an_unpublished_city_is_404_and_never_linked(client, ex):
    assert client.get("/profiles/riga/").status_code == 404
    for url in ["/profiles/", "/profiles/?country=LV", "/sitemap.xml"]:
        assert "/profiles/riga/" not in client.get(url).content.decode()
    # Kristiansand's experience page names Kristiansand; Riga has no profile to link to.
    assert client.get("/profiles/kristiansand/").status_code == 200


def test_unpublishing_takes_effect_on_the_next_request(client, ex):
    assert client.get("/profiles/glasgow/").status_code == 200  # drawn and cached
    profile = PublicProfile.objects.get(city=ex["glasgow"])
    before = {name: getattr(profile, name) for name in services.SETTINGS}
    profile.published = False
    services.save_profile(profile, before, ex["editor"])
    assert client.get("/profiles/glasgow/").status_code == 404
    assert client.get("/profiles/glasgow/badge.svg").status_code == 404
    directory = client.get("/profiles/").content.decode()
    assert "/profiles/glasgow/" not in directory and "/profiles/kristiansand/" in directory


def test_a_take_down_by_a_site_admin_is_404_and_the_city_sees_why(client, ex):
    profile = PublicProfile.objects.get(city=ex["glasgow"])
    services.take_down(profile, "Contains an advertisement", ex["editor"])
    assert client.get("/profiles/glasgow/").status_code == 404
    client.force_login(ex["editor"])
    page = client.get(reverse("profiles:edit", args=["glasgow"])).content.decode()
    assert "Contains an advertisement" in page


def test_the_directory_filters_by_country_and_stage(client, ex):
    both = client.get("/profiles/").content.decode()
    assert "/profiles/glasgow/" in both and "/profiles/kristiansand/" in both
    gb = client.get("/profiles/?country=GB").content.decode()
    assert "/profiles/glasgow/" in gb and "/profiles/kristiansand/" not in gb
    # Overall: Glasgow's other subdimensions hold it at level 0, as Kristiansand.
    at_zero = client.get("/profiles/?stage=0").content.decode()
    assert "/profiles/glasgow/" in at_zero and "/profiles/kristiansand/" in at_zero
    assert "/profiles/glasgow/" not in client.get("/profiles/?stage=1").content.decode()
    assert "<svg" in both and "Glasgow</text>" in both  # the map names each city


@pytest.mark.parametrize("query", ["country=GBR", "stage=9", "stage=x", "network=abc", "page=0"])
def test_bad_filters_are_a_400_not_a_500(client, ex, query):
    assert client.get(f"/profiles/?{query}").status_code == 400


def test_the_profile_text_is_plain_text_with_safe_links(client, ex):
    profile = PublicProfile.objects.get(city=ex["glasgow"])
    profile.text = (
        "<script>alert(1)</script>\n\nSee https://example.org/plan. "
        '<a href="javascript:alert(2)">x</a> javascript:alert(3)'
    )
    profile.version += 1
    profile.save()
    html = client.get("/profiles/glasgow/").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert '<a href="https://example.org/plan" rel="nofollow noopener noreferrer">' in html


def test_badge_sitemap_robots_and_preview(client, ex):
    badge = client.get("/profiles/glasgow/badge.svg")
    assert badge["Content-Type"].startswith("image/svg+xml") and b"Glasgow" in badge.content
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/profiles/glasgow/" in sitemap
    assert "http://testserver/profiles/" in sitemap and "riga" not in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Allow: /profiles/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    preview = client.get("/profiles/glasgow/preview.png")
    assert preview["Content-Type"] == "image/png" and preview.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_query_counts_do_not_grow_with_the_published_cities(
    client, ex, smr, django_assert_num_queries
):
    from .conftest import make_city

    def counts():
        from django.core.cache import caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        found = []
        for url in ["/profiles/", "/profiles/glasgow/"]:
            caches["fragments"].clear()
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            found.append(len(ctx.captured_queries))
        return found

    few = counts()
    for n in range(12):
        city = make_city(f"town-{n}", name=f"Town {n}")
        PublicProfile.objects.create(city=city, published=True, latitude=50 + n, longitude=n)
    assert counts() == few


def test_an_editor_publishes_and_the_change_is_in_the_audit_log(client, ex):
    from audit.models import AuditEntry

    client.force_login(ex["riga_editor"])
    response = client.post(
        reverse("profiles:edit", args=["riga"]),
        {"published": "on", "show_stages": "on", "text": "Riga's work."},
    )
    assert response.status_code == 302
    assert client.get("/profiles/riga/").status_code == 200
    entries = AuditEntry.objects.filter(city=ex["riga"], field="public_profile")
    assert {e.user for e in entries} == {ex["riga_editor"]}
    assert {"published: True", "text: Riga's work."} <= {e.new for e in entries}
    # Riga's coordinates come from the offline place names, for the map.
    profile = PublicProfile.objects.get(city=ex["riga"])
    assert round(profile.latitude) == 57 and round(profile.longitude) == 24


def test_a_viewer_cannot_publish(client, ex):
    from .conftest import make_member

    viewer = make_member("viewer@riga.test", "V", ex["riga"], "viewer")
    client.force_login(viewer)
    response = client.post(reverse("profiles:edit", args=["riga"]), {"published": "on"})
    assert response.status_code == 403
    assert client.get("/profiles/riga/").status_code == 404


def test_the_scorecard_total_and_radar_only_when_the_city_chose_them(client, ex, catalogue):
    from datetime import date

    from scorecard import services as scorecards

    sheet = scorecards.start_scorecard(
        ex["glasgow"], user=ex["editor"], title="Scorecard 2025", reference_date=date(2025, 9, 1)
    )
    sheet.answers.filter(question__ref__in=["P1.1", "P1.2"]).update(score=3)
    sheet.answers.filter(question__ref="P2.1").update(score=1)
    scorecards.submit(sheet, ex["editor"])
    assert "Disaster Resilience Scorecard" not in client.get("/profiles/glasgow/").content.decode()
    profile = PublicProfile.objects.get(city=ex["glasgow"])
    before = {name: getattr(profile, name) for name in services.SETTINGS}
    profile.show_scorecard = True
    services.save_profile(profile, before, ex["editor"])
    html = client.get("/profiles/glasgow/").content.decode()
    assert "Signed off on 1 September 2025: 7 of 141 points." in html
    assert 'id="public-scorecard"' in html


def test_a_signed_in_user_reports_a_profile(client, ex):
    from experiences.models import Report

    url = reverse("profiles:report", args=["glasgow"])
    assert "/accounts/login/" in client.get(url).url  # anonymous: sign in first
    client.force_login(ex["riga_editor"])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Outdated figures"}).status_code == 302
    found = Report.objects.get()
    assert (found.city, found.experience, found.reason) == (ex["glasgow"], None, "Outdated figures")
    assert client.get(reverse("profiles:report", args=["riga"])).status_code == 404


def test_the_profile_says_it_was_peer_reviewed_once_the_review_is_returned(client, ex):
    """A critical friend's review shows on the public profile once returned (never while the
    reviewers still work on it), by whom and when; the cached profile follows at once."""
    from datetime import date, timedelta

    from accounts.models import Role
    from reviews import services as reviews

    from .conftest import make_city, make_member

    bristol = make_city("bristol", name="Bristol")
    reviewer = make_member("editor@bristol.test", "Rita Reviewer", bristol, Role.EDITOR)
    assert "Peer-reviewed" not in client.get("/profiles/glasgow/").content.decode()
    review = reviews.request_review(
        ex["signed"], bristol, ex["editor"], scope=[], due_date=date.today() + timedelta(days=9)
    )
    action = ex["signed"].records.select_related("action").get(action__code="L1S1").action
    reviews.record_finding(review, action, reviewer, verdict="agree")
    assert "Peer-reviewed" not in client.get("/profiles/glasgow/").content.decode()
    reviews.return_review(review, reviewer)
    html = client.get("/profiles/glasgow/").content.decode()
    assert "Peer-reviewed by Bristol, a critical-friend city" in html
    assert "Rita Reviewer" not in html
