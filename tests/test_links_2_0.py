"""Issue 29, deliver 3: the 2.0 model's own links to the Ten Essentials and Scorecard questions."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from policies.models import EssentialLink

LINKS_2_0 = Path(settings.BASE_DIR) / "fixtures" / "essential-links-2.0.json"


def _links(version) -> set[tuple[str, str]]:
    rows = EssentialLink.objects.for_version(version).select_related("action", "question")
    return {(link.action.code, link.question.ref if link.question else "") for link in rows}


def test_the_2_0_links_load_beside_2018_without_touching_its_links(catalogue, smr, smr2):
    before = _links(smr)
    call_command("load_catalogue", str(LINKS_2_0), verbosity=0)
    assert _links(smr) == before
    links = _links(smr2)
    assert len(links) == 90
    # The 2018 rule for twins carries over (issue 25, finding 19): the same training counts for
    # P6.4, L2R1 is linked as L2A1, and leading other cities' knowledge transfer has no link.
    assert ("P2S1", "P6.4") in links and ("P2M1", "P6.4") in links
    assert ("L2A1", "") in links and ("L2R1", "") in links
    assert not {code for code, _ in links} & {"L3T1", "L4T3", "P2T2"}
    # Judged afresh: the 2.0 wording is the question's own.
    assert ("I1S4", "P8.1") in links and ("C1M5", "P7.1") in links
    assert ("U2A3", "P5.3") in links


def test_a_2018_link_is_reused_only_where_the_text_is_unchanged(catalogue, smr2):
    call_command("load_catalogue", str(LINKS_2_0), verbosity=0)
    links = _links(smr2)
    # 2018 P1S2 became 2.0 I1S1 word for word: its Essential-only link comes along.
    assert ("I1S1", "") in links
    rows = json.loads(LINKS_2_0.read_text())["crosswalk"]
    reused = [r for r in rows if r["source"] == "reused"]
    assert len(reused) == 41
    # Renumbered but the same text: 2018 L1A1 is 2.0 L1A2, and its note came along.
    l1a2 = EssentialLink.objects.for_version(smr2).get(action__code="L1A2", question__ref="P1.1")
    assert l1a2.note.startswith("Aligning the “resilience action plan with national plans”")
    # 2018 C1A3 → P7.4 became 2.0 L4M3 reworded: judged again, not copied.
    assert [r["source"] for r in rows if r["action"] == "L4M3"] == ["own"]
