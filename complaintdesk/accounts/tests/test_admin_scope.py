"""An organisation's administrators keep their own organisation in the Django admin: its
units, people and roles, and nothing of another organisation's."""

import pytest
from django.urls import reverse

from complaintdesk.accounts.models import Organisation, OrgUnit, RoleAssignment, User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import org_tree, staff

from .admin_helpers import signed_in_as_administrator

pytestmark = pytest.mark.django_db


def test_an_organisation_administrator_opens_the_admin_and_sees_what_they_keep(client):
    # Given the administrator of one organisation, another organisation beside it
    tree, _other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    # When they open the admin
    page = client.get("/admin/")

    # Then it answers, listing the configuration they keep and not the complaints themselves
    text = page.content.decode()
    assert page.status_code == 200
    assert "have permission to view or edit anything" not in text
    for changelist in (
        "accounts_orgunit",
        "accounts_user",
        "accounts_roleassignment",
        "complaints_category",
        "complaints_rootcause",
        "sla_policy",
        "sla_calendar",
        "sla_organisationsla",
        "sla_escalationlevel",
        "sla_ladderstartrule",
        "authority_authoritylimit",
        "routing_assignmentrule",
        "routing_absence",
    ):
        assert reverse(f"admin:{changelist}_changelist") in text
    assert reverse("admin:complaints_complaint_changelist") not in text
    assert reverse("admin:notifications_notification_changelist") not in text


def test_the_demos_administrator_signs_in_and_keeps_only_the_property_company(client):
    # Given the demo's organisations and people
    from complaintdesk.demo.org import DEMO_PASSWORD, build_directory
    from complaintdesk.demo.org_data import CN, HK

    directory = build_directory()

    # When hk.admin signs in through the admin's own login form and opens the unit list
    signed_in = client.post(
        reverse("admin:login"), {"username": "hk.admin", "password": DEMO_PASSWORD}
    )
    index = client.get(reverse("admin:index"))
    units = client.get(reverse("admin:accounts_orgunit_changelist"))

    # Then they are in, and see the property company's units and none of the bank's
    assert signed_in.status_code == 302
    assert index.status_code == 200
    assert reverse("admin:accounts_orgunit_changelist") in index.content.decode()
    shown = set(units.context["cl"].result_list)
    assert set(directory.units[HK].values()) == shown
    assert not shown & set(directory.units[CN].values())


def test_someone_without_the_administrator_role_still_sees_nothing(client):
    # Given a handler whom someone made staff, with no Django permissions
    tree = org_tree()
    client.force_login(staff(Role.HANDLER, tree.site, is_staff=True))

    # When they open the admin
    page = client.get("/admin/")

    # Then the staff flag alone gives them nothing to administer
    assert "have permission to view or edit anything" in page.content.decode()


def test_the_unit_list_shows_the_administrators_units_and_not_the_others(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    page = client.get(reverse("admin:accounts_orgunit_changelist"))

    shown = set(page.context["cl"].result_list)
    assert tree.site in shown and tree.head_office in shown
    assert not shown & set(OrgUnit.objects.filter(organisation=other.organisation))


def test_the_organisation_filter_names_no_other_organisation(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    page = client.get(reverse("admin:accounts_orgunit_changelist"))

    assert other.organisation.name not in page.content.decode()


def test_another_organisations_unit_cannot_be_opened_or_changed(client):
    # Given an administrator of one organisation and a unit of another
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)
    url = reverse("admin:accounts_orgunit_change", args=[other.site.pk])

    # When they open it, or post a change to it
    opened = client.get(url)
    posted = client.post(url, {"name": "Taken over"})

    # Then the admin answers as if it did not exist, and the unit is unchanged
    assert opened.status_code == 302 and opened.url == reverse("admin:index")
    assert posted.status_code == 302
    other.site.refresh_from_db()
    assert other.site.name != "Taken over"


def test_the_parent_unit_choices_offer_only_the_administrators_units(client):
    tree, _other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    page = client.get(reverse("admin:accounts_orgunit_add"))

    form = page.context["adminform"].form
    assert set(form.fields["parent"].queryset) == set(
        OrgUnit.objects.filter(organisation=tree.organisation)
    )
    assert list(form.fields["organisation"].queryset) == [tree.organisation]


def test_the_unit_autocomplete_offers_only_the_administrators_units(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    answer = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "accounts", "model_name": "orgunit", "field_name": "parent"},
    )

    offered = {int(result["id"]) for result in answer.json()["results"]}
    assert tree.site.pk in offered
    assert other.site.pk not in offered


