"""Picking closed complaints for quality review: at random, or weighted by risk, never a
complaint the reviewer handled or one picked already, only in the reviewer's line."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Grade, Status
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.core.errors import NotPermitted
from complaintdesk.people.models import QualityReview, SampledBy
from complaintdesk.people.sampling import (
    Candidate,
    risk_weight,
    sample_at_random,
    sample_by_risk,
)
from complaintdesk.people.services import SampleRequest, quality_sample


def _candidates(n: int, risky: bool, first_pk: int) -> list[Candidate]:
    return [
        Candidate(
            pk=first_pk + i,
            grade=Grade.URGENT if risky else Grade.GENERAL,
            anger=5 if risky else 2,
            risky=risky,
            breached=risky,
            reopened_or_appealed=False,
            staff_fault=False,
        )
        for i in range(n)
    ]


def test_a_risk_weighted_sample_favours_the_risky_complaints_and_a_random_one_does_not():
    # Given as many calm general complaints as urgent, furious, flagged and breached ones
    calm, risky = _candidates(200, False, 0), _candidates(200, True, 1000)
    assert risk_weight(risky[0]) == 10 * risk_weight(calm[0])
    rng = random.Random(7)

    # When samples of ten are drawn a hundred times each way
    by_risk = [pk for _ in range(100) for pk in sample_by_risk(calm + risky, 10, rng)]
    at_random = [pk for _ in range(100) for pk in sample_at_random(calm + risky, 10, rng)]

    # Then weighted by risk nine in ten are risky; at random about half
    assert sum(pk >= 1000 for pk in by_risk) / len(by_risk) > 0.85
    assert 0.4 < sum(pk >= 1000 for pk in at_random) / len(at_random) < 0.6
    # and a sample never holds a complaint twice
    assert len(set(sample_by_risk(calm + risky, 50, rng))) == 50


@pytest.mark.django_db
def test_a_reviewer_is_never_given_their_own_complaint_nor_one_picked_already():
    # Given six closed complaints in a district, two handled by its manager in person
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    own = [complaint_at(tree.site) for _ in range(2)]
    others = [complaint_at(tree.other_site) for _ in range(4)]
    for complaint in own:
        drive_to(complaint, Status.CLOSED, handler=manager)
    for complaint in others:
        drive_to(complaint, Status.CLOSED)
    today = timezone.localdate()
    request = SampleRequest(tree.district, today - timedelta(days=1), today, 3, SampledBy.RISK)

    # When the manager picks three, then three more
    first = quality_sample(manager, request, rng=random.Random(1))
    second = quality_sample(manager, request, rng=random.Random(2))

    # Then the four others are picked once each and their own two never
    picked = [review.complaint_id for review in first + second]
    assert len(first) == 3 and len(second) == 1
    assert sorted(picked) == sorted(c.pk for c in others)
    # and each review names the handler it reviews and waits for the manager
    review = QualityReview.objects.get(complaint=others[0])
    assert review.handler_id == others[0].handler_id and review.reviewer == manager
    assert review.done_at is None


@pytest.mark.django_db
def test_nobody_picks_complaints_outside_the_line_they_review():
    # Given a quality reviewer of one district
    tree = org_tree()
    reviewer = staff(Role.QUALITY_REVIEWER, tree.district)
    drive_to(complaint_at(tree.sibling_site), Status.CLOSED)
    today = timezone.localdate()

    # When they ask for complaints of the sibling district's site
    request = SampleRequest(tree.sibling_site, today, today, 5, SampledBy.RANDOM)

    # Then they are refused
    with pytest.raises(NotPermitted):
        quality_sample(reviewer, request)
