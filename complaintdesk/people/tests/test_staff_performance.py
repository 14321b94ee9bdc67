"""The staff performance page: each handler's figures from the roll-ups, their quality score
and training needs from the reviews, and the decisions managers record with reasons."""

import pytest
from django.urls import reverse
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.core.errors import NotPermitted
from complaintdesk.people.models import Answer, PerformanceDecision
from complaintdesk.people.services import (
    decision_record,
    quality_pick,
    quality_review_submit,
    scorecard_for,
)

pytestmark = pytest.mark.django_db


def _rows(response) -> dict:
    return {str(row.person): row for row, _link in response.context["people"]}


def test_each_handler_has_their_figures_quality_score_and_training_needs(client):
    # Given two handlers of a district: Ann closed two complaints, Bob holds one open
    tree = org_tree()
    ann = staff(Role.HANDLER, tree.site, username="ann")
    bob = staff(Role.HANDLER, tree.other_site, username="bob")
    closed = [complaint_at(tree.site) for _ in range(2)]
    for complaint in closed:
        drive_to(complaint, Status.CLOSED, handler=ann)
    drive_to(complaint_at(tree.other_site), Status.INVESTIGATING, handler=bob)
    # and one nobody handles yet, sitting at the district itself
    complaint_at(tree.district)
    # and a reviewer found Ann's tone wanting on one of hers
    reviewer = staff(Role.QUALITY_REVIEWER, tree.district)
    review = quality_pick(reviewer, closed[0])
    items = scorecard_for(tree.organisation).items.all()
    answers = {i.pk: (Answer.NO if i.code == "tone" else Answer.YES, "") for i in items}
    quality_review_submit(review, reviewer, answers)
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    client.force_login(manager)

    # When the district manager opens the performance page
    response = client.get(reverse("people:performance"))

    # Then Ann has two closed, settled at the first answer, her score and her training need
    rows = _rows(response)
    ann_row = rows[str(ann)].figures
    assert (ann_row.received, ann_row.closed, ann_row.open_now) == (2, 2, 0)
    assert ann_row.first_contact == 100 and ann_row.satisfied == 100
    # all but tone, whose weight is 1 of 11
    assert ann_row.reviews == 1 and ann_row.quality == round(100 * 20 / 22)
    assert ann_row.training == ["Tone: courteous, plain and empathetic"]
    # and Bob one received, still open, no review
    assert (rows[str(bob)].figures.received, rows[str(bob)].figures.open_now) == (1, 1)
    assert rows[str(bob)].figures.quality is None
    # and each person's name lists their complaints in the queue
    # and each site its own: two closed at Ann's, one open at Bob's
    units = {row.name: row.figures for row, _link in response.context["units"]}
    assert (units[tree.site.name].closed, units[tree.site.name].open_now) == (2, 0)
    assert (units[tree.other_site.name].received, units[tree.other_site.name].open_now) == (1, 1)
    district = units[f"{tree.district.name} (handled there)"]
    assert (district.received, district.open_now) == (1, 1)
    links = {str(row.person): link for row, link in response.context["people"]}
    assert f"handler={ann.pk}" in links[str(ann)]


def test_a_manager_records_a_decision_with_reasons_and_nobody_about_themselves(client):
    # Given a district manager and a handler of the district
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    handler = staff(Role.HANDLER, tree.site, username="carol")
    today = timezone.localdate()
    client.force_login(manager)

    # When the manager records coaching for the handler through the page
    response = client.post(
        reverse("people:decide"),
        {
            "person": handler.pk,
            "start": today.replace(day=1).isoformat(),
            "end": today.isoformat(),
            "decision": "coaching",
            "reasons": "Two replies without reasons this month.",
            "next": reverse("people:performance"),
        },
    )

    # Then it is recorded in their name, with the reasons
    assert response.status_code == 302
    decision = PerformanceDecision.objects.get(person=handler)
    assert decision.decided_by == manager and decision.decision == "coaching"
    assert decision.reasons == "Two replies without reasons this month."

    # and a decision about oneself, or by someone who manages nobody, is refused
    with pytest.raises(NotPermitted):
        decision_record(manager, manager, tree.district, period=(today, today),
                        decision="commend", reasons="Me.")  # fmt: skip
    with pytest.raises(NotPermitted):
        decision_record(handler, manager, tree.site, period=(today, today),
                        decision="commend", reasons="Good boss.")  # fmt: skip


def test_a_handler_has_no_performance_page_of_others_and_is_told_so_in_their_language(client):
    tree = org_tree()
    client.force_login(staff(Role.HANDLER, tree.site))

    response = client.get(reverse("people:performance"), HTTP_ACCEPT_LANGUAGE="zh-hant")

    assert response.status_code == 200
    assert b'data-testid="people-empty"' in response.content
