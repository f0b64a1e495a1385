"""The translated app in a real browser: axe-core in every language, and no sideways scroll at
390 px in the language whose words are longest (where a label or header would break first)."""

import io
import json
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from assessments import services

from .conftest import axe_violations, sign_in
from .test_phone import reachable, too_wide

LANGUAGES = ["es", "fr", "it", "nb"]


def longest_language() -> str:
    """The language whose interface texts are longest in all (measured, not assumed)."""
    root = Path(settings.BASE_DIR) / "locale"
    sizes = {
        language: sum(
            len(e.msgstr or "".join(e.msgstr_plural.values()))
            for e in polib.pofile(str(root / language / "LC_MESSAGES" / "django.po"))
        )
        for language in LANGUAGES
    }
    return max(sizes, key=sizes.get)


@pytest.fixture
def shared(assessment, editor, partner, catalogue):
    from ..conftest import mark_done

    call_command("load_translations", verbosity=0, stdout=io.StringIO())
    mark_done(assessment, ["L1S1", "L1S2", "P1S1"], editor)
    submitted = services.submit(assessment, editor)
    services.share(submitted, partner, editor)
    return submitted


def _speak(language: str, *users) -> None:
    for user in users:  # the profile's language wins once signed in
        user.language = language
        user.save(update_fields=["language"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_pages_pass_axe_in_each_language(
    page, editor, partner_user, partner, shared, language
):
    _speak(language, editor, partner_user)
    sign_in(page, editor.email)
    city, pk = shared.city.slug, shared.pk
    urls = [
        "/",
        reverse("assessments:city", args=[city]),
        reverse("assessments:matrix", args=[city, pk]),
        reverse("assessments:action", args=[city, pk, "L1S1"]),
        reverse("assessments:next_steps", args=[city, pk]),
        reverse("accounts:members", args=[city]),
        reverse("policies:scorecard_questions"),
    ]
    found = {}
    for url in urls:
        page.goto(url)
        assert page.get_attribute("html", "lang") == language, url
        if violations := axe_violations(page):
            found[url] = violations
    page.context.clear_cookies()
    sign_in(page, partner_user.email)
    for url in [
        reverse("dashboards:dashboard", args=[partner.slug]),
        reverse("dashboards:heatmap", args=[partner.slug]),
    ]:
        page.goto(url)
        assert page.get_attribute("html", "lang") == language, url
        if violations := axe_violations(page):
            found[url] = violations
    assert not found, json.dumps(found, indent=1)


def test_no_page_scrolls_sideways_at_390px_in_the_longest_language(
    phone, editor, partner_user, partner, shared
):
    language = longest_language()
    _speak(language, editor, partner_user)
    sign_in(phone, editor.email)
    met = reachable(phone)
    assert len(met) > 10
    wide = too_wide(met)
    phone.context.clear_cookies()
    sign_in(phone, partner_user.email)
    wide |= too_wide(reachable(phone))
    assert not wide, f"{language}: {wide}"
