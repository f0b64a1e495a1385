"""Issue 31: experiences per action. Who reads which (experiences.access), how they are
shown (plain text, inert markup), their files (attachments), search, reports, take-downs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from accounts.models import Membership
from assessments import services as assessment_services
from audit.models import AuditEntry
from experiences import services
from experiences.models import Experience, Report
from experiences.text import plain_html

from .exchange_world import build_exchange


@pytest.fixture
def ex(smr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_exchange(smr)


def _titles(client, url="/experiences/") -> set[str]:
    html = client.get(url).content.decode()
    titles = {
        "Department plans in Glasgow", "Glasgow partners-only notes",
        "Kristiansand for signed-in cities", "Kristiansand city-only notes",
    }  # fmt: skip
    return {t for t in titles if t in html}


def test_anonymous_readers_see_only_public_experiences(client, ex):
    assert _titles(client) == {"Department plans in Glasgow"}
    made = ex["experiences"]
    assert client.get(f"/experiences/{made['public'].pk}/").status_code == 200
    for key in ("partners", "signed_in", "city"):
        assert client.get(f"/experiences/{made[key].pk}/").status_code == 404


def test_another_city_sees_public_and_signed_in_ones(client, ex):
    client.force_login(ex["riga_editor"])
    assert _titles(client) == {"Department plans in Glasgow", "Kristiansand for signed-in cities"}
    assert client.get(f"/experiences/{ex['experiences']['city'].pk}/").status_code == 404


def test_a_partner_the_city_shares_with_sees_the_partners_one(client, ex):
    from .conftest import make_partner_user

    member = make_partner_user(ex["partner"])
    client.force_login(member)
    assert "Glasgow partners-only notes" not in _titles(client)  # nothing shared yet
    assessment_services.share(ex["signed"], ex["partner"], ex["editor"])
    assert "Glasgow partners-only notes" in _titles(client)
    assert "Kristiansand city-only notes" not in _titles(client)


def test_the_city_reads_its_own_city_only_experience(client, ex):
    client.force_login(ex["k_editor"])
    assert "Kristiansand city-only notes" in _titles(client)
    assert "Glasgow partners-only notes" not in _titles(client)


def test_riga_on_its_l1s1_page_sees_what_it_may_and_not_the_others(client, ex):
    client.force_login(ex["riga_editor"])
    url = reverse("assessments:action", args=["riga", ex["riga_draft"].pk, "L1S1"])
    html = client.get(url).content.decode()
    assert "How other cities did this" in html
    assert "Department plans in Glasgow" in html
    assert "Kristiansand for signed-in cities" in html
    assert "Glasgow partners-only notes" not in html
    assert "Kristiansand city-only notes" not in html


def test_the_same_action_is_found_across_model_versions(client, ex, smr2):
    """2018's L1M4 became 2.0's L1M3 (the committed crosswalk)."""
    from maturity.models import Action

    old = Action.objects.for_version(ex["signed"].model_version).get(code="L1M4")
    Experience.objects.create(
        city=ex["glasgow"], action=old, title="Sector plans, 2018 code",
        what_was_done="x", visibility="public",
    )  # fmt: skip
    # A reader on 2.0's L1M3 (Riga's draft names the city; the tag takes any action).
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = ex["riga_editor"]
    new = Action.objects.for_version(smr2).select_related(
        "subdimension__dimension__version"
    ).get(code="L1M3")  # fmt: skip
    html = Template("{% load how_others %}{% how_others_did_this action assessment %}").render(
        Context({"request": request, "action": new, "assessment": ex["riga_draft"]})
    )
    assert "Sector plans, 2018 code" in html


def test_markup_in_an_experience_is_shown_inert(client, ex):
    experience = ex["experiences"]["public"]
    experience.what_was_done = '<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>'
    experience.outcome = "javascript:alert(1) and https://example.org/report"
    experience.links = "javascript:alert(2)\nhttps://example.org/ok"
    experience.save()
    html = client.get(f"/experiences/{experience.pk}/").content.decode()
    assert '<script>alert("x")' not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript' not in html
    assert 'href="https://example.org/report"' in html and 'href="https://example.org/ok"' in html


@pytest.mark.parametrize(
    "text,expected",
    [
        ("a\nb\n\nc", "<p>a<br>b</p><p>c</p>"),
        ("see https://x.org/a.", '<p>see <a href="https://x.org/a" rel="nofollow noopener '
         'noreferrer">https://x.org/a</a>.</p>'),
        ('"><b>', "<p>&quot;&gt;&lt;b&gt;</p>"),
        ("data:text/html,<x>", "<p>data:text/html,&lt;x&gt;</p>"),
    ],
)  # fmt: skip
def test_plain_text_paragraphs_and_links(text, expected):
    assert plain_html(text) == expected


def test_files_are_downloaded_never_shown_inline(client, ex):
    client.force_login(ex["k_editor"])
    experience = ex["experiences"]["city"]
    stored = experience.files.get()
    response = client.get(f"/experiences/{experience.pk}/files/{stored.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    client.logout()
    assert client.get(f"/experiences/{experience.pk}/files/{stored.pk}/").status_code == 404


def test_an_editor_writes_an_experience_with_a_file_and_it_is_logged(client, ex):
    client.force_login(ex["riga_editor"])
    url = reverse("experiences:new", args=["riga", ex["riga_draft"].pk, "L1S1"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Riga's plan", "what_was_done": "We did it.", "language": "en",
            "visibility": "public", "links": "https://riga.lv/plan",
            "upload": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 riga"),
        },
    )  # fmt: skip
    assert response.status_code == 302
    made = Experience.objects.get(title="Riga's plan")
    assert made.city == ex["riga"] and made.action.code == "L1S1"
    assert made.files.get().original_name == "plan.pdf"
    assert AuditEntry.objects.filter(city=ex["riga"], field="experience").exists()


def test_a_file_that_breaks_the_evidence_rules_is_refused(client, ex):
    client.force_login(ex["riga_editor"])
    url = reverse("experiences:new", args=["riga", ex["riga_draft"].pk, "L1S1"])
    response = client.post(
        url,
        {
            "title": "x", "what_was_done": "y", "language": "en", "visibility": "city",
            "upload": SimpleUploadedFile("page.html", b"<script>"),
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "Files of type .html are not accepted" in response.content.decode()
    bad_link = client.post(
        url,
        {"title": "x", "what_was_done": "y", "language": "en", "visibility": "city",
         "links": "javascript:alert(1)"},
    )  # fmt: skip
    assert bad_link.status_code == 400 and not Experience.objects.filter(title="x").exists()


def test_another_citys_editor_cannot_edit_or_delete(client, ex):
    client.force_login(ex["riga_editor"])
    experience = ex["experiences"]["public"]
    # Glasgow's experience under Riga's slug: not Riga's; under Glasgow's: not Riga's city.
    assert client.get(f"/cities/riga/experiences/{experience.pk}/edit/").status_code == 404
    assert client.post(f"/cities/glasgow/experiences/{experience.pk}/delete/").status_code == 404
    assert Experience.objects.filter(pk=experience.pk).exists()


def test_any_signed_in_user_reports_and_an_admin_takes_down_with_a_reason(client, ex):
    experience = ex["experiences"]["public"]
    client.force_login(ex["riga_editor"])
    response = client.post(f"/experiences/{experience.pk}/report/", {"reason": "Spam link"})
    assert response.status_code == 302
    assert Report.objects.get().reason == "Spam link"
    services.take_down(experience, "Advertising", ex["riga_editor"])
    client.logout()
    assert client.get(f"/experiences/{experience.pk}/").status_code == 404
    assert "Department plans in Glasgow" not in client.get("/profiles/glasgow/").content.decode()
    client.force_login(ex["editor"])  # Glasgow's editor still reads it, with the reason
    page = client.get(f"/experiences/{experience.pk}/").content.decode()
    assert "Advertising" in page


def test_search_by_words_action_country_and_language(client, ex):
    client.force_login(ex["riga_editor"])
    assert _titles(client, "/experiences/?q=department+plans") == {"Department plans in Glasgow"}
    assert _titles(client, "/experiences/?country=no") == {"Kristiansand for signed-in cities"}
    assert _titles(client, "/experiences/?action=L1M1") == set()
    assert _titles(client, "/experiences/?language=nb") == set()
    assert client.get("/experiences/?action=<script>").status_code == 400


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgresql_search_stems_in_the_texts_language(client, ex):
    experience = ex["experiences"]["public"]
    experience.what_was_done = "Los ejercicios de simulación con los bomberos."
    experience.language = "es"
    experience.save()
    client.force_login(ex["riga_editor"])
    # Spanish stemming: "ejercicio" finds "ejercicios"; English: "city" finds "cities".
    assert _titles(client, "/experiences/?q=ejercicio") == {"Department plans in Glasgow"}
    assert _titles(client, "/experiences/?q=city") == {"Kristiansand for signed-in cities"}


def test_a_member_who_leaves_no_longer_reads_the_city_only_one(client, ex):
    client.force_login(ex["k_editor"])
    Membership.objects.filter(user=ex["k_editor"]).delete()
    assert "Kristiansand city-only notes" not in _titles(client)


def test_a_partner_features_an_experience_and_sees_counts_per_subdimension(client, ex):
    from .conftest import make_partner_user

    member = make_partner_user(ex["partner"])
    assessment_services.share(ex["signed"], ex["partner"], ex["editor"])  # Glasgow shares
    client.force_login(member)
    chosen = ex["experiences"]["partners"]
    url = reverse("experiences:partner", args=["iclei"])
    assert "Glasgow partners-only notes" in client.get(url).content.decode()
    assert client.post(url, {"experience": chosen.pk, "on": "1"}).status_code == 302
    dashboard = client.get(reverse("dashboards:dashboard", args=["iclei"])).content.decode()
    # Glasgow published two L1 experiences beyond the city (public and partners); the
    # Kristiansand ones are not counted: Kristiansand shares nothing with ICLEI.
    assert '<li class="list-inline-item"><strong>L1</strong> 2</li>' in dashboard
    assert "Glasgow partners-only notes" in dashboard
    assert AuditEntry.objects.filter(city=ex["glasgow"], new="featured by ICLEI Europe").exists()
    # A city-only experience of another city cannot be featured: 404, nothing saved.
    hidden = ex["experiences"]["city"]
    assert client.post(url, {"experience": hidden.pk, "on": "1"}).status_code == 404
    assert client.post(url, {"experience": "x"}).status_code == 400
    client.force_login(ex["editor"])
    assert client.get(url).status_code == 404


def test_the_api_searches_what_the_caller_may_read(client, ex):
    body = client.get("/api/v1/experiences/").json()
    assert [row["title"] for row in body["results"]] == ["Department plans in Glasgow"]
    row = body["results"][0]
    assert row["city"] == "glasgow" and row["action"] == "L1S1" and row["visibility"] == "public"
    client.force_login(ex["riga_editor"])
    titles = {r["title"] for r in client.get("/api/v1/experiences/?action=l1s1").json()["results"]}
    assert titles == {"Department plans in Glasgow", "Kristiansand for signed-in cities"}
    refused = client.get("/api/v1/experiences/?action=<x>")
    assert refused.status_code == 400 and "action" in refused.json()["fields"]


def test_a_site_admin_takes_an_experience_down_in_the_admin_with_a_reason(client, ex):
    from .conftest import make_user

    admin = make_user("admin@site.test", is_staff=True, is_superuser=True)
    client.force_login(admin)
    experience = ex["experiences"]["public"]
    url = reverse("admin:experiences_experience_change", args=[experience.pk])
    assert client.post(url, {"moderation_reason": "Contains a phone number"}).status_code == 302
    experience.refresh_from_db()
    assert experience.moderated_at is not None
    entry = AuditEntry.objects.filter(city=ex["glasgow"], field="experience").first()
    assert entry.user == admin and entry.new == "Contains a phone number"
    client.logout()
    assert client.get(f"/experiences/{experience.pk}/").status_code == 404
    client.force_login(ex["editor"])
    listing = client.get(reverse("experiences:city", args=["glasgow"])).content.decode()
    assert "Taken down by a site admin: Contains a phone number" in listing


def test_a_site_admin_takes_a_profile_down_in_the_admin(client, ex):
    from profiles.models import PublicProfile

    from .conftest import make_user

    admin = make_user("admin@site.test", is_staff=True, is_superuser=True)
    client.force_login(admin)
    profile = PublicProfile.objects.get(city=ex["glasgow"])
    url = reverse("admin:profiles_publicprofile_change", args=[profile.pk])
    data = {"moderation_reason": "Misleading", "latitude": "55.9", "longitude": "-4.3"}
    assert client.post(url, data).status_code == 302
    client.logout()
    assert client.get("/profiles/glasgow/").status_code == 404


def test_the_search_from_a_next_step_finds_the_action_in_every_version(client, ex, smr2):
    from maturity.models import Action

    old = Action.objects.for_version(ex["signed"].model_version).get(code="L1M4")
    Experience.objects.create(
        city=ex["glasgow"], action=old, title="Sector plans, 2018 code",
        what_was_done="x", visibility="public",
    )  # fmt: skip
    assert _titles_of(client, f"/experiences/?action=L1M3&model_version={smr2.pk}") == {
        "Sector plans, 2018 code"
    }
    assert _titles_of(client, "/experiences/?action=L1M3") == set()  # 2018's L1M3 is another
    assert client.get("/experiences/?action=L1M3&model_version=x").status_code == 400


def _titles_of(client, url) -> set[str]:
    html = client.get(url).content.decode()
    return {t for t in ["Sector plans, 2018 code", "Department plans in Glasgow"] if t in html}


def test_a_long_search_is_paged_and_each_page_link_keeps_the_filters(client, ex):
    public = ex["experiences"]["public"]
    for n in range(20):  # 21 public Glasgow experiences: one more than a page holds
        public.pk = None
        public.title = f"Department plans, part {n}"
        public.save()
    first = client.get("/experiences/?country=gb").content.decode()
    assert "Page 1 of 2" in first
    assert 'href="?country=GB&amp;page=2">Next' in first
    assert "Previous" not in first
    second = client.get("/experiences/?country=gb&page=2").content.decode()
    assert "Page 2 of 2" in second
    assert 'href="?country=GB&amp;page=1">Previous' in second
    assert ">Next<" not in second
