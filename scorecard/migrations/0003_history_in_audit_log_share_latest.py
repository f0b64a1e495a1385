"""The Scorecard's history now lives in the audit log (audit.0002 copied it); its shares
mark the city's latest one shared with each partner, as the assessment's do."""

from django.conf import settings
from django.db import migrations, models




def mark_latest(apps, schema_editor):
    ScorecardShare = apps.get_model("scorecard", "ScorecardShare")
    seen = set()
    newest_first = ScorecardShare.objects.order_by(
        "scorecard__city_id",
        "partner_id",
        "-scorecard__reference_date",
        "-scorecard__created_at",
        "-scorecard_id",
    ).values_list("pk", "scorecard__city_id", "partner_id")
    latest = []
    for pk, city_id, partner_id in newest_first.iterator(chunk_size=5000):
        if (city_id, partner_id) not in seen:
            seen.add((city_id, partner_id))
            latest.append(pk)
    for start in range(0, len(latest), 5000):
        ScorecardShare.objects.filter(pk__in=latest[start : start + 5000]).update(latest=True)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_copy_the_four_trails'),
        ('scorecard', '0002_answer_index_from_unique'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(
            model_name='scorecardevent',
            name='scorecard',
        ),
        migrations.RemoveField(
            model_name='scorecardevent',
            name='user',
        ),
        migrations.AddField(
            model_name='scorecardshare',
            name='latest',
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_latest, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='scorecardshare',
            name='include_private',
            field=models.BooleanField(default=False, verbose_name='include evidence files and names'),
        ),
        migrations.AddIndex(
            model_name='scorecardshare',
            index=models.Index(fields=['partner', 'latest'], name='scorecard_share_latest_idx'),
        ),
        migrations.DeleteModel(
            name='ScorecardEvent',
        ),
    ]
