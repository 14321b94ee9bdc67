"""Administrators keep the rules and absences in the Django admin: the pages work and refuse
what routing could not use."""

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel, Grade
from complaintdesk.complaints.tests.factories import org_tree, staff

from ..models import Absence, AssignmentRule
from .factories import rule_in

pytestmark = pytest.mark.django_db


def test_the_rule_list_shows_each_rules_conditions_in_priority_order(admin_client):
    # Given a rule for major letters in the district and a catch-all tried before it
    tree = org_tree()
    rule_in(tree, priority=20, name="Major letters", grade=Grade.MAJOR, channel=Channel.LETTER)
    rule_in(tree, priority=10, name="Everything else")

    # When the administrator opens the list
    page = admin_client.get(reverse("admin:routing_assignmentrule_changelist"))

    # Then it shows the rules by priority, with their conditions in words
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("Everything else") < text.index("Major letters")
    assert "Major · Letter (written)" in text
    assert "any complaint" in text


def test_a_rule_naming_another_organisations_unit_is_refused(admin_client):
    tree, other = org_tree(), org_tree()

    page = admin_client.post(
        reverse("admin:routing_assignmentrule_add"),
        {
            "organisation": tree.organisation.pk,
            "priority": 10,
            "name": "Wrong tree",
            "is_active": "on",
            "unit": other.district.pk,
            "pool_role": Role.HANDLER,
            "strategy": "least_loaded",
        },
    )

    assert page.status_code == 200
    assert "Choose one of this organisation" in page.content.decode()
    assert not AssignmentRule.objects.exists()


def test_an_absence_ending_before_it_starts_is_refused(admin_client):
    tree = org_tree()
    handler = staff(Role.HANDLER, tree.site)

    page = admin_client.post(
        reverse("admin:routing_absence_add"),
        {
            "user": handler.pk,
            "starts_at_0": "2026-05-04",
            "starts_at_1": "09:00",
            "ends_at_0": "2026-05-01",
            "ends_at_1": "09:00",
            "reason": "Leave",
        },
    )

    assert page.status_code == 200
    assert "The absence must end after it starts." in page.content.decode()
    assert not Absence.objects.exists()
