"""The complaint page's two checklists: the six handling steps (recorded, or implied by what
was done) and what closing still needs, naming who."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import selectors, services
from complaintdesk.complaints.checklists import handling_steps
from complaintdesk.complaints.choices import Channel, HandlingStep
from complaintdesk.complaints.guards import closing_checks, ready_to_close

from .factories import complaint_at, drive_to, manager_for, org_tree, staff

pytestmark = pytest.mark.django_db


def steps_of(complaint) -> dict[str, object]:
    events = list(selectors.complaint_timeline(complaint))
    return {row.step: row for row in handling_steps(complaint, events)}


def test_a_call_taken_down_by_staff_has_been_listened_to_and_nothing_else_yet():
    # Given a complaint a receiver took down on the phone
    tree = org_tree()
    complaint = complaint_at(tree.site, channel=Channel.PHONE)

    # Then listening is done, by the receiver at the time of receipt, and the rest is to do
    steps = steps_of(complaint)
    assert list(steps) == [step.value for step in HandlingStep][:6]
    listen = steps[HandlingStep.LISTEN]
    assert (listen.done, listen.by, listen.at) == (
        True,
        complaint.received_by,
        complaint.received_at,
    )
    assert not any(steps[s].done for s in list(steps)[1:])


def test_a_written_complaint_has_nobody_listening_until_someone_records_it():
    # Given a complaint that came by e-mail
    complaint = complaint_at(org_tree().site, channel=Channel.EMAIL)

    # Then listening is still to do
    assert not steps_of(complaint)[HandlingStep.LISTEN].done


def test_an_investigation_and_a_proposal_tick_their_steps_and_an_apology_is_recorded():
    # Given a complaint with its investigation recorded and a solution proposed
    tree = org_tree()
    complaint = drive_to(complaint_at(tree.site), "proposed")
    handler = complaint.handler

    # When the handler records that they apologised
    services.complaint_record_step(complaint, handler, HandlingStep.APOLOGISE, "Said sorry.")

    # Then collecting, proposing and apologising are done, the apology as recorded
    steps = steps_of(complaint)
    assert steps[HandlingStep.COLLECT].done and not steps[HandlingStep.COLLECT].recorded
    assert steps[HandlingStep.PROPOSE].done
    apology = steps[HandlingStep.APOLOGISE]
    assert apology.done and apology.recorded and apology.by == handler
    assert not steps[HandlingStep.FOLLOW_UP].done


def test_the_closing_checklist_names_what_is_missing_and_who_must_see_to_it():
    # Given a complaint replied to by a manager, not by the receiver who took it down
    tree = org_tree()
    complaint = complaint_at(tree.site)
    manager = manager_for(complaint)
    replier = staff(Role.DISTRICT_MANAGER, tree.district)
    drive_to(complaint, "following_up", by=manager, replier=replier)
    complaint.refresh_from_db()

    # When the checklist is read
    checks = closing_checks(complaint)

    # Then the investigation, root cause and reply are done; the receiver's confirmation and
    # the follow-up are not, each naming who must see to it
    todo = {check.label: check for check in checks if not check.done}
    assert len(checks) - len(todo) == 3
    confirmation = next(c for c in todo.values() if str(complaint.received_by) == c.who)
    assert str(complaint.received_by) in confirmation.problems[0]
    assert any(c.who == str(complaint.handler) for c in todo.values())
    # And the closing guard refuses with exactly what the checklist says is missing
    assert ready_to_close(complaint) == [p for c in checks for p in c.problems]
