"""The triage's tables: what it suggested for each complaint at intake, people's answers to
those suggestions (the labels an organisation's own models will learn from), and which of an
organisation's categories the seven default codes stand for."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0004_api_token'),
        ('complaints', '0016_team_order_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='TriageSuggestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('made_at', models.DateTimeField(verbose_name='suggested at')),
                ('model', models.CharField(max_length=60, verbose_name='model')),
                ('category', models.CharField(max_length=40, verbose_name='category code')),
                ('category_confidence', models.FloatField()),
                ('alternatives', models.JSONField(default=list)),
                ('is_complaint', models.BooleanField(verbose_name='a complaint at all')),
                ('complaint_confidence', models.FloatField()),
                ('anger', models.PositiveSmallIntegerField(verbose_name='anger score')),
                ('anger_confidence', models.FloatField()),
                ('grade', models.CharField(max_length=12, verbose_name='grade')),
                ('language', models.CharField(max_length=8, verbose_name='language')),
                ('risks', models.JSONField(default=dict)),
                ('reasons', models.JSONField(default=dict)),
                ('raised', models.JSONField(default=list)),
                ('complaint', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='triage', to='complaints.complaint')),
            ],
            options={
                'verbose_name': 'triage suggestion',
                'verbose_name_plural': 'triage suggestions',
            },
        ),
        migrations.CreateModel(
            name='CategoryMapping',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=40, verbose_name='suggested code')),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='complaints.category', verbose_name="the organisation's category")),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organisation')),
            ],
            options={
                'verbose_name': 'triage category mapping',
                'verbose_name_plural': 'triage category mappings',
                'constraints': [models.UniqueConstraint(fields=('organisation', 'code'), name='triage_map_one_per_code')],
            },
        ),
        migrations.CreateModel(
            name='TriageLabel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('field', models.CharField(choices=[('category', 'Category'), ('anger', 'Anger score'), ('grade', 'Grade'), ('is_complaint', 'Is it a complaint?')], max_length=16, verbose_name='what')),
                ('suggested', models.CharField(max_length=40, verbose_name='suggested')),
                ('chosen', models.CharField(max_length=40, verbose_name='chosen')),
                ('at', models.DateTimeField(verbose_name='at')),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='complaints.complaint')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organisation')),
            ],
            options={
                'verbose_name': 'triage label',
                'verbose_name_plural': 'triage labels',
                'indexes': [models.Index(fields=['organisation', 'at'], name='triage_label_org_at')],
                'constraints': [models.UniqueConstraint(fields=('complaint', 'field'), name='triage_label_one_per_field')],
            },
        ),
    ]
