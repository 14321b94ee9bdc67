"""A new kind: the receiver is asked to confirm that a colleague's reply arrived."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_kind_and_params")]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("clock_warning", "Time standard warning"),
                    ("progress_task", "Progress update due"),
                    ("escalated", "Escalated"),
                    ("approval_requested", "Approval requested"),
                    ("approval_decided", "Approval decided"),
                    ("approval_overdue", "Approval decision overdue"),
                    ("confirm_receipt", "Confirm the reply reached the complainant"),
                ],
                max_length=40,
                verbose_name="kind",
            ),
        ),
    ]
