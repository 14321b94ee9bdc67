"""Why a proposal needs approval is kept as facts (is the remedy within the proposer's
authority, and their limit), not as a sentence written in the proposer's language: the
sentence is built in the reader's language when it is shown.

Requests made before this migration lose their stored sentence; they are taken as "amount
above the limit" with no known limit (demo and test data only: nothing was in production).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("authority", "0002_approval_overdue_notified")]

    operations = [
        migrations.RemoveField(model_name="approvalrequest", name="reason_needed"),
        migrations.AddField(
            model_name="approvalrequest",
            name="proposer_covers_remedy",
            field=models.BooleanField(
                default=True, verbose_name="remedy within the proposer's authority"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="approvalrequest",
            name="proposer_limit",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=14,
                null=True,
                verbose_name="proposer's limit",
            ),
        ),
    ]
