"""Record changes and assessment events now live in the audit log (audit.0002 copied them)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0009_assessment_version'),
        ('audit', '0002_copy_the_four_trails'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='recordchange',
            name='changed_by',
        ),
        migrations.RemoveField(
            model_name='recordchange',
            name='record',
        ),
        migrations.DeleteModel(
            name='AssessmentEvent',
        ),
        migrations.DeleteModel(
            name='RecordChange',
        ),
    ]
