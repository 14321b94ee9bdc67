# What an incident run did for each complaint, kept as step codes to be named when read.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0001_incidents'),
    ]

    operations = [
        migrations.AddField(
            model_name='incidentcomplaint',
            name='last_run_steps',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='incidentcomplaint',
            name='last_run_stopped_at',
            field=models.CharField(blank=True, max_length=20),
        ),
    ]
