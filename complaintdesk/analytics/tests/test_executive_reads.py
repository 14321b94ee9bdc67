"""Read receipts: only an executive records one, once, for a complaint in their sight; what
reached the top is counted in the viewer's sight and month."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.analytics.executive import executive_overview
from complaintdesk.analytics.models import ExecutiveRead
from complaintdesk.analytics.periods import month_bounds
from complaintdesk.analytics.reads import executive_read_record
from complaintdesk.complaints.choices import Grade
from complaintdesk.complaints.tests.factories import OrgUnitFactory, complaint_at, org_tree, staff
from complaintdesk.core.errors import NotFound, NotPermitted

pytestmark = pytest.mark.django_db


def test_reading_twice_keeps_the_first_time():
    tree = org_tree()
    complaint = complaint_at(tree.site, grade=Grade.MAJOR)
    executive = staff(Role.EXECUTIVE, tree.head_office)
    first = timezone.now() - timedelta(hours=2)

    executive_read_record(complaint, executive, at=first)
    executive_read_record(complaint, executive)

    assert list(ExecutiveRead.objects.values_list("read_at", flat=True)) == [first]


def test_only_an_executive_records_a_read_and_only_within_their_sight():
    tree = org_tree()
    complaint = complaint_at(tree.site, grade=Grade.MAJOR)
    head_office_officer = staff(Role.HQ_COMPLAINTS, tree.head_office)
    other_executive = staff(Role.EXECUTIVE, OrgUnitFactory())

    with pytest.raises(NotPermitted):
        executive_read_record(complaint, head_office_officer)
    with pytest.raises(NotFound):
        executive_read_record(complaint, other_executive)
    assert not ExecutiveRead.objects.exists()


def test_the_page_refuses_a_read_from_someone_who_is_not_an_executive(client):
    tree = org_tree()
    complaint = complaint_at(tree.site, grade=Grade.MAJOR)
    client.force_login(staff(Role.HQ_COMPLAINTS, tree.head_office))

    detail = client.get(complaint.get_absolute_url())
    response = client.post(reverse("analytics:read", args=[complaint.reference]), follow=True)

    assert b'data-testid="executive-reads"' in detail.content
    assert b'data-testid="mark-read"' not in detail.content
    assert "Only an executive records having read a complaint." in response.content.decode()
    assert not ExecutiveRead.objects.exists()


def test_what_reached_the_top_is_counted_in_the_month_and_the_viewers_sight():
    # Given a major complaint this month in each district, and one last month
    tree = org_tree()
    this_month = timezone.localdate().replace(day=1)
    start, end = month_bounds(this_month)
    complaint_at(tree.site, grade=Grade.MAJOR)
    complaint_at(tree.sibling_site, grade=Grade.URGENT)
    complaint_at(tree.site, grade=Grade.MAJOR, received_at=start - timedelta(days=3))
    district_manager = staff(Role.DISTRICT_MANAGER, tree.district)

    # When the district manager's view of this month is read
    overview = executive_overview(district_manager, start, end)

    # Then one complaint reached the top in their district, and nothing is theirs to read
    assert overview.reached == 1
    assert overview.to_read == []
    assert len(overview.unread) == 1


def test_executives_land_on_their_view_and_everyone_else_on_the_queue(client):
    tree = org_tree()
    client.force_login(staff(Role.EXECUTIVE, tree.head_office))
    assert client.get("/").url == reverse("analytics:executive")
    client.force_login(staff(Role.HANDLER, tree.site))
    assert client.get("/").url == reverse("complaints:list")
