"""Corrective and preventive actions: a manager opens one from an alert, links the complaints
behind it, marks it done, and reviews its effect against the counts before and after."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.analytics.models import DailyFigure, SpikeAlert, SpikeDimension
from complaintdesk.complaints.tests.factories import CategoryFactory, complaint_at, org_tree, staff
from complaintdesk.core.errors import GuardFailed, NotPermitted
from complaintdesk.prevention.models import ActionKind, ActionStatus, CorrectiveAction
from complaintdesk.prevention.services import (
    capa_done,
    capa_effect,
    capa_link,
    capa_open,
    capa_review,
)

pytestmark = pytest.mark.django_db

HK = ZoneInfo("Asia/Hong_Kong")
DONE = datetime(2026, 6, 1, 10, 0, tzinfo=HK)


def _figures(tree, category, first: date, per_day: int, days: int) -> None:
    for offset in range(days):
        DailyFigure.objects.create(
            organisation_id=tree.organisation.pk,
            day=first + timedelta(days=offset),
            unit_id=tree.site.pk,
            site_id=tree.site.pk,
            category_id=category.pk,
            channel="phone",
            grade="general",
            received=per_day,
        )


def _action(tree, manager, **values) -> CorrectiveAction:
    defaults = {
        "kind": ActionKind.PREVENTIVE,
        "title": "Replace the lift controller in block 2",
        "description": "New controller, monthly check by the contractor.",
        "owner": manager,
        "due_date": date(2026, 12, 31),
        "review_after_days": 30,
    }
    defaults.update(values)
    return capa_open(manager, tree.district, at=datetime(2026, 5, 1, tzinfo=HK), **defaults)


def test_an_action_is_reviewed_against_the_complaints_before_and_after_it_was_done():
    # Given a district manager's action against lift complaints: two a day for the 30 days
    # before it was done, and one every other day in the 30 days after
    tree = org_tree()
    lift = CategoryFactory(organisation=tree.organisation)
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    action = _action(tree, manager, category=lift)
    _figures(tree, lift, date(2026, 5, 2), 2, 30)
    _figures(tree, lift, date(2026, 6, 1), 1, 30)
    DailyFigure.objects.filter(day__gte=date(2026, 6, 1), day__day__in=range(2, 32, 2)).delete()

    # When it is marked done and reviewed once the thirty days after have passed
    capa_done(action, manager, at=DONE)
    effect = capa_effect(action, today=date(2026, 7, 1))
    assert effect is not None
    assert (effect.before, effect.after, effect.ready) == (60, 15, True)
    capa_review(action, manager, effective=True, note="Lift complaints fell by three quarters.")

    # Then the verdict is kept with the counts the manager saw
    action.refresh_from_db()
    assert action.status == ActionStatus.EFFECTIVE
    assert (action.count_before, action.count_after) == (60, 15)
    assert action.reviewed_by == manager


def test_the_review_waits_until_the_period_after_has_passed():
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    action = _action(tree, manager, review_after_days=400)
    capa_done(action, manager)

    with pytest.raises(GuardFailed):
        capa_review(action, manager, effective=True, note="Too early to say.")


def test_only_a_manager_of_the_line_opens_or_runs_an_action():
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    other_manager = staff(Role.DISTRICT_MANAGER, tree.sibling_district)
    handler = staff(Role.HANDLER, tree.site)

    with pytest.raises(NotPermitted):
        _action(tree, handler, owner=manager)
    action = _action(tree, manager)
    with pytest.raises(NotPermitted):
        capa_done(action, other_manager)
    with pytest.raises(NotPermitted):
        capa_link(action, complaint_at(tree.site), other_manager)


def test_a_manager_opens_an_action_from_an_alert_and_links_its_complaints(client):
    # Given an alert that complaints at a site rose
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    alert = SpikeAlert.objects.create(
        organisation=tree.organisation,
        dimension=SpikeDimension.SITE,
        key_id=tree.site.pk,
        week_start=date(2026, 11, 23),
        observed=12,
        baseline=3,
        chance=1e-6,
    )
    complaint = complaint_at(tree.site)
    client.force_login(manager)

    # When they follow the alert's link, the form has the site and the alert filled in
    page = client.get(reverse("prevention:list"), {"alert": alert.pk})
    form = page.context["form"]
    assert form.initial == {"alert": alert.pk, "site": tree.site.pk}

    # And they open the action and link a complaint behind it
    response = client.post(
        reverse("prevention:list"),
        {
            "unit": tree.district.pk,
            "kind": ActionKind.CORRECTIVE,
            "title": "Fix the car park barrier",
            "description": "Replace the barrier motor.",
            "owner": manager.pk,
            "due_date": "2099-01-31",
            "site": tree.site.pk,
            "alert": alert.pk,
            "review_after_days": 60,
        },
    )
    action = CorrectiveAction.objects.get()
    assert response.url == reverse("prevention:detail", args=[action.pk])
    client.post(
        reverse("prevention:step", args=[action.pk, "link"]), {"reference": complaint.reference}
    )

    # Then the action names its alert and complaint, and its page lists the complaint
    assert action.alert == alert
    assert list(action.complaints.all()) == [complaint]
    detail = client.get(reverse("prevention:detail", args=[action.pk])).content.decode()
    assert complaint.reference in detail
