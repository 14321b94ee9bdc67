"""Each complaint's document in the search index, for an installation that had complaints
before the index existed (new complaints get theirs as they are written: search_index.py).

The texts are read as they stood at this migration (historical models, the fields listed
here), in batches; about 10,000 complaints a second. `manage.py search_reindex` does the same
from the current code at any time.
"""

from django.db import migrations

from complaintdesk.search.analysis import document_words

BATCH = 2000
FIELDS = (
    "reference",
    "external_id",
    "subject",
    "description",
    "incident_place",
    "persons_involved",
    "demand",
    "claimed_loss_items",
    "evidence_description",
    "findings",
    "responsible_person",
    "status_reason",
    "complainant__name",
    "complainant__phone",
    "complainant__email",
    "complainant__address",
    "complainant__account_reference",
)


def write_documents(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    ComplaintEvent = apps.get_model("complaints", "ComplaintEvent")
    Document = apps.get_model("search", "Document")
    after = 0
    while True:
        rows = list(
            Complaint.objects.filter(pk__gt=after).order_by("pk").values_list("pk", *FIELDS)[
                :BATCH
            ]
        )
        if not rows:
            return
        after = rows[-1][0]
        texts = {row[0]: [value for value in row[1:] if value] for row in rows}
        events = (
            ComplaintEvent.objects.filter(complaint_id__in=list(texts))
            .exclude(text="")
            .order_by("id")
            .values_list("complaint_id", "text")
        )
        for complaint_id, text in events:
            texts[complaint_id].append(text)
        Document.objects.bulk_create(
            [Document(id=pk, words=document_words(*parts)) for pk, parts in texts.items()],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0014_open_or_final"),
        ("search", "0001_initial"),
    ]

    operations = [migrations.RunPython(write_documents, migrations.RunPython.noop)]
