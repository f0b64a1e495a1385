"""No page shows an out-of-date value: each page is loaded once (its parts are then in the
page cache), a service changes what it shows, and the next load shows the change.

Pages: the matrix, an action page, the city page and the partner dashboard. Changes: a tick,
evidence, not applicable, an owner, a lifecycle step, a share and its withdrawal, a corrected
translation and a catalogue edit. Also: a change in one city leaves another city's cached
parts in the cache, and policies keep the English order after a French request.
"""

import re
from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from assessments import page_cache, services
from localisation.content import apply_translations
from maturity.models import Action, Dimension, Subdimension
from policies.catalogue import FORMAT, import_catalogue
from policies.models import Policy, PolicyLink

from .conftest import make_city, make_user, mark_done, record_of, update_action


@pytest.fixture(autouse=True)
def empty_cache(db):
    caches["fragments"].clear()
    caches["default"].clear()


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _get(client, name, *args, **params) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def _card(page: str, code: str) -> str:
    return re.search(rf'<article class="[^"]*" id="card-{code}">.*?</article>', page, re.S)[0]


def _stage_table(page: str) -> str:
    start = page.index('<table class="table table-sm">')
    return page[start : page.index("</table>", start)]


class Pages:
    def __init__(self, client, assessment):
        self.client, self.a = client, assessment

    def matrix(self, **params) -> str:
        return _get(self.client, "assessments:matrix", "glasgow", self.a.pk, **params)

    def action(self, code: str, **params) -> str:
        return _get(self.client, "assessments:action", "glasgow", self.a.pk, code, **params)

    def city(self) -> str:
        return _get(self.client, "assessments:city", "glasgow")

    def next_steps(self) -> str:
        return _get(self.client, "assessments:next_steps", "glasgow", self.a.pk)


@pytest.fixture
def pages(client, editor, assessment):
    client.force_login(editor)
    pages = Pages(client, assessment)
    # Everything each test looks at, loaded once, so that the next load could come from
    # the cache.
    pages.matrix(), pages.action("L1S1"), pages.action("P1S1"), pages.city(), pages.next_steps()
    pages.matrix(lang="es")
    return pages


def test_a_tick_shows_on_every_page(pages, assessment, editor):
    update_action(assessment, "L1S1", editor, status="done")

    matrix = pages.matrix()
    assert 'id="tick-L1S1-done" class="btn btn-outline-success" aria-pressed="true"' in matrix
    assert "1 of 90 actions done" in _text(matrix)
    assert "1 of 90 actions done" in _text(pages.city())
    assert ">L1S1</a>" not in _stage_table(pages.next_steps())  # no longer missing
    assert re.search(r'<input[^>]+value="done"[^>]+checked', pages.action("L1S1"))


def test_evidence_shows_on_the_card_and_the_action_page(pages, assessment, editor):
    services.add_link(
        record_of(assessment, "P1S1"), "https://example.org/plan", "Flood plan", editor
    )

    assert "1 evidence" in _text(_card(pages.matrix(), "P1S1"))
    assert "Flood plan" in pages.action("P1S1")


def test_not_applicable_shows_on_every_page(pages, assessment, editor):
    update_action(
        assessment, "L1S1", editor, status="not_applicable", na_reason="No such body here"
    )

    assert "Not applicable" in _text(_card(pages.matrix(), "L1S1"))
    assert "No such body here" in pages.action("L1S1")
    assert "1 not applicable" in _text(pages.city())


def test_an_owner_change_leaves_the_card_ready_for_the_next_tick(pages, assessment, editor):
    """The card's tick form carries the record's revision: after another change to the
    record (its owner), the next quick tick must not meet a false conflict."""
    update_action(assessment, "L1S1", editor, responsible="Resilience Office")
    assert "Resilience Office" in pages.action("L1S1")

    revision = re.search(r'name="revision" value="(\d+)"', _card(pages.matrix(), "L1S1"))[1]
    tick = reverse("assessments:tick", args=["glasgow", assessment.pk, "L1S1"])
    response = pages.client.post(
        tick, {"status": "done", "revision": revision}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert "changed this action meanwhile" not in response.content.decode()
    assert record_of(assessment, "L1S1").status == "done"


def test_an_overdue_target_shows_on_the_card(pages, assessment, editor):
    update_action(assessment, "C1S1", editor, target_date=date(2020, 1, 1))

    assert "Overdue since 1 Jan 2020" in _text(_card(pages.matrix(), "C1S1"))


def test_a_target_date_passing_overnight_shows_on_the_card(pages, assessment, editor, monkeypatch):
    update_action(assessment, "C1S1", editor, target_date=date(2030, 1, 1))
    assert "Overdue" not in _text(_card(pages.matrix(), "C1S1"))

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2030, 1, 2))

    assert "Overdue since 1 Jan 2030" in _text(_card(pages.matrix(), "C1S1"))


