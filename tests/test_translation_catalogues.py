"""The interface catalogues are complete: a string a page shows is never left in English in
Spanish, French, Italian or Norwegian, and the compiled catalogues say what the sources say."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["es", "fr", "it", "nb"]
IGNORES = [".venv", "mutants", "static/vendor", "tests", "benchmarks", "loadtest", "staticfiles"]


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{language}: {len(untranslated)} untranslated: {untranslated[:5]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert "fuzzy" not in po.metadata_as_entry().flags
    assert po.metadata["Language"] == language


def _texts(entry) -> tuple:
    plural = {int(k): v for k, v in (entry.msgstr_plural or {}).items()}
    return (entry.msgstr, tuple(sorted(plural.items())))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language):
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): _texts(e) for e in mo}
    stale = [
        e.msgid
        for e in catalogue(language).translated_entries()
        if compiled.get((e.msgctxt, e.msgid)) != _texts(e)
    ]
    assert not stale, f"{language}: the .mo lags its .po (run `make messages`): {stale[:5]}"


def test_makemessages_finds_no_string_the_catalogues_lack(tmp_path, settings):
    """Every string marked in templates or Python is in the catalogues (run `make messages`).

    makemessages writes into the locale directory above the sources it reads, so it runs on a
    copy of the project: the real catalogues stay as they are."""
    project = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        project,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "mutants",
            "staticfiles",
            "node_modules",
            "private-media",
            "*.xlsm",
            "*.sqlite3",
            "__pycache__",
            "vendor",
        ),
    )
    settings.LOCALE_PATHS = [project / "locale"]
    cwd = os.getcwd()
    os.chdir(project)
    try:
        call_command(
            "makemessages", locale=["es"], ignore_patterns=IGNORES, no_location=True, verbosity=0
        )
    finally:
        os.chdir(cwd)
    fresh = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(project / "locale/es/LC_MESSAGES/django.po"))
    }
    known = {(e.msgctxt, e.msgid) for e in catalogue("es")}
    assert len(fresh) > 500, "makemessages read the sources"
    missing = sorted(m for _c, m in fresh - known)
    assert not missing, f"{len(missing)} strings are not in the catalogues, e.g. {missing[:5]}"
