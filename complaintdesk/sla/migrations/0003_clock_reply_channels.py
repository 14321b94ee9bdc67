"""Which reply channels meet a clock met by the reply: the Hong Kong pack's written reply and
the FCA final response are met only by a reply in writing (letter, e-mail)."""

from django.db import migrations, models


def install_packs(apps, schema_editor) -> None:
    # The shipped packs, with the new field, onto the rows migration 0002 installed.
    from complaintdesk.sla.packs import packs_install

    packs_install(apps.get_model("sla", "Policy"), apps.get_model("sla", "ClockRule"))


class Migration(migrations.Migration):
    dependencies = [("sla", "0002_seed_policy_packs")]

    operations = [
        migrations.AddField(
            model_name="clockrule",
            name="reply_channels",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='For a clock met by the reply, e.g. ["letter", "email"]; empty: any reply.',
                verbose_name="reply channels that meet it",
            ),
        ),
        migrations.RunPython(install_packs, migrations.RunPython.noop),
    ]
