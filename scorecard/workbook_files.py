"""Where the committed blank official workbook lives (export writes into a copy of it)."""

from pathlib import Path

from django.conf import settings

BLANK_WORKBOOK = Path(settings.BASE_DIR) / "fixtures" / "undrr-scorecard-preliminary-2024.xlsm"
