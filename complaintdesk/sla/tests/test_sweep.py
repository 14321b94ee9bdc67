"""The sweep fires every warning, breach and escalation exactly once, however many sweep."""

from datetime import timedelta

import pytest
from django.core import mail

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Channel
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.models import ComplaintEvent
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.core.testing import run_in_threads
from complaintdesk.notifications.models import Notification
from complaintdesk.sla.choices import ClockState, FiringKind
from complaintdesk.sla.models import ComplaintClock, SlaFiring
from complaintdesk.sla.services import sla_sweep

from .factories import local, on_policy


def hk_setup():
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    handler = staff(Role.HANDLER, tree.site, email="handler@example.com")
    district = staff(Role.DISTRICT_MANAGER, tree.district, email="district@example.com")
    return tree, handler, district


def assigned_letter(tree, handler, received="2026-03-02 10:00"):
    complaint = complaint_at(tree.site, channel=Channel.LETTER, received_at=local("HK", received))
    drive_to(complaint, "investigating", handler=handler)
    return complaint


def reply_clock(complaint) -> ComplaintClock:
    return ComplaintClock.objects.get(complaint=complaint, name="reply", cycle=1)


@pytest.mark.django_db
def test_warnings_fire_at_75_percent_and_a_working_day_before_each_once(
    django_capture_on_commit_callbacks,
):
    # Given a letter received Monday 10:00, its reply due Thursday 18:00
    tree, handler, _ = hk_setup()
    complaint = assigned_letter(tree, handler)
    clock = reply_clock(complaint)
    assert clock.due_at == local("HK", "2026-03-05 18:00")
    # When the sweep runs at Wednesday 18:00 (one working day before), twice
    with django_capture_on_commit_callbacks(execute=True):
        first = sla_sweep(local("HK", "2026-03-04 18:00"))
        again = sla_sweep(local("HK", "2026-03-04 18:30"))
    # Then one warning fired, and the handler was told in-app and by e-mail once
    assert (first.warnings, again.warnings) == (1, 0)
    clock.refresh_from_db()
    assert clock.state == ClockState.WARNING
    assert Notification.objects.filter(recipient=handler, kind="clock_warning").count() == 1
    assert [m.to for m in mail.outbox] == [["handler@example.com"]]
    complaint.refresh_from_db()
    assert complaint.sla_state == ClockState.WARNING
    # When the 75 % point passes (Thursday 11:00: 26.25 of 35 working hours)
    report = sla_sweep(local("HK", "2026-03-05 11:00"))
    assert report.warnings == 1
    assert SlaFiring.objects.filter(clock=clock, kind=FiringKind.WARNING).count() == 2
    assert sla_sweep(local("HK", "2026-03-05 12:00")).warnings == 0


@pytest.mark.django_db
def test_a_breach_escalates_one_level_tells_the_manager_and_asks_for_a_progress_call():
    tree, handler, district = hk_setup()
    complaint = assigned_letter(tree, handler)
    # When the sweep runs after the deadline, three times
    reports = [sla_sweep(local("HK", "2026-03-05 18:01")) for _ in range(3)]
    # Then the breach and the escalation happened once
    assert [r.breaches for r in reports] == [1, 0, 0]
    assert [r.escalations for r in reports] == [1, 0, 0]
    complaint.refresh_from_db()
    assert complaint.escalation_level == 1
    assert complaint.sla_state == ClockState.BREACHED
    assert reply_clock(complaint).breached_at == local("HK", "2026-03-05 18:00")
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert kinds.count(EventKind.CLOCK_BREACHED) == 1
    assert kinds.count(EventKind.ESCALATED) == 1
    assert Notification.objects.filter(recipient=district, kind="escalated").count() == 1
    assert Notification.objects.filter(recipient=handler, kind="progress_task").count() == 1


@pytest.mark.django_db
def test_a_paused_clock_never_breaches():
    tree, handler, _ = hk_setup()
    complaint = assigned_letter(tree, handler)
    services.complaint_request_information(
        complaint, handler, "Photos", at=local("HK", "2026-03-02 11:00")
    )
    report = sla_sweep(local("HK", "2026-03-20 12:00"))
    assert report.breaches == 0
    assert reply_clock(complaint).state == ClockState.PAUSED


