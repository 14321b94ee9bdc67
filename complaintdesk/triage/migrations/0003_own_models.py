"""An organisation's own triage models, every attempt kept with its scores, at most one in
use; and the week its retraining was last claimed for."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_api_token'),
        ('triage', '0002_similar_open'),
    ]

    operations = [
        migrations.CreateModel(
            name='TriageTraining',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_week', models.DateField(blank=True, null=True)),
                ('organisation', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organisation')),
            ],
        ),
        migrations.CreateModel(
            name='TriageModel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=60, verbose_name='name')),
                ('created_at', models.DateTimeField(verbose_name='trained at')),
                ('trained_on', models.PositiveIntegerField(verbose_name='labelled complaints learnt from')),
                ('held_out', models.PositiveIntegerField(verbose_name='labelled complaints held back to test')),
                ('scores', models.JSONField(default=dict, verbose_name='scores')),
                ('data', models.JSONField(default=dict)),
                ('in_use', models.BooleanField(default=False, verbose_name='in use')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organisation')),
            ],
            options={
                'verbose_name': 'triage model',
                'verbose_name_plural': 'triage models',
                'ordering': ['-created_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('in_use', True)), fields=('organisation',), name='triage_one_in_use')],
            },
        ),
    ]
