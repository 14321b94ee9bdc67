"""Which remedies a role may offer, up to how much, and who approves what lies beyond."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from complaintdesk.accounts.roles import Role
from complaintdesk.authority.models import ApprovalRequest
from complaintdesk.authority.selectors import (
    NOT_ALLOWED,
    UNLIMITED,
    Allowance,
    approver_role_for,
    limit_for,
    within_authority,
)
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    org_tree,
    reply,
    staff,
)

from .factories import AuthorityLimitFactory, case, limits, refund_ladder

pytestmark = pytest.mark.django_db


# --- the matrix off and on ----------------------------------------------------------------------


def test_an_organisation_without_limits_lets_every_handler_offer_anything():
    # Given an organisation that has written no authority limits
    given = case()

    # When the handler offers a large compensation
    proposal = given.propose("compensation", "1000000")

    # Then no approval is asked for and the reply can go out at once
    assert not ApprovalRequest.objects.filter(proposal=proposal).exists()
    assert limit_for(given.tree.organisation, {Role.HANDLER}, "compensation", None) == UNLIMITED
    reply(given.complaint, given.handler)
    given.complaint.refresh_from_db()
    assert given.complaint.status == Status.REPLIED


def test_a_remedy_the_role_may_offer_within_its_amount_needs_no_approval():
    # Given a handler who may refund up to 200
    given = case()
    refund_ladder(given.tree)

    # When the handler offers a refund of 150
    proposal = given.propose("refund", "150")

    # Then no approval is asked for and the reply goes out
    assert not ApprovalRequest.objects.filter(proposal=proposal).exists()
    reply(given.complaint, given.handler)
    given.complaint.refresh_from_db()
    assert given.complaint.status == Status.REPLIED


def test_a_refund_at_exactly_the_limit_is_within_it():
    given = case()
    refund_ladder(given.tree)

    assert within_authority(given.handler, given.complaint, "refund", Decimal("200.00"))
    assert not within_authority(given.handler, given.complaint, "refund", Decimal("200.01"))


def test_once_the_matrix_is_on_a_remedy_no_row_allows_needs_approval_even_without_an_amount():
    # Given an organisation whose handlers may refund, and nothing else
    given = case()
    refund_ladder(given.tree)

    # When the handler offers compensation, or a bare apology
    # Then neither is within the handler's authority
    assert not within_authority(given.handler, given.complaint, "compensation", Decimal("10"))
    assert not within_authority(given.handler, given.complaint, "apology", None)
    assert limit_for(given.tree.organisation, {Role.HANDLER}, "apology", None) == NOT_ALLOWED


def test_not_upholding_the_complaint_needs_no_authority():
    given = case()
    refund_ladder(given.tree)

    assert within_authority(given.handler, given.complaint, "no_action", None)


def test_an_allowed_remedy_with_no_amount_or_zero_is_within_even_a_zero_ceiling():
    # Given handlers who may offer a repair at no cost to the complainant
    given = case()
    limits(given.tree, "repair", {Role.HANDLER: "0"})

    # Then a repair without an amount, or of zero, is within authority; a paid one is not
    assert within_authority(given.handler, given.complaint, "repair", None)
    assert within_authority(given.handler, given.complaint, "repair", Decimal("0"))
    assert not within_authority(given.handler, given.complaint, "repair", Decimal("1"))


def test_a_row_without_a_ceiling_allows_any_amount():
    given = case()
    limits(given.tree, "goodwill", {Role.HANDLER: None})

    assert within_authority(given.handler, given.complaint, "goodwill", Decimal("99999"))


def test_someone_holding_two_roles_has_the_wider_authority_of_the_two():
    tree = org_tree()
    refund_ladder(tree)

    allowance = limit_for(tree.organisation, {Role.HANDLER, Role.DISTRICT_MANAGER}, "refund", None)

    assert allowance == Allowance(allowed=True, max_amount=Decimal("1000"))


def test_another_organisations_limits_do_not_apply():
    # Given limits written by another organisation only
    given = case()
    refund_ladder(org_tree())

    # Then this organisation's matrix is still off
    assert within_authority(given.handler, given.complaint, "compensation", Decimal("50000"))


# --- categories ---------------------------------------------------------------------------------


def test_a_category_row_wins_over_the_row_for_any_category_both_ways():
    # Given handlers who may refund 200 in general, 2,000 for lift complaints and 50 for parking
    tree = org_tree()
    lifts = CategoryFactory(organisation=tree.organisation, code="LIFT")
    parking = CategoryFactory(organisation=tree.organisation, code="PARK")
    limits(tree, "refund", {Role.HANDLER: "200"})
    limits(tree, "refund", {Role.HANDLER: "2000"}, category=lifts)
    limits(tree, "refund", {Role.HANDLER: "50"}, category=parking)

    # Then each kind of complaint gets its own ceiling, and others the general one
    def ceiling(category):
        return limit_for(tree.organisation, {Role.HANDLER}, "refund", category).max_amount

    assert ceiling(lifts) == Decimal("2000")
    assert ceiling(parking) == Decimal("50")
    assert ceiling(CategoryFactory(organisation=tree.organisation)) == Decimal("200")
    assert ceiling(None) == Decimal("200")


def test_a_row_for_a_parent_category_covers_its_subcategories_unless_they_have_their_own():
    # Given a "Service" category with two subcategories, a limit for Service and one for rudeness
    tree = org_tree()
    service = CategoryFactory(organisation=tree.organisation, code="SVC")
    rudeness = CategoryFactory(organisation=tree.organisation, code="SVC-ATT", parent=service)
    delay = CategoryFactory(organisation=tree.organisation, code="SVC-DLY", parent=service)
    limits(tree, "goodwill", {Role.HANDLER: "300"}, category=service)
    limits(tree, "goodwill", {Role.HANDLER: "100"}, category=rudeness)

    # Then the nearest category with a row decides
    def ceiling(category):
        return limit_for(tree.organisation, {Role.HANDLER}, "goodwill", category).max_amount

    assert ceiling(delay) == Decimal("300")
    assert ceiling(rudeness) == Decimal("100")
    # and a complaint of no related category has no goodwill authority at all
    assert not limit_for(tree.organisation, {Role.HANDLER}, "goodwill", None).allowed


def test_a_category_specific_limit_decides_whether_a_proposal_needs_approval():
    # Given handlers who may refund 200, but 2,000 on lift complaints
    tree = org_tree()
    lifts = CategoryFactory(organisation=tree.organisation, code="LIFT")
    refund_ladder(tree)
    limits(tree, "refund", {Role.HANDLER: "2000"}, category=lifts)
    lift_case = case(tree, category=lifts)
    other_case = case(tree)

    # When each handler offers a refund of 1,500
    on_lift = lift_case.propose("refund", "1500")
    elsewhere = other_case.propose("refund", "1500")

    # Then only the complaint outside the lift category goes for approval
    assert not ApprovalRequest.objects.filter(proposal=on_lift).exists()
    assert ApprovalRequest.objects.get(proposal=elsewhere).approver_role == Role.REGIONAL_GM


# --- who approves -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "approver"),
    [
        ("800", Role.DISTRICT_MANAGER),
        ("5000", Role.REGIONAL_GM),
        ("15000", Role.HQ_COMPLAINTS),
        ("500000", Role.HQ_COMPLAINTS),  # nobody's limit covers it: the top of the ladder
    ],
)
def test_the_approver_is_the_lowest_level_above_the_proposer_whose_limit_covers_it(
    amount, approver
):
    # Given the refund ladder 200 / 1,000 / 10,000 / 20,000
    given = case()
    refund_ladder(given.tree)

    # When the handler offers a refund above their limit
    given.propose("refund", amount)

    # Then the approval request goes to the lowest level that may grant it
    request = ApprovalRequest.objects.get(complaint=given.complaint)
    assert request.approver_role == approver
    given.complaint.refresh_from_db()
    assert given.complaint.status == Status.PROPOSED


def test_a_manager_proposing_beyond_their_own_limit_asks_a_level_above_them():
    # Given the refund ladder, and a complaint in the district manager's district
    given = case()
    refund_ladder(given.tree)
    manager = given.district_manager

    # When the district manager offers 500 (within their limit), and on another complaint 5,000
    within = given.propose("refund", "500", by=manager)
    other = case(given.tree)
    beyond = other.propose("refund", "5000", by=manager)

    # Then the first needs nobody, the second the regional general manager
    assert not ApprovalRequest.objects.filter(proposal=within).exists()
    assert ApprovalRequest.objects.get(proposal=beyond).approver_role == Role.REGIONAL_GM
    assert (
        approver_role_for(other.complaint, {Role.REGIONAL_GM}, "refund", Decimal("12000"))
        == Role.HQ_COMPLAINTS
    )


def test_a_remedy_no_row_allows_for_the_handler_goes_to_the_first_level_allowed_to_offer_it():
    # Given compensation that only the regional general manager and head office may offer
    given = case()
    refund_ladder(given.tree)
    limits(given.tree, "compensation", {Role.REGIONAL_GM: "5000", Role.HQ_COMPLAINTS: None})

    # When the handler offers compensation of 3,000
    given.propose("compensation", "3000")

    # Then the request skips the district manager, who may not offer compensation at all
    request = ApprovalRequest.objects.get(complaint=given.complaint)
    assert request.approver_role == Role.REGIONAL_GM
    assert request.reason_needed == "The proposer's authority does not cover “Compensation”."


def test_the_request_says_which_limit_the_proposal_goes_beyond():
    given = case()
    refund_ladder(given.tree)

    given.propose("refund", "5000")

    request = ApprovalRequest.objects.get(complaint=given.complaint)
    assert request.reason_needed == (
        "5000.00 HKD is above the proposer's limit of 200.00 HKD for “Refund”."
    )


# --- the rows themselves ------------------------------------------------------------------------


def test_one_row_per_role_remedy_and_category_including_any_category():
    # Given a general refund row and a lift row for handlers
    tree = org_tree()
    lifts = CategoryFactory(organisation=tree.organisation)
    AuthorityLimitFactory(organisation=tree.organisation, category=None)
    AuthorityLimitFactory(organisation=tree.organisation, category=lifts)

    # When either is written a second time / Then the database refuses it
    for category in (None, lifts):
        with pytest.raises(IntegrityError), transaction.atomic():
            AuthorityLimitFactory(organisation=tree.organisation, category=category)


def test_a_limit_cannot_name_another_organisations_category():
    tree = org_tree()
    foreign = CategoryFactory()
    row = AuthorityLimitFactory.build(organisation=tree.organisation, category=foreign)

    with pytest.raises(ValidationError) as refused:
        row.full_clean()

    assert "category" in refused.value.message_dict


def test_a_negative_ceiling_is_refused_by_the_database():
    tree = org_tree()

    with pytest.raises(IntegrityError), transaction.atomic():
        AuthorityLimitFactory(organisation=tree.organisation, max_amount=Decimal("-1"))


def test_roles_off_the_ladder_count_as_the_front_line():
    # Given an administrator (not on the authority ladder) with no limits of their own
    given = case()
    refund_ladder(given.tree)
    administrator = staff(Role.ADMINISTRATOR, given.tree.head_office)

    # Then their refunds go to the first level whose limit covers them
    assert not within_authority(administrator, given.complaint, "refund", Decimal("50"))
    assert (
        approver_role_for(given.complaint, {Role.ADMINISTRATOR}, "refund", Decimal("50"))
        == Role.DISTRICT_MANAGER
    )
