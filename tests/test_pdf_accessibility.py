"""The PDFs as assistive technology reads them: tagged PDF/UA-1, with language and title, a
structure tree of headings, lists and tables, figures with alternative text, and text in
reading order with words whole (Directive (EU) 2016/2102).

Two readers nobody on the project wrote: pypdf walks the structure tree (what a screen reader
follows: each tag's marked content in tree order, a figure read as its /Alt), and poppler's
`pdftotext` (installed with WeasyPrint's needs by scripts/install-browser.sh) extracts the page
text as copy-and-paste and search engines see it.
"""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from assessments import services
from maturity.models import ModelVersion
from tests.conftest import (
    FIXTURE_SLUG,
    make_editor,
    make_glasgow,
    mark_done,
    start_the_assessment,
)

from . import pdf_text
from .render_once import rendered_once

STARTING = ["L1S1", "L1S2", "L3S1", "L4S1", "P1S1", "P1S2", "P1S3", "I1S1", "I1S2", "I1S3"]


def _download(client, user, url: str) -> bytes:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def _report(client, user, assessment) -> bytes:
    return _download(client, user, reverse("reports:pdf", args=["glasgow", assessment.pk]))


def _marked_text(page) -> dict[int, str]:
    """Each marked-content id of the page with the text drawn inside it."""
    texts: dict[int, str] = {}
    stack: list[int | None] = []

    def before(operator, operands, cm, tm):
        if operator in (b"BDC", b"BMC"):
            props = operands[1] if operator == b"BDC" and len(operands) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
            stack.append(mcid if mcid is not None else (stack[-1] if stack else None))
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(chunk, cm, tm, font, size):
        if stack and stack[-1] is not None:
            texts[stack[-1]] = texts.get(stack[-1], "") + chunk

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def _kids(node) -> list:
    kids = node.get("/K", [])
    return list(kids) if isinstance(kids, ArrayObject) else [kids]


def _elements(reader) -> list[tuple[str, DictionaryObject]]:
    """Every structure element, depth first in tree order, as (tag, element)."""
    out = []

    def walk(node):
        node = node.get_object()
        if not isinstance(node, DictionaryObject) or "/S" not in node:
            return
        out.append((str(node["/S"]), node))
        for kid in _kids(node):
            walk(kid)

    for top in _kids(reader.trailer["/Root"]["/StructTreeRoot"].get_object()):
        walk(top)
    return out


def _reading_order(reader) -> str:
    """The text as a screen reader follows it: the structure tree in order, each marked
    content's text where the tree names it, a figure read as its alternative text."""
    pages = {page.indirect_reference.idnum: page for page in reader.pages}
    marked: dict[int, dict[int, str]] = {}
    words: list[str] = []

    def walk(node, page_id):
        node = node.get_object()
        if isinstance(node, DictionaryObject):
            if "/Pg" in node:
                page_id = node.raw_get("/Pg").idnum
            if node.get("/S") == "/Figure" and "/Alt" in node:
                words.append(str(node["/Alt"]))
                return
            for kid in _kids(node):
                walk(kid, page_id)
        elif isinstance(node, int):
            if page_id not in marked:
                marked[page_id] = _marked_text(pages[page_id])
            words.append(marked[page_id].get(node, ""))

    walk(reader.trailer["/Root"]["/StructTreeRoot"], None)
    return " ".join(" ".join(words).split())


@pytest.fixture
def draft(assessment, editor):
    """Glasgow's 2026 draft with some Starting actions done."""
    mark_done(assessment, STARTING, editor)
    return assessment


@pytest.fixture(scope="module")
def draft_pdf(django_db_setup, django_db_blocker, tmp_path_factory) -> bytes:
    """`draft`'s report as its editor downloads it, rendered once for the tests below that
    only read it (each rendered the same one, a few seconds each)."""

    def build() -> bytes:
        city = make_glasgow()
        editor = make_editor(city)
        smr = ModelVersion.objects.get(slug=FIXTURE_SLUG)
        assessment = start_the_assessment(smr, city, editor)
        mark_done(assessment, STARTING, editor)
        return _report(Client(), editor, assessment)

    return rendered_once(django_db_blocker, tmp_path_factory.mktemp("a11y-pdf"), build)


@pytest.fixture
def draft_report(db, draft_pdf) -> bytes:
    """The PDF of `draft`'s report, downloaded by `editor`."""
    return draft_pdf


@pytest.fixture(scope="module")
def draft_spoken(draft_pdf) -> str:
    """That report as a screen reader follows it, read once (pypdf takes a second or two)."""
    return _reading_order(PdfReader(io.BytesIO(draft_pdf)))