def test_a_unit_cannot_be_added_to_another_organisation(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    page = client.post(
        reverse("admin:accounts_orgunit_add"),
        {
            "organisation": other.organisation.pk,
            "parent": other.head_office.pk,
            "kind": "district",
            "code": "X1",
            "name": "Smuggled district",
            "is_active": "on",
        },
    )

    assert page.status_code == 200
    assert page.context["adminform"].form.errors.keys() >= {"organisation", "parent"}
    assert not OrgUnit.objects.filter(code="X1").exists()


def test_a_unit_added_by_the_administrator_belongs_to_their_organisation(client):
    tree, _other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    page = client.post(
        reverse("admin:accounts_orgunit_add"),
        {
            "organisation": tree.organisation.pk,
            "parent": tree.region.pk,
            "kind": "district",
            "code": "NEW",
            "name": "New district",
            "is_active": "on",
        },
    )

    assert page.status_code == 302
    assert OrgUnit.objects.get(code="NEW").organisation == tree.organisation


def test_the_administrator_changes_their_own_organisation_and_no_other(client):
    # Given an administrator of one organisation
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)

    # When they list the organisations, and try to add one or open the other
    listed = client.get(reverse("admin:accounts_organisation_changelist"))
    own = client.get(reverse("admin:accounts_organisation_change", args=[tree.organisation.pk]))
    foreign = client.get(
        reverse("admin:accounts_organisation_change", args=[other.organisation.pk])
    )
    add = client.get(reverse("admin:accounts_organisation_add"))

    # Then they see and may change theirs only, and may neither add nor delete one
    assert list(listed.context["cl"].result_list) == [tree.organisation]
    assert own.status_code == 200 and own.context["has_change_permission"]
    assert not own.context["has_delete_permission"]
    assert foreign.status_code == 302
    assert add.status_code == 403


def test_the_people_list_shows_the_organisations_people_only(client):
    # Given people at home in each organisation, one holding a role in the first only, and a
    # superuser holding roles in both
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)
    ours = staff(Role.HANDLER, tree.site)
    theirs = staff(Role.HANDLER, other.site)
    visiting = staff(Role.AUDITOR, tree.head_office)
    visiting.home_unit = None
    visiting.save()
    superuser = staff(Role.ADMINISTRATOR, tree.head_office, is_superuser=True, is_staff=True)

    page = client.get(reverse("admin:accounts_user_changelist"))

    shown = set(page.context["cl"].result_list)
    assert {ours, visiting} <= shown
    assert theirs not in shown
    assert superuser not in shown


def test_the_person_form_offers_no_superuser_staff_group_or_permission_field(client):
    tree = org_tree()
    signed_in_as_administrator(client, tree)
    person = staff(Role.HANDLER, tree.site)

    page = client.get(reverse("admin:accounts_user_change", args=[person.pk]))

    fields = page.context["adminform"].form.fields
    assert page.status_code == 200
    assert not fields.keys() & {"is_superuser", "is_staff", "groups", "user_permissions"}
    assert "is_active" in fields


def test_posting_superuser_status_for_a_person_grants_nothing(client):
    # Given a handler of the administrator's organisation
    tree = org_tree()
    signed_in_as_administrator(client, tree)
    person = staff(Role.HANDLER, tree.site)

    # When the administrator posts the person's form with the superuser and staff flags set
    page = client.post(
        reverse("admin:accounts_user_change", args=[person.pk]),
        {
            "username": person.username,
            "display_name": "Renamed",
            "home_unit": tree.site.pk,
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
            **_role_inline(person),
        },
    )

    # Then the change is saved, and the flags are not
    assert page.status_code == 302, page.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.display_name == "Renamed"
    assert not person.is_superuser and not person.is_staff


def test_a_person_added_by_the_administrator_needs_a_home_unit_of_their_organisation(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)
    values = {
        "username": "new.person",
        "usable_password": "true",
        "password1": "a-long-Passphrase-9",
        "password2": "a-long-Passphrase-9",
        **_empty_role_inline(),
    }

    without_unit = client.post(reverse("admin:accounts_user_add"), values)
    foreign_unit = client.post(
        reverse("admin:accounts_user_add"), {**values, "home_unit": other.site.pk}
    )
    own_unit = client.post(
        reverse("admin:accounts_user_add"), {**values, "home_unit": tree.site.pk}
    )

    assert without_unit.status_code == 200 and foreign_unit.status_code == 200
    assert own_unit.status_code == 302
    assert User.objects.get(username="new.person").home_unit == tree.site


def test_someone_who_also_works_for_another_organisation_is_shown_but_not_changed(client):
    # Given a person at home in another organisation who also holds a role in ours
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)
    shared = staff(Role.HANDLER, other.site)
    RoleAssignment.objects.create(user=shared, role=Role.AUDITOR, unit=tree.head_office)

    # When the administrator opens them
    page = client.get(reverse("admin:accounts_user_change", args=[shared.pk]))

    # Then they may look, not change: a new password would reach the other organisation too
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    password = client.get(reverse("admin:auth_user_password_change", args=[shared.pk]))
    assert password.status_code == 403


def test_a_role_at_another_organisations_unit_is_refused(client):
    tree, other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)
    person = staff(Role.HANDLER, tree.site)

    page = client.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": person.pk, "role": Role.HANDLER, "unit": other.site.pk},
    )

    assert page.status_code == 200
    assert "unit" in page.context["adminform"].form.errors
    assert person.role_assignments.count() == 1


