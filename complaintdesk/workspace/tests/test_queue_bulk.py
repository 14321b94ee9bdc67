"""A manager's bulk actions on the queue: assign, reassign with a reason, route by the rules;
each complaint through its own service, each refusal reported, the rest done."""

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, staff

pytestmark = pytest.mark.django_db

BULK = reverse("complaints:bulk")


@pytest.fixture
def manager(tree, client):
    user = staff(Role.DISTRICT_MANAGER, tree.district)
    client.force_login(user)
    return user


def messages_of(client) -> list[str]:
    response = client.get(reverse("complaints:list"))
    return [str(m) for m in response.context["messages"]]


def test_a_manager_assigns_three_complaints_in_one_step(tree, manager, client):
    # Given three complaints nobody handles and a handler at the site
    complaints = [complaint_at(tree.site) for _ in range(3)]
    handler = staff(Role.HANDLER, tree.site)

    # When the manager ticks them and assigns them to the handler
    response = client.post(
        BULK,
        {
            "action": "assign",
            "handler": handler.pk,
            "reference": [c.reference for c in complaints],
            "back": "view=unassigned",
        },
    )

    # Then all three are the handler's, and the manager is back on the queue they came from
    assert response.status_code == 302 and response.url.endswith("?view=unassigned")
    for complaint in complaints:
        complaint.refresh_from_db()
        assert (complaint.status, complaint.handler) == (Status.ASSIGNED, handler)
    assert any("3" in m for m in messages_of(client))


def test_each_refusal_is_reported_and_the_others_are_done(tree, manager, client):
    # Given one complaint nobody handles and one already assigned
    free = complaint_at(tree.site)
    taken = drive_to(complaint_at(tree.site), "assigned", by=manager)
    first = taken.handler
    handler = staff(Role.HANDLER, tree.site)

    # When the manager assigns both
    client.post(
        BULK,
        {"action": "assign", "handler": handler.pk, "reference": [free.reference, taken.reference]},
    )

    # Then the free one is assigned, the other keeps its handler and the refusal names it
    free.refresh_from_db()
    taken.refresh_from_db()
    assert free.handler == handler and taken.handler == first
    told = messages_of(client)
    assert any(m.startswith(taken.reference) for m in told)


def test_a_reassignment_needs_a_reason_and_without_one_nothing_moves(tree, manager, client):
    # Given an assigned complaint
    complaint = drive_to(complaint_at(tree.site), "assigned", by=manager)
    first = complaint.handler
    other = staff(Role.HANDLER, tree.site)

    # When the manager reassigns it without a reason
    client.post(
        BULK, {"action": "reassign", "handler": other.pk, "reference": [complaint.reference]}
    )

    # Then nothing moved; with a reason it moves
    complaint.refresh_from_db()
    assert complaint.handler == first
    client.post(
        BULK,
        {
            "action": "reassign",
            "handler": other.pk,
            "reason": "Wing is on leave from tomorrow.",
            "reference": [complaint.reference],
        },
    )
    complaint.refresh_from_db()
    assert complaint.handler == other


def test_a_handler_is_offered_no_bulk_actions_and_cannot_post_them(tree, client):
    # Given a handler on the queue
    handler = staff(Role.HANDLER, tree.site)
    complaint = complaint_at(tree.site)
    client.force_login(handler)

    # Then the page has no bulk form, and posting one is forbidden
    assert 'id="bulk-form"' not in client.get(reverse("complaints:list")).content.decode()
    response = client.post(
        BULK, {"action": "assign", "handler": handler.pk, "reference": [complaint.reference]}
    )
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.handler is None
