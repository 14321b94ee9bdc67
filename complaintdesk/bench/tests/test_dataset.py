"""The benchmark's data set: made through the import's bulk path on top of the demo, with the
timeline and clocks imported history lacks, in every state and both scripts, and a rerun goes
on where the last stopped instead of making anything twice."""

import pytest
from django.core.management import call_command

from complaintdesk.bench.dataset import EXTERNAL_PREFIX, bench_load, bench_loaded
from complaintdesk.complaints.choices import FINAL_STATUSES, Status
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.models import Complaint, ComplaintEvent
from complaintdesk.sla.models import ComplaintClock

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    call_command("load_demo", "--if-empty", verbosity=0)


def test_the_data_set_has_every_state_both_scripts_timelines_and_clocks_and_grows_on_rerun(demo):
    # (One test: loading the demo is the costly part, a minute on PostgreSQL.)
    # When 600 benchmark complaints are made
    list(bench_load(600, batch=250))

    # Then there are 600, open and closed, in both organisations and all three languages
    made = Complaint.objects.filter(external_id__startswith=EXTERNAL_PREFIX)
    assert made.count() == 600 == bench_loaded()
    statuses = set(made.values_list("status", flat=True))
    assert Status.CLOSED in statuses and statuses - FINAL_STATUSES
    assert set(made.values_list("language", flat=True)) == {"zh-hans", "zh-hant", "en"}
    assert made.filter(reference__startswith="HX-").exists()
    assert made.filter(reference__startswith="CP-").exists()
    # And repeat complainants among them
    assert made.values("complainant").distinct().count() < 600
    # And each has its moves on the timeline, as far as its status, and a clock
    closed = made.filter(status=Status.CLOSED).first()
    moves = ComplaintEvent.objects.filter(complaint=closed, kind=EventKind.STATUS_CHANGED)
    assert moves.order_by("created_at").last().status_after == Status.CLOSED
    assert ComplaintClock.objects.filter(complaint__in=made).count() == 600
    # And an open complaint's deadline summary agrees with its clock
    late = made.filter(sla_state="breached").first()
    if late is not None:
        clock = ComplaintClock.objects.get(complaint=late)
        assert (clock.state, clock.due_at) == ("breached", late.sla_due_at)

    # When asked again for 600, then for 700
    first = set(made.values_list("external_id", "subject"))
    assert list(bench_load(600, batch=250)) == []
    list(bench_load(700, batch=250))
    # Then the first 600 are as they were and 100 more were made
    assert bench_loaded() == 700
    assert first <= set(Complaint.objects.values_list("external_id", "subject"))
