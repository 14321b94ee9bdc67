# Tasks another department does for a complaint: owner, unit, due time, status, outcome.

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
            name='HandlingTask',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='what is to be done')),
                ('details', models.TextField(blank=True, verbose_name='details')),
                ('status', models.CharField(choices=[('open', 'Open'), ('done', 'Done'), ('cancelled', 'Cancelled')], default='open', max_length=10, verbose_name='status')),
                ('due_at', models.DateTimeField(verbose_name='due')),
                ('created_at', models.DateTimeField(verbose_name='asked at')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                ('outcome', models.TextField(blank=True, verbose_name='outcome')),
                ('overdue_notified_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='tasks', to='complaints.complaint', verbose_name='complaint')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='handling_tasks', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.orgunit', verbose_name='department')),
            ],
            options={
                'verbose_name': 'task',
                'verbose_name_plural': 'tasks',
                'ordering': ['due_at', 'id'],
                'indexes': [models.Index(fields=['status', 'due_at'], name='task_status_due'), models.Index(fields=['owner', 'status', 'due_at'], name='task_owner_status_due'), models.Index(fields=['unit', 'status', 'due_at'], name='task_unit_status_due')],
            },
        ),
    ]
