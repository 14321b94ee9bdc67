"""An organisation's administrators keep its assignment rules and its people's absences in the
Django admin, and never another organisation's."""

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.tests.admin_helpers import signed_in_as_administrator
from complaintdesk.complaints.tests.factories import org_tree, staff

from ..models import AssignmentRule
from .factories import AbsenceFactory, rule_in

pytestmark = pytest.mark.django_db


def _rule_form(organisation_pk: int, **values) -> dict[str, object]:
    return {
        "organisation": organisation_pk,
        "priority": 10,
        "name": "Lifts to engineering",
        "is_active": "on",
        "pool_role": Role.HANDLER,
        "strategy": "least_loaded",
        **values,
    }


def test_the_rule_list_shows_the_administrators_rules_only(client):
    tree, other = org_tree(), org_tree()
    ours = rule_in(tree, name="Our rule")
    rule_in(other, name="Their rule")
    signed_in_as_administrator(client, tree)

    page = client.get(reverse("admin:routing_assignmentrule_changelist"))

    assert list(page.context["cl"].result_list) == [ours]
    assert "Their rule" not in page.content.decode()


def test_a_rule_added_by_the_administrator_is_saved_in_their_organisation(client):
    # Given an organisation's administrator, with its organisation preselected on the form
    tree, _other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)
    form = client.get(reverse("admin:routing_assignmentrule_add")).context["adminform"].form
    assert form["organisation"].value() == tree.organisation.pk

    # When they add a rule for their district
    page = client.post(
        reverse("admin:routing_assignmentrule_add"),
        _rule_form(tree.organisation.pk, unit=tree.district.pk, pool_unit=tree.district.pk),
    )

    # Then it is their organisation's
    assert page.status_code == 302
    assert AssignmentRule.objects.get().organisation == tree.organisation


def test_a_rule_for_another_organisation_or_its_units_is_refused(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    foreign_rule = client.post(
        reverse("admin:routing_assignmentrule_add"), _rule_form(other.organisation.pk)
    )
    foreign_unit = client.post(
        reverse("admin:routing_assignmentrule_add"),
        _rule_form(tree.organisation.pk, pool_unit=other.district.pk),
    )

    assert "organisation" in foreign_rule.context["adminform"].form.errors
    assert "pool_unit" in foreign_unit.context["adminform"].form.errors
    assert not AssignmentRule.objects.exists()


def test_the_unit_dropdown_offers_only_the_administrators_units(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    form = client.get(reverse("admin:routing_assignmentrule_add")).context["adminform"].form
    answer = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "routing", "model_name": "assignmentrule", "field_name": "pool_unit"},
    )

    offered = {int(result["id"]) for result in answer.json()["results"]}
    assert tree.district in form.fields["unit"].queryset
    assert other.district not in form.fields["unit"].queryset
    assert tree.district.pk in offered and other.district.pk not in offered


def test_another_organisations_rule_cannot_be_opened(client):
    tree, other = org_tree(), org_tree()
    theirs = rule_in(other)
    signed_in_as_administrator(client, tree)

    page = client.get(reverse("admin:routing_assignmentrule_change", args=[theirs.pk]))

    assert page.status_code == 302


def test_the_absences_are_the_administrators_peoples_only(client):
    # Given an absence of a handler in each organisation
    tree, other = org_tree(), org_tree()
    ours = AbsenceFactory(user=staff(Role.HANDLER, tree.site))
    theirs = AbsenceFactory(user=staff(Role.HANDLER, other.site))
    signed_in_as_administrator(client, tree)

    # When the first organisation's administrator lists them and picks a person for a new one
    listed = client.get(reverse("admin:routing_absence_changelist"))
    opened = client.get(reverse("admin:routing_absence_change", args=[theirs.pk]))
    people = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "routing", "model_name": "absence", "field_name": "user"},
    )

    # Then only their own people and absences are there
    assert list(listed.context["cl"].result_list) == [ours]
    assert opened.status_code == 302
    offered = {int(result["id"]) for result in people.json()["results"]}
    assert ours.user_id in offered and theirs.user_id not in offered
