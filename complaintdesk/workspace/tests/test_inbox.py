"""The in-app inbox and the nav badge, through the Django test client."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.notifications.messages import message_register
from complaintdesk.notifications.models import Notification
from complaintdesk.notifications.services import notify

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")


def _as_given(notification, cache) -> tuple[str, str]:
    """A test kind whose subject and body are its parameters, whatever the language."""
    return notification.params["subject"], notification.params["body"]


message_register("test", _as_given)


def _notify(user, subject, *, complaint=None, body="", at=None) -> Notification:
    params = {"subject": subject, "body": body}
    (row,) = notify([user], kind="test", complaint=complaint, params=params, at=at)
    return row


def _unread_subjects(user) -> set[str]:
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    return {row.subject for row in rows}


@pytest.fixture
def people():
    """(tree, reader, other): two members of staff in one district."""
    tree = org_tree()
    return tree, staff(Role.RECEIVER, tree.district), staff(Role.RECEIVER, tree.district)


def test_inbox_lists_the_users_own_notifications_and_not_anyone_elses(client, people):
    # Given a notification about a complaint for the reader, and one for someone else
    tree, reader, other = people
    complaint = complaint_at(tree.site)
    _notify(reader, "Clock warning", complaint=complaint, body="Due tomorrow at 17:00.")
    _notify(other, "Someone else's escalation")

    # When the reader opens the inbox
    client.force_login(reader)
    page = client.get(INBOX)

    # Then they see theirs, with its message and a link to the complaint, and not the other one
    html = page.content.decode()
    assert page.status_code == 200
    assert "Clock warning" in html
    assert "Due tomorrow at 17:00." in html
    assert f'href="{complaint.get_absolute_url()}"' in html
    assert complaint.reference in html
    assert "Someone else" not in html


def test_unread_notifications_are_marked_and_read_ones_are_not(client, people):
    # Given one unread and one read notification
    _tree, reader, _other = people
    _notify(reader, "Unread one")
    read = _notify(reader, "Read one")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)

    # When the reader opens the inbox
    client.force_login(reader)
    html = client.get(INBOX).content.decode()

    # Then only the unread one carries the unread mark and its own "mark as read" button
    assert html.count('class="notification unread"') == 1
    assert html.count(reverse("notifications:mark_read", args=[read.pk])) == 0
    assert "Mark all as read" in html


def test_times_are_shown_in_the_users_own_time_zone(client):
    # Given a reader whose organisation keeps London time, and a notification at 02:00 UTC
    tree = org_tree(time_zone="Europe/London")
    reader = staff(Role.RECEIVER, tree.district)
    _notify(reader, "Overnight escalation", at=datetime(2025, 1, 15, 2, 0, tzinfo=UTC))

    # When they open the inbox
    client.force_login(reader)
    html = client.get(INBOX).content.decode()

    # Then the time reads as 02:00 (London in winter), not the site's Hong Kong 10:00
    assert "2025-01-15 02:00" in html
    assert "2025-01-15 10:00" not in html


def test_marking_one_notification_read_leaves_the_others_unread(client, people):
    # Given two unread notifications
    _tree, reader, _other = people
    first = _notify(reader, "First")
    _notify(reader, "Second")

    # When the reader marks the first one read
    client.force_login(reader)
    response = client.post(reverse("notifications:mark_read", args=[first.pk]), {"next": INBOX})

    # Then they are back at the inbox and only the second is still unread
    assert response.status_code == 302
    assert response.url == INBOX
    assert _unread_subjects(reader) == {"Second"}


def test_marking_all_read_reads_only_the_users_own(client, people):
    # Given two unread notifications for the reader and one for someone else
    _tree, reader, other = people
    _notify(reader, "First")
    _notify(reader, "Second")
    _notify(other, "Theirs")

    # When the reader marks all read
    client.force_login(reader)
    response = client.post(reverse("notifications:mark_all_read"))

    # Then all of theirs are read, and the other person's is untouched
    assert response.status_code == 302
    assert response.url == INBOX
    assert _unread_subjects(reader) == set()
    assert _unread_subjects(other) == {"Theirs"}


def test_someone_elses_notification_is_not_found(client, people):
    # Given a notification for someone else
    _tree, reader, other = people
    theirs = _notify(other, "Theirs")

    # When the reader tries to mark it read by its id
    client.force_login(reader)
    response = client.post(reverse("notifications:mark_read", args=[theirs.pk]))

    # Then it does not exist for them, and stays unread
    assert response.status_code == 404
    assert _unread_subjects(other) == {"Theirs"}


def test_marking_read_takes_a_post_only(client, people):
    _tree, reader, _other = people
    mine = _notify(reader, "Mine")
    client.force_login(reader)

    response = client.get(reverse("notifications:mark_read", args=[mine.pk]))

    assert response.status_code == 405
    assert _unread_subjects(reader) == {"Mine"}


def test_marking_read_does_not_go_back_to_another_site(client, people):
    # Given an unread notification
    _tree, reader, _other = people
    mine = _notify(reader, "Mine")

    # When the post asks to go back to another host afterwards
    client.force_login(reader)
    response = client.post(
        reverse("notifications:mark_read", args=[mine.pk]), {"next": "https://evil.example/"}
    )

    # Then it is marked, and the reader lands on their inbox instead
    assert response.url == INBOX
    assert _unread_subjects(reader) == set()


def test_htmx_marking_returns_the_read_row_and_the_new_badge(client, people):
    # Given two unread notifications
    _tree, reader, _other = people
    first = _notify(reader, "First")
    _notify(reader, "Second")

    # When htmx marks the first one read
    client.force_login(reader)
    response = client.post(
        reverse("notifications:mark_read", args=[first.pk]), headers={"HX-Request": "true"}
    )

    # Then it gets the row, now without the unread mark, and the badge saying one is left
    html = response.content.decode()
    row, badge = html.split('<span id="unread-badge"')
    assert response.status_code == 200
    assert f'id="notification-{first.pk}"' in row
    assert "unread" not in row
    assert 'hx-swap-oob="true">1<' in badge


def test_anonymous_visitors_are_sent_to_log_in(client, people):
    # Given someone's unread notification
    _tree, _reader, other = people
    theirs = _notify(other, "Theirs")

    # When a visitor who is not logged in asks for the inbox, or marks it read
    page = client.get(INBOX)
    post = client.post(reverse("notifications:mark_read", args=[theirs.pk]))

    # Then both are sent to the login page, and nothing changes
    login = reverse("login")
    assert page.status_code == 302
    assert page.url.startswith(f"{login}?next=")
    assert post.status_code == 302
    assert post.url.startswith(f"{login}?next=")
    assert _unread_subjects(other) == {"Theirs"}


def test_the_nav_shows_the_unread_count_on_every_page(client, people):
    # Given three notifications, one of them read
    _tree, reader, _other = people
    for subject in ("One", "Two", "Three"):
        _notify(reader, subject)
    Notification.objects.filter(recipient=reader, params__subject="One").update(
        read_at=datetime(2025, 1, 1, tzinfo=UTC)
    )

    # When the reader opens the complaint list
    client.force_login(reader)
    html = client.get(reverse("complaints:list")).content.decode()

    # Then the nav links to the inbox with a badge of 2
    assert f'href="{INBOX}"' in html
    assert 'data-testid="unread-badge">2<' in html


def test_the_nav_shows_no_badge_when_everything_is_read(client, people):
    # Given a reader with only read notifications
    _tree, reader, _other = people
    _notify(reader, "One")
    client.force_login(reader)
    client.post(reverse("notifications:mark_all_read"))

    # When they open a page
    html = client.get(INBOX).content.decode()

    # Then there is a Notifications link but no badge, and no "mark all" button
    assert f'href="{INBOX}"' in html
    assert "unread-badge" not in html
    assert "Mark all as read" not in html


def test_the_badge_costs_one_count_query_per_page(client, people):
    # Given a reader with unread notifications
    _tree, reader, _other = people
    _notify(reader, "One")
    _notify(reader, "Two")
    client.force_login(reader)

    # When they open the inbox, which shows the count in the nav and asks for it again
    with CaptureQueriesContext(connection) as queries:
        client.get(INBOX)

    # Then the count is asked of the database once
    counts = [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(" in q["sql"].upper() and "notifications_notification" in q["sql"]
    ]
    assert len(counts) == 1


def test_pages_for_anonymous_visitors_do_not_count_notifications(client, people):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("login"))

    assert page.status_code == 200
    assert not [q for q in queries.captured_queries if "notifications_notification" in q["sql"]]
