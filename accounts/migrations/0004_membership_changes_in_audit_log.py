"""The members' trail now lives in the audit log (audit.0002 copied it)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_user_and_invitation_language'),
        ('audit', '0002_copy_the_four_trails'),
    ]

    operations = [
        migrations.DeleteModel(
            name='MembershipChange',
        ),
    ]
