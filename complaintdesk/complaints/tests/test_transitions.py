"""Every row of the lifecycle table, read from the table itself: a new row is covered as soon as
it is added (and fails loudly until `factories.PERFORMERS` knows how to make the move)."""

import pytest
from django.db import transaction

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.models import ComplaintEvent
from complaintdesk.complaints.transitions import TRANSITIONS, Action, Transition
from complaintdesk.core.errors import DomainError, GuardFailed, NotPermitted, TransitionNotAllowed

from .factories import PERFORMERS, ComplaintFactory, drive_to, perform, prepare, staff

pytestmark = pytest.mark.django_db


def _ordered(statuses) -> list[str]:
    return [status.value for status in Status if status in statuses]


def _from_each_source():
    """(transition, source, role) with every source once, the allowed roles taken in turn
    (every allowed role is tried from the first source below)."""
    for transition in TRANSITIONS:
        roles = sorted(transition.roles)
        for index, source in enumerate(_ordered(transition.sources)):
            role = roles[index % len(roles)]
            yield pytest.param(
                transition, source, role, id=f"{transition.action}-from-{source}-by-{role}"
            )


def _complaint_in(status: str):
    return drive_to(ComplaintFactory(), status)


def _snapshot(complaint):
    return complaint.status, ComplaintEvent.objects.filter(complaint=complaint).count()


def _assert_nothing_written(complaint, before, action: str = "") -> None:
    complaint.refresh_from_db()
    assert _snapshot(complaint) == before, action


def _refusal(action: str, complaint, actor) -> type[DomainError] | None:
    """The kind of error the move is refused with (None if it went ahead)."""
    try:
        perform(action, complaint, actor)
    except DomainError as error:
        return type(error)
    return None


def test_every_action_of_the_table_can_be_performed_by_the_tests():
    # Given the lifecycle table and the tests' performers
    actions = {transition.action for transition in TRANSITIONS}

    # Then every action has a performer (add one in factories.PERFORMERS for a new row)
    assert actions == set(PERFORMERS)
    assert actions == set(Action.values)


@pytest.mark.parametrize(("transition", "source", "role"), list(_from_each_source()))
def test_move_is_allowed_from_each_of_its_sources_and_lands_on_the_timeline(
    transition: Transition, source: str, role: str
):
    # Given a complaint in one of the move's source statuses and a user with an allowed role
    complaint = _complaint_in(source)
    prepare(transition.action, complaint)
    actor = staff(role, complaint.unit.parent)
    events_before = complaint.events.count()

    # When the user makes the move
    perform(transition.action, complaint, actor)

    # Then the complaint is in the target status (or stays put) and the timeline says who moved it
    complaint.refresh_from_db()
    expected = transition.target or source
    assert complaint.status == expected
    moves = complaint.events.filter(kind=EventKind.STATUS_CHANGED)
    assert complaint.events.count() > events_before
    event = moves.order_by("-id").first()
    assert event.action == transition.action
    assert (event.status_before, event.status_after) == (source, expected)
    assert event.actor == actor


@pytest.mark.parametrize("transition", [pytest.param(t, id=t.action) for t in TRANSITIONS])
def test_every_role_the_table_lists_may_make_the_move(transition: Transition):
    # Given a complaint in the move's first source status
    source = _ordered(transition.sources)[0]
    complaint = _complaint_in(source)
    prepare(transition.action, complaint)

    for role in sorted(transition.roles):
        actor = staff(role, complaint.unit.parent)

        # When a user holding only this role at the district makes the move (then undone, so
        # that the next role starts from the same complaint)
        with transaction.atomic():
            perform(transition.action, complaint, actor)

            # Then it happens, on the timeline under their name
            complaint.refresh_from_db()
            assert complaint.status == (transition.target or source), role
            assert complaint.events.filter(action=transition.action, actor=actor).count() == 1
            transaction.set_rollback(True)
        complaint.refresh_from_db()


@pytest.mark.parametrize(
    "transition",
    [pytest.param(t, id=t.action) for t in TRANSITIONS if set(Role) - t.roles],
)
def test_every_role_the_table_does_not_list_is_refused_the_move_and_nothing_is_written(
    transition: Transition,
):
    # Given a complaint the move applies to
    complaint = _complaint_in(_ordered(transition.sources)[0])
    prepare(transition.action, complaint)
    before = _snapshot(complaint)

    for role in sorted(set(Role) - transition.roles):
        # When a user holding only this other role at the district tries the move
        actor = staff(role, complaint.unit.parent)
        refusal = _refusal(transition.action, complaint, actor)

        # Then it is refused and nothing is written
        assert refusal is NotPermitted, role
        _assert_nothing_written(complaint, before, role)


