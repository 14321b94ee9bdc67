"""An organisation's administrators keep its categories and root causes in the Django admin,
and never see another organisation's, nor the complaints themselves."""

import pytest
from django.urls import reverse

from complaintdesk.accounts.tests.admin_helpers import signed_in_as_administrator

from ..models import Category
from .factories import CategoryFactory, RootCauseFactory, complaint_at, org_tree

pytestmark = pytest.mark.django_db


def test_the_category_list_shows_the_administrators_categories_only(client):
    # Given a category in each of two organisations
    tree, other = org_tree(), org_tree()
    ours = CategoryFactory(organisation=tree.organisation)
    theirs = CategoryFactory(organisation=other.organisation)
    signed_in_as_administrator(client, tree)

    # When the first organisation's administrator lists the categories
    page = client.get(reverse("admin:complaints_category_changelist"))

    # Then only their own is there
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [ours]
    assert theirs.code not in page.content.decode()


def test_a_category_added_by_the_administrator_is_their_organisations(client):
    tree, _other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    page = client.post(
        reverse("admin:complaints_category_add"),
        {
            "organisation": tree.organisation.pk,
            "code": "LIFT",
            "name_en": "Lifts",
            "sort_order": 10,
            "is_active": "on",
        },
    )

    assert page.status_code == 302
    assert Category.objects.get(code="LIFT").organisation == tree.organisation


def test_a_category_for_another_organisation_is_refused(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    page = client.post(
        reverse("admin:complaints_category_add"),
        {"organisation": other.organisation.pk, "code": "LIFT", "name_en": "Lifts"},
    )

    assert page.status_code == 200
    assert "organisation" in page.context["adminform"].form.errors
    assert not Category.objects.filter(code="LIFT").exists()


def test_another_organisations_category_and_root_cause_cannot_be_opened(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)
    category = CategoryFactory(organisation=other.organisation)
    root_cause = RootCauseFactory(organisation=other.organisation)

    pages = [
        client.get(reverse("admin:complaints_category_change", args=[category.pk])),
        client.get(reverse("admin:complaints_rootcause_change", args=[root_cause.pk])),
        client.post(
            reverse("admin:complaints_category_delete", args=[category.pk]), {"post": "yes"}
        ),
    ]

    assert [page.status_code for page in pages] == [302, 302, 302]
    assert Category.objects.filter(pk=category.pk).exists()


def test_the_parent_category_choices_are_the_administrators_own(client):
    tree, other = org_tree(), org_tree()
    ours = CategoryFactory(organisation=tree.organisation)
    theirs = CategoryFactory(organisation=other.organisation)
    signed_in_as_administrator(client, tree)

    answer = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "complaints", "model_name": "category", "field_name": "parent"},
    )

    offered = {int(result["id"]) for result in answer.json()["results"]}
    assert offered == {ours.pk}
    assert theirs.pk not in offered


def test_complaints_stay_out_of_the_organisation_administrators_admin(client):
    tree = org_tree()
    complaint = complaint_at(tree.site)
    signed_in_as_administrator(client, tree)

    listed = client.get(reverse("admin:complaints_complaint_changelist"))
    opened = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk]))

    assert listed.status_code == 403
    assert opened.status_code == 403
