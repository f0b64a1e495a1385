"""Access tests written against specific wrong versions of the access rule.

Each test names the wrong code it catches (found by mutation testing: these versions passed
every other test):

- `get_assessment` fetching by id alone and checking the city in the URL (an IDOR);
- `shared_with_user` asking only whether the assessment is shared with anyone;
- `city_access` letting site admins (staff) edit, or refusing them even reading.
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.access import cities_of, city_access, get_city, get_partner
from accounts.models import Membership, Partner, Role
from assessments import services
from assessments.access import get_assessment, shared_with_user
from assessments.models import EvidenceFile, EvidenceLink, Share
from audit.models import AuditEntry

from ..conftest import make_user
from ..urlwalk import ALL, _url

ASSESSMENT_SCOPED = [
    (n, p) for n, p in ALL if "cities/<slug:slug>/assessments/<id:pk>/" in str(p.pattern)
]
CITY_SCOPED = [(n, p) for n, p in ALL if "<slug:slug>" in str(p.pattern)]
RIGA_NOTE = "Riga-only evidence note"
# Whatever a POST to any of these views reads: enough for each to act if it let the user in.
EVERY_FIELD = {
    "status": "done",
    "revision": 0,
    "note": "written by someone who should not",
    "reason": "reopened by someone who should not",
    "action": "share",
    "title": "Made by someone who should not",
    "reference_date": "2026-01-01",
    "email": "intruder@example.test",
    "role": Role.EDITOR,
}


def test_the_walk_covers_the_assessment_views():
    names = {n for n, _ in ASSESSMENT_SCOPED}
    assert {
        "assessments:matrix",
        "assessments:tick",
        "assessments:action",
        "assessments:submit",
        "assessments:file",
        "assessments:remove_evidence",
        "reports:pdf",
        "reports:xlsx",
    } <= names


@pytest.fixture
def riga(smr, other_city, outsider, settings, tmp_path):
    """Riga's own draft assessment, with a note, a link and a file on L1S1."""
    settings.MEDIA_ROOT = tmp_path
    assessment = services.start_assessment(
        other_city, smr, title="Riga baseline", reference_date=date(2026, 3, 1), user=outsider
    )
    record = assessment.records.select_related("action").get(action__code="L1S1")
    record.assessment = assessment
    services.update_record(record, {"note": RIGA_NOTE}, revision=0, user=outsider)
    link = services.add_link(record, "https://riga.example/plan", "Riga plan", outsider)
    upload = SimpleUploadedFile("riga.pdf", b"%PDF-1.4 riga", content_type="application/pdf")
    evidence = services.add_file(record, upload, "application/pdf", outsider)
    return {
        "assessment": assessment,
        "kwargs": {
            "slug": "glasgow",  # Riga's ids under Glasgow's slug
            "pk": assessment.pk,
            "code": "L1S1",
            "file_pk": evidence.pk,
            "kind": "link",
            "item": link.pk,
            "fmt": "csv",
        },
    }


def _state(assessment):
    """Everything a wrongly admitted POST could change, as plain values."""
    assessment.refresh_from_db()
    return (
        assessment.status,
        assessment.title,
        sorted(assessment.records.values_list("action__code", "status", "note", "revision")),
        EvidenceLink.objects.filter(record__assessment=assessment).count(),
        EvidenceFile.objects.filter(record__assessment=assessment).count(),
        Share.objects.filter(assessment=assessment).count(),
        AuditEntry.objects.lifecycle_and_stages().filter(assessment=assessment).count(),
    )


def _refused_with_404(client, url, data=None):
    """GET and POST both answer 404 (405 for a method the view never serves) and show nothing."""
    get, post = client.get(url), client.post(url, data or EVERY_FIELD)
    codes = {get.status_code, post.status_code}
    for response in (get, post):
        assert b"Riga" not in response.content
        assert RIGA_NOTE.encode() not in response.content
    return codes


# 1. `get_assessment` fetching by id alone, then checking the city in the URL.


