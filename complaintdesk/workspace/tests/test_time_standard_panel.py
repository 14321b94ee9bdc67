"""The time standards as users meet them: the queue's deadline column and filters, and the
complaint page's clocks panel, extension, approval and routing buttons."""

from decimal import Decimal

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.authority.models import ApprovalRequest, ApprovalStatus
from complaintdesk.authority.tests.factories import case, refund_ladder
from complaintdesk.complaints.choices import Channel, Status
from complaintdesk.complaints.tests.factories import (
    complaint_at,
    drive_to,
    org_tree,
    reply,
    staff,
)
from complaintdesk.routing.tests.factories import rule_in
from complaintdesk.sla.models import ComplaintClock
from complaintdesk.sla.services import sla_sweep
from complaintdesk.sla.tests.factories import local, on_policy

pytestmark = pytest.mark.django_db


def queue(client, **params) -> str:
    return client.get(reverse("complaints:list"), params).content.decode()


def test_the_queue_shows_deadlines_filters_overdue_and_sorts_earliest_deadline_first(client):
    # Given three letters received on different days, one of them overdue
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    late = complaint_at(
        tree.site, channel=Channel.LETTER, received_at=local("HK", "2026-03-02 10:00")
    )
    sooner = complaint_at(
        tree.site, channel=Channel.LETTER, received_at=local("HK", "2026-03-09 10:00")
    )
    later = complaint_at(
        tree.site, channel=Channel.LETTER, received_at=local("HK", "2026-03-10 10:00")
    )
    sla_sweep(local("HK", "2026-03-09 12:00"))
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))
    # When the manager asks for overdue complaints
    overdue = queue(client, sla="breached")
    # Then only the late one is listed
    assert late.reference in overdue and sooner.reference not in overdue
    # And ordered by deadline, the earliest comes first whatever the receipt order
    page = queue(client, order="due")
    assert page.index(late.reference) < page.index(sooner.reference) < page.index(later.reference)


def test_the_due_order_pages_with_a_cursor_without_repeating_a_row(client):
    from complaintdesk.complaints.selectors import complaint_queue

    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    made = [
        complaint_at(
            tree.site, channel=Channel.LETTER, received_at=local("HK", f"2026-03-{day:02d} 10:00")
        )
        for day in range(2, 9)
    ]
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    seen, cursor = [], ""
    while True:
        page = complaint_queue(manager, order="due", cursor=cursor, limit=3)
        seen += [row.reference for row in page.rows]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert seen == [c.reference for c in made]


def test_a_bank_handler_extends_the_decision_deadline_from_the_complaint_page(client):
    tree = org_tree(time_zone="Asia/Shanghai", currency="CNY")
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    complaint = complaint_at(tree.site, channel=Channel.LETTER)
    handler = staff(Role.HANDLER, tree.site)
    drive_to(complaint, "investigating", handler=handler)
    client.force_login(handler)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert 'data-testid="clock-decision"' in page
    clock = ComplaintClock.objects.get(complaint=complaint, name="decision")
    url = reverse("complaints:clock_extend", args=[complaint.reference, clock.pk])
    # A missing reason is refused with a message, and nothing changes
    client.post(url, {"reason": ""}, follow=True)
    clock.refresh_from_db()
    assert clock.amount == 15
    response = client.post(url, {"reason": "Waiting for the card scheme"}, follow=True)
    clock.refresh_from_db()
    assert clock.amount == 30
    assert "Waiting for the card scheme" in response.content.decode()


def test_the_approver_decides_from_the_complaint_page(client):
    given = case()
    refund_ladder(given.tree)
    request = ApprovalRequest.objects.get(proposal=given.propose("refund", "5000"))
    approver = staff(Role.REGIONAL_GM, given.tree.region)
    client.force_login(approver)
    page = client.get(given.complaint.get_absolute_url()).content.decode()
    assert 'data-testid="approval"' in page and 'value="approve"' in page
    client.post(
        reverse("complaints:approval_decide", args=[given.complaint.reference, request.pk]),
        {"decision": "approve", "reason": "Within the contract's terms"},
    )
    request.refresh_from_db()
    assert request.status == ApprovalStatus.APPROVED
    assert request.proposal.amount == Decimal("5000")


def test_a_manager_routes_a_waiting_complaint_by_the_rules(client):
    tree = org_tree()
    handler = staff(Role.HANDLER, tree.site)
    rule_in(tree, name="Everything to the site team")
    complaint = complaint_at(tree.site)
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    client.force_login(manager)
    assert 'data-testid="route"' in client.get(complaint.get_absolute_url()).content.decode()
    response = client.post(reverse("complaints:route", args=[complaint.reference]), follow=True)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.handler) == (Status.ASSIGNED, handler)
    assert "Everything to the site team" in response.content.decode()


def test_the_bank_page_shows_the_required_reply_wording_and_the_review_window(client):
    tree = org_tree(time_zone="Asia/Shanghai", currency="CNY")
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    complaint = complaint_at(tree.site, channel=Channel.LETTER)
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    drive_to(complaint, "proposed", by=manager)
    client.force_login(manager)
    assert "申请核查" in client.get(complaint.get_absolute_url()).content.decode()
    reply(complaint, complaint.received_by)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert 'data-testid="review-window"' in page


def test_an_administrator_cannot_save_a_clock_the_engine_could_not_run():
    from django.core.exceptions import ValidationError

    from complaintdesk.sla.models import ClockRule

    rule = ClockRule.objects.filter(name="decision").first()
    rule.extensions = [{"amount": 10}]  # shorter than the 15 days allowed
    rule.warnings = [{"percent": 75, "hours_before": 2}]
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert set(refused.value.message_dict) == {"extensions", "warnings"}
