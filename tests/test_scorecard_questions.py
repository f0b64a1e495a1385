"""The Scorecard's 47 questions in full: from the official workbook, in the fixture, public."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from policies.catalogue import export_catalogue, import_catalogue
from policies.models import EssentialLink, ScorecardQuestion
from scorecard.workbook import read_questions

from .conftest import CATALOGUE, SHARED, mark_done
from .scorecard_helpers import BLANK

WORKBOOK = SHARED / "data" / "undrr-scorecard-preliminary-2024.xlsm"
needs_shared = pytest.mark.skipif(
    not WORKBOOK.exists(), reason="the official Scorecard workbook is not here"
)


def test_the_committed_blank_workbook_holds_47_questions_with_four_answers_each():
    questions = read_questions(BLANK.read_bytes())
    assert len(questions) == 47
    assert all(q.text for q in questions)
    assert all(sorted(q.descriptors) == [0, 1, 2, 3] for q in questions)
    assert sum(1 for q in questions if q.comment) == 34
    first = questions[0]
    assert first.ref == "P1.1" and first.topic == "Plan making"
    assert first.text.startswith("Does the city master plan (or relevant strategy/plan) include")
    assert first.descriptors[0] == "0 – No plans / compliance."


@needs_shared
def test_the_committed_workbook_is_the_official_one():
    assert BLANK.read_bytes() == WORKBOOK.read_bytes()


@needs_shared
def test_the_fixture_holds_the_official_workbooks_texts():
    fixture = {q["ref"]: q for q in json.loads(CATALOGUE.read_text())["scorecard_questions"]}
    for q in read_questions(WORKBOOK.read_bytes()):
        row = fixture[q.ref]
        assert (row["topic"], row["text"], row["comment"]) == (q.topic, q.text, q.comment), q.ref
        assert [row[f"descriptor_{n}"] for n in (3, 2, 1, 0)] == [
            q.descriptors[n] for n in (3, 2, 1, 0)
        ], q.ref


def test_extract_scorecard_writes_the_fixture(tmp_path):
    target = tmp_path / "catalogue.json"
    doc = json.loads(CATALOGUE.read_text())
    for row in doc["scorecard_questions"]:
        row["text"] = row["comment"] = ""
    target.write_text(json.dumps(doc))
    call_command("extract_scorecard", str(BLANK), fixture=str(target))
    written = {q["ref"]: q for q in json.loads(target.read_text())["scorecard_questions"]}
    assert len(written) == 47
    assert (
        written["P9.4"]["descriptor_1"]
        == "1 – Needs definition is essentially nominal or guesswork."
    )
    assert written["P1.2"]["text"].startswith("Is there a multi-agency/sectoral mechanism")


def test_load_catalogue_gives_every_question_its_texts(catalogue):
    assert ScorecardQuestion.objects.count() == 47
    assert not ScorecardQuestion.objects.filter(text="").exists()
    assert not ScorecardQuestion.objects.filter(descriptor_0="").exists()
    assert ScorecardQuestion.objects.exclude(comment="").count() == 34


def test_catalogue_export_round_trips_the_question_texts(catalogue, smr):
    doc = export_catalogue(smr)
    q = next(r for r in doc["scorecard_questions"] if r["ref"] == "P8.3")
    assert q["descriptor_3"].startswith("3 –")
    ScorecardQuestion.objects.filter(ref="P8.3").update(text="", descriptor_3="")
    import_catalogue(doc)
    assert ScorecardQuestion.objects.get(ref="P8.3").descriptor_3 == q["descriptor_3"]


def test_the_question_list_is_public_and_grouped_by_essential(client, catalogue):
    response = client.get(reverse("policies:scorecard_questions"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('href="/scorecard/questions/P') == 47
    assert body.index("Essential 1:") < body.index("P1.3") < body.index("Essential 2:")


def test_a_question_page_shows_text_comment_answers_and_evidence_actions(client, catalogue):
    link = EssentialLink.objects.filter(question__isnull=False).select_related("question").first()
    response = client.get(reverse("scorecard:question", args=[link.question.ref]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "SMR actions that count as evidence" in body
    assert link.action.code in body
    assert "Score 0" in body and "Score 3" in body


def test_a_question_opened_from_a_city_shows_its_members_the_action_status(
    client, catalogue, editor, assessment, city
):
    link = EssentialLink.objects.filter(question__isnull=False).select_related("question").first()
    mark_done(assessment, [link.action.code])
    client.force_login(editor)
    url = reverse("scorecard:question", args=[link.question.ref])
    body = client.get(url, {"city": city.slug}).content.decode()
    assert "Done" in body and city.name in body


def test_a_question_opened_from_another_city_is_404(client, catalogue, outsider, city, assessment):
    client.force_login(outsider)
    url = reverse("scorecard:question", args=["P1.1"])
    assert client.get(url, {"city": city.slug}).status_code == 404


def test_an_unknown_question_is_404(client, catalogue):
    assert client.get(reverse("scorecard:question", args=["P11.1"])).status_code == 404


KNOWN_WRONG = {("L1M4", "P8.1"), ("L2A1", "P4.4"), ("L2R1", "P4.4"), ("I2T1", "P10.2")}


def _fixture_crosswalk():
    return json.loads(CATALOGUE.read_text())["crosswalk"]


def test_the_crosswalk_drops_the_known_wrong_links():
    links = {(x["action"], x["question"]) for x in _fixture_crosswalk()}
    assert not links & KNOWN_WRONG


# Judged unsound in the review of a random sample of 30 links (seed 20261125) and the rest of
# the crosswalk: the action is not evidence for the question's text or descriptors.
REVIEWED_UNSOUND = {
    ("L1M3", "P5.2"), ("L1M4", "P6.5"), ("L1M4", "P7.2"), ("L2A1", "P1.1"), ("L2R1", "P1.1"),
    ("L2M1", "P1.2"), ("P1T1", "P6.6"), ("P2S3", "P1.2"), ("P2T2", "P6.4"), ("I1M5", "P8.2"),
    ("I1T3", "P2.5"), ("I1T3", "P6.3"), ("I2M2", "P9.4"), ("I2M2", "P9.6"), ("I2R2", "P3.2"),
    ("I2T1", "P3.1"), ("C1S1", "P1.2"), ("C1M1", "P7.4"), ("C1M2", "P9.6"), ("C1R1", "P7.4"),
    ("C2A2", "P5.3"), ("C2T1", "P1.2"), ("I2S2", "P9.5"),
}  # fmt: skip
# Judged unsound in a second blind review (seed 777, 17 of 30 sound) and the whole crosswalk judged
# again: an action fanned out to several questions keeps the one whose words it answers; a link
# whose action is not evidence for the question's text or descriptors is removed, or kept as an
# Essential-only link when the action still serves that Essential.
# (P2S1 → P6.4 was removed here and is back since issue 25, finding 19: professional training.)
SECOND_REVIEW_REMOVED = {
    ("L1S2", "P4.1"), ("L1M1", "P1.3"), ("L4M1", "P9.2"), ("P1S1", "P2.3"), ("P1S2", "P8.1"),
    ("P1R1", "P2.5"), ("P2S1", "P9.3"), ("P2M1", "P7.1"), ("P2R1", "P9.3"),
    ("I1S3", "P9.2"), ("I1M3", "P8.3"), ("I1M3", "P8.4"), ("I1M3", "P8.5"), ("I1M3", "P8.6"),
    ("I1M4", "P9.1"), ("I1T1", "P10.1"), ("I2S2", "P8.9"), ("I2A4", "P3.4"), ("C1A4", "P6.2"),
}  # fmt: skip
SECOND_REVIEW_ESSENTIAL_ONLY = {
    ("L1A2", "P1.2", 1), ("L3S1", "P6.2", 6), ("L3R1", "P10.2", 6), ("L3T1", "P10.2", 10),
    ("L4R1", "P1.1", 1), ("P1S3", "P9.2", 1), ("P2S2", "P7.1", 7), ("P2T1", "P6.4", 6),
    ("P2T3", "P7.1", 7), ("I1M2", "P8.2", 8), ("I1M3", "P8.3", 8), ("I1A1", "P8.1", 8),
    ("C1M2", "P6.3", 6), ("C1A1", "P1.2", 1), ("C1T1", "P7.1", 1), ("C1T2", "P10.2", 10),
    ("C2T2", "P6.6", 6),
}  # fmt: skip
# Judged weak in a third blind review (seed 90210, 21 of 30 sound) and the whole crosswalk judged
# again with its test, "would a city with evidence of only this action score above 0 on the
# question's descriptors?": links that match the question's wording, not what its descriptors
# score, are removed or kept at Essential level; Essential-only links chosen by a theme word
# ("learning", "climate", "resources") move to the Essential the action serves. L3R1 goes from
# Essential 10 to 6 and P1S3 from 9 to 1 (set above).
THIRD_REVIEW_REMOVED = {("L1S2", "P4.2")}
THIRD_REVIEW_ESSENTIAL_ONLY = {
    ("C1A2", "P6.1", 6), ("I2S2", "P9.4", 9), ("I1S2", "P8.1", 8), ("I1M4", "P2.5", 2),
}  # fmt: skip
# Essential-only links moved to another Essential: (action, old Essential, new Essential).
THIRD_REVIEW_MOVED_ESSENTIAL = {
    ("I2R2", 3, 1), ("I2T1", 3, 1), ("L1M3", 5, 1), ("P1S3", 9, 1), ("L3R1", 10, 6),
}  # fmt: skip
REVIEWED_UNSOUND |= SECOND_REVIEW_REMOVED | {(a, q) for a, q, _ in SECOND_REVIEW_ESSENTIAL_ONLY}
REVIEWED_UNSOUND |= THIRD_REVIEW_REMOVED | {(a, q) for a, q, _ in THIRD_REVIEW_ESSENTIAL_ONLY}
# Judged weak in a fourth blind review (seed 31337, 23 of 30 sound), its rules applied to all links:
# outward-only sharing earns neither P6.6 nor Essential 6 (no link at all, see test_policies);
# P1.2 only for a mechanism with authority; monitoring insurance is not cover (P3.3); "learning"
# actions with no post-event content go to Essential 6; I2A4 keeps P4.2 only (Essential 5 is
# left without a link: no SMR action safeguards natural buffers).
FOURTH_REVIEW_REMOVED = {("L4T1", "P6.6")}
FOURTH_REVIEW_ESSENTIAL_ONLY = {("I2T2", "P3.3", 3), ("C1R1", "P1.2", 1)}
FOURTH_REVIEW_MOVED_ESSENTIAL = {("L3T1", 10, 6), ("C1T2", 10, 6)}
FOURTH_REVIEW_UNLINKED = {"L1T1", "L2T1", "L4T1", "P1T1", "P2T2", "C2T2"}
REVIEWED_UNSOUND |= FOURTH_REVIEW_REMOVED | {(a, q) for a, q, _ in FOURTH_REVIEW_ESSENTIAL_ONLY}
# Judged weak in a fifth blind review (seed 20261125, 25 of 30 sound): inter-city training
# exercises are knowledge exchange (P6.6), not the city's own response drills (P9.7); promoting
# tool sharing is no mutual-aid agreement or proof of adequate equipment (P8.9), and encouraging
# policy learning is no post-event process feeding rebuilding (P10.2), so both stay Essential-only;
# climate preventive actions (L1M3) and assessing innovation (I2T1) organise nothing (Essential 1)
# and no other Essential fits their substance, so they have no link.
FIFTH_REVIEW_ESSENTIAL_ONLY = {("I2M2", "P8.9", 8), ("I1T1", "P10.2", 10)}
FIFTH_REVIEW_UNLINKED = {"L1M3", "I2T1"}
REVIEWED_UNSOUND |= {("P2R2", "P9.7")} | {(a, q) for a, q, _ in FIFTH_REVIEW_ESSENTIAL_ONLY}
# Judged weak in a sixth blind review (seed 8675309, 26 of 30 sound), each an Essential-only link
# that advances none of its Essential's elements: monitoring resource use (I2R2, Essential 1),
# certification to unnamed standards (L2R1, 6), assessing the learning process (L3T1, 6) and a
# big-data technique on unspecified information (I1T3, 2). They now have no link.
# L2R1 is linked again (issue 25, finding 19): it repeats L2A1's certification at international
# scope, and wider-scope twins are linked alike.
SIXTH_REVIEW_UNLINKED = {"I2R2", "L3T1", "I1T3"}
UNLINKED_LATER = FIFTH_REVIEW_UNLINKED | SIXTH_REVIEW_UNLINKED
# Moved to the question whose words they answer.
REVIEWED_MOVED = {
    ("C1M1", "P1.2"),
    ("C2T1", "P6.6"),
    ("I1M5", "P8.1"),
    ("P2R2", "P6.6"),
}


def test_the_reviewed_unsound_links_are_gone_and_the_moved_ones_in_place():
    links = {(x["action"], x["question"]) for x in _fixture_crosswalk()}
    assert not links & REVIEWED_UNSOUND
    assert links >= REVIEWED_MOVED
    # An action that lost its only question keeps its Essential, with a note saying why.
    essential_only = {x["action"]: x for x in _fixture_crosswalk() if not x["question"]}
    assert essential_only["L1M4"]["essential"] == 7
    assert "“training programmes”" in essential_only["L1M4"]["note"]
    kept = {(x["action"], x["essential"]) for x in _fixture_crosswalk() if not x["question"]}
    later = {a for a, _, _ in FOURTH_REVIEW_MOVED_ESSENTIAL} | FOURTH_REVIEW_UNLINKED
    later |= UNLINKED_LATER
    assert {(a, e) for a, _, e in SECOND_REVIEW_ESSENTIAL_ONLY if a not in later} <= kept
    assert {(a, e) for a, _, e in THIRD_REVIEW_ESSENTIAL_ONLY} <= kept
    assert {(a, e) for a, _, e in FOURTH_REVIEW_ESSENTIAL_ONLY} <= kept
    assert {(a, e) for a, _, e in FOURTH_REVIEW_MOVED_ESSENTIAL if a not in later} <= kept
    assert {(a, e) for a, _, e in FIFTH_REVIEW_ESSENTIAL_ONLY} <= kept
    linked = {x["action"] for x in _fixture_crosswalk()}
    assert not linked & (FOURTH_REVIEW_UNLINKED | UNLINKED_LATER)


def test_essential_only_links_chosen_by_a_theme_word_moved_to_the_essential_the_action_serves():
    links = {(x["action"], x["essential"]) for x in _fixture_crosswalk()}
    for action, old, new in THIRD_REVIEW_MOVED_ESSENTIAL | FOURTH_REVIEW_MOVED_ESSENTIAL:
        if action in UNLINKED_LATER:
            assert not {e for a, e in links if a == action}, action
            continue
        assert (action, new) in links and (action, old) not in links, action
    # Essential 5 has no link: "sustainable urban infrastructures" (I2A4) are not natural buffers.
    assert [x for x in _fixture_crosswalk() if x["essential"] == 5] == []
    assert {(a, q) for a, _, q in _essential_10()} == {
        ("L3A1", "P10.2"),
        ("I1T1", ""),
        ("C1R2", "P10.2"),
    }


def _essential_10():
    return [
        (x["action"], x["essential"], x["question"])
        for x in _fixture_crosswalk()
        if x["essential"] == 10
    ]


def test_actions_that_do_not_organise_this_city_are_under_essential_6_not_1():
    # Certification builds capacity (E6); supporting other cities' plans and writing standards,
    # outward only, have no link at all (fourth review).
    essentials = {}
    for x in _fixture_crosswalk():
        essentials.setdefault(x["action"], set()).add(x["essential"])
    assert essentials["L2A1"] == {6} and essentials["L2R1"] == {6}
    assert not {"L1T1", "L2T1"} & set(essentials)
    # Every Essential but 4 and 5 still has actions: no SMR action safeguards natural buffers
    # (5), and none sets land-use, building-code or design rules for new development (4; the
    # fifth blind review found "incentives for sustainable infrastructures" no resilience rule).
    assert {x["essential"] for x in _fixture_crosswalk()} == set(range(1, 11)) - {4, 5}


def test_no_question_takes_more_than_eight_links_and_essential_8_is_not_only_p8_1():
    from collections import Counter

    per_question = Counter(x["question"] for x in _fixture_crosswalk() if x["question"])
    assert max(per_question.values()) <= 8
    essential_8 = {q for q in per_question if q.startswith("P8.")}
    # P8.3-P8.8 score expected loss of service under scenarios; no SMR action is evidence of that.
    # P8.9 (equipment adequate for a "most severe" scenario) has no link either (fifth review).
    assert essential_8 == {"P8.1"}, essential_8
    # No generic action is fanned out over the utility questions.
    utility = {"P8.3", "P8.4", "P8.5", "P8.6"}
    per_action = Counter(x["action"] for x in _fixture_crosswalk() if x["question"] in utility)
    assert all(n == 1 for n in per_action.values()), per_action


def test_every_link_gives_a_reason_quoting_the_question_or_an_essential_only_note():
    for x in _fixture_crosswalk():
        assert "“" in x["note"] or x["note"].startswith("Essential"), x


def test_reloading_the_catalogue_removes_links_it_no_longer_holds(catalogue, smr):
    from maturity.models import Action
    from policies.models import Essential

    wrong = EssentialLink.objects.create(
        action=Action.objects.for_version(smr).get(code="L1M4"),
        essential=Essential.objects.get(edition="2017", number=8),
        question=ScorecardQuestion.objects.get(ref="P8.1"),
    )
    call_command("load_catalogue", str(CATALOGUE))
    assert not EssentialLink.objects.filter(pk=wrong.pk).exists()


def test_the_about_page_shows_the_models_source_and_eu_funding(client, smr):
    body = client.get(reverse("maturity:about")).content.decode()
    assert "653569" in body and "Horizon 2020" in body
    assert smr.source in body


def test_the_moderate_stage_has_its_smr_title(smr):
    assert smr.stages.get(name="Moderate").title == (
        "integration of local (departmental) resilience plans"
    )


def test_the_migration_corrects_an_installation_loaded_before(smr):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("maturity.migrations.0002_moderate_stage_title")
    smr.stages.filter(name="Moderate").update(title=migration.OLD)
    migration.forwards(apps, None)
    assert smr.stages.get(name="Moderate").title == migration.NEW


def test_the_catalogue_names_tools_campaign_and_superseded_lg_sat(catalogue):
    from policies.models import Policy

    kinds = dict(Policy.objects.values_list("slug", "kind"))
    assert kinds["smr-risk-systemicity-questionnaire"] == "smr_tool"
    assert kinds["smr-city-resilience-dynamics"] == "smr_tool"
    assert kinds["smr-resilience-building-policies"] == "smr_policy"
    assert kinds["mcr2030"] == "campaign"
    assert Policy.objects.get(slug="lg-sat").summary.startswith("Superseded")
    scorecard = Policy.objects.get(slug="disaster-resilience-scorecard-for-cities").summary
    assert "means of verification" in scorecard and "not a field the city fills" in scorecard
