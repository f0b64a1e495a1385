"""A text not (yet) translated shows in English, never empty; a translation of an older
English text is not applied.

Three places keep that promise: `localisation.queries.localised` in the queries that
aggregate (the Scorecard's totals by Essential), MODELTRANSLATION_FALLBACK_LANGUAGES for a
record's own attributes (an action's text), and the stale check in `apply_translations`.
"""

import io
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from localisation.content import apply_translations
from maturity.models import Action
from policies.models import Essential
from scorecard import services as scorecard_services

L1S1_EN = "Establish a working team responsible for resilience issues in the city"
L1S1_ES = "Crear un equipo de trabajo responsable de las cuestiones de resiliencia en la ciudad"
ESSENTIAL_1_EN = "Organise for disaster resilience"
ESSENTIAL_1_ES = "Organizarse para la resiliencia a desastres"
L1S1_KEY = "version:smr-rmm-2018:action:L1S1:text"


def _spanish(client, url: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert '<html lang="es">' in html
    return html


@pytest.fixture
def translated(smr, catalogue):
    call_command("load_translations", "es", verbosity=0, stdout=io.StringIO())


def test_an_essential_without_its_spanish_title_shows_the_english_one_in_the_totals(
    client, translated, city, editor
):
    Essential.objects.filter(edition="2017", number=1).update(title_es="")
    scorecard = scorecard_services.start_scorecard(city, user=editor)
    client.force_login(editor)
    html = _spanish(client, reverse("scorecard:detail", args=[city.slug, scorecard.pk]))
    assert f'<th scope="row" class="fw-normal">E1 {ESSENTIAL_1_EN}</th>' in html
    # Its neighbours, translated, are in Spanish.
    assert '<th scope="row" class="fw-normal">E2 Identificar' in html


def test_an_untranslated_action_text_shows_in_english(client, translated, assessment, editor):
    Action.objects.filter(code="L1S1").update(text_es="")
    client.force_login(editor)
    url = reverse("assessments:action", args=[assessment.city.slug, assessment.pk, "L1S1"])
    assert L1S1_EN in _spanish(client, url)


def test_a_translation_of_an_older_english_text_is_not_applied(
    client, smr, catalogue, assessment, editor
):
    # The English was corrected after this translation was made: it translates the old text.
    stale = {L1S1_KEY: {"source": "Establish a working team", "text": "Crear un equipo"}}
    counts = apply_translations(smr, "es", stale)
    assert counts["stale"] == 1 and counts["applied"] == 0
    client.force_login(editor)
    url = reverse("assessments:action", args=[assessment.city.slug, assessment.pk, "L1S1"])
    html = _spanish(client, url)
    assert L1S1_EN in html and "Crear un equipo" not in html
    # Once the translator catches up with the correction, it is applied.
    current = {L1S1_KEY: {"source": L1S1_EN, "text": L1S1_ES}}
    assert apply_translations(smr, "es", current)["applied"] == 1
    assert L1S1_ES in _spanish(client, url)


def test_a_new_interface_language_without_model_columns_shows_the_english_titles(
    client, translated, city, editor, settings
):
    """An interface language added before the model has columns for it (German here) still
    draws the Scorecard's totals, with the Essentials' English titles."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    scorecard = scorecard_services.start_scorecard(city, user=editor)
    client.force_login(editor)
    url = reverse("scorecard:detail", args=[city.slug, scorecard.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert '<html lang="de">' in html
    assert f'<th scope="row" class="fw-normal">E1 {ESSENTIAL_1_EN}</th>' in html
