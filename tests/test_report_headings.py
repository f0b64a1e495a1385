"""No heading is left alone at the foot of a page of the PDF report.

How it is read: the report is downloaded through the real view, and the very WeasyPrint
document that view wrote to PDF is kept (a spy on `HTML.render` that calls through), so each
page's layout can be walked: every line knows which element it belongs to. The last line of
flowing content on a page (leaving out the running header and footer, which live in the page
margins, and the fixed DRAFT mark) must not belong to a heading. pdftotext reads the
downloaded bytes: the same pages, each with the headings the layout puts on it.

Why the layout rather than the PDF's text alone: that text has no structure. A heading and a
one-line paragraph look alike, the margins and the DRAFT mark come out among the body's lines in
whatever order the PDF draws them, and a heading that wraps no longer matches its text; telling
which last line is a heading would mean guessing. The layout says it for every line. It is
WeasyPrint's internal tree (`page._page_box`), so the test first checks that the walk meets
the headings: a WeasyPrint that changed it fails here rather than finding nothing stranded.

A heading: h1–h6, and a table's header rows (thead). The matrix's subdimension titles sit in
a row that never splits; the plan's groups are h3. WeasyPrint's own stylesheet keeps h1–h6
with what follows, and report.css says it again; a rule that overrides it (`break-after:
auto` on headings) strands a heading in each case below.
"""

import io
import random
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from assessments import services
from scorecard import services as scorecard_services

from . import pdf_text
from .conftest import start_signed_off

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "thead"}
# The words typed notes are drawn from; each seed draws different lengths, so the page breaks
# fall in different places.
VOCABULARY = (
    "council board minutes partnership protocol flood plan community training exercise budget "
    "review stakeholders agreed evidence published annual report resilience office the of and "
    "with for civil contingencies department emergency heatwave drainage neighbourhood schools"
)
WORDS = VOCABULARY.split()
# How likely an action is done, by stage (Starting … Vertebrate): cities work stage by stage.
DONE_BY_STAGE = {1: 0.95, 2: 0.75, 3: 0.45, 4: 0.2, 5: 0.1}
OWNERS = ["Roads Department", "Civil Contingencies Unit", "Resilience Office", ""]
SUBDIMENSIONS = {"L1", "L2", "L3", "L4", "P1", "P2", "I1", "I2", "C1", "C2"}


def _typed(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _fill(assessment, editor, viewer, rng: random.Random) -> None:
    """About half the actions done with evidence notes of every length (some with a link),
    a few not applicable with a reason, the rest owned with target dates."""
    records = assessment.records.select_related("action__stage").order_by("action__code")
    for record in records:
        record.assessment = assessment
        if rng.random() < DONE_BY_STAGE[record.action.stage.order]:
            changes = {"status": "done", "note": _typed(rng, rng.choice([0, 12, 40, 90, 250]))}
        elif rng.random() < 0.1:
            changes = {"status": "not_applicable", "na_reason": _typed(rng, rng.randint(8, 90))}
        else:
            owner = rng.choice([*OWNERS, viewer])
            changes = {
                "status": rng.choice(["not_started", "in_progress"]),
                "target_date": date(2026, 9, 1) + timedelta(days=rng.randrange(700)),
                **({"responsible_member": owner} if owner == viewer else {"responsible": owner}),
            }
        record = services.update_record(record, changes, revision=record.revision, user=editor)
        if record.status == "done" and rng.random() < 0.3:
            services.add_link(record, "https://glasgow.gov.uk/resilience", "Minutes", editor)


@pytest.fixture
def translated(catalogue):
    """The model's texts in every language, so the French report is French throughout."""
    call_command("load_translations", verbosity=0, stdout=io.StringIO())


def _report_of(assessment, editor, viewer, city, seed: int):
    """The assessment filled from `seed`, after a submitted 2025 one, beside a Scorecard."""
    rng = random.Random(seed)
    start_signed_off(
        city, assessment.model_version, title="Self-assessment 2025",
        reference_date=date(2025, 6, 30), user=editor, done={"action__stage__order": 1},
    )  # fmt: skip
    _fill(assessment, editor, viewer, rng)
    scorecard = scorecard_services.start_scorecard(city, user=editor, title="Workshop 2026")
    for answer in scorecard.answers.select_related("question").order_by("question__ref"):
        if rng.random() < 0.6:
            scorecard_services.save_answer(
                answer, editor, score=rng.randint(0, 3),
                verification=_typed(rng, rng.randint(5, 80)),
                institution=rng.choice(OWNERS),
            )  # fmt: skip
    return assessment


def _download(client, user, assessment, lang: str, monkeypatch):
    """(WeasyPrint document, the text of each page) of the PDF the view returns."""
    documents = []
    render = HTML.render

    def spy(self, *args, **kwargs):
        documents.append(render(self, *args, **kwargs))
        return documents[-1]

    monkeypatch.setattr(HTML, "render", spy)
    client.force_login(user)
    url = reverse("reports:pdf", args=["glasgow", assessment.pk])
    response = client.get(url, {"lang": lang})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (document,) = documents
    return document, pdf_text.pages(response.content)


def _lines(box, within=()):
    """(line or image, tags of the elements around it), in document order, on one page:
    not the margin boxes (running header, footer) nor fixed boxes (the DRAFT mark)."""
    if isinstance(box, boxes.MarginBox) or box.style["position"] == "fixed":
        return
    if isinstance(box, boxes.LineBox | boxes.ReplacedBox):
        yield box, within
        return
    tag = getattr(box, "element_tag", None)
    for child in getattr(box, "children", ()):
        yield from _lines(child, (*within, tag) if tag else within)


def _text(box) -> str:
    if isinstance(box, boxes.TextBox):
        return box.text
    return "".join(_text(child) for child in getattr(box, "children", ()))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _heading_lines(page, tag: str) -> list[str]:
    return [_text(line) for line, within in _lines(page._page_box) if tag in within]


def _stranded(document) -> list[str]:
    """Each page whose last flowing line belongs to a heading, with how the next page starts."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        last, within = list(_lines(page._page_box))[-1]
        if HEADINGS & set(within):
            following = document.pages[number:]
            then = _text(next(_lines(following[0]._page_box))[0]) if following else "nothing"
            found.append(f"page {number} ends with “{_text(last)}”, page {number + 1}: “{then}”")
    return found


# Seeds chosen because, with headings allowed to break away from what follows, each strands
# at least one: "Done, with evidence" (en 1), a plan group and the Essentials chapter (en 12),
# a plan group (fr 1), "Not applicable, with the reason" (fr 11).
@pytest.mark.parametrize(("lang", "seed"), [("en", 1), ("en", 12), ("fr", 1), ("fr", 11)])
@pytest.mark.pdf
def test_no_page_ends_with_a_heading(
    client, assessment, editor, viewer, city, translated, monkeypatch, lang, seed
):
    """Catches a heading printed at the foot of a page with its text on the next one: the
    keep-with-next rule overridden in the print CSS, or a heading that a layout change lets
    break away."""
    report = _report_of(assessment, editor, viewer, city, seed)
    document, pages = _download(client, editor, report, lang, monkeypatch)
    assert len(pages) == len(document.pages) >= 25
    h2 = [(n, text) for n, page in enumerate(document.pages) for text in _heading_lines(page, "h2")]
    # The walk meets every subdimension's heading (it begins with the code), each on the page
    # of the downloaded PDF where the layout put it.
    assert {text.split()[0] for _n, text in h2} >= SUBDIMENSIONS
    assert [t for n, t in h2 if _squash(t) not in _squash(pages[n])] == []
    assert _stranded(document) == []