@pytest.mark.parametrize("name,pattern", ASSESSMENT_SCOPED, ids=[n for n, _ in ASSESSMENT_SCOPED])
def test_editor_of_glasgow_gets_404_for_rigas_assessment_under_glasgows_slug(
    client, world, riga, editor, name, pattern
):
    """Catches: `Assessment.objects.get(pk=pk)` authorised by the user's role in the URL's city."""
    client.force_login(editor)
    before = _state(riga["assessment"])
    codes = _refused_with_404(client, _url(name, pattern, riga["kwargs"]))
    assert codes <= {404, 405} and 404 in codes
    assert _state(riga["assessment"]) == before


@pytest.mark.parametrize("name,pattern", ASSESSMENT_SCOPED, ids=[n for n, _ in ASSESSMENT_SCOPED])
def test_rigas_own_editor_gets_404_for_rigas_assessment_under_glasgows_slug(
    client, world, riga, outsider, name, pattern
):
    """Catches: fetching by id alone and authorising by the assessment's own city, which lets
    an id be read (and changed) under any city's slug."""
    client.force_login(outsider)
    before = _state(riga["assessment"])
    url = _url(name, pattern, riga["kwargs"])
    get, post = client.get(url), client.post(url, EVERY_FIELD)
    codes = {get.status_code, post.status_code}
    assert codes <= {404, 405} and 404 in codes
    assert _state(riga["assessment"]) == before


def test_get_assessment_refuses_another_citys_id_under_my_slug(world, riga, editor, outsider):
    from django.http import Http404

    for user in (editor, outsider):
        with pytest.raises(Http404):
            get_assessment(user, "glasgow", riga["assessment"].pk)
    found, access = get_assessment(outsider, "riga", riga["assessment"].pk)
    assert found == riga["assessment"] and access.city.slug == "riga" and access.can_edit


# 2. `shared_with_user` answering "is it shared with anyone?".


@pytest.fixture
def other_partner_user(db):
    other = Partner.objects.create(name="UNDRR", slug="undrr")
    user = make_user("someone@undrr.test", full_name="Uma Undrr")
    other.members.add(user)
    return user


@pytest.mark.parametrize("name,pattern", ASSESSMENT_SCOPED, ids=[n for n, _ in ASSESSMENT_SCOPED])
def test_member_of_another_partner_gets_404_for_an_assessment_shared_with_the_first(
    client, world, other_partner_user, name, pattern
):
    """Catches: `assessment.shares.exists()` (a share with one partner opens it to all)."""
    client.force_login(other_partner_user)
    shared = world["shared"]
    url = _url(name, pattern, world["kwargs"], pk=shared.pk)
    get, post = client.get(url), client.post(url, EVERY_FIELD)
    assert {get.status_code, post.status_code} <= {404, 405}
    assert 404 in {get.status_code, post.status_code}
    assert b"Glasgow" not in get.content


def test_shared_with_user_is_true_only_for_the_partner_it_was_shared_with(
    world, partner_user, other_partner_user, outsider, editor
):
    from django.contrib.auth.models import AnonymousUser

    shared = world["shared"]
    assert shared_with_user(partner_user, shared) is True
    assert shared_with_user(other_partner_user, shared) is False
    assert shared_with_user(outsider, shared) is False
    assert shared_with_user(editor, shared) is False  # a member, but not through a share
    assert shared_with_user(AnonymousUser(), shared) is False
    assert shared_with_user(partner_user, world["assessment"]) is False  # not shared


def test_partner_reaches_the_shared_assessment_read_only(world, partner_user):
    from django.core.exceptions import PermissionDenied

    shared = world["shared"]
    found, access = get_assessment(partner_user, "glasgow", shared.pk)
    assert found == shared
    assert access.partner is True and access.can_edit is False and access.role is None
    assert access.can_manage_members is False
    with pytest.raises(PermissionDenied):
        get_assessment(partner_user, "glasgow", shared.pk, write=True)


