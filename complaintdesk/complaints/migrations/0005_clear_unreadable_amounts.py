"""Amounts SQLite accepted before the services bounded them (issue 9: `1e30` as a proposal or a
claimed loss) are stored as floats no page can read back, which took the complaint page down
for everyone. Each such amount is cleared, and the complaint's timeline says which amount was
cleared and what it had said, so the handler records it again: nothing changes unseen.

PostgreSQL's numeric(14, 2) never accepted such values: there the migration finds nothing.
"""

from django.db import migrations, models
from django.utils import timezone

LARGEST = 999_999_999_999.99

# (table, complaint id column, amount column, what the timeline calls it)
AMOUNTS = (
    ("complaints_proposal", "complaint_id", "amount", "proposal"),
    ("complaints_complaint", "id", "claimed_loss_amount", "claimed_loss"),
)


def clear(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    event = apps.get_model("complaints", "ComplaintEvent")
    now = timezone.now()
    with connection.cursor() as cursor:
        for table, complaint_column, column, record in AMOUNTS:
            cursor.execute(
                f"SELECT id, {complaint_column}, {column} FROM {table} "  # noqa: S608
                f"WHERE typeof({column}) = 'real' AND abs({column}) > %s",
                [LARGEST],
            )
            for row_id, complaint_id, value in cursor.fetchall():
                cursor.execute(f"UPDATE {table} SET {column} = NULL WHERE id = %s", [row_id])
                event.objects.create(
                    complaint_id=complaint_id,
                    kind="amount_cleared",
                    created_at=now,
                    data={"record": record, "value": repr(value)},
                )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_identity_revealed_kind")]

    operations = [
        migrations.AlterField(
            model_name='complaintevent',
            name='kind',
            field=models.CharField(choices=[('registered', 'Complaint registered'), ('status_changed', 'Status changed'), ('record_changed', 'Record changed'), ('classified', 'Classified'), ('note', 'Note'), ('call', 'Phone call'), ('letter', 'Letter'), ('mail', 'Email'), ('visit', 'Visit/meeting'), ('attachment_added', 'Attachment added'), ('step_recorded', 'Handling step recorded'), ('investigation_recorded', 'Investigation recorded'), ('reply_sent', 'Reply sent'), ('receipt_confirmed', 'Receiver confirmed the reply reached the complainant'), ('response_recorded', "Complainant's response recorded"), ('follow_up_recorded', 'Follow-up recorded'), ('merged_in', 'Duplicate merged into this complaint'), ('clock_warning', 'Time standard warning'), ('clock_breached', 'Time standard breached'), ('clock_paused', 'Clock paused'), ('clock_resumed', 'Clock resumed'), ('clock_extended', 'Deadline extended'), ('escalated', 'Escalated'), ('approval_requested', 'Approval requested'), ('approval_decided', 'Approval decided'), ('approval_overdue', 'Approval decision overdue'), ('identity_revealed', 'Identity document number revealed'), ('amount_cleared', 'Unreadable amount cleared')], max_length=32, verbose_name='kind'),
        ),
        migrations.RunPython(clear, migrations.RunPython.noop),
    ]
