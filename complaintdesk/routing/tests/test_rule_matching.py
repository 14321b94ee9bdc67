"""Which assignment rule applies to a complaint: the first active one, by priority, whose every
set condition the complaint meets."""

import pytest

from complaintdesk.complaints.choices import Channel, Grade, Language
from complaintdesk.complaints.tests.factories import CategoryFactory, complaint_at, org_tree

from ..selectors import rule_matching
from .factories import rule_in

pytestmark = pytest.mark.django_db


def test_the_matching_rule_with_the_lowest_priority_number_wins():
    # Given three rules that all match, the lowest number created last
    tree = org_tree()
    rule_in(tree, priority=20, name="Later")
    rule_in(tree, priority=30, name="Latest")
    first = rule_in(tree, priority=10, name="First")

    # When the rule for a complaint is looked up
    rule = rule_matching(complaint_at(tree.site))

    # Then it is the one tried first
    assert rule == first


def test_among_rules_of_equal_priority_the_oldest_wins():
    tree = org_tree()
    older = rule_in(tree, priority=10)
    rule_in(tree, priority=10)

    assert rule_matching(complaint_at(tree.site)) == older


def test_a_rule_that_does_not_match_is_passed_over_for_a_later_one():
    # Given a first rule for major complaints and a catch-all after it
    tree = org_tree()
    rule_in(tree, priority=10, grade=Grade.MAJOR)
    catch_all = rule_in(tree, priority=20)

    # When a general complaint is routed, the catch-all applies
    assert rule_matching(complaint_at(tree.site, grade=Grade.GENERAL)) == catch_all


def test_an_inactive_rule_is_never_matched():
    tree = org_tree()
    rule_in(tree, priority=10, is_active=False)

    assert rule_matching(complaint_at(tree.site)) is None


def test_no_rule_at_all_matches_nothing():
    tree = org_tree()

    assert rule_matching(complaint_at(tree.site)) is None


def test_another_organisations_rule_never_matches():
    # Given a catch-all rule in another organisation
    tree, other = org_tree(), org_tree()
    rule_in(other, priority=1)

    # Then this organisation's complaint matches no rule
    assert rule_matching(complaint_at(tree.site)) is None


@pytest.mark.parametrize(
    ("condition", "rule_value", "complaint_value", "matches"),
    [
        ("grade", Grade.MAJOR, Grade.MAJOR, True),
        ("grade", Grade.MAJOR, Grade.GENERAL, False),
        ("language", Language.EN, Language.EN, True),
        ("language", Language.EN, Language.ZH_HANS, False),
        ("channel", Channel.LETTER, Channel.LETTER, True),
        ("channel", Channel.LETTER, Channel.PHONE, False),
    ],
)
def test_a_choice_condition_matches_only_its_own_value(
    condition: str, rule_value: str, complaint_value: str, matches: bool
):
    # Given a rule that sets one condition
    tree = org_tree()
    rule = rule_in(tree, **{condition: rule_value})

    # When a complaint with some value of it is routed
    found = rule_matching(complaint_at(tree.site, **{condition: complaint_value}))

    # Then the rule applies exactly when the values are equal
    assert (found == rule) is matches


def test_every_set_condition_must_match():
    # Given a rule for major letters
    tree = org_tree()
    rule_in(tree, grade=Grade.MAJOR, channel=Channel.LETTER)

    # Then a major phone complaint and a general letter do not match, a major letter does
    assert rule_matching(complaint_at(tree.site, grade=Grade.MAJOR)) is None
    assert rule_matching(complaint_at(tree.site, channel=Channel.LETTER)) is None
    major_letter = complaint_at(tree.site, grade=Grade.MAJOR, channel=Channel.LETTER)
    assert rule_matching(major_letter) is not None


def test_a_category_condition_matches_the_category_and_every_category_below_it():
    # Given a category tree SVC > SVC-ATT > SVC-ATT-PHONE and a rule for SVC
    tree = org_tree()
    service = CategoryFactory(organisation=tree.organisation, code="SVC")
    attitude = CategoryFactory(organisation=tree.organisation, code="SVC-ATT", parent=service)
    on_phone = CategoryFactory(organisation=tree.organisation, code="SVC-ATT-P", parent=attitude)
    rule = rule_in(tree, category=service)

    # Then complaints in SVC and in any category below it match
    for category in (service, attitude, on_phone):
        assert rule_matching(complaint_at(tree.site, category=category)) == rule


def test_a_category_condition_does_not_match_a_parent_sibling_or_missing_category():
    # Given a rule for SVC-ATT, below SVC, beside SVC-PRICE
    tree = org_tree()
    service = CategoryFactory(organisation=tree.organisation, code="SVC")
    attitude = CategoryFactory(organisation=tree.organisation, code="SVC-ATT", parent=service)
    price = CategoryFactory(organisation=tree.organisation, code="SVC-PRICE", parent=service)
    rule_in(tree, category=attitude)

    # Then complaints in SVC, in SVC-PRICE, or not yet classified do not match
    for category in (service, price, None):
        assert rule_matching(complaint_at(tree.site, category=category)) is None


def test_a_unit_condition_matches_complaints_filed_anywhere_in_its_subtree():
    # Given a rule for the district
    tree = org_tree()
    rule = rule_in(tree, unit=tree.district)

    # Then complaints at the district and at both its sites match
    for unit in (tree.district, tree.site, tree.other_site):
        assert rule_matching(complaint_at(unit)) == rule


def test_a_unit_condition_does_not_match_complaints_outside_its_subtree():
    # Given a rule for the district
    tree = org_tree()
    rule_in(tree, unit=tree.district)

    # Then complaints at its parent region or at the sibling district's site do not match
    for unit in (tree.region, tree.sibling_district, tree.sibling_site):
        assert rule_matching(complaint_at(unit)) is None


def test_a_unit_condition_on_a_site_does_not_match_complaints_at_its_district():
    tree = org_tree()
    rule_in(tree, unit=tree.site)

    assert rule_matching(complaint_at(tree.district)) is None


def test_matching_takes_one_query_and_one_more_for_a_categorised_complaint(
    django_assert_num_queries,
):
    # Given rules of every kind and a categorised and an uncategorised complaint
    tree = org_tree()
    category = CategoryFactory(organisation=tree.organisation)
    rule_in(tree, priority=1, category=category, unit=tree.district, grade=Grade.MAJOR)
    rule_in(tree, priority=2, unit=tree.site, channel=Channel.EMAIL, language=Language.EN)
    rule_in(tree, priority=3)
    plain = complaint_at(tree.site)
    categorised = complaint_at(tree.site, category=category)

    # Then the rules are evaluated in the database, whatever their number
    with django_assert_num_queries(1):
        rule_matching(plain)
    with django_assert_num_queries(2):
        rule_matching(categorised)
