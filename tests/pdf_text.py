"""The text of a PDF's pages, for the tests that read PDFs back.

poppler's `pdftotext` (Debian's poppler-utils, installed by scripts/install-browser.sh with
WeasyPrint's needs) reads a 15-page report in about a quarter of a second; pypdf's
`extract_text` took 1.7 s. pypdf stays where a test reads what text extraction cannot give:
the structure tree, marked content, metadata, the drawing operators.

By default the text comes in the order the page's content draws it (`-raw`), word for word
what pypdf's `extract_text` gave: the body, then the running header and footer, which
WeasyPrint draws last; a hyphen at the end of a line kept ("well-" / "designed"). poppler's
own reading order (`reading_order=True`) is what copy and paste gives: it puts the running
header first, reads a table column by column and joins "well-" / "designed" into
"welldesigned", so it is for the tests about what such a reader gets.
"""

import shutil
import subprocess

import pytest

PDFTOTEXT = shutil.which("pdftotext")


def pages(content: bytes, *, reading_order: bool = False) -> list[str]:
    """The text of each page of the PDF `content`, first page first."""
    if PDFTOTEXT is None:
        pytest.skip(
            "poppler's pdftotext is not installed here (scripts/install-browser.sh could not)"
        )
    order = [] if reading_order else ["-raw"]
    out = subprocess.run(
        [PDFTOTEXT, *order, "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return out.split("\f")[:-1]  # every page ends with a form feed, the last one too


def text(content: bytes, separator: str = "\n") -> str:
    """All the pages' text, joined by `separator`."""
    return separator.join(pages(content))
