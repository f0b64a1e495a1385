"""The app in Spanish, French, Italian and Norwegian: the interface, the model's own texts on
the pages, the PDF, and how a language is chosen."""

import io
import json
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from assessments import services
from assessments.owners import send_reminders
from maturity.models import Action, ModelVersion

from . import pdf_text
from .conftest import mark_done

# The same on every database (see pyproject's markers): run once, on SQLite.
pytestmark = pytest.mark.once

LANGUAGES = ["es", "fr", "it", "nb"]
TRANSLATIONS = Path(settings.BASE_DIR) / "fixtures" / "translations"
# Words of the interface itself in each language, written here by hand (not read from the
# catalogues the test checks).
SIGN_OUT = {"es": "Cerrar sesión", "fr": "Se déconnecter", "it": "Esci", "nb": "Logg ut"}


def translated_actions(language: str) -> dict[str, tuple[str, str]]:
    """Action code → (English, translation), for the 2018 actions (the version these tests
    assess on; 2.0's are tests/test_version_2_0_languages.py's) whose translation differs."""
    entries = json.loads((TRANSLATIONS / f"{language}.json").read_text())["entries"]
    return {
        key.split(":")[3]: (item["source"], item["text"])
        for key, item in entries.items()
        if key.startswith("version:smr-rmm-2018:action:") and item["text"] != item["source"]
    }


@pytest.fixture
def translated(smr, catalogue):
    call_command("load_translations", verbosity=0, stdout=io.StringIO())
    return ModelVersion.objects.get(pk=smr.pk)


@pytest.fixture
def shared(assessment, editor, partner, translated):
    mark_done(assessment, ["L1S1", "L1S2", "P1S1"], editor)
    assessment = services.submit(assessment, editor)
    services.share(assessment, partner, editor)
    return assessment


