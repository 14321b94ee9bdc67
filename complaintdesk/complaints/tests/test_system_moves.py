"""The system's own moves (escalation, the send-back after a refused approval) are rows of
the same transitions table: checked for their state by the same `_apply`, written to the same
timeline, never offered to a person."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaintdesk.accounts.models import OrgUnit
from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.services import unit_move
from complaintdesk.complaints import permissions, services
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.events import EscalationCause, EventKind
from complaintdesk.complaints.transitions import SYSTEM_TRANSITIONS, SystemAction
from complaintdesk.core.errors import TransitionNotAllowed

from .factories import ComplaintFactory, complaint_at, drive_to, org_tree, staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [s.value for s in Status])
def test_no_person_is_ever_offered_a_system_move(status):
    # Given a complaint in each status and someone holding every role at its district
    complaint = drive_to(ComplaintFactory(), status)
    everyone = staff(Role.ADMINISTRATOR, complaint.unit.parent)
    for role in Role:
        staff(role, complaint.unit.parent)

    # When the moves they may make are listed / Then none is a system move
    offered = {t.action for t in permissions.available_transitions(everyone, complaint)}
    assert not offered & set(SystemAction.values)
    assert all(t.system and not t.roles for t in SYSTEM_TRANSITIONS)


def test_escalating_writes_the_rung_through_the_core_with_its_cause_and_no_actor():
    # Given an open complaint on the handler's rung
    complaint = drive_to(ComplaintFactory(), "investigating")
    activity = complaint.last_activity_at

    # When the system puts it on rung 2 for a breached clock
    services.complaint_escalate(
        complaint,
        2,
        complaint.received_at,
        role=Role.REGIONAL_GM,
        cause=EscalationCause.CLOCK_BREACHED,
        clock="reply",
    )

    # Then the rung is the complaint's, the status unchanged, and the timeline says why, in codes
    complaint.refresh_from_db()
    assert (complaint.escalation_level, complaint.status) == (2, Status.INVESTIGATING)
    assert complaint.last_activity_at == activity  # a rung climbed is not work on the case
    event = complaint.events.get(kind=EventKind.ESCALATED)
    assert (event.action, event.actor, event.text) == (SystemAction.ESCALATE, None, "")
    assert event.data == {
        "level_before": 0,
        "level": 2,
        "role": Role.REGIONAL_GM,
        "cause": EscalationCause.CLOCK_BREACHED,
        "clock": "reply",
    }


@pytest.mark.parametrize("status", ["closed", "withdrawn", "merged", "rejected"])
def test_a_complaint_out_of_the_queues_is_never_escalated(status):
    complaint = drive_to(ComplaintFactory(), status)
    with pytest.raises(TransitionNotAllowed):
        services.complaint_escalate(complaint, 1, complaint.received_at, role=Role.HANDLER)
    complaint.refresh_from_db()
    assert complaint.escalation_level == 0


def test_the_send_back_is_refused_unless_the_complaint_awaits_its_reply():
    # Given a complaint under investigation (nothing proposed)
    complaint = drive_to(ComplaintFactory(), "investigating")
    approver = staff(Role.REGIONAL_GM, complaint.unit.parent)

    # When the system would send it back / Then the table refuses: it is not "proposed"
    with pytest.raises(TransitionNotAllowed):
        services.complaint_send_back(
            complaint, approver, complaint.received_at, reason="No.", approval_request_id=1
        )
    assert not complaint.events.filter(action=SystemAction.SEND_BACK).exists()


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_moving_a_unit_costs_the_same_queries_for_one_complaint_and_for_twenty():
    # Given two districts, one with a single complaint and one with twenty, and a new region
    tree = org_tree()
    complaint_at(tree.site)
    for _ in range(20):
        complaint_at(tree.sibling_site)
    new_region = OrgUnit.objects.create(
        organisation=tree.organisation,
        parent=tree.head_office,
        kind="region",
        code="NEW",
        name="New region",
    )

    # When each district moves to the new region
    one = _queries(lambda: unit_move(tree.district, new_region))
    twenty = _queries(lambda: unit_move(tree.sibling_district, new_region))

    # Then both cost the same few queries: the complaints follow in one UPDATE per move
    assert one == twenty <= 8
    for complaint in tree.organisation.complaints.select_related("unit"):
        assert complaint.unit_path == complaint.unit.path
        assert complaint.unit_path.startswith(new_region.path)
