"""What `load_translations` applies and reports (localisation.content.apply_translations): every
current translation applied, each stale or missing one counted and left out, and the ones after
it still applied (the count a translator reads to know what is left to do)."""

from localisation.content import apply_translations, source_catalogue
from maturity.models import Action


def _translated(version) -> dict:
    """Every text of the version 'translated' as its English with a mark, sources current."""
    return {key: {"source": text, "text": f"[es] {text}"} for key, text in
            source_catalogue(version).items()}  # fmt: skip


def test_each_stale_translation_is_counted_and_the_ones_after_it_applied(smr):
    translated = _translated(smr)
    keys = list(translated)
    for key in keys[:3]:  # the first three: the version's name and its first stages
        translated[key] = {"source": "An older English text", "text": "Un texto antiguo"}
    counts = apply_translations(smr, "es", translated)
    assert (counts["stale"], counts["missing"]) == (3, 0)
    assert counts["applied"] == len(keys) - 3
    last_action = Action.objects.for_version(smr).with_structure().last()
    last_action.refresh_from_db()
    assert last_action.text_es == f"[es] {last_action.text_en}"


def test_each_missing_translation_is_counted(smr):
    translated = _translated(smr)
    keys = list(translated)
    for key in keys[:2]:
        del translated[key]
    translated[keys[2]]["text"] = ""  # an empty translation is a missing one
    counts = apply_translations(smr, "es", translated)
    assert (counts["missing"], counts["stale"]) == (3, 0)
    assert counts["applied"] == len(keys) - 3


def test_the_version_crosswalks_texts_are_counted_like_the_rest(smr, smr2):
    """2.0's texts end with the version crosswalk's note and reasons, read from a file where
    shown: each of them is counted as applied, not only the first."""
    translated = _translated(smr2)
    counts = apply_translations(smr2, "es", translated)
    assert counts["applied"] == len(translated) and counts["stale"] == counts["missing"] == 0
    reasons = [key for key in translated if ":reason" in key or "version-crosswalk" in key]
    assert len(reasons) > 50  # the crosswalk's one-line reasons are among them
