"""The clocks follow a change of grade: a time standard the new grade calls for starts from
receipt, and one it does not cover stops applying."""

import pytest

from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Grade
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.tests.factories import complaint_at, manager_for, org_tree
from complaintdesk.sla.choices import ClockState, ClockUnit, StopOn
from complaintdesk.sla.models import ClockRule, ComplaintClock

from .factories import local, on_policy

pytestmark = pytest.mark.django_db


def graded_policy():
    """The Hong Kong pack, plus a one-day answer for urgent complaints and a courtesy call
    within a week for general ones only."""
    tree = org_tree()
    policy = on_policy(tree.organisation, "seed-hk-property", "HK").policy
    ClockRule.objects.create(
        policy=policy, name="urgent_answer", name_en="Urgent answer", amount=1,
        unit=ClockUnit.DAYS, grades=[Grade.URGENT], stops_on=StopOn.REPLIED,
    )  # fmt: skip
    ClockRule.objects.create(
        policy=policy, name="courtesy_call", name_en="Courtesy call", amount=7,
        unit=ClockUnit.DAYS, grades=[Grade.GENERAL], stops_on=StopOn.CONTACT,
    )  # fmt: skip
    return tree


def states(complaint) -> dict[str, str]:
    return {c.name: c.state for c in ComplaintClock.objects.filter(complaint=complaint)}


def test_a_complaint_found_urgent_later_is_due_a_day_after_it_arrived():
    # Given a general complaint received on 2 April at 10:00, with its courtesy call running
    tree = graded_policy()
    complaint = complaint_at(tree.site, received_at=local("HK", "2026-04-02 10:00"))
    assert states(complaint)["courtesy_call"] == ClockState.RUNNING
    assert "urgent_answer" not in states(complaint)

    # When a manager grades it urgent, saying why
    manager = manager_for(complaint)
    at = local("HK", "2026-04-02 15:00")
    services.complaint_classify(
        complaint, manager, at=at, grade=Grade.URGENT, reason="Residents trapped in the lift."
    )

    # Then the urgent answer runs from receipt and is due by the end of the next day, and the
    # courtesy call no longer applies
    urgent = ComplaintClock.objects.get(complaint=complaint, name="urgent_answer")
    assert urgent.started_at == local("HK", "2026-04-02 10:00")
    assert urgent.due_at == local("HK", "2026-04-03 23:59:59")
    assert states(complaint)["courtesy_call"] == ClockState.STOPPED
    # And the queue's deadline is the earliest of the clocks that still apply
    complaint.refresh_from_db()
    live = ComplaintClock.objects.filter(complaint=complaint, state=ClockState.RUNNING)
    assert complaint.sla_due_at == min(clock.due_at for clock in live)
    # And the timeline keeps the change with its reason
    event = complaint.events.filter(kind=EventKind.CLASSIFIED).latest("id")
    assert event.text == "Residents trapped in the lift."
    assert {"field": "grade", "before": "general", "after": "urgent"} in event.changes


def test_a_grade_changed_twice_does_not_start_a_clock_again():
    # Given a complaint graded urgent and then back to general
    tree = graded_policy()
    complaint = complaint_at(tree.site, received_at=local("HK", "2026-04-02 10:00"))
    manager = manager_for(complaint)
    services.complaint_classify(complaint, manager, grade=Grade.URGENT, reason="Trapped.")
    services.complaint_classify(complaint, manager, grade=Grade.GENERAL, reason="Freed at once.")

    # Then the urgent answer stopped applying, and each clock ran once
    assert states(complaint)["urgent_answer"] == ClockState.STOPPED
    names = list(ComplaintClock.objects.filter(complaint=complaint).values_list("name", flat=True))
    assert len(names) == len(set(names))
