"""Asking for a deadline extension and deciding on one from the complaint page: one step for
each person, and what they typed is on the page again whenever the service says no."""

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.authority.models import ApprovalRequest
from complaintdesk.authority.tests.factories import case, refund_ladder
from complaintdesk.complaints.choices import Channel
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.sla.models import ComplaintClock, ExtensionRequest, ExtensionStatus
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db


def bank_case():
    """A bank complaint under investigation whose decision deadline was extended once."""
    tree = org_tree(time_zone="Asia/Shanghai", currency="CNY")
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    complaint = complaint_at(tree.site, channel=Channel.LETTER)
    handler = staff(Role.HANDLER, tree.site)
    drive_to(complaint, "investigating", handler=handler)
    clock = ComplaintClock.objects.get(complaint=complaint, name="decision")
    return complaint, clock, handler, staff(Role.REGIONAL_GM, tree.region)


def extend(client, complaint, clock, reason: str):
    url = reverse("complaints:clock_extend", args=[complaint.reference, clock.pk])
    return client.post(url, {"reason": reason})


def test_handler_asks_the_regional_manager_who_approves_from_the_page(client):
    complaint, clock, handler, regional = bank_case()
    client.force_login(handler)
    extend(client, complaint, clock, "Card network records")
    # When the handler asks for the second extension, which needs the regional GM
    response = extend(client, complaint, clock, "The card network has not answered")
    # Then they are told who was asked, and the page shows the request waiting
    assert response.status_code == 302
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert 'data-testid="extension-pending"' in page
    assert "The card network has not answered" in page
    assert 'data-testid="extension-approve"' not in page  # not theirs to decide
    # When the regional GM opens "awaiting my approval" and approves
    client.force_login(regional)
    queue = client.get(reverse("complaints:list"), {"view": "approval"}).content.decode()
    assert complaint.reference in queue
    asked = ExtensionRequest.objects.get(complaint=complaint)
    url = reverse("complaints:extension_decide", args=[complaint.reference, asked.pk])
    client.post(url, {"decision": "approve", "reason": ""})
    # Then the deadline is 60 days
    clock.refresh_from_db()
    assert clock.amount == 60
    asked.refresh_from_db()
    assert asked.status == ExtensionStatus.APPROVED


def test_a_refusal_without_reasons_keeps_what_was_typed_on_the_page(client):
    complaint, clock, handler, regional = bank_case()
    client.force_login(handler)
    extend(client, complaint, clock, "Card network records")
    extend(client, complaint, clock, "Still waiting")
    asked = ExtensionRequest.objects.get(complaint=complaint)
    client.force_login(regional)
    url = reverse("complaints:extension_decide", args=[complaint.reference, asked.pk])
    # When the regional GM types a note but presses neither button's value
    response = client.post(url, {"reason": "Ask the network once more, then decide"})
    # Then the page comes back refused, with the note as typed
    assert response.status_code == 409
    assert "Ask the network once more, then decide" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == ExtensionStatus.PENDING


def test_an_extension_refused_by_the_policy_keeps_the_reason_typed(client):
    complaint, clock, _handler, regional = bank_case()
    client.force_login(regional)
    extend(client, complaint, clock, "Card network records")
    extend(client, complaint, clock, "Especially complex")
    # When a third extension is asked for (the policy has none left)
    response = extend(client, complaint, clock, "A third time, because of the holidays")
    # Then it is refused, and the reason is still on the page to copy elsewhere
    assert response.status_code == 409
    assert "A third time, because of the holidays" in response.content.decode()


def test_an_approval_decision_refused_keeps_its_reasons(client):
    given = case()
    refund_ladder(given.tree)
    request = ApprovalRequest.objects.get(proposal=given.propose("refund", "5000"))
    client.force_login(staff(Role.REGIONAL_GM, given.tree.region))
    url = reverse("complaints:approval_decide", args=[given.complaint.reference, request.pk])
    response = client.post(url, {"reason": "Fair, given the contract"})
    assert response.status_code == 409
    assert "Fair, given the contract" in response.content.decode()
