"""Remake tests/assets/scorecard-export-libreoffice.xlsm: the app's export of a Scorecard with
every question answered, opened and saved by LibreOffice Calc (headless), as a city using
LibreOffice sends it back. Run by `make libreoffice-fixture` (needs `soffice`: Debian's
libreoffice-calc-nogui); never by CI, whose tests read the committed copy.

The answers: question i (P1.1 = 0, …, P10.2 = 46) scores (3 - i) mod 4; P1.1 has a means of
verification and an action. LibreOffice 7.4 resets the linked cells of many option-button
groups to FALSE on load and keeps the others' values.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resilience_site.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from scorecard.workbook import AnswerRow, all_refs  # noqa: E402
from scorecard.workbook_files import BLANK_WORKBOOK  # noqa: E402
from scorecard.workbook_writer import write_workbook  # noqa: E402

TARGET = ROOT / "tests" / "assets" / "scorecard-export-libreoffice.xlsm"


def main() -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice is missing: apt-get install libreoffice-calc-nogui")
    rows = [AnswerRow(ref, (3 - i) % 4) for i, (ref, _sheet, _row) in enumerate(all_refs())]
    rows[0].verification = "Council minutes 2025"
    rows[0].actions = "Adopt the plan"
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "export.xlsm"
        source.write_bytes(write_workbook(BLANK_WORKBOOK.read_bytes(), rows, None))
        out = Path(work) / "out"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
             "--convert-to", "xlsm:Calc MS Excel 2007 VBA XML", "--outdir", str(out),
             str(source)],
            check=True, timeout=300,
        )  # fmt: skip
        shutil.copyfile(out / "export.xlsm", TARGET)
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout
    print(f"{TARGET.relative_to(ROOT)} written by {version.strip()}")


if __name__ == "__main__":
    main()
