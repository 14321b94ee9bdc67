"""The complainant's own side: the public form, the tracking code and ratings.

- A complaint the complainant sent in themselves has no receiver (`received_by` empty), nor has
  a file they attached (`uploaded_by` empty).
- `intake_key` makes the same submission delivered twice one complaint (unique per
  organisation where set).
- `tracking_key` is the secret the tracking code is derived from: every complaint already on
  file gets its own random one here, so its complainant can be sent a tracking link too.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def give_every_complaint_a_tracking_key(apps, schema_editor):
    """One statement, not a loop over a million rows: each database's own random bytes."""
    random_hex = {
        "sqlite": "lower(hex(randomblob(16)))",
        "postgresql": "md5(random()::text || clock_timestamp()::text || id::text)",
    }[schema_editor.connection.vendor]
    table = apps.get_model("complaints", "Complaint")._meta.db_table
    schema_editor.execute(
        f"UPDATE {table} SET tracking_key = {random_hex} WHERE tracking_key = ''"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_organisation_route_new_complaints'),
        ('complaints', '0005_clear_unreadable_amounts'),
        ('customers', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PublicForm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_open', models.BooleanField(default=True, verbose_name='open to the public')),
                ('privacy_notice_en', models.TextField(blank=True, verbose_name='privacy notice (English)')),
                ('privacy_notice_zh_hans', models.TextField(blank=True, verbose_name='privacy notice (Simplified Chinese)')),
                ('privacy_notice_zh_hant', models.TextField(blank=True, verbose_name='privacy notice (Traditional Chinese)')),
            ],
            options={
                'verbose_name': 'public complaint form',
                'verbose_name_plural': 'public complaint forms',
            },
        ),
        migrations.CreateModel(
            name='Rating',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(verbose_name='rating (1-5)')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('given_at', models.DateTimeField()),
            ],
            options={
                'verbose_name': 'rating',
                'verbose_name_plural': 'ratings',
                'ordering': ['given_at', 'id'],
            },
        ),
        migrations.AddField(
            model_name='complaint',
            name='intake_key',
            field=models.CharField(blank=True, default='', editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name='complaint',
            name='tracking_key',
            field=models.CharField(blank=True, default='', editable=False, max_length=32),
        ),
        migrations.AlterField(
            model_name='attachment',
            name='uploaded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='complaint',
            name='received_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='complaints_received', to=settings.AUTH_USER_MODEL, verbose_name='receiver'),
        ),
        migrations.AlterField(
            model_name='complaintevent',
            name='kind',
            field=models.CharField(choices=[('registered', 'Complaint registered'), ('status_changed', 'Status changed'), ('record_changed', 'Record changed'), ('classified', 'Classified'), ('note', 'Note'), ('call', 'Phone call'), ('letter', 'Letter'), ('mail', 'Email'), ('visit', 'Visit/meeting'), ('attachment_added', 'Attachment added'), ('step_recorded', 'Handling step recorded'), ('investigation_recorded', 'Investigation recorded'), ('reply_sent', 'Reply sent'), ('receipt_confirmed', 'Receiver confirmed the reply reached the complainant'), ('response_recorded', "Complainant's response recorded"), ('follow_up_recorded', 'Follow-up recorded'), ('merged_in', 'Duplicate merged into this complaint'), ('clock_warning', 'Time standard warning'), ('clock_breached', 'Time standard breached'), ('clock_paused', 'Clock paused'), ('clock_resumed', 'Clock resumed'), ('clock_extended', 'Deadline extended'), ('escalated', 'Escalated'), ('approval_requested', 'Approval requested'), ('approval_decided', 'Approval decided'), ('approval_overdue', 'Approval decision overdue'), ('identity_revealed', 'Identity document number revealed'), ('amount_cleared', 'Unreadable amount cleared'), ('complainant_wrote', 'Message from the complainant'), ('rated', 'Complainant rated the handling')], max_length=32, verbose_name='kind'),
        ),
        migrations.AddConstraint(
            model_name='complaint',
            constraint=models.UniqueConstraint(condition=models.Q(('intake_key', ''), _negated=True), fields=('organisation', 'intake_key'), name='complaint_intake_key_unique'),
        ),
        migrations.AddField(
            model_name='publicform',
            name='intake_unit',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.orgunit', verbose_name="unit that receives the form's complaints"),
        ),
        migrations.AddField(
            model_name='publicform',
            name='organisation',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='public_form', to='accounts.organisation', verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='publicform',
            name='sites',
            field=models.ManyToManyField(blank=True, help_text='Empty: the form asks for no site.', related_name='+', to='accounts.orgunit', verbose_name='sites the complainant may choose'),
        ),
        migrations.AddField(
            model_name='rating',
            name='complaint',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ratings', to='complaints.complaint'),
        ),
        migrations.AddField(
            model_name='rating',
            name='reply',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ratings', to='complaints.reply'),
        ),
        migrations.AddConstraint(
            model_name='rating',
            constraint=models.UniqueConstraint(fields=('reply',), name='rating_one_per_reply'),
        ),
        migrations.AddConstraint(
            model_name='rating',
            constraint=models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='rating_score_1_to_5'),
        ),
        migrations.RunPython(give_every_complaint_a_tracking_key, migrations.RunPython.noop),
    ]
