"""Correct the Moderate stage's title in installations that already loaded the SMR model.

SMR titles the stage "integration of local (departmental) resilience plans"; the first fixture
dropped "(departmental)". Only that title of the published 2018 version changes.
"""

from django.db import migrations

OLD = "integration of local resilience plans"
NEW = "integration of local (departmental) resilience plans"


def forwards(apps, schema_editor):
    Stage = apps.get_model("maturity", "Stage")
    Stage.objects.filter(version__slug="smr-rmm-2018", name="Moderate", title=OLD).update(title=NEW)


def backwards(apps, schema_editor):
    Stage = apps.get_model("maturity", "Stage")
    Stage.objects.filter(version__slug="smr-rmm-2018", name="Moderate", title=NEW).update(title=OLD)


class Migration(migrations.Migration):
    dependencies = [("maturity", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
