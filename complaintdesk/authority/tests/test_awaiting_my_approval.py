"""The "awaiting my approval" queue: the requests a person may decide, and not their own."""

import pytest

from complaintdesk.authority.models import ApprovalRequest
from complaintdesk.authority.services import approval_decide
from complaintdesk.complaints import selectors
from complaintdesk.complaints.queues import QueueView, queue_counts

from .factories import case, refund_ladder

pytestmark = pytest.mark.django_db


def awaiting(user) -> set[str]:
    page = selectors.complaint_queue(
        user, status="open", filters=selectors.QueueFilters(view=QueueView.APPROVAL)
    )
    return {c.reference for c in page.rows}


def test_a_request_waits_in_the_queue_of_those_who_may_decide_it():
    # Given a handler's refund of 5,000, beyond their limit of 200 and the district's 1,000
    given = case()
    refund_ladder(given.tree)
    given.propose("refund", "5000")
    reference = given.complaint.reference

    # Then it waits for the regional general manager and head office, who rank high enough
    assert awaiting(given.regional_gm) == {reference}
    assert awaiting(given.hq) == {reference}
    assert queue_counts(given.regional_gm)[QueueView.APPROVAL] == 1
    # And not for the district manager below them, nor for the handler who asked
    assert awaiting(given.district_manager) == set()
    assert awaiting(given.handler) == set()


def test_a_decided_request_leaves_the_queue():
    # Given a request the regional general manager approved
    given = case()
    refund_ladder(given.tree)
    proposal = given.propose("refund", "5000")
    request = ApprovalRequest.objects.get(proposal=proposal)
    approval_decide(request, given.regional_gm, approve=True, reason="Within this year's budget.")

    # Then nobody's approval queue holds it any more
    assert awaiting(given.regional_gm) == set()
    assert awaiting(given.hq) == set()
