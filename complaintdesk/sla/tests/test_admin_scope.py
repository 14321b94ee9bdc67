"""An organisation's administrators keep its calendars, ladder and time-standard settings in
the Django admin; the policy packs, shared by every organisation, they read and choose from
but do not change."""

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.tests.admin_helpers import signed_in_as_administrator
from complaintdesk.complaints.tests.factories import org_tree

from ..models import Calendar, EscalationLevel, OrganisationSla, Policy, UnitCalendar
from ..packs import packs_install
from .factories import on_policy

pytestmark = pytest.mark.django_db


def test_the_calendar_list_shows_the_administrators_calendars_only(client):
    tree, other = org_tree(), org_tree()
    ours = on_policy(tree.organisation, "seed-hk-property", "HK").calendar
    theirs = on_policy(other.organisation, "cn-banking-2020", "CN").calendar
    signed_in_as_administrator(client, tree)

    listed = client.get(reverse("admin:sla_calendar_changelist"))
    opened = client.get(reverse("admin:sla_calendar_change", args=[theirs.pk]))

    assert list(listed.context["cl"].result_list) == [ours]
    assert opened.status_code == 302


def test_the_settings_list_and_ladder_are_the_administrators_own(client):
    tree, other = org_tree(), org_tree()
    ours = on_policy(tree.organisation, "seed-hk-property", "HK")
    on_policy(other.organisation, "cn-banking-2020", "CN")
    for organisation in (tree.organisation, other.organisation):
        EscalationLevel.objects.create(organisation=organisation, level=1, role=Role.HANDLER)
    signed_in_as_administrator(client, tree)

    settings = client.get(reverse("admin:sla_organisationsla_changelist"))
    ladder = client.get(reverse("admin:sla_escalationlevel_changelist"))

    assert list(settings.context["cl"].result_list) == [ours]
    assert [level.organisation for level in ladder.context["cl"].result_list] == [tree.organisation]


def test_the_administrator_chooses_a_shared_pack_and_their_own_calendar(client):
    # Given an organisation on one pack, and another organisation's calendar beside it
    tree, other = org_tree(), org_tree()
    settings = on_policy(tree.organisation, "seed-hk-property", "HK")
    foreign_calendar = on_policy(other.organisation, "cn-banking-2020", "CN").calendar
    signed_in_as_administrator(client, tree)
    url = reverse("admin:sla_organisationsla_change", args=[settings.pk])

    # When the administrator opens their settings, and switches them to another pack
    form = client.get(url).context["adminform"].form
    switched = client.post(
        url,
        {
            "organisation": tree.organisation.pk,
            "policy": Policy.objects.get(code="uk-fca-disp").pk,
            "calendar": settings.calendar.pk,
        },
    )

    # Then every pack is offered but only their calendars, and the switch is saved
    assert set(form.fields["policy"].queryset) == set(Policy.objects.all())
    assert foreign_calendar not in form.fields["calendar"].queryset
    assert switched.status_code == 302
    assert OrganisationSla.objects.get(pk=settings.pk).policy.code == "uk-fca-disp"


def test_the_administrator_reads_the_shared_packs_but_cannot_change_them(client):
    tree = org_tree()
    packs_install()
    policy = Policy.objects.get(code="seed-hk-property")
    signed_in_as_administrator(client, tree)
    url = reverse("admin:sla_policy_change", args=[policy.pk])

    opened = client.get(url)
    changed = client.post(url, {"code": policy.code, "name_en": "Ours now"})
    added = client.get(reverse("admin:sla_policy_add"))

    assert opened.status_code == 200
    assert not opened.context["has_change_permission"]
    assert changed.status_code == 403
    assert added.status_code == 403
    policy.refresh_from_db()
    assert policy.name_en != "Ours now"


def test_a_unit_calendar_must_join_the_administrators_unit_and_calendar(client):
    tree, other = org_tree(), org_tree()
    ours = on_policy(tree.organisation, "seed-hk-property", "HK").calendar
    theirs = on_policy(other.organisation, "cn-banking-2020", "CN").calendar
    signed_in_as_administrator(client, tree)

    refused = client.post(
        reverse("admin:sla_unitcalendar_add"), {"unit": tree.site.pk, "calendar": theirs.pk}
    )
    saved = client.post(
        reverse("admin:sla_unitcalendar_add"), {"unit": tree.site.pk, "calendar": ours.pk}
    )

    assert "calendar" in refused.context["adminform"].form.errors
    assert saved.status_code == 302
    assert UnitCalendar.objects.get().calendar == ours
    assert Calendar.objects.count() == 2
