"""What each role may do within its scope, beyond seeing: sensitive data, edits, moves."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import permissions, services
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.transitions import TRANSITIONS
from complaintdesk.core.errors import NotPermitted

from .factories import (
    ComplainantFactory,
    ComplaintFactory,
    drive_to,
    manager_for,
    org_tree,
    record_investigation,
    settle,
    staff,
)

pytestmark = pytest.mark.django_db

# Privacy (domain.md): identity data and losses only for those who handle the complaint.
SEES_SENSITIVE_DATA = {
    Role.RECEIVER: True,
    Role.HANDLER: True,
    Role.DISTRICT_MANAGER: True,
    Role.REGIONAL_GM: True,
    Role.HQ_COMPLAINTS: True,
    Role.BOARD_INVESTIGATOR: True,
    Role.EXECUTIVE: False,
    Role.QUALITY_REVIEWER: False,
    Role.AUDITOR: False,
    Role.ADMINISTRATOR: True,
}


def _head_office(complaint):
    """The head office of the complaint's organisation."""
    unit = complaint.unit
    while unit.parent_id:
        unit = unit.parent
    return unit


def test_the_sensitive_data_table_names_every_role():
    assert set(SEES_SENSITIVE_DATA) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_only_roles_that_handle_complaints_see_the_complainants_sensitive_data(role):
    # Given a complaint and a user holding the role at its district
    complaint = ComplaintFactory()
    user = staff(role, complaint.unit.parent)

    # When we ask whether they may see identity data and losses / Then the table decides
    assert permissions.can_view(user, complaint)
    assert permissions.can_view_sensitive(user, complaint) is SEES_SENSITIVE_DATA[role]


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.EXECUTIVE])
def test_auditors_and_executives_read_but_make_no_move_and_no_edit(role):
    # Given a complaint under investigation and an auditor or executive at head office
    complaint = ComplaintFactory()
    drive_to(complaint, Status.INVESTIGATING)
    reader = staff(role, _head_office(complaint))
    events = complaint.events.count()

    # When we look at what they may do
    # Then they see it, but no move of the table is theirs
    assert permissions.can_view(reader, complaint)
    assert not permissions.can_view_sensitive(reader, complaint)
    assert permissions.available_transitions(reader, complaint) == []
    assert not any(permissions.may_perform(reader, complaint, t.action) for t in TRANSITIONS)

    # And every edit is refused
    with pytest.raises(NotPermitted):
        services.complaint_start_investigation(complaint, reader)
    with pytest.raises(NotPermitted):
        record_investigation(complaint, reader)
    with pytest.raises(NotPermitted):
        services.complaint_update_record(complaint, reader, subject="Changed")
    with pytest.raises(NotPermitted):
        services.complaint_classify(complaint, reader, grade="major")
    with pytest.raises(NotPermitted):
        services.complaint_record_step(complaint, reader, "listen")
    assert complaint.events.count() == events


def test_an_executive_may_add_a_note_but_an_auditor_may_not():
    # Given a complaint, an executive and an auditor at head office
    complaint = ComplaintFactory()
    head_office = _head_office(complaint)
    executive = staff(Role.EXECUTIVE, head_office)
    auditor = staff(Role.AUDITOR, head_office)

    # When each adds a note
    services.complaint_add_note(complaint, executive, "Please call the chairman's office.")
    with pytest.raises(NotPermitted):
        services.complaint_add_note(complaint, auditor, "Looks fine.")

    # Then only the executive's note is on the timeline
    notes = complaint.events.filter(kind="note")
    assert [note.actor for note in notes] == [executive]


def test_a_quality_reviewer_can_reopen_a_closed_complaint_but_cannot_close_one():
    # Given a closed complaint and another ready to close, and a quality reviewer of the district
    closed = drive_to(ComplaintFactory(), Status.CLOSED)
    ready = ComplaintFactory(unit=closed.unit)
    drive_to(ready, Status.FOLLOWING_UP)
    settle(ready, manager_for(ready))
    reviewer = staff(Role.QUALITY_REVIEWER, closed.unit.parent)

    # When the reviewer reopens the closed one and tries to close the other
    services.complaint_reopen(closed, reviewer, "The reply did not answer the question.")
    with pytest.raises(NotPermitted):
        services.complaint_close(ready, reviewer)

    # Then the first is reopened and the second still in follow-up
    closed.refresh_from_db()
    ready.refresh_from_db()
    assert closed.status == Status.REOPENED
    assert ready.status == Status.FOLLOWING_UP


def test_a_receiver_registers_acknowledges_and_assigns_but_cannot_close():
    # Given a receiver at a site, and a complaint there ready to close
    tree = org_tree()
    receiver = staff(Role.RECEIVER, tree.site)
    ready = ComplaintFactory(unit=tree.site, by=receiver)
    drive_to(ready, Status.FOLLOWING_UP)
    settle(ready, manager_for(ready))

    # When the receiver registers, acknowledges and assigns a new complaint
    complaint = services.complaint_register(
        by=receiver,
        unit=tree.site,
        complainant=ComplainantFactory(organisation=tree.organisation),
        channel="visit",
        subject="Air-conditioning not cooling",
        description="Unit 12A has had no cooling since Monday.",
    )
    services.complaint_acknowledge(complaint, receiver)
    services.complaint_assign(complaint, receiver, staff(Role.HANDLER, tree.site))

    # Then it is assigned
    complaint.refresh_from_db()
    assert complaint.status == Status.ASSIGNED

    # But closing is not the receiver's to do
    with pytest.raises(NotPermitted):
        services.complaint_close(ready, receiver)


def test_a_receiver_cannot_register_complaints_for_a_unit_outside_their_scope():
    # Given a receiver at a site
    tree = org_tree()
    receiver = staff(Role.RECEIVER, tree.site)

    # When they register a complaint for the sibling district's site / Then it is refused
    with pytest.raises(NotPermitted):
        services.complaint_register(
            by=receiver,
            unit=tree.sibling_site,
            complainant=ComplainantFactory(organisation=tree.organisation),
            channel="phone",
            subject="Noise",
            description="Renovation noise after 11pm.",
        )


@pytest.mark.parametrize(
    "role", [Role.HANDLER, Role.BOARD_INVESTIGATOR, Role.EXECUTIVE, Role.AUDITOR]
)
def test_roles_without_the_register_capability_cannot_register(role):
    # Given a user of the role at a site
    tree = org_tree()
    user = staff(role, tree.site)

    # When they register a complaint there / Then it is refused
    with pytest.raises(NotPermitted):
        services.complaint_register(
            by=user,
            unit=tree.site,
            complainant=ComplainantFactory(organisation=tree.organisation),
            channel="phone",
            subject="Noise",
            description="Renovation noise after 11pm.",
        )
