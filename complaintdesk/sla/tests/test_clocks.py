"""A complaint's clocks follow its lifecycle: started, met, paused, extended, restarted."""

from datetime import timedelta

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Channel, Grade, Visibility
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.tests.factories import (
    complaint_at,
    drive_to,
    handler_for,
    manager_for,
    org_tree,
    reply,
    staff,
)
from complaintdesk.core.errors import GuardFailed, NotPermitted
from complaintdesk.notifications.models import Notification
from complaintdesk.sla import services as sla
from complaintdesk.sla.calendars import working_time_between
from complaintdesk.sla.choices import ClockState
from complaintdesk.sla.models import ClockExtension, ComplaintClock
from complaintdesk.sla.selectors import calendar_for_complaint

from .factories import local, on_policy

pytestmark = pytest.mark.django_db


def clocks(complaint) -> dict[str, ComplaintClock]:
    return {
        f"{c.name}#{c.cycle}": c
        for c in ComplaintClock.objects.filter(complaint=complaint).order_by("id")
    }


def hk_complaint(**kwargs):
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    kwargs.setdefault("received_at", local("HK", "2026-04-02 10:00"))
    return complaint_at(tree.site, **kwargs), tree


def test_written_complaint_is_due_three_working_days_after_receipt():
    # Given a letter received on the Thursday before Easter in Hong Kong
    complaint, _ = hk_complaint(channel=Channel.LETTER)
    # Then the written reply is due at close of business on 10 April (after five holidays)
    reply_clock = clocks(complaint)["reply#1"]
    assert reply_clock.due_at == local("HK", "2026-04-10 18:00")
    assert reply_clock.state == ClockState.RUNNING
    assert "first_response#1" not in clocks(complaint)
    # And the complaint's summary carries the earliest deadline for the queue
    complaint.refresh_from_db()
    assert complaint.sla_state == ClockState.RUNNING
    assert complaint.sla_due_at == reply_clock.due_at


def test_phone_complaint_gets_a_ten_minute_first_response_met_by_acknowledging():
    complaint, _ = hk_complaint(channel=Channel.PHONE)
    first = clocks(complaint)["first_response#1"]
    assert first.due_at - first.started_at == timedelta(minutes=10)
    # When the receiver acknowledges five minutes later
    services.complaint_acknowledge(
        complaint, complaint.received_by, at=complaint.received_at + timedelta(minutes=5)
    )
    # Then the first-response clock is met and the progress-update clock still runs
    assert clocks(complaint)["first_response#1"].state == ClockState.MET
    assert clocks(complaint)["progress_update#1"].state == ClockState.RUNNING


def test_the_reply_meets_the_reply_clock_and_ends_progress_updates():
    complaint, _ = hk_complaint(channel=Channel.EMAIL)
    drive_to(complaint, "proposed")
    reply(complaint, complaint.received_by)
    assert clocks(complaint)["reply#1"].state == ClockState.MET
    assert clocks(complaint)["progress_update#1"].state == ClockState.MET
    complaint.refresh_from_db()
    assert (complaint.sla_state, complaint.sla_due_at) == ("", None)


def test_waiting_for_the_complainant_pauses_and_their_answer_adds_the_paused_working_time():
    # Given a written complaint under investigation
    complaint, _ = hk_complaint(channel=Channel.LETTER, received_at=local("HK", "2026-03-02 10:00"))
    manager = manager_for(complaint)
    drive_to(complaint, "investigating", by=manager)
    due_before = clocks(complaint)["reply#1"].due_at
    # When the handler asks for photos on Tuesday 15:00 and they arrive Thursday 11:00
    asked, answered = local("HK", "2026-03-03 15:00"), local("HK", "2026-03-05 11:00")
    services.complaint_request_information(complaint, manager, "Photos", at=asked)
    paused = clocks(complaint)["reply#1"]
    assert paused.state == ClockState.PAUSED
    complaint.refresh_from_db()
    assert complaint.sla_state == ClockState.PAUSED
    services.complaint_resume(complaint, manager, "Photos received", at=answered)
    # Then the deadline moved by exactly the working time paused: 3 + 9 + 2 = 14 hours
    resumed = clocks(complaint)["reply#1"]
    calendar = calendar_for_complaint(complaint)
    assert resumed.state == ClockState.RUNNING
    assert working_time_between(asked, answered, calendar) == timedelta(hours=14)
    assert working_time_between(due_before, resumed.due_at, calendar) == timedelta(hours=14)
    assert resumed.due_at == local("HK", "2026-03-09 14:00")  # Monday, after Friday's 9 hours


def test_first_response_does_not_pause_while_waiting():
    complaint, _ = hk_complaint(channel=Channel.PHONE)
    drive_to(complaint, "awaiting_complainant")
    assert clocks(complaint)["first_response#1"].state != ClockState.PAUSED


def cn_complaint():
    tree = org_tree(time_zone="Asia/Shanghai", currency="CNY")
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    complaint = complaint_at(
        tree.site, channel=Channel.LETTER, received_at=local("CN", "2026-09-25 10:00")
    )
    return complaint, tree