def test_partner_gets_404_once_the_share_is_withdrawn(client, world, partner, partner_user):
    shared = world["shared"]
    services.unshare(shared, partner, world["assessment"].created_by)
    client.force_login(partner_user)
    url = reverse("assessments:matrix", args=["glasgow", shared.pk])
    assert client.get(url).status_code == 404


# 3 and 4. Site admins (staff, not members of the city) read every city and change none.


@pytest.fixture
def staff(db):
    return make_user("admin@site.test", full_name="Sam Staff", is_staff=True)


def test_staff_reach_a_city_read_only(world, city, staff):
    access = city_access(staff, city)
    assert access is not None
    assert access.city == city and access.role is None
    assert access.can_edit is False and access.partner is False
    assert access.can_manage_members is False


def test_city_access_by_role(world, city, editor, viewer, outsider, partner_user):
    from django.contrib.auth.models import AnonymousUser

    as_editor = city_access(editor, city)
    assert (as_editor.role, as_editor.can_edit, as_editor.can_manage_members) == (
        Role.EDITOR,
        True,
        True,
    )
    as_viewer = city_access(viewer, city)
    assert (as_viewer.role, as_viewer.can_edit, as_viewer.can_manage_members) == (
        Role.VIEWER,
        False,
        False,
    )
    assert city_access(outsider, city) is None
    assert city_access(partner_user, city) is None
    assert city_access(AnonymousUser(), city) is None


@pytest.mark.parametrize("name,pattern", CITY_SCOPED, ids=[n for n, _ in CITY_SCOPED])
def test_staff_cannot_change_a_city_they_are_no_member_of(client, world, staff, name, pattern):
    """Catches: `city_access` giving staff `can_edit=True`."""
    client.force_login(staff)
    assessment = world["assessment"]
    members = sorted(Membership.objects.values_list("user__email", "city__slug", "role"))
    before = _state(assessment)
    shared_before = _state(world["shared"])
    response = client.post(_url(name, pattern, world["kwargs"]), EVERY_FIELD)
    assert response.status_code in (403, 405)
    assert _state(assessment) == before
    assert _state(world["shared"]) == shared_before
    assert sorted(Membership.objects.values_list("user__email", "city__slug", "role")) == members
    assert world["assessment"].city.assessments.count() == 2


