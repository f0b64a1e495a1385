"""The report's cover and executive summary as a reader of the paper sees them (finding 11 of
issue 25): the profile first, the strongest and weakest named, the overall stage with what
holds it back in words, the Scorecard's total in the summary, and a draft mark that stays on
the page in a language with a long word for it."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ContentStream

from . import pdf_text
from .conftest import start_signed_off

# Glasgow's signed-off 2025: every Starting action but C1S1, L1 up to Advanced, L2 up to Robust
# (L2 has no Starting action) and P1's Moderate action. One missing action (C1S1) holds the
# overall stage at "Working on Starting" while L2 is Robust and L1 Advanced.
DONE = [
    "L1S1", "L1S2", "L1M1", "L1M2", "L1M3", "L1M4", "L1A1", "L1A2",
    "L2M1", "L2A1", "L2R1",
    "L3S1", "L4S1", "P1S1", "P1S2", "P1S3", "P1M1", "P2S1", "P2S2", "P2S3",
    "I1S1", "I1S2", "I1S3", "I2S1", "I2S2", "I2S3", "C1S2",
]  # fmt: skip
L1 = "L1 Municipality, cross-sectiorial and multi-governance collaboration"
L2 = "L2 Legislation development and refinement"
P1 = "P1 Diagnosis and Assessment"
C1 = "C1 Development of partnerships with city stakeholders"
L3 = "L3 Learning culture (learning and dissemination)"
L4 = "L4 Resilience action plan development"


def _words(text: str) -> str:
    return " ".join(text.split())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf(client, user, assessment, **headers) -> bytes:
    client.force_login(user)
    response = client.get(reverse("reports:pdf", args=["glasgow", assessment.pk]), **headers)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


@pytest.fixture
def signed_off(city, smr, editor):
    return start_signed_off(
        city, smr, title="Self-assessment 2025", reference_date=date(2025, 6, 30), user=editor,
        done={"action__code__in": DONE},
    )  # fmt: skip


@pytest.mark.pdf
def test_the_submitted_reports_cover_leads_with_the_profile_and_names_strongest_and_weakest(
    client, signed_off, viewer
):
    """Catches the cover leading with "Working on Starting" in large type while most
    subdimensions are further, and a cover that does not name the strongest and weakest."""
    pages = pdf_text.pages(_pdf(client, viewer, signed_off))
    cover = _words(pages[0])
    profile = cover.split("Self-assessment 2025")[1]
    # The profile comes first, highest stage first, each group naming its subdimensions.
    assert profile.index("Robust: 1 subdimension (L2)") < profile.index("Strongest:")
    assert "Advanced: 1 subdimension (L1)" in profile
    assert "Moderate: 1 subdimension (P1)" in profile
    assert "Starting: 6 subdimensions (L3, L4, P2, I1, I2, C2)" in profile
    assert "Working on Starting: 1 subdimension (C1)" in profile
    # Compared without white space: a line may break after "cross-".
    strongest = _squash(profile.split("Strongest:")[1].split("Weakest:")[0])
    assert strongest == _squash(
        f"{L2} (Robust reached); {L1} (Advanced reached); {P1} (Moderate reached)."
    )
    weakest = _squash(profile.split("Weakest:")[1])
    assert weakest.startswith(_squash(f"{C1} (Working on Starting; Starting: 1 of 2 done); {L3}"))
    # The overall stage after the profile, with what holds it back in words.
    assert _squash(f"held back by {C1}: C1S1 missing.") in _squash(profile)
    assert profile.index("Overall, at the lowest subdimension: Working on Starting") > (
        profile.index("Weakest:")
    )
    assert "Submitted" in cover and "Draft" not in cover
    # All of it on one page: the executive summary starts the second.
    assert _words(pages[1]).startswith("Executive summary")
    assert "Reference date" in cover


@pytest.mark.pdf
def test_the_executive_summary_gives_the_scorecard_total(client, signed_off, catalogue, editor):
    """Catches the Scorecard total only on the Scorecard pages, fifteen pages in."""
    from scorecard import services as scorecard_services

    sc = scorecard_services.start_scorecard(signed_off.city, user=editor, title="Workshop 2025")
    for ref, score in (("P1.1", 3), ("P8.2", 2)):
        answer = sc.answers.select_related("question").get(question__ref=ref)
        scorecard_services.save_answer(answer, editor, score=score)
    summary = _words(pdf_text.pages(_pdf(client, editor, signed_off))[1])
    assert summary.startswith("Executive summary")
    part = summary.split("UN Scorecard (preliminary level)")[1]
    assert part.strip().startswith("Total 5 of 141 · Workshop 2025 · DRAFT, not signed off")
    assert "2 questions answered, 45 not answered (not counted as 0)." in part
    assert "E8 2/27" in part  # the radar's labels: the figure is there, not only the number


# --- The draft mark's geometry, read back from the PDF -------------------------------------


def _multiply(m, n):
    """The product of two PDF matrices [a b c d e f] (m applied first, then n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u]  # fmt: skip


def _painted_points(reader, stream, resources, ctm, out, depth=0):
    """Every path point painted by `stream` and the forms it draws, in page coordinates."""
    stack = []
    xobjects = resources.get("/XObject", {}) if resources else {}
    for operands, op in ContentStream(stream, reader).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif op in (b"m", b"l", b"c", b"v", b"y"):
            values = [float(v) for v in operands]
            for x, y in zip(values[::2], values[1::2], strict=True):
                a, b, c, d, e, f = ctm
                out.append((a * x + c * y + e, b * x + d * y + f))
        elif op == b"Do" and depth < 8:
            form = xobjects[operands[0]].get_object()
            if form.get("/Subtype") == "/Form":
                matrix = [float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                inner = form.get("/Resources")
                inner = inner.get_object() if inner is not None else resources
                _painted_points(reader, form, inner, _multiply(matrix, ctm), out, depth + 1)


def _mark_box(reader, page):
    """The bounding box of what the page's background draws: WeasyPrint paints the page's
    background (the draft mark) as the first form of the page, before any content."""
    ops = ContentStream(page.get_contents(), reader).operations
    first = next(operands[0] for operands, op in ops if op == b"Do")
    ctm, stack = [1, 0, 0, 1, 0, 0], []
    for operands, op in ops:  # the transformation in force where that form is drawn
        if op == b"Do" and operands[0] == first:
            break
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _multiply([float(v) for v in operands], ctm)
    form = page["/Resources"]["/XObject"][first].get_object()
    points: list[tuple[float, float]] = []
    _painted_points(reader, form, form["/Resources"].get_object(), ctm, points)
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.pdf
def test_the_spanish_drafts_mark_stays_on_every_page(client, assessment, editor):
    """Catches "BORRADOR" running off the page (it did at the English mark's size), on the
    portrait pages and on the landscape matrix alike."""
    content = _pdf(client, editor, assessment, HTTP_ACCEPT_LANGUAGE="es")
    assert "Borrador" in pdf_text.pages(content)[1]  # the Spanish report, not the English
    reader = PdfReader(io.BytesIO(content))
    sizes = set()
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        sizes.add((round(width), round(height)))
        left, bottom, right, top = _mark_box(reader, page)
        # A mark as wide as a good part of the page (not a missing or a tiny one) ...
        assert right - left > width / 2 and top - bottom > height / 4, number
        # ... and all of it on the page, clear of the edge where a printer cuts.
        margin = 10
        assert margin <= left and right <= width - margin, (number, left, right, width)
        assert margin <= bottom and top <= height - margin, (number, bottom, top, height)
    assert sizes == {(595, 842), (842, 595)}  # both orientations were checked
