# Timeline entries for tasks asked of other departments and for incidents (their own apps).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0010_fk_indexes_covered_by_composites'),
    ]

    operations = [
        migrations.AlterField(
            model_name='complaintevent',
            name='kind',
            field=models.CharField(choices=[('registered', 'Complaint registered'), ('status_changed', 'Status changed'), ('record_changed', 'Record changed'), ('classified', 'Classified'), ('note', 'Note'), ('call', 'Phone call'), ('letter', 'Letter'), ('mail', 'Email'), ('visit', 'Visit/meeting'), ('attachment_added', 'Attachment added'), ('step_recorded', 'Handling step recorded'), ('investigation_recorded', 'Investigation recorded'), ('reply_sent', 'Reply sent'), ('receipt_confirmed', 'Receiver confirmed the reply reached the complainant'), ('response_recorded', "Complainant's response recorded"), ('follow_up_recorded', 'Follow-up recorded'), ('merged_in', 'Duplicate merged into this complaint'), ('clock_warning', 'Time standard warning'), ('clock_breached', 'Time standard breached'), ('clock_paused', 'Clock paused'), ('clock_resumed', 'Clock resumed'), ('clock_extended', 'Deadline extended'), ('escalated', 'Escalated'), ('approval_requested', 'Approval requested'), ('approval_decided', 'Approval decided'), ('approval_overdue', 'Approval decision overdue'), ('identity_revealed', 'Identity document number revealed'), ('task_asked', 'Task for another department'), ('task_done', 'Task done'), ('task_cancelled', 'Task cancelled'), ('task_overdue', 'Task overdue'), ('incident_linked', 'Linked to an incident'), ('incident_unlinked', 'No longer linked to the incident'), ('complainant_changed', "Complainant's details corrected"), ('amount_cleared', 'Unreadable amount cleared'), ('correspondence_sent', 'Written to the complainant'), ('correspondence_failed', 'Could not be sent to the complainant'), ('complainant_wrote', 'Message from the complainant'), ('rated', 'Complainant rated the handling')], max_length=32, verbose_name='kind'),
        ),
    ]
