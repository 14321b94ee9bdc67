"""Install the shipped policy packs (data in complaintdesk/sla/packs.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from complaintdesk.sla.packs import packs_install

    packs_install(apps.get_model("sla", "Policy"), apps.get_model("sla", "ClockRule"))


class Migration(migrations.Migration):
    dependencies = [("sla", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
