"""A backlog of warnings and breaches is swept in chunks, and ends exactly as firing each clock
alone."""

import pytest
from django.core import mail

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.core.request_memo import memo_scope
from complaintdesk.notifications.models import Notification
from complaintdesk.sla.choices import ClockState, FiringKind
from complaintdesk.sla.models import ComplaintClock, SlaFiring
from complaintdesk.sla.services import sla_sweep, sweep

from .factories import local, on_policy

# Past every deadline below: the letters' replies (Thursday 5 March), the phone call's first
# response, the executive-office entry's report and everyone's ten-day progress update.
LATE = local("HK", "2026-03-20 12:00")


def _backlog() -> list[Complaint]:
    """Four letters being investigated, a phone call nobody acknowledged, and an entry from the
    executive office: thirteen clocks due, two of them on one complaint that both escalate."""
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    handler = staff(Role.HANDLER, tree.site, email="handler@example.com")
    staff(Role.DISTRICT_MANAGER, tree.district, email="district@example.com")
    staff(Role.REGIONAL_GM, tree.region, email="regional@example.com")
    received = local("HK", "2026-03-02 10:00")
    complaints = []
    for channel in [Channel.LETTER] * 4 + [Channel.EXECUTIVE_OFFICE]:
        complaint = complaint_at(tree.site, channel=channel, received_at=received)
        drive_to(complaint, "investigating", handler=handler)
        complaints.append(complaint)
    complaints.append(complaint_at(tree.site, channel=Channel.PHONE, received_at=received))
    return complaints


def _unnamed(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in ("reference", "handler", "by")}


def _outcome(complaints: list[Complaint]) -> list[dict]:
    """What each complaint ended with, in terms that do not name rows or people."""
    found = []
    for complaint in complaints:
        complaint.refresh_from_db()
        found.append(
            {
                "level": complaint.escalation_level,
                "summary": (complaint.sla_state, complaint.sla_due_at),
                "clocks": list(
                    ComplaintClock.objects.filter(complaint=complaint)
                    .order_by("name", "cycle")
                    .values_list(
                        "name",
                        "state",
                        "due_at",
                        "breached_at",
                        "ended_at",
                        "warnings_fired",
                        "next_warning_at",
                    )
                ),
                "firings": sorted(
                    SlaFiring.objects.filter(complaint=complaint).values_list(
                        "clock__name", "kind", "level"
                    )
                ),
                "timeline": [
                    (kind, action, _unnamed(data))
                    for kind, action, data in complaint.events.order_by("pk").values_list(
                        "kind", "action", "data"
                    )
                ],
                "told": [
                    (role, kind, _unnamed(params))
                    for role, kind, params in Notification.objects.filter(complaint=complaint)
                    .order_by("pk")
                    .values_list("recipient__role_assignments__role", "kind", "params")
                ],
            }
        )
    return found


def _one_by_one(now) -> None:
    """Each clock alone, in its own transaction, as the sweep did before chunks: the warnings
    due, then the deadlines passed."""
    swept = ComplaintClock.objects.filter(state__in=[ClockState.RUNNING, ClockState.WARNING])
    warned = swept.filter(next_warning_at__lte=now).order_by("next_warning_at", "pk")
    due = swept.filter(due_at__lte=now).order_by("due_at", "pk")
    report = sweep.SweepReport()
    with memo_scope():
        for clock_id in list(warned.values_list("pk", flat=True)):
            sweep._one_by_one(clock_id, now, report, sweep._warn_locked)
        for clock_id in list(due.values_list("pk", flat=True)):
            sweep._one_by_one(clock_id, now, report, sweep._breach_locked)


def _apart(complaints: list[Complaint]):
    """Hide these complaints' clocks from a pass over the others, and give them back."""
    mine = ComplaintClock.objects.filter(complaint__in=complaints)
    held = list(mine.values_list("pk", "due_at", "next_warning_at"))
    mine.update(due_at=local("HK", "2030-01-01 00:00"), next_warning_at=None)

    def back() -> None:
        for pk, due, warning in held:
            ComplaintClock.objects.filter(pk=pk).update(due_at=due, next_warning_at=warning)

    return back


