"""Indexes for the queue's two other orders, so that every order is read as an index range
(complaints/keyset.py): latest activity first, and the earliest live deadline first, whose
partial index leaves out the complaints with no running deadline (most of them: closed).
And two for views whose complaints cluster in time (overdue and paused; mine and unassigned),
which the newest rows of the order hold few of: read newest first within the view."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0012_extension_request_event_kinds"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(fields=["-last_activity_at", "-id"], name="cmp_activity"),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["sla_due_at", "id"],
                condition=models.Q(sla_due_at__isnull=False),
                name="cmp_due",
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["sla_state", "-received_at", "-id"], name="cmp_sla_received"
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["handler", "-received_at", "-id"], name="cmp_handler_received"
            ),
        ),
    ]
