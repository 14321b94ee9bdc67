# A notification for whoever is given a complaint to handle.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0007_task_notification_kinds'),
    ]

    operations = [
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('clock_warning', 'Time standard warning'), ('progress_task', 'Progress update due'), ('escalated', 'Escalated'), ('approval_requested', 'Approval requested'), ('approval_decided', 'Approval decided'), ('approval_overdue', 'Approval decision overdue'), ('confirm_receipt', 'Confirm the reply reached the complainant'), ('complainant_wrote', 'The complainant wrote'), ('letter_failed', 'A mail to the complainant could not be delivered'), ('webhook_paused', 'A webhook subscription was paused'), ('assigned', 'A complaint was given to you'), ('task_asked', 'A task for your department'), ('task_done', 'A task was done'), ('task_overdue', 'A task is overdue')], max_length=40, verbose_name='kind'),
        ),
    ]
