"""A late approval decision is chased once, however many sweeps run."""

from datetime import timedelta

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.authority.models import ApprovalRequest
from complaintdesk.authority.services import approval_decide, approvals_overdue_remind
from complaintdesk.complaints.tests.factories import staff
from complaintdesk.notifications.models import Notification

from .factories import case, refund_ladder

pytestmark = pytest.mark.django_db


def test_an_overdue_approval_reminds_the_approver_and_the_rung_above_once():
    # Given a refund waiting for the regional general manager, with head office above them
    given = case()
    refund_ladder(given.tree)
    request = ApprovalRequest.objects.get(proposal=given.propose("refund", "5000"))
    head_office = staff(Role.HQ_COMPLAINTS, given.tree.head_office)
    late = request.due_at + timedelta(minutes=1)
    # When sweeps run after the decision time, three times
    counts = [approvals_overdue_remind(late) for _ in range(3)]
    # Then one reminder went out, to the approver's rung and to head office
    assert counts == [1, 0, 0]
    reminded = set(
        Notification.objects.filter(kind="approval_overdue").values_list("recipient", flat=True)
    )
    assert head_office.pk in reminded
    assert len(reminded) >= 2


def test_a_decided_or_not_yet_late_request_is_not_chased():
    given = case()
    refund_ladder(given.tree)
    request = ApprovalRequest.objects.get(proposal=given.propose("refund", "5000"))
    assert approvals_overdue_remind(request.due_at - timedelta(minutes=1)) == 0
    approver = staff(Role.REGIONAL_GM, given.tree.region)
    approval_decide(request, approver, approve=True, reason="Justified by the contract")
    assert approvals_overdue_remind(request.due_at + timedelta(days=1)) == 0


def test_a_rung_nobody_holds_above_the_complaint_is_passed_over():
    # Given a refund the regional general manager could approve, but no one holds that role
    from complaintdesk.authority.selectors import approver_role_for
    from complaintdesk.complaints.tests.factories import complaint_at, org_tree

    from .factories import limits

    tree = org_tree()
    limits(
        tree, "refund", {Role.HANDLER: "200", Role.REGIONAL_GM: "10000", Role.HQ_COMPLAINTS: None}
    )
    complaint = complaint_at(tree.site)
    # Then head office is asked; once a regional GM sits above the site, they are
    assert approver_role_for(complaint, {Role.HANDLER}, "refund", 5000) == Role.HQ_COMPLAINTS
    staff(Role.REGIONAL_GM, tree.region)
    assert approver_role_for(complaint, {Role.HANDLER}, "refund", 5000) == Role.REGIONAL_GM
