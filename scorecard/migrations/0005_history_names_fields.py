"""Scorecard history entries written before the field was stored by name said which text
changed in the saver's language, frozen ("P1.1: means of verification"): each now names the
field ("verification") and the question ("P1.1"), and the page says the field in the reader's
language, as it does for entries written since. A workbook import's sentence becomes the
file's name and the number of changes, said in the reader's language too."""

import re

from django.db import migrations

# Each text field's label as it was written, in every language of the site at the time.
LABELS = {
    "verification": [
        "means of verification", "medios de verificación", "moyens de vérification",
        "mezzi di verifica", "verifikasjonsmåte",
    ],
    "actions": [
        "actions to achieve maximum resilience", "acciones para lograr la máxima resiliencia",
        "actions pour atteindre une résilience maximale",
        "azioni per raggiungere la massima resilienza", "tiltak for å oppnå maksimal resiliens",
    ],
    "institution": [
        "responsible institution", "institución responsable", "institution responsable",
        "istituzione responsabile", "ansvarlig institusjon",
    ],
    "timescale": ["timescale", "plazo", "échéancier", "tempistica", "tidsramme"],
}  # fmt: skip
FIELD_OF = {label: field for field, labels in LABELS.items() for label in labels}
# A workbook import was written as one sentence in the importer's language: "file.xlsx: 3
# changes" ("3 cambios", "3 modifications", …); now the file's name and the count.
IMPORT = re.compile(r"^(?P<file>.*): (?P<n>\d+) \w+$")


def name_the_fields(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    old = AuditEntry.objects.filter(kind="answered", field="", scorecard__isnull=False)
    for entry in old.exclude(detail__contains="→").only("pk", "detail").iterator():
        ref, sep, label = entry.detail.partition(": ")
        field = FIELD_OF.get(label.strip())
        if sep and field:
            AuditEntry.objects.filter(pk=entry.pk).update(field=field, detail=ref)
    imports = AuditEntry.objects.filter(kind="imported", new="", scorecard__isnull=False)
    for entry in imports.only("pk", "detail").iterator():
        found = IMPORT.match(entry.detail)
        if found:
            AuditEntry.objects.filter(pk=entry.pk).update(
                detail=found["file"], new=found["n"]
            )


def label_the_fields(apps, schema_editor):
    """Back to the English label (and sentence) in the detail, as the earlier code read it."""
    AuditEntry = apps.get_model("audit", "AuditEntry")
    imports = AuditEntry.objects.filter(kind="imported", scorecard__isnull=False)
    for entry in imports.exclude(new="").only("pk", "detail", "new").iterator():
        AuditEntry.objects.filter(pk=entry.pk).update(
            detail=f"{entry.detail or 'workbook'}: {entry.new} changes", new=""
        )
    named = AuditEntry.objects.filter(kind="answered", scorecard__isnull=False)
    for field, labels in LABELS.items():
        for entry in named.filter(field=field).only("pk", "detail").iterator():
            AuditEntry.objects.filter(pk=entry.pk).update(
                field="", detail=f"{entry.detail}: {labels[0]}"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_copy_the_four_trails"),
        ("scorecard", "0004_one_open_draft_per_city"),
    ]

    operations = [migrations.RunPython(name_the_fields, label_the_fields, elidable=True)]
