"""Read the 47 questions' texts from the official workbook into the catalogue fixture."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from scorecard.workbook import WorkbookError, read_questions

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "policy-catalogue.json"


class Command(BaseCommand):
    help = "Write the Scorecard questions' texts, comments and descriptors into the fixture."

    def add_arguments(self, parser):
        parser.add_argument("workbook", type=Path)
        parser.add_argument("--fixture", type=Path, default=FIXTURE)

    def handle(self, *args, workbook, fixture, **options):
        workbook, fixture = Path(workbook), Path(fixture)
        try:
            questions = read_questions(workbook.read_bytes())
        except (OSError, WorkbookError) as exc:
            raise CommandError(str(exc)) from exc
        doc = json.loads(fixture.read_text(encoding="utf-8"))
        by_ref = {row["ref"]: row for row in doc["scorecard_questions"]}
        for q in questions:
            row = by_ref.setdefault(q.ref, {"ref": q.ref, "essential": q.essential})
            row["topic"] = q.topic
            row["text"] = q.text
            row["comment"] = q.comment
            for score in (3, 2, 1, 0):
                row[f"descriptor_{score}"] = q.descriptors.get(score, "")
        doc["scorecard_questions"] = [by_ref[q.ref] for q in questions]
        fixture.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        self.stdout.write(f"{len(questions)} questions written to {fixture}")
