"""Whether a complaint is finished, as a column the database keeps from its status, and the
indexes that read a status, or all the open or all the final ones, newest first.

The queue's "open" and "final" were a list of statuses, which no index reads in date order: the
database sorted every finished complaint in sight to show fifty. SQLite cannot add a stored
generated column in place, so on SQLite this migration copies the complaints table once.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0013_queue_order_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="is_final",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Q(status__in=["closed", "merged", "rejected", "withdrawn"]),
                output_field=models.BooleanField(),
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["status", "-received_at", "-id"], name="cmp_status_received"
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["is_final", "-received_at", "-id"], name="cmp_final_received"
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["is_final", "sla_due_at", "id"],
                condition=models.Q(sla_due_at__isnull=False),
                name="cmp_final_due",
            ),
        ),
    ]