@pytest.mark.pdf
def test_the_report_is_tagged_pdf_ua_with_language_and_title(draft_report):
    """Catches an untagged report (`pdfinfo`: Tagged: no), without language or XMP metadata."""
    reader = PdfReader(io.BytesIO(draft_report))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]) == "en"
    assert reader.metadata.title == "Glasgow · Self-assessment 2026"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp)


@pytest.mark.pdf
def test_the_report_has_headings_and_a_matrix_table_with_header_cells(draft_report):
    """Catches a report whose title is not a heading, or whose matrix is not a table a
    screen reader can walk cell by cell with its column headers (the stages)."""
    reader = PdfReader(io.BytesIO(draft_report))
    elements = _elements(reader)
    tags = [tag for tag, _ in elements]
    assert tags.count("/H1") == 1 and tags.index("/H1") < tags.index("/H2")
    assert tags.count("/H2") >= 10  # the chapters and the ten subdimensions
    marked = {}
    for page in reader.pages:
        marked[page.indirect_reference.idnum] = _marked_text(page)

    def text_of(node) -> str:
        node = node.get_object()
        if isinstance(node, int):
            return ""
        parts = []
        for kid in _kids(node):
            kid = kid.get_object() if not isinstance(kid, int) else kid
            if isinstance(kid, int):
                parts.append(marked[node.raw_get("/Pg").idnum].get(kid, ""))
            else:
                parts.append(text_of(kid))
        return " ".join(" ".join(parts).split())

    headers = []
    for tag, table in elements:
        if tag == "/Table":
            cells = [el for t, el in _elements_under(table) if t == "/TH"]
            headers.append([text_of(cell) for cell in cells])
    matrix = ["Subdimension", "Starting", "Moderate", "Advanced", "Robust", "Vertebrate"]
    assert matrix in headers
    assert text_of(next(el for t, el in elements if t == "/H1")).startswith("Glasgow")
    # The cover's facts (reference date, status…) are a list of terms and values.
    assert "/L" in tags and "/LI" in tags


def _elements_under(node) -> list[tuple[str, DictionaryObject]]:
    out = []
    for kid in _kids(node):
        kid = kid.get_object()
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            out.append((str(kid["/S"]), kid))
            out += _elements_under(kid)
    return out


@pytest.mark.pdf
def test_a_drafts_text_has_no_letters_of_the_draft_mark(draft_report, draft_spoken):
    """Catches the diagonal DRAFT mark drawn as text: extracted, its letters land one by one
    (D, R, A, F, T) between the rows of every table. The pages still say "Draft" in words."""
    content = draft_report
    pages = pdf_text.pages(content, reading_order=True)
    assert len(pages) >= 8
    for number, text in enumerate(pages, start=1):
        lonely = [line for line in text.splitlines() if line.strip() in set("DRAFT")]
        assert lonely == [], (number, lonely)
        assert "DRAFT" not in text, number
        assert "Draft" in text, number  # the running header (the cover: its status)
    assert "DRAFT" not in draft_spoken and "Not yet signed off (draft)" in draft_spoken


@pytest.mark.pdf
def test_words_come_out_whole_and_the_chart_reads_as_its_values(draft_report, draft_spoken):
    """Catches letter-spaced capitals extracted as "S TAG E R E AC H E D", and a cover chart
    whose alternative text says only "Stage reached per subdimension"."""
    content = draft_report
    cover = " ".join(pdf_text.pages(content, reading_order=True)[0].split())
    assert "STAGE REACHED" in cover
    reader = PdfReader(io.BytesIO(content))
    figures = [el for tag, el in _elements(reader) if tag == "/Figure"]
    assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)
    alt = str(figures[0]["/Alt"])
    assert alt.startswith("Stage reached per subdimension: L1 ")
    assert "P2 Education and Training: Working on Starting" in alt
    assert draft_spoken.startswith("Glasgow Self-assessment 2026 City resilience self-assessment")
    assert "Stage reached per subdimension: L1 " in draft_spoken


@pytest.mark.pdf
def test_the_worksheet_and_a_submitted_report_are_tagged_too(client, draft, editor, smr):
    """Catches accessibility given to the draft report only."""
    submitted = services.submit(draft, editor)
    for content in (
        _report(client, editor, submitted),
        _download(client, editor, reverse("reports:worksheet", args=[smr.slug])),
    ):
        reader = PdfReader(io.BytesIO(content))
        tags = [tag for tag, _ in _elements(reader)]
        assert "/H1" in tags and "/Table" in tags and "/TH" in tags
        assert str(reader.trailer["/Root"]["/Lang"]) == "en"
        assert not re.search(r"\bDraft\b", _reading_order(reader))