def test_bank_decision_extends_to_thirty_days_then_to_sixty_with_higher_approval():
    complaint, tree = cn_complaint()
    handler = handler_for(complaint)
    decision = clocks(complaint)["decision#1"]
    assert decision.due_at == local("CN", "2026-10-10 23:59:59")
    # When the handler extends once (no approval needed)
    sla.clock_extend(
        decision, handler, "Needs the card network's records", at=local("CN", "2026-10-05 09:00")
    )
    decision.refresh_from_db()
    assert decision.due_at == local("CN", "2026-10-25 23:59:59")
    # Then the second step needs the regional general manager
    with pytest.raises(NotPermitted):
        sla.clock_extend(decision, handler, "Still waiting", at=local("CN", "2026-10-20 09:00"))
    regional = staff(Role.REGIONAL_GM, tree.region)
    sla.clock_extend(decision, regional, "Especially complex", at=local("CN", "2026-10-20 09:00"))
    decision.refresh_from_db()
    assert decision.due_at == local("CN", "2026-11-24 23:59:59")
    # And there is no third step
    with pytest.raises(GuardFailed):
        sla.clock_extend(decision, regional, "More", at=local("CN", "2026-11-01 09:00"))
    # And each extension is recorded with who approved it, and shown to the complainant
    log = list(ClockExtension.objects.filter(clock=decision).order_by("id"))
    assert [(e.amount_before, e.amount_after, e.approved_by) for e in log] == [
        (15, 30, None),
        (30, 60, regional),
    ]
    events = complaint.events.filter(kind=EventKind.CLOCK_EXTENDED)
    assert events.count() == 2
    assert {e.visibility for e in events} == {Visibility.COMPLAINANT}


def test_an_extension_needs_a_reason():
    complaint, _ = cn_complaint()
    with pytest.raises(GuardFailed):
        sla.clock_extend(
            clocks(complaint)["decision#1"],
            handler_for(complaint),
            " ",
            at=local("CN", "2026-10-01 09:00"),
        )


def test_reopening_starts_a_new_reply_period():
    complaint, _ = hk_complaint(channel=Channel.LETTER)
    manager = manager_for(complaint)
    drive_to(complaint, "reopened", by=manager)
    assert clocks(complaint)["reply#1"].state == ClockState.MET
    assert clocks(complaint)["reply#2"].state == ClockState.RUNNING


def test_withdrawal_stops_every_clock():
    complaint, _ = hk_complaint(channel=Channel.LETTER)
    services.complaint_withdraw(complaint, complaint.received_by, "Solved by themselves")
    assert {c.state for c in clocks(complaint).values()} == {ClockState.STOPPED}
    complaint.refresh_from_db()
    assert complaint.sla_state == ""


def test_a_major_complaint_starts_at_the_regional_level_and_tells_the_regional_gm():
    # Given a regional general manager above the site
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    regional = staff(Role.REGIONAL_GM, tree.region)
    # When a major complaint is registered
    complaint = complaint_at(tree.site, channel=Channel.LETTER, grade=Grade.MAJOR)
    # Then it stands on level 2 at once, on the timeline, and the regional GM is told
    complaint.refresh_from_db()
    assert complaint.escalation_level == 2
    assert complaint.events.filter(kind=EventKind.ESCALATED).count() == 1
    assert Notification.objects.filter(recipient=regional, kind="escalated").count() == 1


def test_classifying_as_media_risk_escalates_an_existing_complaint():
    complaint, tree = hk_complaint(channel=Channel.LETTER)
    regional = staff(Role.REGIONAL_GM, tree.region)
    services.complaint_classify(complaint, manager_for(complaint), risk_media=True)
    complaint.refresh_from_db()
    assert complaint.escalation_level == 2
    assert Notification.objects.filter(recipient=regional).exists()


def test_an_organisation_without_a_policy_has_no_clocks():
    tree = org_tree()
    complaint = complaint_at(tree.site, channel=Channel.LETTER)
    assert not ComplaintClock.objects.filter(complaint=complaint).exists()


def test_a_logged_call_meets_the_progress_update_and_starts_the_next_period():
    # Given a complaint still under investigation ten working days on
    complaint, _ = hk_complaint(channel=Channel.LETTER, received_at=local("HK", "2026-03-02 10:00"))
    manager = manager_for(complaint)
    drive_to(complaint, "investigating", by=manager)
    # When the handler logs the oral progress update
    called = local("HK", "2026-03-12 15:00")
    services.complaint_add_note(
        complaint,
        manager,
        "Told Mr Chan the contractor comes Monday",
        kind=EventKind.CALL,
        at=called,
    )
    # Then that period is met and the next one runs ten working days from the call
    assert clocks(complaint)["progress_update#1"].state == ClockState.MET
    following = clocks(complaint)["progress_update#2"]
    assert following.started_at == called
    assert following.due_at == local("HK", "2026-03-26 18:00")
    # But an internal note is not a contact
    services.complaint_add_note(complaint, manager, "Internal only", at=called)
    assert clocks(complaint)["progress_update#2"].state == ClockState.RUNNING


def test_the_reply_meets_a_first_response_clock_nobody_acknowledged():
    # Given a phone complaint assigned straight from receipt, never acknowledged as such
    complaint, _ = hk_complaint(channel=Channel.PHONE)
    manager = manager_for(complaint)
    services.complaint_assign(complaint, manager, handler_for(complaint))
    services.complaint_start_investigation(complaint, manager)
    drive_to(complaint, "proposed")
    assert clocks(complaint)["first_response#1"].state in (ClockState.RUNNING, ClockState.BREACHED)
    # When the reply is sent
    reply(complaint, complaint.received_by)
    # Then the reply met the first response: it does not run on towards a breach
    assert clocks(complaint)["first_response#1"].state == ClockState.MET
