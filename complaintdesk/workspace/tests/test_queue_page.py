"""The queue page: its views and their counts, the filters, saved views and the downloads that
follow what the page shows."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import selectors
from complaintdesk.complaints.choices import Channel, Grade
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    complaint_at,
    drive_to,
    staff,
)
from complaintdesk.workspace.models import SavedQueue

pytestmark = pytest.mark.django_db

HK = ZoneInfo("Asia/Hong_Kong")
QUEUE = reverse("complaints:list")


@pytest.fixture
def manager(tree, client):
    user = staff(Role.DISTRICT_MANAGER, tree.district)
    client.force_login(user)
    return user


def listed(response) -> set[str]:
    return {c.reference for c in response.context["page"].rows}


def test_the_page_offers_every_view_and_its_counts_arrive_after_the_rows(tree, manager, client):
    # Given an unassigned complaint and one assigned to a handler
    complaint_at(tree.site)
    drive_to(complaint_at(tree.site), "assigned")

    # When the manager opens the queue
    page = client.get(QUEUE).content.decode()

    # Then each view is a tab, and the page asks for the counts once it is shown
    for view in ("mine", "team", "units", "unassigned", "approval", "due_today", "overdue"):
        assert f'data-view="{view}"' in page
    assert reverse("complaints:view_counts") in page

    # And the counts say how many open complaints each view holds
    counts = client.get(reverse("complaints:view_counts")).content.decode()
    assert 'data-testid="count-unassigned">1<' in counts
    assert 'data-testid="count-all">2<' in counts


def test_a_view_link_shows_that_view(tree, manager, client):
    # Given one complaint nobody handles and one handled
    nobodys = complaint_at(tree.site)
    drive_to(complaint_at(tree.site), "assigned")

    # When the manager follows the unassigned view
    response = client.get(QUEUE, {"view": "unassigned"})

    # Then only the unassigned one is listed, and its tab is marked as the current one
    assert listed(response) == {nobodys.reference}
    assert 'data-view="unassigned" aria-current="page"' in response.content.decode()


def test_the_narrower_filters_each_narrow_the_queue(tree, manager, client):
    # Given complaints differing in grade, category, channel, site and time of receipt
    lifts = CategoryFactory(organisation=tree.organisation, code="LIFT")
    major = complaint_at(tree.site, grade=Grade.MAJOR)
    lift = complaint_at(tree.site, category=lifts)
    by_mail = complaint_at(tree.site, channel=Channel.EMAIL)
    elsewhere = complaint_at(tree.other_site)
    old = complaint_at(tree.site, received_at=datetime(2026, 3, 3, 10, 0, tzinfo=HK))

    # When each filter is used alone
    def only(**parameters) -> set[str]:
        return listed(client.get(QUEUE, parameters))

    # Then each leaves what it names
    assert only(grade="major") == {major.reference}
    assert only(category="LIFT") == {lift.reference}
    assert by_mail.reference in only(channel="email")
    assert only(channel="email") <= {by_mail.reference}
    assert only(site=tree.other_site.code) == {elsewhere.reference}
    assert only(received_from="2026-03-03", received_to="2026-03-03") == {old.reference}


def test_a_value_the_filter_does_not_offer_is_named_and_filters_nothing(tree, manager, client):
    # Given a complaint
    complaint = complaint_at(tree.site)

    # When the address carries a grade and a date that do not exist
    response = client.get(QUEUE, {"grade": "enormous", "received_from": "2026-13-45"})

    # Then both are named on the page, and the queue is shown as if they were not there
    errors = response.context["form"].errors
    assert set(errors) == {"grade", "received_from"}
    assert complaint.reference in listed(response)


def test_a_saved_view_brings_the_same_queue_back_and_can_be_removed(tree, manager, client):
    # Given the manager looking at the unassigned major complaints
    query = "view=unassigned&status=open&grade=major"

    # When they save it under a name
    response = client.post(
        reverse("complaints:saved_queue_create"), {"name": " 重大 未分派 ", "query": query}
    )

    # Then they are back on that queue, and the view is listed under its tidied name
    assert response.status_code == 302 and response.url.endswith(query)
    saved = SavedQueue.objects.get(user=manager)
    assert saved.name == "重大 未分派"
    page = client.get(QUEUE).content.decode()
    assert f'href="?{query.replace("&", "&amp;")}"' in page

    # When they save again under the same name, it is replaced, not doubled
    again = {"name": "重大 未分派", "query": "view=mine"}
    client.post(reverse("complaints:saved_queue_create"), again)
    assert SavedQueue.objects.get(user=manager).query == "view=mine"

    # When they remove it
    client.post(reverse("complaints:saved_queue_remove", args=[saved.pk]))

    # Then it is gone; and another person cannot remove someone else's
    assert not SavedQueue.objects.filter(user=manager).exists()


def test_nobody_removes_another_persons_saved_view(tree, manager, client):
    # Given a colleague's saved view
    colleague = staff(Role.HANDLER, tree.site)
    theirs = SavedQueue.objects.create(user=colleague, name="Mine", query="view=mine")

    # When the manager posts its removal
    client.post(reverse("complaints:saved_queue_remove", args=[theirs.pk]))

    # Then it is still there
    assert SavedQueue.objects.filter(pk=theirs.pk).exists()


def test_the_download_holds_what_the_view_and_the_filters_show(tree, manager, client):
    # Given a major unassigned complaint, a general one, and a major one assigned
    wanted = complaint_at(tree.site, grade=Grade.MAJOR)
    complaint_at(tree.site)
    drive_to(complaint_at(tree.site, grade=Grade.MAJOR), "assigned")

    # When the manager downloads the unassigned major queue as CSV
    response = client.get(reverse("exports:csv"), {"view": "unassigned", "grade": "major"})

    # Then the file holds that one complaint
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert [row[0] for row in rows] == [wanted.reference]
    assert Complaint.objects.count() == 3


def test_show_more_brings_the_next_rows_of_the_same_queue(tree, manager, client, monkeypatch):
    # Given three unassigned complaints and one assigned, and pages of two
    made = [complaint_at(tree.site) for _ in range(3)]
    drive_to(complaint_at(tree.site), "assigned")
    monkeypatch.setitem(selectors.complaint_queue.__kwdefaults__, "limit", 2)
    first = client.get(QUEUE, {"view": "unassigned"})

    # When the person follows "Show more"
    following = first.context["next_address"]
    second = client.get(f"{QUEUE}?{following}", HTTP_HX_REQUEST="true")

    # Then the rest of the same view comes: every unassigned complaint once, nothing else
    assert "view=unassigned" in following and "cursor=" in following
    assert not listed(first) & listed(second)
    assert listed(first) | listed(second) == {c.reference for c in made}
