"""The weekly check for recurring issues over the roll-up: a site whose complaints jumped
raises one alert, told to its district manager, with the queue of the complaints behind it;
the beat queues each organisation's week once."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.analytics.alert_rows import alert_queue
from complaintdesk.analytics.models import DailyFigure, SpikeAlert, SpikeDimension
from complaintdesk.analytics.spike_checks import last_complete_week, spikes_check
from complaintdesk.analytics.subscribers import on_sweep
from complaintdesk.complaints.tests.factories import CategoryFactory, org_tree, staff
from complaintdesk.notifications.messages import message_render
from complaintdesk.notifications.models import Notification, NotificationKind
from complaintdesk.sla.hooks import SweepRan

pytestmark = pytest.mark.django_db

SUNDAY = date(2026, 11, 29)


def _week_of_figures(tree, category, site, monday: date, per_day: list[int]) -> None:
    """The roll-up as the subscribers would have kept it: complaints per day of one week."""
    for offset, received in enumerate(per_day):
        if received:
            DailyFigure.objects.create(
                organisation_id=tree.organisation.pk,
                day=monday + timedelta(days=offset),
                unit_id=site.pk,
                site_id=site.pk,
                category_id=category.pk,
                channel="phone",
                grade="general",
                received=received,
            )


def test_a_site_whose_complaints_jumped_raises_one_alert_for_its_district_manager():
    # Given eight weeks of about four complaints a week at two sites, then a week of 18 at one
    tree = org_tree()
    category = CategoryFactory(organisation=tree.organisation, code="lift")
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    staff(Role.REGIONAL_GM, tree.region)  # further up the line: the district manager is nearer
    last_monday = SUNDAY - timedelta(days=6)
    for weeks_ago in range(1, 9):
        monday = last_monday - timedelta(weeks=weeks_ago)
        _week_of_figures(tree, category, tree.site, monday, [1, 0, 1, 1, 0, 1, 0])
        _week_of_figures(tree, category, tree.other_site, monday, [0, 1, 1, 0, 1, 0, 1])
    _week_of_figures(tree, category, tree.site, last_monday, [3, 2, 4, 3, 2, 2, 2])
    _week_of_figures(tree, category, tree.other_site, last_monday, [1, 0, 1, 1, 0, 1, 0])

    # When the week is checked, twice
    raised = spikes_check(tree.organisation, SUNDAY)
    again = spikes_check(tree.organisation, SUNDAY)

    # Then the site (and so the category, all of whose rise it is) raised an alert, once
    assert again == []
    site_alert = next(a for a in raised if a.dimension == SpikeDimension.SITE)
    assert (site_alert.key_id, site_alert.observed, site_alert.baseline) == (tree.site.pk, 18, 4)
    assert [a.key_id for a in raised if a.dimension == SpikeDimension.CATEGORY] == [category.pk]
    assert SpikeAlert.objects.count() == 2

    # And the district manager is told, with the queue of that site's complaints that week
    notice = Notification.objects.get(recipient=manager, kind=NotificationKind.RECURRING_ISSUE)
    subject, body = message_render(notice)
    assert tree.site.name in subject and "18" in subject
    assert alert_queue(site_alert) in body
    assert f"site={tree.site.code}" in alert_queue(site_alert)
    assert "received_from=2026-11-23" in alert_queue(site_alert)


def test_the_beat_queues_each_organisations_week_once():
    tree = org_tree()
    monday_morning = datetime(2026, 11, 30, 8, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
    assert last_complete_week(monday_morning.date()) == SUNDAY

    first, second = SweepRan(monday_morning, {}), SweepRan(monday_morning, {})
    on_sweep(first)
    on_sweep(second)

    assert first.report["spike_checks_queued"] >= 1
    assert second.report["spike_checks_queued"] == 0
    assert tree.organisation.spike_settings.last_week_checked == SUNDAY


def test_the_dashboard_lists_the_alerts_of_the_units_in_sight(client):
    # Given an alert at a site of one district and one at a site of the other
    tree = org_tree()
    for site in (tree.site, tree.sibling_site):
        SpikeAlert.objects.create(
            organisation=tree.organisation,
            dimension=SpikeDimension.SITE,
            key_id=site.pk,
            week_start=SUNDAY - timedelta(days=6),
            observed=12,
            baseline=3,
            chance=1e-5,
        )
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))

    # When the district manager opens the dashboard
    page = client.get("/dashboard/").content.decode()

    # Then only their own site's alert is listed, linking to its complaints
    assert page.count('data-testid="spike-alert"') == 1
    assert f"site={tree.site.code}" in page