def test_the_role_list_shows_the_organisations_roles_only(client):
    tree, other = org_tree(), org_tree()
    admin = signed_in_as_administrator(client, tree)
    theirs = staff(Role.HANDLER, other.site)

    page = client.get(reverse("admin:accounts_roleassignment_changelist"))

    shown = set(page.context["cl"].result_list)
    assert admin.role_assignments.get() in shown
    assert not shown & set(theirs.role_assignments.all())


def test_a_person_given_the_administrator_role_in_the_admin_may_enter_it_and_loses_it_after(
    client,
):
    # Given a handler of the organisation, not staff
    tree = org_tree()
    signed_in_as_administrator(client, tree)
    person = staff(Role.HANDLER, tree.site)

    # When the administrator makes them an administrator too
    client.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": person.pk, "role": Role.ADMINISTRATOR, "unit": tree.head_office.pk},
    )
    person.refresh_from_db()
    granted = person.is_staff

    # And later takes the role away again
    role = person.role_assignments.get(role=Role.ADMINISTRATOR)
    client.post(reverse("admin:accounts_roleassignment_delete", args=[role.pk]), {"post": "yes"})
    person.refresh_from_db()

    # Then they could enter the admin while they held the role, and no longer can
    assert granted
    assert not person.is_staff
    client.force_login(person)
    assert client.get("/admin/").status_code == 302


def test_only_the_administrator_role_makes_someone_an_organisations_administrator():
    # Guard for the selector the admin builds on: roles other than administrator count for
    # nothing, and each organisation administered is listed once.
    from complaintdesk.accounts.selectors import organisations_administered

    tree, other = org_tree(), org_tree()
    person = staff(Role.ADMINISTRATOR, tree.head_office)
    RoleAssignment.objects.create(user=person, role=Role.ADMINISTRATOR, unit=tree.site)
    RoleAssignment.objects.create(user=person, role=Role.HANDLER, unit=other.site)

    assert organisations_administered(person) == {tree.organisation.pk}
    assert organisations_administered(staff(Role.HANDLER, tree.site)) == set()
    assert Organisation.objects.count() == 2


def _role_inline(person: User) -> dict[str, object]:
    """The management form and rows of the person's role inline, as the change page posts."""
    roles = list(person.role_assignments.all())
    data: dict[str, object] = {
        "role_assignments-TOTAL_FORMS": len(roles),
        "role_assignments-INITIAL_FORMS": len(roles),
        "role_assignments-MIN_NUM_FORMS": 0,
        "role_assignments-MAX_NUM_FORMS": 1000,
    }
    for index, role in enumerate(roles):
        data[f"role_assignments-{index}-id"] = role.pk
        data[f"role_assignments-{index}-user"] = person.pk
        data[f"role_assignments-{index}-role"] = role.role
        data[f"role_assignments-{index}-unit"] = role.unit_id
    return data


def _empty_role_inline() -> dict[str, object]:
    return {
        "role_assignments-TOTAL_FORMS": 0,
        "role_assignments-INITIAL_FORMS": 0,
        "role_assignments-MIN_NUM_FORMS": 0,
        "role_assignments-MAX_NUM_FORMS": 1000,
    }


KEPT_MODELS = [
    "accounts.orgunit",
    "accounts.user",
    "accounts.roleassignment",
    "complaints.category",
    "complaints.rootcause",
    "sla.calendar",
    "sla.unitcalendar",
    "sla.organisationsla",
    "sla.escalationlevel",
    "sla.ladderstartrule",
    "authority.authoritylimit",
    "routing.assignmentrule",
    "routing.absence",
]


@pytest.mark.parametrize("model", KEPT_MODELS)
def test_every_list_and_add_page_the_administrator_keeps_opens(client, model):
    tree, _other = org_tree(), org_tree()
    signed_in_as_administrator(client, tree)
    name = model.replace(".", "_")

    listed = client.get(reverse(f"admin:{name}_changelist"))
    add = client.get(reverse(f"admin:{name}_add"))

    assert (listed.status_code, add.status_code) == (200, 200)


def test_the_change_page_of_one_of_the_organisations_people_opens_with_their_roles(client):
    tree = org_tree()
    signed_in_as_administrator(client, tree)
    person = staff(Role.HANDLER, tree.site)

    page = client.get(reverse("admin:accounts_user_change", args=[person.pk]))

    assert page.status_code == 200
    assert page.context["has_change_permission"]
    (roles,) = page.context["inline_admin_formsets"]
    assert roles.has_add_permission and roles.has_change_permission


def test_a_superuser_still_sees_every_organisation_and_the_privilege_fields(admin_client):
    tree, other = org_tree(), org_tree()
    person = staff(Role.HANDLER, other.site)

    units = admin_client.get(reverse("admin:accounts_orgunit_changelist"))
    form = admin_client.get(reverse("admin:accounts_user_change", args=[person.pk]))

    assert {tree.site, other.site} <= set(units.context["cl"].result_list)
    assert {"is_superuser", "is_staff", "groups"} <= form.context["adminform"].form.fields.keys()
