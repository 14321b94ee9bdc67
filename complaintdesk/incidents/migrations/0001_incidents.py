# Incidents: one cause behind many complaints, handled once; the complaints linked to each.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0004_api_token'),
        ('complaints', '0011_task_and_incident_event_kinds'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Incident',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='what happened')),
                ('status', models.CharField(choices=[('open', 'Open'), ('resolved', 'Resolved')], default='open', max_length=10, verbose_name='status')),
                ('findings', models.TextField(blank=True, verbose_name='findings')),
                ('responsibility', models.CharField(blank=True, choices=[('organisation', 'Organisation'), ('staff', 'Staff member'), ('third_party', 'Third party'), ('complainant', 'Complainant'), ('none', 'No one (unfounded)')], max_length=20, verbose_name='responsibility')),
                ('remedy_type', models.CharField(blank=True, choices=[('apology', 'Apology'), ('explanation', 'Explanation'), ('repair', 'Repair'), ('replacement', 'Replacement'), ('refund', 'Refund'), ('fee_waiver', 'Fee waiver'), ('goodwill', 'Goodwill gesture'), ('compensation', 'Compensation'), ('no_action', 'No remedy (complaint not upheld)')], max_length=20, verbose_name='remedy')),
                ('remedy_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='amount per complainant')),
                ('remedy_description', models.TextField(blank=True, verbose_name='what is offered')),
                ('reasons', models.TextField(blank=True, verbose_name='reasons for the decision')),
                ('appeal_route', models.TextField(blank=True, verbose_name='appeal route')),
                ('reply_channel', models.CharField(choices=[('oral_phone', 'Oral, by phone'), ('oral_in_person', 'Oral, in person'), ('letter', 'Letter'), ('email', 'Email'), ('sms', 'SMS')], default='letter', max_length=20, verbose_name='reply by')),
                ('reply_zh_hans', models.TextField(blank=True, verbose_name='reply (Simplified Chinese)')),
                ('reply_zh_hant', models.TextField(blank=True, verbose_name='reply (Traditional Chinese)')),
                ('reply_en', models.TextField(blank=True, verbose_name='reply (English)')),
                ('created_at', models.DateTimeField(verbose_name='opened at')),
                ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='organisation')),
                ('owner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
                ('root_cause', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='complaints.rootcause', verbose_name='root cause')),
            ],
            options={
                'verbose_name': 'incident',
                'verbose_name_plural': 'incidents',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='IncidentComplaint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('linked_at', models.DateTimeField()),
                ('last_run_at', models.DateTimeField(blank=True, null=True)),
                ('last_run_outcome', models.TextField(blank=True)),
                ('last_run_ok', models.BooleanField(default=False)),
                ('complaint', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='incident_link', to='complaints.complaint', verbose_name='complaint')),
                ('incident', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='incidents.incident')),
                ('linked_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['linked_at', 'id'],
            },
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(fields=['organisation', 'status'], name='incident_org_status'),
        ),
    ]