def test_sign_off_and_reopening_show_on_every_page(pages, assessment, editor):
    services.submit(assessment, editor)
    matrix = pages.matrix()
    assert "tick-form" not in matrix
    assert "Submitted" in _text(pages.city())
    assert 'name="revision"' not in pages.action("L1S1")  # read-only: no form

    services.reopen(assessment, editor, "A correction")
    assert "tick-form" in _card(pages.matrix(), "L1S1")


def test_a_viewer_is_never_served_the_editors_cards(pages, assessment, city, client):
    viewer = make_user("viewer2@glasgow.test", full_name="Vera Viewer")
    Membership.objects.create(user=viewer, city=city, role=Role.VIEWER)
    client.force_login(viewer)

    matrix = pages.matrix()

    assert "tick-form" not in matrix
    assert ">Sharing<" not in matrix


def test_a_new_member_is_offered_as_owner(pages, assessment, city):
    newcomer = make_user("newcomer@glasgow.test", full_name="Nadia Newcomer")
    Membership.objects.create(user=newcomer, city=city, role=Role.VIEWER)

    assert "Nadia Newcomer</option>" in pages.action("L1S1")


def test_a_renamed_city_links_to_its_new_address(pages, assessment, city, editor):
    services.add_link(record_of(assessment, "L1S1"), "https://example.org/a", "A", editor)
    pages.action("L1S1")
    city.slug = "glaschu"
    city.save()

    def get(name, *args):
        return _get(pages.client, name, *args)

    matrix = get("assessments:matrix", "glaschu", assessment.pk)
    action = get("assessments:action", "glaschu", assessment.pk, "L1S1")
    listed = get("assessments:city", "glaschu")
    assert f'href="/cities/glaschu/assessments/{assessment.pk}/actions/L1S2/"' in matrix
    assert "/cities/glasgow/" not in _card(matrix, "L1S1")
    assert f"/cities/glaschu/assessments/{assessment.pk}/actions/L1S1/link/" in action
    assert f'href="/cities/glaschu/assessments/{assessment.pk}/"' in listed


def test_a_retitled_assessment_shows_its_title_in_the_city_list(pages, assessment):
    assessment.title = "Resilience review 2026"
    assessment.save(update_fields=["title"])

    assert "Resilience review 2026</a>" in pages.city()


def test_a_corrected_dimension_name_reaches_the_headlines(pages, smr, assessment):
    dimension = Dimension.objects.get(code="L", version=smr)
    city_url = reverse("assessments:city", args=["glasgow"])
    pages.client.get(city_url, {"lang": "es"})  # in the cache, in Spanish
    sub = Subdimension.objects.get(code="L1", dimension=dimension)
    texts = {
        f"version:{smr.slug}:dimension:L:name": {
            "source": dimension.name_en,
            "text": "Liderazgo X",
        },
        f"version:{smr.slug}:subdimension:L1:title": {"source": sub.title_en, "text": "Muni X"},
    }
    apply_translations(smr, "es", texts)
    assert "Liderazgo X" in _text(pages.matrix(lang="es"))
    city = _text(pages.client.get(city_url, {"lang": "es"}).content.decode())
    assert "Liderazgo X" in city  # the headline
    assert "L1 Muni X" in city  # the assessment's stages per subdimension


def test_a_corrected_translation_reaches_the_cached_cards(pages, smr, assessment):
    action = Action.objects.get(code="L1S1", subdimension__dimension__version=smr)
    source = action.text_en
    apply_translations(
        smr, "es", {f"version:{smr.slug}:action:L1S1:text": {"source": source, "text": "Texto X"}}
    )

    assert "Texto X" in _card(pages.matrix(lang="es"), "L1S1")


def test_a_catalogue_edit_reaches_the_cards_and_the_action_page(pages, smr):
    link = {"action": "L1S1", "note": "How to start"}
    policy = {"slug": "plan-guide", "title": "Plan guide", "kind": "guideline", "links": [link]}
    import_catalogue({"format": FORMAT, "model_version": smr.slug, "policies": [policy]})

    assert "1 tool" in _text(_card(pages.matrix(), "L1S1"))
    assert "Plan guide" in pages.action("L1S1")
    assert "Plan guide" in pages.next_steps()  # L1S1 is a next step of the empty assessment


