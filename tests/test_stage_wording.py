"""Stages said truly and encouragingly: reached, being worked on, and what holds them back."""

import re

from django.urls import reverse

from maturity.scoring import ActionRef, subdimension_stage
from maturity.structure import load_structure
from maturity.wording import level_label, summary

from .conftest import mark_done
from .test_scoring import STAGES

P2 = [ActionRef(c, c[2]) for c in [
    "P2S1", "P2S2", "P2S3", "P2M1", "P2A1", "P2A2", "P2A3", "P2A4", "P2R1", "P2R2", "P2T1",
    "P2T2", "P2T3",
]]  # fmt: skip


def test_reached_and_being_worked_on_in_one_sentence():
    done = {"P2S1", "P2S2", "P2S3", "P2M1", "P2A1", "P2A2"}
    assert summary(subdimension_stage(P2, done, STAGES)) == (
        "Moderate reached · Advanced: 2 of 4 done"
    )


def test_before_starting_is_complete_it_is_working_on_starting():
    assert summary(subdimension_stage(P2, {"P2S1"}, STAGES)) == "Working on Starting: 1 of 3 done"


def test_not_applicable_actions_are_counted_beside_the_stage():
    result = subdimension_stage(P2, {"P2S1", "P2S2", "P2S3"}, STAGES, {"P2S3"})
    assert summary(result) == "Starting reached · Moderate: 0 of 1 done · 1 N/A"
    assert (result.done, result.not_applicable) == (2, 1)


def test_one_label_per_level_never_calls_a_stage_not_started():
    names = [s.name for s in STAGES]
    assert level_label(0, names) == "Working on Starting"
    assert all("…" not in level_label(level, names) for level in range(6))
    assert level_label(3, names) == "Advanced"


def _summary(client, assessment) -> str:
    html = client.get(reverse("assessments:matrix", args=["glasgow", assessment.pk])).content
    html = html.decode()
    return html[html.index('id="summary"') : html.index("</section>", html.index('id="summary"'))]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_blank_assessment_says_working_on_starting_not_not_started(client, editor, assessment):
    client.force_login(editor)
    summary_html = _summary(client, assessment)
    text = _text(summary_html)
    assert "Not started" not in text
    assert "Working on Starting: 0 of 18 done" in text  # overall: the 18 Starting actions
    badges = re.findall(
        r'class="stage-badge[^"]*"[^>]*><span class="stage-level"[^>]*>\d</span> ([^<]*)</span>',
        summary_html,
    )
    assert badges[0] == "Working on Starting"  # overall: stage 0's one name, no "Starting…"
    assert len(badges) == 5 and "Not started" not in badges


def test_the_headline_names_the_subdimension_that_holds_it_back(client, editor, assessment):
    structure = load_structure(assessment.model_version)
    starting = [a.code for a in structure.actions if a.stage.letter == "S"]
    mark_done(assessment, [c for c in starting if c != "I2S3"], editor)
    client.force_login(editor)
    text = _text(_summary(client, assessment))
    assert "Held back by I2 Resources to build up resilience and to response: I2S3 missing." in text
    # The other dimensions have reached Starting and are held back by their own next stage.
    infrastructure = text[text.index("Infrastructure") :]
    assert (
        "Held back by I2 Resources to build up resilience and to response: I2S3 missing"
        in infrastructure
    )


def test_a_tie_names_up_to_three_then_how_many_more(client, editor, assessment):
    client.force_login(editor)
    text = _text(_summary(client, assessment))
    # Nothing done: every subdimension with Starting actions (8 of 10) holds the city back.
    assert (
        "Held back by L1 Municipality, cross-sectiorial and multi-governance collaboration: "
        "L1S1, L1S2 missing; L3 Learning culture (learning and dissemination): L3S1 missing; "
        "L4 Resilience action plan development: L4S1 missing and 5 more"
    ) in text


def test_l2_and_c2_pass_starting_with_nothing_done_and_the_page_says_why(
    client, editor, assessment
):
    client.force_login(editor)
    html = client.get(reverse("assessments:matrix", args=["glasgow", assessment.pk])).content
    header = html.decode()[html.decode().index('id="sub-L2"') :]
    assert "Starting" in header[: header.index("</th>")]
    page = client.get(reverse("maturity:how_stages_work")).content.decode()
    assert "L2" in page and "C2" in page and "weakest" in page
