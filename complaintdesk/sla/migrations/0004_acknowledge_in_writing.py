"""Policies say whether a complaint made in writing is acknowledged in writing at once; the
four shipped packs do (ISO 10002: acknowledge immediately; the FCA: a prompt written
acknowledgement), a policy an organisation wrote itself keeps doing what it did."""

from django.db import migrations, models


SHIPPED = ["seed-hk-property", "cn-banking-2020", "uk-fca-disp", "us-cfpb"]


def shipped_packs_acknowledge(apps, schema_editor):
    Policy = apps.get_model("sla", "Policy")
    Policy.objects.filter(code__in=SHIPPED).update(acknowledge_in_writing=True)


class Migration(migrations.Migration):

    dependencies = [
        ('sla', '0003_clock_reply_channels'),
    ]

    operations = [
        migrations.AddField(
            model_name='policy',
            name='acknowledge_in_writing',
            field=models.BooleanField(default=False, help_text='A complaint that arrives in writing (letter, e-mail, web form, API) from someone with an e-mail address is sent the acknowledgement with its reference and due date as soon as it is registered.', verbose_name='acknowledge written complaints by e-mail at once'),
        ),
        migrations.RunPython(shipped_packs_acknowledge, migrations.RunPython.noop),
    ]