# Thursday noon: the letters' replies are past both warning points, the call's first response
# long overdue. Then a week later, past everything.
MOMENTS = [(local("HK", "2026-03-05 12:00"), 5, 1, 1), (LATE, 0, 13, 7)]


@pytest.mark.django_db
@pytest.mark.parametrize(("now", "warnings", "breaches", "escalations"), MOMENTS)
def test_sweeping_a_backlog_in_chunks_ends_as_firing_each_clock_alone(
    monkeypatch, now, warnings, breaches, escalations
):
    # Given the same backlog in two organisations
    alone, chunked = _backlog(), _backlog()
    # When one organisation's clocks fire one by one (the other's kept out of its way), and
    # the other's by a sweep in chunks of three, so that a chunk ends between a complaint's
    # two clocks
    back = _apart(chunked)
    _one_by_one(now)
    back()
    monkeypatch.setattr(sweep, "CHUNK", 3)
    report = sla_sweep(now)
    # Then the chunks fired what was due
    assert (report.warnings, report.breaches, report.escalations) == (
        warnings,
        breaches,
        escalations,
    )
    # And every complaint ended with the same clocks, firings, timeline, notifications, rung
    # and deadline summary as its twin fired one clock at a time
    assert _outcome(chunked) == _outcome(alone)
    # And a second sweep finds nothing left to do
    again = sla_sweep(now)
    assert (again.warnings, again.breaches, again.escalations) == (0, 0, 0)


@pytest.mark.django_db
def test_two_breaches_of_one_complaint_in_one_sweep_climb_two_rungs():
    # Given an executive-office entry whose reply and report deadlines have both passed
    complaints = _backlog()
    entry = complaints[4]
    level_before = Complaint.objects.get(pk=entry.pk).escalation_level
    # When one sweep breaches both
    sla_sweep(LATE)
    # Then it stands two rungs higher, each breach on the timeline before its escalation
    entry.refresh_from_db()
    assert entry.escalation_level == level_before + 2
    moves = [
        (kind, data.get("clock"), data.get("level"))
        for kind, data in entry.events.filter(created_at=LATE)
        .order_by("pk")
        .values_list("kind", "data")
        if kind in (EventKind.CLOCK_BREACHED, EventKind.ESCALATED)
    ]
    assert [kind for kind, _, _ in moves] == [
        EventKind.CLOCK_BREACHED,
        EventKind.ESCALATED,
        EventKind.CLOCK_BREACHED,
        EventKind.ESCALATED,
        EventKind.CLOCK_BREACHED,  # the progress update: the handler is told, nobody climbs
    ]
    assert [level for kind, _, level in moves if kind == EventKind.ESCALATED] == [
        level_before + 1,
        level_before + 2,
    ]
    fired = SlaFiring.objects.filter(complaint=entry, kind=FiringKind.ESCALATION)
    assert sorted(fired.values_list("level", flat=True)) == [level_before + 1, level_before + 2]


@pytest.mark.django_db
def test_a_chunk_of_breaches_writes_its_summaries_and_mails_each_person_once_per_notice(
    django_capture_on_commit_callbacks,
):
    # Given the backlog
    complaints = _backlog()
    # When one sweep breaches it, its commit's callbacks run (the mail task)
    with django_capture_on_commit_callbacks(execute=True):
        sla_sweep(LATE)
    # Then each complaint's deadline summary is what its live clocks say
    for complaint in complaints:
        complaint.refresh_from_db()
        live = ComplaintClock.objects.filter(complaint=complaint).exclude(
            state__in=[ClockState.MET, ClockState.STOPPED]
        )
        assert complaint.sla_state == ClockState.BREACHED
        assert complaint.sla_due_at == min(clock.due_at for clock in live)
    # And each of its notifications to someone with an address was mailed once
    noticed = Notification.objects.filter(complaint__in=complaints, created_at=LATE).exclude(
        recipient__email=""
    )
    assert noticed.count() > 0
    assert len(mail.outbox) == noticed.count()
    assert noticed.filter(mailed_at__isnull=True).count() == 0
