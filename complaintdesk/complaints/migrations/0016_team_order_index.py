"""The complaints sitting in a unit, newest first: the "my team's" view of a manager whose
own unit holds few complaints of its own (a head office), read by this index instead of by
testing every open complaint."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0015_search_documents"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(fields=["unit", "-received_at", "-id"], name="cmp_unit_received"),
        ),
    ]
