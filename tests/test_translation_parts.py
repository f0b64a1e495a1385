"""A language's translations may be split into part files (`nb.json` and `nb.indicators.json`):
a translator who adds a part, or an installation that ships only one, still sees every text."""

import json

import pytest

from localisation import content


def _write(directory, name, entries):
    body = {"language": name.split(".")[0], "entries": entries}
    (directory / name).write_text(json.dumps(body), encoding="utf-8")


@pytest.fixture
def translations_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(content, "TRANSLATIONS_DIR", tmp_path)
    return tmp_path


def test_the_main_file_and_every_part_are_read_together(translations_dir):
    source = {"source": "Establish a unit", "text": "Opprett en enhet"}
    indicator = {"source": "Budget share", "text": "Budsjettandel"}
    _write(translations_dir, "nb.json", {"action:L1S1:text": source})
    _write(translations_dir, "nb.indicators.json", {"indicator:L1-1:text": indicator})

    found = content.read_translations("nb")

    assert found == {"action:L1S1:text": source, "indicator:L1-1:text": indicator}


def test_a_part_alone_is_read_when_the_main_file_is_missing(translations_dir):
    indicator = {"source": "Budget share", "text": "Budsjettandel"}
    _write(translations_dir, "nb.indicators.json", {"indicator:L1-1:text": indicator})

    assert content.read_translations("nb") == {"indicator:L1-1:text": indicator}


def test_another_languages_files_are_never_read(translations_dir):
    _write(translations_dir, "nb.json", {"k": {"source": "a", "text": "nb"}})
    _write(translations_dir, "es.json", {"k": {"source": "a", "text": "es"}})
    _write(translations_dir, "es.indicators.json", {"j": {"source": "b", "text": "es"}})

    assert content.read_translations("nb") == {"k": {"source": "a", "text": "nb"}}
    assert content.read_translations("fr") == {}
