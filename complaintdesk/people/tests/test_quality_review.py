"""Scoring a picked complaint on the organisation's scorecard: the weighted share of the
questions that apply, once, by the reviewer it was given to."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.core.errors import GuardFailed, NotPermitted
from complaintdesk.people.models import Answer
from complaintdesk.people.scorecards import review_score
from complaintdesk.people.services import quality_pick, quality_review_submit, scorecard_for


def test_the_score_is_the_weighted_share_of_the_questions_that_apply():
    # yes on weight 3, partly on weight 1, no on weight 2, one that does not apply
    answers = [(3, Answer.YES), (1, Answer.PARTLY), (2, Answer.NO), (2, None)]
    assert review_score(answers) == round(100 * (6 + 1) / 12)
    assert review_score([(2, None)]) is None


@pytest.mark.django_db
def test_a_reviewer_scores_a_picked_complaint_once_on_the_default_scorecard():
    # Given a closed complaint a quality reviewer picked
    tree = org_tree()
    complaint = complaint_at(tree.site)
    drive_to(complaint, Status.CLOSED)
    reviewer = staff(Role.QUALITY_REVIEWER, tree.district)
    review = quality_pick(reviewer, complaint)
    items = {item.code: item for item in scorecard_for(tree.organisation).items.all()}
    assert list(items) == ["reasons", "appeal_route", "tone", "accuracy", "timeliness"]

    # When an answer is missing, the review is refused and nothing is kept
    partial = {items["reasons"].pk: (Answer.YES, "")}
    with pytest.raises(GuardFailed):
        quality_review_submit(review, reviewer, partial)

    # When someone else scores it, they are refused
    with pytest.raises(NotPermitted):
        quality_review_submit(review, staff(Role.QUALITY_REVIEWER, tree.district), partial)

    # When the reviewer answers every question (the appeal route did not apply)
    answers = {
        items["reasons"].pk: (Answer.YES, ""),
        items["appeal_route"].pk: (None, "Everything asked for was given."),
        items["tone"].pk: (Answer.NO, "Blamed the complainant."),
        items["accuracy"].pk: (Answer.YES, ""),
        items["timeliness"].pk: (Answer.PARTLY, ""),
    }
    done = quality_review_submit(
        review, reviewer, answers, comments="Good facts, poor tone.", training_need="Tone"
    )

    # Then it is scored: (3×2 + 1×0 + 3×2 + 2×1) of (3+1+3+2)×2 points
    assert done.score == round(100 * 14 / 18)
    assert done.scores.count() == 5
    assert done.scores.get(item=items["appeal_route"]).answer is None

    # and it cannot be scored again
    with pytest.raises(GuardFailed):
        quality_review_submit(done, reviewer, answers)


@pytest.mark.django_db
def test_nobody_reviews_a_complaint_they_handled_or_one_still_open():
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    theirs = complaint_at(tree.site)
    drive_to(theirs, Status.CLOSED, handler=manager)
    still_open = complaint_at(tree.site)

    with pytest.raises(NotPermitted):
        quality_pick(manager, theirs)
    with pytest.raises(GuardFailed):
        quality_pick(manager, still_open)


@pytest.mark.django_db
def test_the_default_scorecard_guides_the_reviewer_in_the_organisations_language():
    mainland = org_tree(default_language="zh-hans").organisation

    items = list(scorecard_for(mainland).items.all())

    assert items[0].guidance == "答复说明了调查发现及据此作出决定的原因。"
    assert items[0].name_zh_hant == "答覆說明了處理決定的理由"