@pytest.mark.parametrize("status", [status.value for status in Status])
def test_every_move_that_does_not_start_from_a_status_is_refused_there_and_writes_nothing(
    status: str,
):
    # Given a complaint in this status
    complaint = _complaint_in(status)
    before = _snapshot(complaint)
    moves = [t for t in TRANSITIONS if status not in t.sources]

    for transition in moves:
        # When a user allowed the move tries it
        actor = staff(sorted(transition.roles)[0], complaint.unit.parent)
        refusal = _refusal(transition.action, complaint, actor)

        # Then it is refused: the status is unchanged and no event was written
        assert refusal is TransitionNotAllowed, transition.action
        _assert_nothing_written(complaint, before, transition.action)


@pytest.mark.parametrize(
    "transition",
    [pytest.param(t, id=t.action) for t in TRANSITIONS if t.needs_reason],
)
@pytest.mark.parametrize("reason", ["", "   \n"], ids=["empty", "blank"])
def test_move_that_needs_a_reason_is_refused_without_one(transition: Transition, reason: str):
    # Given a complaint the move applies to and a user allowed to make it
    source = _ordered(transition.sources)[0]
    complaint = _complaint_in(source)
    prepare(transition.action, complaint)
    actor = staff(sorted(transition.roles)[0], complaint.unit.parent)
    before = _snapshot(complaint)

    # When the user gives no reason
    with pytest.raises(GuardFailed) as refused:
        perform(transition.action, complaint, actor, reason=reason)

    # Then the move is refused, saying a reason is required, and nothing is written
    assert "A reason is required." in refused.value.details
    _assert_nothing_written(complaint, before)


@pytest.mark.parametrize(
    "transition",
    [pytest.param(t, id=t.action) for t in TRANSITIONS if t.needs_reason],
)
def test_the_reason_given_for_a_move_is_kept_on_the_record_and_the_timeline(
    transition: Transition,
):
    # Given a complaint the move applies to
    complaint = _complaint_in(_ordered(transition.sources)[0])
    actor = staff(sorted(transition.roles)[0], complaint.unit.parent)

    # When the move is made with a reason
    perform(transition.action, complaint, actor, reason="Asked for by the complainant.")

    # Then the reason is on the record and on the event
    complaint.refresh_from_db()
    assert complaint.status_reason == "Asked for by the complainant."
    event = complaint.events.get(action=transition.action)
    assert event.text == "Asked for by the complainant."


def test_closing_stamps_the_closing_time_and_reopening_clears_it_and_counts():
    # Given a closed complaint
    complaint = drive_to(ComplaintFactory(), Status.CLOSED)
    assert complaint.closed_at is not None
    reviewer = staff(Role.QUALITY_REVIEWER, complaint.unit.parent)

    # When a quality reviewer reopens it
    perform(Action.REOPEN, complaint, reviewer)

    # Then it is open again and counted as reopened once
    complaint.refresh_from_db()
    assert complaint.status == Status.REOPENED
    assert complaint.closed_at is None
    assert complaint.reopened_count == 1


def test_merging_points_the_duplicate_at_the_survivor_and_notes_it_on_the_survivor():
    # Given two complaints about the same thing
    duplicate = ComplaintFactory()
    survivor = ComplaintFactory(unit=duplicate.unit, by=duplicate.received_by)
    manager = staff(Role.DISTRICT_MANAGER, duplicate.unit)

    # When the duplicate is merged into the survivor
    services.complaint_merge(duplicate, manager, survivor)

    # Then the duplicate is merged and points at the survivor, whose timeline records it
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED
    assert duplicate.merged_into == survivor
    assert survivor.events.filter(
        kind=EventKind.MERGED_IN, data__merged=duplicate.reference
    ).exists()


def test_a_complaint_cannot_be_merged_into_itself():
    # Given a complaint
    complaint = ComplaintFactory()
    manager = staff(Role.DISTRICT_MANAGER, complaint.unit)
    before = _snapshot(complaint)

    # When it is merged into itself
    with pytest.raises(GuardFailed):
        services.complaint_merge(complaint, manager, complaint)

    # Then nothing happens
    _assert_nothing_written(complaint, before)
