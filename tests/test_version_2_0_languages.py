"""The SMR Maturity Model 2.0's own texts (stages, stakeholders, dimensions, subdimensions and
its 124 actions) in Spanish, French, Italian and Norwegian, through the same content
translations as 2018: loaded by load_translations, left out when the English changes, and the
translation note shown beside them."""

import io
import json
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from assessments import services
from localisation.content import apply_translations, read_translations, source_catalogue
from maturity.models import Action, Subdimension
from policies.models import EssentialLink

# The same on every database (see pyproject's markers): run once, on SQLite.
pytestmark = pytest.mark.once

LANGUAGES = ["es", "fr", "it", "nb"]
TRANSLATIONS = Path(settings.BASE_DIR) / "fixtures" / "translations"
LINKS_2_0 = Path(settings.BASE_DIR) / "fixtures" / "essential-links-2.0.json"
PREFIX = "version:smr-maturity-model-2-0:"
# A few 2.0 texts and their translations, written here by hand (not read from the files the
# test checks): a new subdimension, a new action, the fifth dimension.
EXPECTED = {
    "es": ("Desarrollo urbano", "Establecer un objetivo de mitigación", "Paisaje y planificación"),
    "fr": ("Développement urbain", "Fixer un objectif d’atténuation", "Paysage et urbanisme"),
    "it": ("Sviluppo urbano", "Fissare un obiettivo di mitigazione", "Paesaggio e pianificazione"),
    "nb": ("Byutvikling", "Fastsette et mål for utslippskutt", "Landskap og byplanlegging"),
}
NOTE = {
    "es": "traducción propia del proyecto",
    "fr": "traduction propre au projet",
    "it": "traduzione del progetto",
    "nb": "prosjektets egen oversettelse",
}


def entries_2_0(language: str) -> dict[str, dict]:
    entries = json.loads((TRANSLATIONS / f"{language}.json").read_text())["entries"]
    return {k: v for k, v in entries.items() if k.startswith(PREFIX)}


