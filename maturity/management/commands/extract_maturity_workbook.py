import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from maturity.loader import ModelFileError, validate
from maturity.workbook import WorkbookError, extract

DEFAULT_WORKBOOK = (
    Path(settings.BASE_DIR).parent / "shared" / "data" / "smr-maturity-model-2.0.xlsx"
)
DEFAULT_OUTPUT = Path(settings.BASE_DIR) / "fixtures" / "smr-maturity-model-2.0.json"


class Command(BaseCommand):
    help = (
        "Read Tecnun's SMR Maturity Model 2.0 workbook (sheet “MaturityModel 2.0”) into the "
        "model file that load_maturity_model loads (the committed fixture)."
    )

    def add_arguments(self, parser):
        parser.add_argument("workbook", nargs="?", default=str(DEFAULT_WORKBOOK))
        parser.add_argument("-o", "--output", default=str(DEFAULT_OUTPUT))

    def handle(self, *args, workbook: str, output: str, **options):
        try:
            doc = extract(Path(workbook))
            validate(doc)
        except (WorkbookError, ModelFileError) as exc:
            raise CommandError(f"{workbook}: {exc}. Nothing was written.") from exc
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        Path(output).write_text(text, encoding="utf-8")
        actions = sum(len(s["actions"]) for d in doc["dimensions"] for s in d["subdimensions"])
        self.stdout.write(
            f"Wrote {output}: {len(doc['dimensions'])} dimensions, {actions} actions."
        )
