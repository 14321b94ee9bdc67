"""Counting the roll-ups again from the raw complaints: after data was loaded around the
services (a bulk load, a restore), and as the proof that the kept roll-ups are right."""

from django.db import connection, transaction

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Complaint, ComplaintEvent
from complaintdesk.core.zones import zone_named
from complaintdesk.sla.models import ComplaintClock

from .facts import facts_of
from .measures import RISKS, snapshot_of
from .models import CauseFigure, ComplaintTally, DailyFigure, RollupCell
from .services import Counts, tally_of

REBUILD_BATCH = 5000
# The counts go in as they grow (the upsert adds), so that a million complaints never hold
# a million rows of counts in memory at once.
REBUILD_FLUSH_ROWS = 20_000
_SNAPSHOT_FIELDS = (
    "organisation_id",
    "status",
    "received_at",
    "closed_at",
    "unit_id",
    "site_id",
    "category_id",
    "channel",
    "grade",
    "reopened_count",
    "anger_score",
    "root_cause_id",
    "handler_id",
    "responsibility",
    "complainant_response",
    *(f"risk_{risk}" for risk in RISKS),
)


def analytics_rebuild(organisation: Organisation | None = None) -> int:
    """Throw the roll-ups and the tallies away (of one organisation, or all) and count them
    again from the complaints; returns how many complaints were read. Live changes wait for
    it: the tables are locked until it commits."""
    complaints = Complaint.objects.all()
    derived = [
        ComplaintTally.objects.all(),
        DailyFigure.objects.all(),
        CauseFigure.objects.all(),
        RollupCell.objects.all(),
    ]
    if organisation is not None:
        complaints = complaints.filter(organisation=organisation)
        derived = [rows.filter(organisation_id=organisation.pk) for rows in derived]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            models = (ComplaintTally, DailyFigure, CauseFigure, RollupCell)
            tables = ", ".join(m._meta.db_table for m in models)
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE")
        for rows in derived:
            rows.delete()
        appealed = set(
            ComplaintEvent.objects.filter(
                status_after=Status.APPEAL, complaint__in=complaints
            ).values_list("complaint_id", flat=True)
        )
        breached = set(
            ComplaintClock.objects.filter(
                breached_at__isnull=False, complaint__in=complaints
            ).values_list("complaint_id", flat=True)
        )
        zones = {
            pk: zone_named(name) for pk, name in Organisation.objects.values_list("pk", "time_zone")
        }
        counts = Counts()
        read, last = 0, 0
        ordered = complaints.only(*_SNAPSHOT_FIELDS).order_by("pk")
        while batch := list(ordered.filter(pk__gt=last)[:REBUILD_BATCH]):
            last = batch[-1].pk
            read += len(batch)
            facts = facts_of(batch)
            tallies = []
            for complaint in batch:
                snapshot = snapshot_of(
                    complaint,
                    zones[complaint.organisation_id],
                    appealed=complaint.pk in appealed,
                    breached=complaint.pk in breached,
                    facts=facts[complaint.pk],
                )
                counts.add(complaint.organisation_id, None, snapshot)
                tallies.append(tally_of(complaint.pk, complaint.organisation_id, snapshot))
            ComplaintTally.objects.bulk_create(tallies)
            if len(counts) >= REBUILD_FLUSH_ROWS:
                counts.write()
        counts.write()
    return read
