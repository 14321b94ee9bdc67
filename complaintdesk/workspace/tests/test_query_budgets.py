"""Query budgets: the queue, the complaint page, registration and every lifecycle move cost a
fixed number of queries, whatever the number of complaints or of events on the timeline.

Each budget is pinned, so that a change adding a query per row or per event fails here at once,
and a change adding one fixed query raises a budget on purpose, in review. Each test also
measures twice, small and large, and asks for the same count: constant, not merely low.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.tests.factories import (
    REASON,
    ComplainantFactory,
    complaint_at,
    drive_to,
    handler_for,
    manager_for,
    org_tree,
    prepare,
    reply,
    staff,
)
from complaintdesk.complaints.transitions import TRANSITIONS, Action
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db

# The due order reads the complaints with a deadline, then (page not full) those without;
# the filters offer the organisation's categories and root causes, the units and the
# handlers in sight and the time standards of its policy, and the person's saved views are
# listed (six queries). On SQLite a
# branch whose window of the order index holds nothing asks once more beyond it
# (complaints/keyset.py).
QUEUE_BUDGET = 14
# One bounded count for each of the nine views, and what they are built from: the session,
# the user, their roles and rungs, their team's units and their organisations' time zones,
# and the ids waiting on their decision (read first, so that the count reads them by key).
VIEW_COUNTS_BUDGET = 19
# The page lists the letters to the complainant too (one query); the assignment chooser reads
# the line's handlers, their open load and who is away (three); each clock's time left needs
# the working calendar where the complaint is (three); the tasks for other departments, and
# the departments and people a new task can be asked of (three); its incident, or the open
# incidents it could join (two); the triage's suggestion, the answers given to it, and the
# organisation's categories its codes stand for (mapping rows, top-level categories): four;
# the open complaints alike to it that the viewer may see, and their open incidents: two.
COMPLAINT_PAGE_BUDGET = 38
# One of them asks which webhook subscriptions of the organisation listen (none here); five
# count the complaint on the dashboards (its tally read and written, its clocks read for the
# time standards met, its day's roll-up row, the lattice's cells); one keeps the triage's
# suggestion and two read the open complaints it may repeat (the same complainant's, the
# unit's latest), inside a savepoint of its own (two more: a triage that fails never costs
# the complaint); a complaint whose words raise a risk flag costs that classification's too.
# Its search document is written inside its transaction (its texts read, then one write): a
# second write transaction after the commit cost SQLite's single writer more than these three.
# Its reference number is one statement (an upsert returning the number).
REGISTRATION_BUDGET = 32
# Per move, with the clocks of a policy pack following it; see test_each_move_costs_...
# Closing reads, in one query, what closing counts (remedy, answers, satisfaction).
MOVE_BUDGET = 25
# The reply also writes its letter to the complainant (kept to print, or mailed by the
# worker), which is a contact with them the clocks follow. Every move reads the complaint's
# tally for the dashboards (one) and its clocks (one; the reply's three events each do), and
# writes the tally where a counted fact changed (three more).
MOVE_BUDGETS = {Action.REPLY: 34}


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def _on_policy():
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    return tree


def _with_history(complaint, notes: int):
    """Lengthen the complaint's timeline by `notes` internal notes (which move no clock, so
    only the length of the timeline differs)."""
    manager = manager_for(complaint)
    for number in range(notes):
        services.complaint_add_note(complaint, manager, f"Checked with the contractor ({number}).")
    complaint.refresh_from_db()
    return complaint


def test_the_queue_page_costs_the_same_queries_for_five_complaints_and_for_twenty(client):
    # Given a district manager and five complaints in their district
    tree = _on_policy()
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))
    for _ in range(5):
        complaint_at(tree.site)
    few = {
        order: _queries(lambda o=order: client.get(f"{reverse('complaints:list')}?order={o}"))
        for order in ("received", "due", "activity")
    }

    # When fifteen more arrive
    for _ in range(15):
        complaint_at(tree.other_site)
    many = {
        order: _queries(lambda o=order: client.get(f"{reverse('complaints:list')}?order={o}"))
        for order in ("received", "due", "activity")
    }
    counts_few = _queries(lambda: client.get(reverse("complaints:view_counts")))

    # Then each order of the queue costs the same, within its budget
    assert few == many
    assert max(many.values()) <= QUEUE_BUDGET
    # And so do the counts beside the views
    assert _queries(lambda: client.get(reverse("complaints:view_counts"))) == counts_few
    assert counts_few <= VIEW_COUNTS_BUDGET


def test_the_complaint_page_costs_the_same_queries_with_two_events_and_with_forty(client):
    # Given a complaint under investigation on a policy with clocks, and its manager
    tree = _on_policy()
    # (after an earlier one alike to both, which the triage lists on each page)
    complaint_at(tree.site)
    short = drive_to(complaint_at(tree.site), "investigating")
    long = _with_history(drive_to(complaint_at(tree.site), "investigating"), 40)
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))

    # When each page is opened
    cost_short = _queries(lambda: client.get(short.get_absolute_url()))
    cost_long = _queries(lambda: client.get(long.get_absolute_url()))

    # Then the long timeline costs no more than the short one, within the budget
    assert long.events.count() > short.events.count() + 30
    assert cost_short == cost_long <= COMPLAINT_PAGE_BUDGET


def test_registration_costs_the_same_queries_for_the_second_complaint_and_the_eleventh():
    # Given a receiver at a site of an organisation with time standards
    tree = _on_policy()
    receiver = staff(Role.RECEIVER, tree.site)

    def register():
        person = ComplainantFactory(organisation=tree.organisation)
        return lambda: services.complaint_register(
            by=receiver,
            unit=tree.site,
            complainant=person,
            channel="letter",
            subject="Water leaking from the ceiling",
            description="Since Monday.",
        )

    # When the year's first complaint is registered (it starts the year's numbering), then the
    # second, then eight more and the eleventh
    register()()
    second = _queries(register())
    for _ in range(8):
        register()()
    eleventh = _queries(register())

    # Then registering costs the same whatever is already there, within the budget
    assert second == eleventh <= REGISTRATION_BUDGET


def _move(action: str, complaint, by):
    """The call of the move, with everything it needs made beforehand (not counted)."""
    if action in (Action.ASSIGN, Action.REASSIGN):
        handler = handler_for(complaint)
        if action == Action.ASSIGN:
            return lambda: services.complaint_assign(complaint, by, handler)
        return lambda: services.complaint_reassign(complaint, by, handler, REASON)
    if action == Action.MERGE:
        into = complaint_at(complaint.unit)
        return lambda: services.complaint_merge(complaint, by, into)
    calls = {
        Action.ACKNOWLEDGE: lambda: services.complaint_acknowledge(complaint, by),
        Action.TAKE: lambda: services.complaint_take(complaint, by),
        Action.START_INVESTIGATION: lambda: services.complaint_start_investigation(complaint, by),
        Action.REQUEST_INFORMATION: lambda: services.complaint_request_information(
            complaint, by, REASON
        ),
        Action.RESUME: lambda: services.complaint_resume(complaint, by, "Photos received."),
        Action.PROPOSE: lambda: services.complaint_propose(
            complaint, by, remedy_type="repair", reasons="The lift is ours to maintain."
        ),
        Action.REPLY: lambda: reply(complaint, by),
        Action.START_FOLLOW_UP: lambda: services.complaint_start_follow_up(complaint, by),
        Action.CLOSE: lambda: services.complaint_close(complaint, by),
        Action.REOPEN: lambda: services.complaint_reopen(complaint, by, REASON),
        Action.APPEAL: lambda: services.complaint_appeal(complaint, by, REASON),
        Action.WITHDRAW: lambda: services.complaint_withdraw(complaint, by, REASON),
        Action.REJECT: lambda: services.complaint_reject(complaint, by, REASON),
    }
    return calls[action]


def _first_source(transition) -> str:
    return next(status.value for status in Status if status in transition.sources)


@pytest.mark.parametrize("transition", [pytest.param(t, id=t.action) for t in TRANSITIONS])
def test_each_move_costs_the_same_queries_on_a_short_and_a_long_timeline(transition):
    # Given two complaints in the move's first source state on a policy with clocks, one with
    # a long history of logged calls
    tree = _on_policy()
    source = _first_source(transition)
    costs = []
    for history in (0, 25):
        complaint = _with_history(drive_to(complaint_at(tree.site), source), history)
        prepare(transition.action, complaint)
        manager = manager_for(complaint)
        call = _move(transition.action, complaint, manager)

        # When the manager makes the move
        costs.append(_queries(call))

    # Then it costs the same with 25 more events, within the budget
    assert costs[0] == costs[1] <= MOVE_BUDGETS.get(transition.action, MOVE_BUDGET), costs
