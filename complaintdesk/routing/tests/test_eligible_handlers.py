"""Who a rule may give a complaint to, and how busy they are: the pool, absences, open load."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.tests.factories import (
    complaint_at,
    drive_to,
    manager_for,
    org_tree,
    staff,
)

from ..selectors import eligible_handlers, open_load
from .factories import AbsenceFactory, rule_in

pytestmark = pytest.mark.django_db


def test_the_pool_is_the_holders_of_the_pool_role_at_the_pool_unit_or_below():
    # Given handlers at the district and at both its sites, a handler next door, and a
    # receiver and a district manager at the district
    tree = org_tree()
    at_district = staff(Role.HANDLER, tree.district)
    at_site = staff(Role.HANDLER, tree.site)
    at_other_site = staff(Role.HANDLER, tree.other_site)
    staff(Role.HANDLER, tree.sibling_site)
    staff(Role.RECEIVER, tree.district)
    staff(Role.DISTRICT_MANAGER, tree.district)
    rule = rule_in(tree, pool_unit=tree.district, pool_role=Role.HANDLER)

    # When the pool for a complaint at the site is read
    pool = eligible_handlers(rule, complaint_at(tree.site), timezone.now())

    # Then it is the three handlers of the district's subtree, by id
    assert pool == [at_district, at_site, at_other_site]


def test_the_pool_role_decides_who_is_in_the_pool():
    tree = org_tree()
    staff(Role.HANDLER, tree.district)
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    rule = rule_in(tree, pool_unit=tree.district, pool_role=Role.DISTRICT_MANAGER)

    assert eligible_handlers(rule, complaint_at(tree.site), timezone.now()) == [manager]


def test_without_a_pool_unit_the_pool_is_the_complaints_own_unit_and_below():
    # Given a handler at the site and one at the district above it
    tree = org_tree()
    at_site = staff(Role.HANDLER, tree.site)
    staff(Role.HANDLER, tree.district)
    rule = rule_in(tree)

    # Then only the site's handler is in the pool of a complaint filed at the site
    assert eligible_handlers(rule, complaint_at(tree.site), timezone.now()) == [at_site]


def test_inactive_people_and_roles_at_inactive_units_are_not_eligible():
    # Given an inactive handler, and a handler whose unit was closed
    tree = org_tree()
    active = staff(Role.HANDLER, tree.site)
    staff(Role.HANDLER, tree.site, is_active=False)
    staff(Role.HANDLER, tree.other_site)
    tree.other_site.is_active = False
    tree.other_site.save()
    rule = rule_in(tree, pool_unit=tree.district)

    # Then only the active handler at the open unit is eligible
    assert eligible_handlers(rule, complaint_at(tree.site), timezone.now()) == [active]


def test_someone_away_at_the_routing_time_is_not_eligible():
    # Given two handlers, one on leave that covers now
    tree = org_tree()
    present = staff(Role.HANDLER, tree.site)
    away = staff(Role.HANDLER, tree.site)
    now = timezone.now()
    AbsenceFactory(user=away, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=1))

    # Then only the one present is eligible
    assert eligible_handlers(rule_in(tree), complaint_at(tree.site), now) == [present]


@pytest.mark.parametrize(
    ("starts", "ends"),
    [
        pytest.param(timedelta(days=-5), timedelta(days=-1), id="past"),
        pytest.param(timedelta(days=1), timedelta(days=5), id="future"),
        pytest.param(timedelta(days=-5), timedelta(0), id="ended-at-the-routing-time"),
    ],
)
def test_an_absence_that_does_not_cover_the_routing_time_does_not_matter(starts, ends):
    tree = org_tree()
    handler = staff(Role.HANDLER, tree.site)
    now = timezone.now()
    AbsenceFactory(user=handler, starts_at=now + starts, ends_at=now + ends)

    assert eligible_handlers(rule_in(tree), complaint_at(tree.site), now) == [handler]


def test_an_absence_is_read_at_the_time_given_not_the_time_of_reading():
    # Given a handler on leave next week
    tree = org_tree()
    handler = staff(Role.HANDLER, tree.site)
    now = timezone.now()
    AbsenceFactory(user=handler, starts_at=now + timedelta(days=7), ends_at=now + timedelta(days=9))

    # Then they are eligible now, and not when routing happens during the leave
    complaint = complaint_at(tree.site)
    assert eligible_handlers(rule_in(tree), complaint, now) == [handler]
    assert eligible_handlers(rule_in(tree), complaint, now + timedelta(days=8)) == []


def test_people_of_another_organisation_are_never_eligible():
    # Given a rule whose pool unit was set, bypassing validation, to another organisation's unit
    tree, other = org_tree(), org_tree()
    staff(Role.HANDLER, other.site)
    rule = rule_in(tree, pool_unit=other.district)

    # Then nobody there may take this organisation's complaint
    assert eligible_handlers(rule, complaint_at(tree.site), timezone.now()) == []


def test_a_rule_may_not_name_another_organisations_units():
    tree, other = org_tree(), org_tree()
    rule = rule_in(tree, unit=other.district, pool_unit=other.site)

    with pytest.raises(ValidationError) as refused:
        rule.full_clean()

    assert set(refused.value.message_dict) == {"unit", "pool_unit"}


def test_an_absence_must_end_after_it_starts():
    tree = org_tree()
    now = timezone.now()

    with pytest.raises(IntegrityError):
        AbsenceFactory(user=staff(Role.HANDLER, tree.site), starts_at=now, ends_at=now)


def test_open_load_counts_open_complaints_only_in_one_query(django_assert_num_queries):
    # Given a handler with two open complaints, one closed and one withdrawn, and an idle one
    tree = org_tree()
    busy = staff(Role.HANDLER, tree.site)
    idle = staff(Role.HANDLER, tree.site)
    drive_to(complaint_at(tree.site), "assigned", handler=busy)
    drive_to(complaint_at(tree.site), "investigating", handler=busy)
    drive_to(complaint_at(tree.site), "closed", handler=busy)
    withdrawn = drive_to(complaint_at(tree.site), "assigned", handler=busy)
    services.complaint_withdraw(withdrawn, manager_for(withdrawn), "Solved by themselves.")

    # When their load is read
    with django_assert_num_queries(1):
        load = open_load([busy, idle])

    # Then the closed and the withdrawn complaints do not count, and the idle one has none
    assert load == {busy.pk: 2, idle.pk: 0}


def test_open_load_can_leave_out_the_complaint_being_routed():
    tree = org_tree()
    handler = staff(Role.HANDLER, tree.site)
    complaint = drive_to(complaint_at(tree.site), "assigned", handler=handler)

    assert open_load([handler], excluding=complaint) == {handler.pk: 0}
