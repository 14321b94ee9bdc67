"""A notification keeps its kind and parameters, and is rendered in the reader's language
when shown (or mailed), instead of a subject and body written once in one language.

Notifications made before this migration keep their kind and read as its name.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="notification", name="subject"),
        migrations.RemoveField(model_name="notification", name="body"),
        migrations.AddField(
            model_name="notification",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="parameters"),
        ),
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
                ],
                max_length=40,
                verbose_name="kind",
            ),
        ),
    ]