def test_staff_tick_is_refused_and_the_status_stays(client, world, staff):
    client.force_login(staff)
    assessment = world["assessment"]
    url = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S2"])
    response = client.post(url, {"status": "done", "revision": 0}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    record = assessment.records.get(action__code="L1S2")
    assert (record.status, record.revision) == ("not_started", 0)


def test_staff_submit_is_refused_and_the_assessment_stays_a_draft(client, world, staff):
    client.force_login(staff)
    assessment = world["assessment"]
    response = client.post(reverse("assessments:submit", args=["glasgow", assessment.pk]))
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == "draft" and assessment.submitted_by is None


def test_staff_action_page_save_is_refused(client, world, staff):
    client.force_login(staff)
    assessment = world["assessment"]
    url = reverse("assessments:action", args=["glasgow", assessment.pk, "L1S2"])
    response = client.post(url, {"status": "done", "note": "staff note", "revision": 0})
    assert response.status_code == 403
    record = assessment.records.get(action__code="L1S2")
    assert (record.status, record.note, record.revision) == ("not_started", "", 0)


def test_get_city_write_refuses_staff_with_403(world, staff):
    from django.core.exceptions import PermissionDenied

    assert get_city(staff, "glasgow").city.slug == "glasgow"
    with pytest.raises(PermissionDenied):
        get_city(staff, "glasgow", write=True)
    with pytest.raises(PermissionDenied):
        get_assessment(staff, "glasgow", world["assessment"].pk, write=True)


STAFF_READS = [(n, p) for n, p in CITY_SCOPED if n != "reports:pdf"]  # the PDF: below


@pytest.mark.parametrize("name,pattern", STAFF_READS, ids=[n for n, _ in STAFF_READS])
def test_staff_read_every_city_page_as_a_viewer_does(client, world, staff, viewer, name, pattern):
    """Catches: `city_access` returning None for staff (404 where a viewer gets 200/403)."""
    url = _url(name, pattern, world["kwargs"])
    client.force_login(viewer)
    as_viewer = client.get(url).status_code
    client.force_login(staff)
    assert client.get(url).status_code == as_viewer
    assert as_viewer in (200, 403, 405)


@pytest.mark.pdf
def test_staff_read_the_pdf_report(client, world, staff):
    client.force_login(staff)
    response = client.get(reverse("reports:pdf", args=["glasgow", world["assessment"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content if response.streaming else [response.content])[
        :5
    ] == (b"%PDF-")


# The partner rule (accounts.access.get_partner), for completeness of the access module.


def test_get_partner_for_members_and_staff_only(world, partner, partner_user, staff, editor):
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    assert get_partner(partner_user, "iclei") == partner
    assert get_partner(staff, "iclei") == partner
    for user in (editor, AnonymousUser()):
        with pytest.raises(Http404):
            get_partner(user, "iclei")
    with pytest.raises(Http404):
        get_partner(staff, "no-such-partner")


# What each refusal says (in logs, and on any error page that shows it), and small
# details of the rule that the walks above cannot see.


def test_refusals_say_what_was_refused(world, editor, viewer, outsider, partner_user, staff):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    pk = world["assessment"].pk
    cases = [
        (lambda: get_city(outsider, "glasgow"), Http404, "No such city."),
        (lambda: get_city(viewer, "glasgow", write=True), PermissionDenied,
         "Only the city's editors can change this."),
        (lambda: get_assessment(editor, "glasgow", 999_999), Http404, "No such assessment."),
        (lambda: get_assessment(outsider, "glasgow", pk), Http404, "No such assessment."),
        (lambda: get_assessment(viewer, "glasgow", pk, write=True), PermissionDenied,
         "Only the city's editors can change this."),
        (lambda: get_partner(AnonymousUser(), "iclei"), Http404, "No such partner."),
        (lambda: get_partner(editor, "iclei"), Http404, "No such partner."),
    ]  # fmt: skip
    for call, error, message in cases:
        with pytest.raises(error) as refused:
            call()
        assert str(refused.value) == message


def test_staff_get_404_for_a_city_that_does_not_exist(world, staff):
    from django.http import Http404

    with pytest.raises(Http404):
        get_city(staff, "atlantis")


def test_a_partners_access_is_to_the_assessments_own_city(world, partner_user):
    _found, access = get_assessment(partner_user, "glasgow", world["shared"].pk)
    assert access.city == world["shared"].city and access.city.slug == "glasgow"


def test_get_assessment_fetches_city_model_and_signer_in_its_one_query(
    world, editor, django_assert_num_queries
):
    shared = world["shared"]  # submitted: it has a signer
    with django_assert_num_queries(2):  # the assessment, and the editor's membership
        found, _access = get_assessment(editor, "glasgow", shared.pk)
        assert found.model_version.slug == "smr-rmm-2018"
        assert found.submitted_by == editor
        assert found.city.name == "Glasgow"


def test_cities_of_lists_the_cities_a_user_belongs_to(world, city, other_city, editor, staff):
    from django.contrib.auth.models import AnonymousUser

    Membership.objects.create(user=editor, city=other_city, role=Role.VIEWER)
    assert sorted(c.slug for c in cities_of(editor)) == ["glasgow", "riga"]
    assert list(cities_of(staff)) == []  # staff read every city, but belong to none
    assert list(cities_of(AnonymousUser())) == []


def test_a_partner_sees_private_parts_only_when_the_city_included_them(
    world, partner, partner_user, editor
):
    shared = world["shared"]
    _found, access = get_assessment(partner_user, "glasgow", shared.pk)
    assert access.sees_private is False  # shared without private parts by default
    services.share(shared, partner, editor, include_private=True)
    _found, access = get_assessment(partner_user, "glasgow", shared.pk)
    assert access.sees_private is True
    _found, as_member = get_assessment(editor, "glasgow", shared.pk)
    assert as_member.sees_private is True