def page(client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_matrix_shows_every_action_in_the_language_and_none_in_english(
    client, editor, shared, language
):
    client.force_login(editor)
    url = reverse("assessments:matrix", args=[shared.city.slug, shared.pk])
    html = page(client, url, language)
    assert f'<html lang="{language}">' in html
    assert SIGN_OUT[language] in html
    actions = translated_actions(language)
    assert len(actions) >= 85, "nearly every action text differs from its English"
    missing = [code for code, (_en, text) in actions.items() if text not in html]
    english = [code for code, (en, _text) in actions.items() if en in html]
    assert not missing and not english, (missing[:5], english[:5])


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_action_page_and_the_partner_dashboard_speak_the_language(
    client, editor, partner_user, partner, shared, language
):
    english, text = translated_actions(language)["L1S1"]
    client.force_login(editor)
    action = page(
        client, reverse("assessments:action", args=[shared.city.slug, shared.pk, "L1S1"]), language
    )
    assert text in action and english not in action
    assert SIGN_OUT[language] in action
    client.force_login(partner_user)
    dashboard = page(client, reverse("dashboards:dashboard", args=[partner.slug]), language)
    assert SIGN_OUT[language] in dashboard
    sub = shared.model_version.dimensions.get(code="L").subdimensions.get(code="L1")
    title, english_title = getattr(sub, f"title_{language}"), sub.title_en
    assert title != english_title
    heatmap = page(client, reverse("dashboards:heatmap", args=[partner.slug]), language)
    assert title in dashboard + heatmap and english_title not in dashboard + heatmap


@pytest.mark.pdf
def test_a_spanish_report_reads_back_in_spanish(client, editor, shared):
    client.force_login(editor)
    url = reverse("reports:pdf", args=[shared.city.slug, shared.pk]) + "?lang=es"
    response = client.get(url)
    assert response.status_code == 200
    text = " ".join(pdf_text.text(response.content).split())
    assert "Resumen" in text  # "Executive summary" in Spanish, as the translators wrote it
    assert "Executive summary" not in text
    # Stage names and an action in Spanish, the English gone.
    assert "Inicial" in text and "Starting" not in text
    english, spanish = translated_actions("es")["L1S1"]
    assert " ".join(spanish.split())[:30] in text and english[:30] not in text
    assert "traducción propia del proyecto" in text.lower() or "traducción" in text.lower()


def test_the_saved_language_wins_over_cookie_and_browser(client, editor, translated):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="fr">' in page(client, reverse("maturity:about"), "it")
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    assert '<html lang="it">' in page(client, reverse("maturity:about"), "it")
    editor.language = "nb"
    editor.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="nb">' in page(client, reverse("maturity:about"), "it")


def test_the_switcher_saves_the_choice_and_goes_back(client, editor, translated):
    client.force_login(editor)
    response = client.post(reverse("choose_language"), {"language": "es", "next": "/about/"})
    assert response.status_code == 302 and response["Location"] == "/about/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    editor.refresh_from_db()
    assert editor.language == "es"
    assert '<html lang="es">' in page(client, reverse("maturity:about"), "en")


def test_the_switcher_refuses_an_unknown_language_and_a_foreign_next(client, editor):
    client.force_login(editor)
    bad = client.post(reverse("choose_language"), {"language": "xx", "next": "/about/"})
    assert bad.status_code == 400
    editor.refresh_from_db()
    assert editor.language == ""
    away = client.post(reverse("choose_language"), {"language": "fr", "next": "https://evil.test"})
    assert away["Location"] == "/"


@pytest.mark.parametrize(
    "target,location",
    [
        ("foo", "/"),  # was resolved as a URL pattern's name: a 500
        ("api_tokens", "/"),  # a pattern's name, not the account page
        ("//evil.test/x", "/"),
        ("https://evil.test/", "/"),
        ("/\\evil.test", "/"),
        ("javascript:alert(1)", "/"),
        ("/cities/glasgow/?tab=1", "/cities/glasgow/?tab=1"),
        ("http://testserver/about/", "http://testserver/about/"),
    ],
)
def test_the_switcher_goes_back_only_to_a_page_of_this_site(client, db, target, location):
    response = client.post(reverse("choose_language"), {"language": "fr", "next": target})
    assert response.status_code == 302 and response["Location"] == location


def test_an_anonymous_visitor_switches_by_cookie(client, translated):
    client.post(reverse("choose_language"), {"language": "it", "next": "/accounts/login/"})
    assert '<html lang="it">' in page(client, reverse("login"), "en")


def test_urls_carry_no_language_prefix(client, translated):
    assert reverse("maturity:about") == "/about/"
    assert client.get("/es/about/").status_code == 404


def test_a_reminder_goes_out_in_the_recipients_language(editor, assessment, translated):
    from datetime import timedelta

    from django.utils import timezone

    editor.language = "fr"
    editor.save()
    record = assessment.records.get(action__code="L1S1")
    record.responsible_member = editor
    record.target_date = timezone.localdate() - timedelta(days=3)
    record.save()
    with translation.override("es"):  # whoever runs the job, the email follows the recipient
        assert send_reminders("https://app.test") == 1
    email = mail.outbox[-1]
    action = Action.objects.get(pk=record.action_id)
    assert "L1S1" in email.body
    assert action.text_en[:40] not in email.body
    assert action.text_fr[:40] in email.body
    assert "Your resilience actions" not in email.subject


def test_an_invitation_is_written_in_the_language_the_editor_chose(client, editor, city):
    client.force_login(editor)
    response = client.post(
        reverse("accounts:members", args=[city.slug]),
        {"email": "nuevo@city.test", "role": "viewer", "language": "es"},
    )
    assert response.status_code == 302
    email = mail.outbox[-1]
    assert "invit" in email.subject.lower() and "You are invited" not in email.subject
    assert city.invitations.get(email="nuevo@city.test").language == "es"


def test_a_password_reset_email_follows_the_recipients_language(client, editor):
    editor.language = "fr"
    editor.save()
    client.post(reverse("password_reset"), {"email": editor.email}, HTTP_ACCEPT_LANGUAGE="en")
    # Django's own French subject, and the project's French body.
    assert mail.outbox[-1].subject.startswith("Réinitialisation")


def test_the_exported_source_lines_up_with_the_translation_files(smr, smr2, catalogue):
    """A fresh export lists the texts in the translators' files' order (the model's), so a
    re-export differs from the last one only where an English text changed. Both published
    versions, as `make run` installs them: 2018's texts, the catalogue's, then 2.0's (with
    its own links to the Essentials)."""
    links_2_0 = TRANSLATIONS.parent / "essential-links-2.0.json"
    call_command("load_catalogue", str(links_2_0), verbosity=0, stdout=io.StringIO())
    out = io.StringIO()
    call_command("export_translation_source", stdout=out)
    exported = json.loads(out.getvalue())
    entries = json.loads((TRANSLATIONS / "es.json").read_text())["entries"]
    # The indicators' texts and the crosswalk's notes are part files of their own
    # (es.indicators.json, es.crosswalk.json), in the export's order too.
    part = json.loads((TRANSLATIONS / "es.indicators.json").read_text())["entries"]
    notes = json.loads((TRANSLATIONS / "es.crosswalk.json").read_text())["entries"]
    # The version crosswalk's note and reasons (a file, not rows): es.version-crosswalk.json.
    walk = json.loads((TRANSLATIONS / "es.version-crosswalk.json").read_text())["entries"]
    main = [
        k
        for k in exported
        if ":indicator:" not in k and ":crosswalk:" not in k and "version-crosswalk:" not in k
    ]
    assert main == list(entries)
    assert [k for k in exported if ":indicator:" in k] == list(part)
    assert [k for k in exported if ":crosswalk:" in k] == list(notes)
    assert [k for k in exported if k.startswith("version-crosswalk:")] == list(walk)
    everything = {**entries, **part, **notes, **walk}
    assert exported == {key: item["source"] for key, item in everything.items()}


def test_loading_the_translations_goes_through_every_language_but_english(smr, catalogue):
    out = io.StringIO()
    call_command("load_translations", stdout=out)
    assert [line.split(":")[0] for line in out.getvalue().splitlines()] == LANGUAGES


def test_a_language_without_a_translation_file_gets_none_and_says_so(smr, catalogue, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    entries = json.loads((TRANSLATIONS / "es.json").read_text())["entries"]
    entries |= json.loads((TRANSLATIONS / "es.crosswalk.json").read_text())["entries"]
    # Only 2018 is installed here: the 2.0 texts are not missing from it.
    texts = len([key for key in entries if not key.startswith("version:smr-maturity-model-2-0:")])
    out = io.StringIO()
    call_command("load_translations", "de", stdout=out)
    assert out.getvalue() == f"de: 0 texts translated, 0 stale (English shown), {texts} missing.\n"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_content_text_has_a_current_translation(smr, catalogue, language):
    """Catches an English text changed (a crosswalk note, a correction) without its
    translation following: the page would show English in that language."""
    from localisation.content import apply_translations, read_translations, source_catalogue

    counts = apply_translations(smr, language, read_translations(language))
    assert counts["stale"] == 0 and counts["missing"] == 0, counts
    assert counts["applied"] == len(source_catalogue(smr)) > 600
