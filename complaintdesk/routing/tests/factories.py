"""Factories for routing tests; the organisation, people and complaints come from the
complaints app's factories, so routing is tested against the real intake and lifecycle."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import OrganisationFactory, OrgTree, staff

from ..models import Absence, AssignmentRule, Strategy


class AssignmentRuleFactory(DjangoModelFactory):
    """A rule with no conditions (it matches everything) and a least-loaded handler pool."""

    class Meta:
        model = AssignmentRule

    organisation = factory.SubFactory(OrganisationFactory)
    priority = 100
    name = factory.Sequence(lambda n: f"Rule {n}")
    pool_role = Role.HANDLER
    strategy = Strategy.LEAST_LOADED


class AbsenceFactory(DjangoModelFactory):
    """A week's leave that began yesterday."""

    class Meta:
        model = Absence

    user = factory.SubFactory("complaintdesk.complaints.tests.factories.UserFactory")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(days=7))
    reason = "Annual leave"


def rule_in(tree: OrgTree, **fields) -> AssignmentRule:
    return AssignmentRuleFactory(organisation=tree.organisation, **fields)


def router(tree: OrgTree) -> User:
    """Someone who may assign and reassign every complaint of the district."""
    return staff(Role.DISTRICT_MANAGER, tree.district)