@pytest.mark.django_db
def test_the_fca_summary_resolution_lapses_without_escalating():
    tree = org_tree(time_zone="Europe/London", currency="GBP")
    on_policy(tree.organisation, "uk-fca-disp", "GB")
    complaint = complaint_at(
        tree.site, channel=Channel.EMAIL, received_at=local("GB", "2026-03-02 10:00")
    )
    report = sla_sweep(local("GB", "2026-03-06 09:00"))
    summary = ComplaintClock.objects.get(complaint=complaint, name="summary_resolution")
    assert (report.breaches, report.escalations) == (1, 0)
    assert summary.state == ClockState.STOPPED
    assert summary.breached_at is None
    complaint.refresh_from_db()
    assert complaint.escalation_level == 0
    assert complaint.sla_state == ClockState.RUNNING  # the 8-week final response still runs


@pytest.mark.django_db
def test_reaching_the_board_office_starts_the_report_to_the_executives_clock():
    tree, handler, _ = hk_setup()
    complaint = assigned_letter(tree, handler)
    from complaintdesk.sla.services.escalation import escalate_to

    escalate_to(complaint, 4, local("HK", "2026-03-03 10:00"), reason="Chairman asked")
    report_clock = ComplaintClock.objects.get(complaint=complaint, name="board_report")
    assert report_clock.due_at == local("HK", "2026-03-10 18:00")
    services.complaint_record_step(
        complaint, handler, step="executive_report", note="Report sent to the CEO"
    )
    report_clock.refresh_from_db()
    assert report_clock.state == ClockState.MET


# --- Two workers at once ---------------------------------------------------------------------


def _sweep_in_threads(now, workers: int = 2) -> list:
    reports = []
    failures = run_in_threads(lambda: reports.append(sla_sweep(now)), [()] * workers)
    assert not failures, failures
    return reports


@pytest.mark.django_db(transaction=True)
def test_two_workers_sweeping_at_once_fire_each_warning_and_escalation_once():
    # Given twelve letters due Thursday 18:00
    tree, handler, district = hk_setup()
    complaints = [assigned_letter(tree, handler) for _ in range(12)]
    # When two workers sweep at once on Thursday noon (past both warning points), twice
    noon = local("HK", "2026-03-05 12:00")
    warned = _sweep_in_threads(noon) + _sweep_in_threads(noon + timedelta(minutes=1))
    # And again, twice, on Friday morning (past the deadline)
    friday = local("HK", "2026-03-06 10:00")
    breached = _sweep_in_threads(friday) + _sweep_in_threads(friday + timedelta(minutes=1))
    # Then each complaint got one (the latest) warning, one breach and one escalation in all
    assert sum(r.warnings for r in warned) == len(complaints)
    assert sum(r.breaches for r in breached) == len(complaints)
    assert sum(r.escalations for r in breached) == len(complaints)
    for complaint in complaints:
        firings = SlaFiring.objects.filter(complaint=complaint)
        assert firings.filter(kind=FiringKind.WARNING).count() == 1
        assert firings.filter(kind=FiringKind.ESCALATION).count() == 1
        assert (
            ComplaintEvent.objects.filter(complaint=complaint, kind=EventKind.ESCALATED).count()
            == 1
        )
        complaint.refresh_from_db()
        assert complaint.escalation_level == 1
    assert Notification.objects.filter(recipient=district, kind="escalated").count() == 12
    assert Notification.objects.filter(recipient=handler, kind="clock_warning").count() == 12
    assert Notification.objects.filter(recipient=handler, kind="progress_task").count() == 12


@pytest.mark.django_db
def test_the_board_investigator_sees_a_complaint_once_it_reaches_the_board_office():
    from complaintdesk.complaints import permissions
    from complaintdesk.sla.services.escalation import escalate_to

    tree, handler, _ = hk_setup()
    complaint = assigned_letter(tree, handler)
    investigator = staff(Role.BOARD_INVESTIGATOR, tree.board_office)
    assert not permissions.can_view(investigator, complaint)
    escalate_to(complaint, 4, local("HK", "2026-03-03 10:00"), reason="Chairman asked")
    investigator = type(investigator).objects.get(pk=investigator.pk)  # a new request
    assert permissions.can_view(investigator, complaint)
    assert complaint in permissions.visible_complaints(investigator)
    assert Notification.objects.filter(recipient=investigator, kind="escalated").exists()
