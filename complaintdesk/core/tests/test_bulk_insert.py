"""objects_insert writes what Django's own bulk_create would, only quicker."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.forms.models import model_to_dict

from complaintdesk.complaints.choices import EventKind, Grade
from complaintdesk.complaints.models import Complaint, ComplaintEvent
from complaintdesk.complaints.tests.factories import ComplaintFactory
from complaintdesk.core.bulk import objects_insert

pytestmark = pytest.mark.django_db

HK = ZoneInfo("Asia/Hong_Kong")
# Written by the database or unique to each row: the rest must be alike.
OWN_TO_EACH_ROW = {"id", "reference", "tracking_key", "intake_key", "external_id"}


def twin(original: Complaint, n: int) -> Complaint:
    """A new, unsaved complaint holding every value of `original` but its own keys."""
    copy = Complaint(**{f.attname: getattr(original, f.attname) for f in Complaint._meta.fields})
    copy.pk = None
    copy.reference = f"{original.reference}-{n}"
    copy.tracking_key = f"{original.tracking_key[:-2]}{n:02d}"
    copy.intake_key = copy.external_id = ""
    return copy


def stored(complaint: Complaint) -> dict:
    row = model_to_dict(Complaint.objects.get(pk=complaint.pk))
    return {name: value for name, value in row.items() if name not in OWN_TO_EACH_ROW}


def test_inserted_complaints_hold_the_same_values_as_django_bulk_create_writes():
    # Given a complaint with a money amount, a grade, flags, links and times in Hong Kong
    original = ComplaintFactory()
    original.claimed_loss_amount = Decimal("1234.50")
    original.grade = Grade.MAJOR
    original.risk_media = True
    original.closed_at = datetime(2024, 3, 1, 9, 30, 15, 123456, tzinfo=HK)
    by_django, by_us = twin(original, 1), twin(original, 2)

    # When one copy is written by bulk_create and the other by objects_insert
    Complaint.objects.bulk_create([by_django])
    objects_insert([by_us])

    # Then each has an id and both rows read back alike, times to the microsecond
    assert by_us.pk is not None and by_us.pk != by_django.pk
    assert stored(by_us) == stored(by_django)
    assert Complaint.objects.get(pk=by_us.pk).closed_at == original.closed_at


def test_inserted_rows_get_their_ids_in_order_and_their_creation_time():
    # Given three timeline entries of one complaint, one with structured data
    complaint = ComplaintFactory()
    entries = [
        ComplaintEvent(
            complaint_id=complaint.pk,
            kind=EventKind.NOTE,
            data={"text": f"第{n}次", "n": n},
            created_at=datetime(2024, 1, n, tzinfo=HK),
        )
        for n in (1, 2, 3)
    ]

    # When they are inserted together
    objects_insert(entries)

    # Then each object knows its row, and the rows hold their data as written
    for entry in entries:
        row = ComplaintEvent.objects.get(pk=entry.pk)
        assert row.data == entry.data
        assert row.created_at == entry.created_at
    assert [e.pk for e in entries] == sorted(e.pk for e in entries)


def test_many_rows_go_in_several_statements_without_losing_one():
    # Given more entries than one statement carries
    complaint = ComplaintFactory()
    entries = [
        ComplaintEvent(
            complaint_id=complaint.pk,
            kind=EventKind.NOTE,
            data={"n": n},
            created_at=datetime(2024, 1, 1, tzinfo=HK),
        )
        for n in range(1234)
    ]

    # When they are inserted
    objects_insert(entries)

    # Then every one is there once, with its own id
    assert len({e.pk for e in entries}) == 1234
    written = ComplaintEvent.objects.filter(complaint=complaint, kind=EventKind.NOTE)
    assert sorted(e.data["n"] for e in written) == list(range(1234))


def test_rows_whose_key_is_another_rows_are_written_with_that_key():
    # Given a derived row keyed by its complaint (the roll-up's tally of it)
    from complaintdesk.analytics.models import ComplaintTally

    complaint = ComplaintFactory()
    original = ComplaintTally.objects.filter(complaint=complaint).first()
    if original is not None:  # the factory's complaint may be counted already
        original.delete()
    tally = ComplaintTally(
        complaint_id=complaint.pk,
        organisation_id=complaint.organisation_id,
        counted=True,
        received_day=datetime(2024, 3, 1).date(),
        unit_id=complaint.unit_id,
        site_id=0,
        category_id=0,
        channel=complaint.channel,
        grade=Grade.MAJOR,
        is_open=True,
        closed_hours=0,
        reopened=False,
        appealed=False,
        breached=False,
        risks="media",
        anger=0,
    )

    # When it is inserted
    objects_insert([tally])

    # Then it is stored under the complaint's key, as written
    row = ComplaintTally.objects.get(pk=complaint.pk)
    assert (row.grade, row.unit_id, row.is_open) == (Grade.MAJOR, complaint.unit_id, True)