@pytest.fixture
def on_2_0(smr2, city, editor, catalogue):
    call_command("load_translations", verbosity=0, stdout=io.StringIO())
    from datetime import date

    return services.start_assessment(
        city, smr2, title="Self-assessment 2027", reference_date=date(2027, 3, 31), user=editor
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_2_0_text_has_a_current_translation(smr2, catalogue, language):
    counts = apply_translations(smr2, language, read_translations(language))
    assert counts["stale"] == 0 and counts["missing"] == 0, counts
    assert counts["applied"] == len(source_catalogue(smr2))
    # 124 actions, 12 subdimensions, 5 dimensions, 5 stages with titles, 13 stakeholder
    # groups, the version's name and its sentence on what changed.
    assert len(entries_2_0(language)) == 124 + 12 + 5 + 10 + 13 + 1 + 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_codes_and_are_not_the_english(language):
    entries = entries_2_0(language)
    same = [k for k, item in entries.items() if item["text"] == item["source"]]
    # Only a name the language writes as English does ("Media" in Italian, "Robust"...).
    assert len(same) <= 3, same
    for item in entries.values():
        for word in ("CITY", "CITIES"):
            if word in item["source"].split():
                assert item["text"].upper() != item["text"].lower()  # a real sentence
        assert "{" not in item["text"] and "%(" not in item["text"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_2_0_matrix_speaks_the_language_with_the_translation_note(
    client, editor, on_2_0, language
):
    client.force_login(editor)
    url = reverse("assessments:matrix", args=[on_2_0.city.slug, on_2_0.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    subdimension, action, dimension = EXPECTED[language]
    assert subdimension in html and action in html and dimension in html
    assert NOTE[language] in html
    entries = entries_2_0(language)
    untranslated = [
        key
        for key, item in entries.items()
        if ":action:" in key and item["text"] not in html.replace("\n", " ")
    ]
    assert not untranslated, untranslated[:5]
    # The English of the new actions is gone from the page (U2S4's keeps its line break).
    assert "Identify climate change adaptation measures" not in html
    assert "Urban development" not in html


def test_a_changed_english_2_0_text_shows_the_english_until_translated(smr2, catalogue):
    """The stale-source rule, on 2.0: correcting the workbook's typo "adapatation" makes the
    project's translation stale."""
    action = Action.objects.for_version(smr2).get(code="U1M1")
    action.text_en = "Implement climate change adaptation measures"
    action.save()
    counts = apply_translations(smr2, "es", read_translations("es"))
    assert counts["stale"] == 1
    action.refresh_from_db()
    assert action.text_es in ("", None)
    urban = Subdimension.objects.get(dimension__version=smr2, code="U1")
    assert urban.title_es == "Desarrollo urbano"


# The 2018 and the 2.0 note of a link with the same action code, Essential and question
# (P1M1 → P2.4) in Spanish, written here by hand: each version's page shows its own.
P1M1_ES = {
    "smr-rmm-2018": "Tener en cuenta las «interdependencias entre riesgos»",
    "smr-maturity-model-2-0": "Analizar «las interdependencias» al evaluar el riesgo",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_crosswalk_note_of_both_versions_has_its_own_current_translation(
    smr, smr2, catalogue, language
):
    """Issue 28: the note's key had no model version, so a 2.0 link and a 2018 link of the
    same action code read each other's translation and one of them was stale."""
    call_command("load_catalogue", str(LINKS_2_0), verbosity=0, stdout=io.StringIO())
    translated = read_translations(language)
    for version, links in ((smr, 83), (smr2, 90)):
        counts = apply_translations(version, language, translated)
        assert counts["stale"] == 0 and counts["missing"] == 0, (version.slug, counts)
        keys = [k for k in source_catalogue(version) if ":crosswalk:" in k]
        assert len(keys) == links
        assert all(k.startswith(f"version:{version.slug}:crosswalk:") for k in keys)
    if language == "es":
        for version in (smr, smr2):
            link = EssentialLink.objects.for_version(version).get(
                action__code="P1M1", question__ref="P2.4"
            )
            assert link.note_es.startswith(P1M1_ES[version.slug])


# Issue 28: the sentence on what 2.0 changed and the version crosswalk's reasons, written here by
# hand in Spanish and Norwegian (not read from the files the test checks).
CHANGED = {
    "es": "Cinco dimensiones en lugar de cuatro (añade Paisaje y planificación urbana",
    "nb": "Fem dimensjoner i stedet for fire (legger til Landskap og byplanlegging",
}
REASON_L1M4 = {
    "es": "El mismo texto («sector» por «sectors»), con el nuevo código L1M3.",
    "nb": "Den samme teksten («sector» for «sectors»), omnummerert L1M3.",
}
CROSSWALK_NOTE = {
    "es": "Lectura propia del proyecto de cómo cada acción de 2018",
    "nb": "Prosjektets egen lesning av hvordan hvert tiltak fra 2018",
}


@pytest.mark.parametrize("language", ["es", "nb"])
def test_starting_an_assessment_says_what_2_0_changed_in_the_language(
    client, editor, smr, smr2, catalogue, language
):
    call_command("load_translations", verbosity=0, stdout=io.StringIO())
    client.force_login(editor)
    url = reverse("assessments:new", args=["glasgow"])
    html = unescape(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())
    assert CHANGED[language] in html
    assert "Five dimensions instead of four" not in html


@pytest.mark.parametrize("language", ["es", "nb"])
def test_the_versions_page_gives_each_reason_in_the_language(client, smr, smr2, language):
    call_command("load_translations", verbosity=0, stdout=io.StringIO())
    html = unescape(
        client.get(reverse("maturity:versions"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    )
    row = html.split('id="from-L1M4"')[1].split("</tr>")[0]
    assert REASON_L1M4[language] in row
    assert CROSSWALK_NOTE[language] in html and CHANGED[language] in html
    assert "The same text" not in html and "renumbered" not in html


def test_a_changed_english_reason_shows_the_english_until_translated(client, smr, smr2):
    """The stale-source rule for the crosswalk's reasons, which live in a file, not in rows."""
    from maturity import crosswalk

    walk = crosswalk.crosswalks()[("smr-rmm-2018", "smr-maturity-model-2-0")]
    row = walk.by_source()["L1M4"]
    corrected = replace(walk, rows=(replace(row, reason="Renumbered L1M3."),))
    assert crosswalk.translated(corrected, "es").rows[0].reason == "Renumbered L1M3."
    assert crosswalk.translated(walk, "es").by_source()["L1M4"].reason == REASON_L1M4["es"]
    counts = apply_translations(smr2, "es", read_translations("es") | {
        crosswalk.reason_key(walk, row): {"source": "Another English text.", "text": "Otro."}
    })  # fmt: skip
    assert counts["stale"] == 1
