"""A suggestion keeps the open complaints that may be about the same matter."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('triage', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='triagesuggestion',
            name='similar',
            field=models.JSONField(default=list),
        ),
    ]
