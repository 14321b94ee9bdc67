"""An organisation's administrators keep its authority limits in the Django admin, and never
another organisation's."""

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.tests.admin_helpers import signed_in_as_administrator
from complaintdesk.complaints.tests.factories import CategoryFactory, org_tree

from ..models import AuthorityLimit
from .factories import AuthorityLimitFactory

pytestmark = pytest.mark.django_db


def test_the_limit_list_shows_the_administrators_limits_only(client):
    tree, other = org_tree(), org_tree()
    ours = AuthorityLimitFactory(organisation=tree.organisation)
    theirs = AuthorityLimitFactory(organisation=other.organisation)
    signed_in_as_administrator(client, tree)

    listed = client.get(reverse("admin:authority_authoritylimit_changelist"))
    opened = client.get(reverse("admin:authority_authoritylimit_change", args=[theirs.pk]))

    assert list(listed.context["cl"].result_list) == [ours]
    assert opened.status_code == 302


def test_a_limit_naming_another_organisations_category_is_refused(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)
    theirs = CategoryFactory(organisation=other.organisation)

    page = client.post(
        reverse("admin:authority_authoritylimit_add"),
        {
            "organisation": tree.organisation.pk,
            "role": Role.HANDLER,
            "category": theirs.pk,
            "remedy_type": "refund",
            "max_amount": "500",
        },
    )

    assert "category" in page.context["adminform"].form.errors
    assert not AuthorityLimit.objects.exists()


def test_a_limit_added_by_the_administrator_is_their_organisations(client):
    tree, _other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)
    ours = CategoryFactory(organisation=tree.organisation)

    page = client.post(
        reverse("admin:authority_authoritylimit_add"),
        {
            "organisation": tree.organisation.pk,
            "role": Role.HANDLER,
            "category": ours.pk,
            "remedy_type": "refund",
            "max_amount": "500",
        },
    )

    assert page.status_code == 302
    assert AuthorityLimit.objects.get().organisation == tree.organisation