def test_a_policy_removed_in_the_admin_leaves_the_cards(client, pages, smr, admin_user):
    policy = Policy.objects.create(slug="plan-guide", title="Plan guide", kind="guideline")
    action = Action.objects.get(code="L1S1", subdimension__dimension__version=smr)
    PolicyLink.objects.create(policy=policy, action=action)
    from policies.versions import catalogue_changed

    catalogue_changed()
    assert "1 tool" in _text(_card(pages.matrix(), "L1S1"))

    client.force_login(admin_user)
    response = client.post(
        reverse("admin:policies_policy_delete", args=[policy.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    client.force_login(pages.a.created_by)

    assert "tool" not in _text(_card(pages.matrix(), "L1S1"))


def test_a_tick_in_one_city_draws_nothing_again_in_another(
    pages, smr, outsider, other_city, monkeypatch
):
    riga = services.start_assessment(
        other_city, smr, title="Riga 2026", reference_date=date(2026, 6, 30), user=outsider
    )
    pages.matrix()
    drawn = []
    real = page_cache.render_to_string
    monkeypatch.setattr(
        page_cache, "render_to_string", lambda name, ctx: drawn.append(name) or real(name, ctx)
    )

    update_action(riga, "L1S1", outsider, status="done")
    pages.matrix()

    assert drawn == []


def test_a_chart_is_drawn_once_per_profile_and_each_profile_its_own():
    drawn = []

    def draw(text):
        drawn.append(text)
        return f"<svg>{text}</svg>"

    assert page_cache.drawn(("chart", "a"), lambda: draw("a")) == "<svg>a</svg>"
    assert page_cache.drawn(("chart", "a"), lambda: draw("again")) == "<svg>a</svg>"
    assert page_cache.drawn(("chart", "b"), lambda: draw("b")) == "<svg>b</svg>"
    assert drawn == ["a", "b"]


# The partner dashboard ---------------------------------------------------------------


ONE_CITY = "1 city shares its latest submitted assessment"


def _dashboard(client, partner, country: str) -> str:
    """The dashboard's figures for the cities of one country."""
    html = _get(client, "dashboards:dashboard", partner.slug, country=country)
    return _text(html)


@pytest.fixture
def signed_off(assessment, editor):
    mark_done(assessment, ["L1S1"], editor)
    return services.submit(assessment, editor)


def test_an_unchanged_dashboard_comes_from_the_cache(
    client, partner, partner_user, signed_off, editor
):
    """The figures are computed once, not on every load (else the versions would only cost):
    the second load of an unchanged dashboard reads far less of the database."""
    services.share(signed_off, partner, editor)
    client.force_login(partner_user)
    url = reverse("dashboards:dashboard", args=[partner.slug])
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)

    assert len(second) < len(first) - 3


def test_an_evicted_version_never_brings_back_old_figures(
    client, partner, partner_user, signed_off, editor
):
    """A cache that drops the partner's version (memory pressure, a restart of the cache
    server) must not make the dashboard serve figures computed before a change."""
    client.force_login(partner_user)
    assert ONE_CITY not in _dashboard(client, partner, "GB")  # cached: no city yet
    services.share(signed_off, partner, editor)
    assert ONE_CITY in _dashboard(client, partner, "GB")

    caches["default"].delete(f"dashboard:partner-version:{partner.pk}")

    assert ONE_CITY in _dashboard(client, partner, "GB")


def test_a_share_and_its_withdrawal_show_on_the_dashboard(
    client, partner, partner_user, signed_off, editor
):
    client.force_login(partner_user)
    assert ONE_CITY not in _dashboard(client, partner, "GB")

    services.share(signed_off, partner, editor)
    assert ONE_CITY in _dashboard(client, partner, "GB")

    services.unshare(signed_off, partner, editor)
    assert ONE_CITY not in _dashboard(client, partner, "GB")


def test_a_withdrawn_share_replaced_by_another_leaves_the_figures(
    client, partner, partner_user, signed_off, editor, smr
):
    """As many shares after as before: a count of shares would not see the change."""
    dublin = make_city("dublin", name="Dublin", country="IE")
    officer = make_user("officer@dublin.test")
    Membership.objects.create(user=officer, city=dublin, role=Role.EDITOR)
    other = services.start_assessment(
        dublin, smr, title="Dublin 2026", reference_date=date(2026, 6, 30), user=officer
    )
    other = services.submit(other, officer)
    services.share(signed_off, partner, editor)
    client.force_login(partner_user)
    assert ONE_CITY in _dashboard(client, partner, "GB")

    services.unshare(signed_off, partner, editor)
    services.share(other, partner, officer)

    assert ONE_CITY not in _dashboard(client, partner, "GB")
    assert ONE_CITY in _dashboard(client, partner, "IE")


def test_a_reopening_withdraws_the_city_from_the_dashboard(
    client, partner, partner_user, signed_off, editor
):
    services.share(signed_off, partner, editor)
    client.force_login(partner_user)
    assert ONE_CITY in _dashboard(client, partner, "GB")

    services.reopen(signed_off, editor, "A correction")

    assert ONE_CITY not in _dashboard(client, partner, "GB")


def test_an_edited_city_moves_on_the_dashboard(client, partner, partner_user, signed_off, editor):
    from accounts.models import Partner

    for n in range(2):  # so that the share's id is not its partner's
        other = Partner.objects.create(name=f"Other {n}", slug=f"other-{n}")
        services.share(signed_off, other, editor)
        services.unshare(signed_off, other, editor)
    services.share(signed_off, partner, editor)
    client.force_login(partner_user)
    assert ONE_CITY in _dashboard(client, partner, "GB")

    city = signed_off.city
    city.country = "IE"
    city.save()

    assert ONE_CITY not in _dashboard(client, partner, "GB")
    assert ONE_CITY in _dashboard(client, partner, "IE")


# The policies' order -------------------------------------------------------------------


def test_policies_keep_the_english_order_after_a_french_request(client, editor, assessment, smr):
    action = Action.objects.get(code="L1S1", subdimension__dimension__version=smr)
    # English order: Alpha, Beta; French order: Alpha (Zêta), Beta (Alpha) the other way.
    for slug, en, fr in (("a", "Alpha plan", "Zêta plan"), ("b", "Beta plan", "Alpha plan fr")):
        policy = Policy.objects.create(slug=slug, title=en, title_fr=fr, kind="guideline")
        PolicyLink.objects.create(policy=policy, action=action)
    client.force_login(editor)
    french = _get(client, "assessments:action", "glasgow", assessment.pk, "L1S1", lang="fr")
    assert french.index("Alpha plan fr") < french.index("Zêta plan")

    english = _get(client, "assessments:action", "glasgow", assessment.pk, "L1S1", lang="en")

    assert english.index("Alpha plan") < english.index("Beta plan")


def test_an_edited_city_that_shares_only_a_scorecard_moves_on_the_dashboard(client, smr, catalogue):
    """The city's partners are found through its Scorecard shares too (and by partner, not
    by share: the ids differ here)."""
    from accounts.models import Partner
    from scorecard import services as scorecards

    Partner.objects.create(name="Someone else", slug="someone-else")
    network = Partner.objects.create(name="Network", slug="network")
    member = make_user("someone@network.test")
    network.members.add(member)
    dublin = make_city("dublin", name="Dublin", country="IE")
    officer = make_user("officer@dublin.test")
    Membership.objects.create(user=officer, city=dublin, role=Role.EDITOR)
    scorecard = scorecards.submit(scorecards.start_scorecard(dublin, user=officer), officer)
    scorecards.share(scorecard, network, officer)
    client.force_login(member)
    one = "1 city shares a Scorecard"
    assert one in _dashboard(client, network, "IE")

    dublin.country = "FR"
    dublin.save()

    assert one not in _dashboard(client, network, "IE")
    assert one in _dashboard(client, network, "FR")


def test_a_city_added_to_a_network_from_the_network_side_moves_on_the_dashboard(
    client, partner, partner_user, signed_off, editor
):
    from accounts.models import Network

    services.share(signed_off, partner, editor)
    Network.objects.create(name="SMR")  # so that the network's id is not the city's
    mcr = Network.objects.create(name="MCR2030")
    client.force_login(partner_user)
    url = reverse("dashboards:dashboard", args=[partner.slug])
    assert ONE_CITY not in _text(client.get(url, {"network": "MCR2030"}).content.decode())

    mcr.cities.add(signed_off.city)

    assert ONE_CITY in _text(client.get(url, {"network": "MCR2030"}).content.decode())
