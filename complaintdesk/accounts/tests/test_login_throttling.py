"""Login throttling (django-axes): repeated wrong passwords for one account from one client
lock that pair out for a cool-off, on the login page, until it passes or an administrator
unlocks it."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from complaintdesk.accounts.models import User

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
PASSWORD = "the-right-password-42"
HERE = "192.0.2.10"
ELSEWHERE = "198.51.100.20"


@pytest.fixture
def handler() -> User:
    return User.objects.create_user("hk.handler", password=PASSWORD)


def _log_in(client, username: str, password: str, *, ip: str = HERE, language: str = "en"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def _fail(client, username: str, times: int, *, ip: str = HERE) -> None:
    for _ in range(times):
        _log_in(client, username, "wrong-password", ip=ip)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_is_refused_after_repeated_failures_with_a_message(client, handler):
    # Given thirty wrong passwords for one account from one client, in a few seconds
    _fail(client, "hk.handler", 30)

    # When the right password comes next
    response = _log_in(client, "hk.handler", PASSWORD)

    # Then it is refused on the login page, which says why and for how long
    assert not _logged_in(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert 'id="id_username"' in html and 'id="id_password"' in html
    assert 'data-testid="locked-out"' in html
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Try again in {minutes} minutes" in html
    assert "administrator" in html


def test_the_lockout_page_is_the_login_page_in_the_readers_language(client, handler):
    # Given an account locked out from this client
    _fail(client, "hk.handler", settings.AXES_FAILURE_LIMIT)

    # When a reader of Simplified Chinese tries again
    response = _log_in(client, "hk.handler", PASSWORD, language="zh-hans")

    # Then the page comes in their language, not as a bare error text
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "登录" in html and "投诉管理系统" in html
    assert 'data-testid="locked-out"' in html


def test_failures_below_the_limit_do_not_lock_out_and_a_success_starts_the_count_again(
    client, handler
):
    # Given one failure fewer than the limit
    _fail(client, "hk.handler", settings.AXES_FAILURE_LIMIT - 1)

    # When the right password follows, twice over with the same failures in between
    first = _log_in(client, "hk.handler", PASSWORD)
    client.logout()
    _fail(client, "hk.handler", settings.AXES_FAILURE_LIMIT - 1)
    second = _log_in(client, "hk.handler", PASSWORD)

    # Then both log in
    assert first.status_code == 302
    assert second.status_code == 302
    assert _logged_in(client)


def test_a_lockout_holds_only_for_that_account_from_that_client(client, handler):
    # Given the handler's account locked out from one client, and a colleague
    User.objects.create_user("hk.receiver", password=PASSWORD)
    _fail(client, "hk.handler", settings.AXES_FAILURE_LIMIT)
    assert _log_in(client, "hk.handler", PASSWORD).status_code == 429

    # When the handler logs in from another client, and the colleague from the first one
    from_elsewhere = _log_in(client, "hk.handler", PASSWORD, ip=ELSEWHERE)
    client.logout()
    colleague = _log_in(client, "hk.receiver", PASSWORD)

    # Then both get in: a guesser cannot lock everyone out of an account, or a whole office out
    assert from_elsewhere.status_code == 302
    assert colleague.status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, handler):
    # Given a lockout whose last failure was longer ago than the cool-off
    _fail(client, "hk.handler", settings.AXES_FAILURE_LIMIT)
    past = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    AccessAttempt.objects.filter(username="hk.handler").update(attempt_time=past)

    # When the right password comes
    response = _log_in(client, "hk.handler", PASSWORD)

    # Then it logs in
    assert response.status_code == 302
    assert _logged_in(client)


def test_an_administrator_sees_the_lockout_in_the_admin_and_unlocks_it(client, handler):
    # Given a locked-out account
    _fail(client, "hk.handler", settings.AXES_FAILURE_LIMIT)
    admin = User.objects.create_superuser("admin", password="admin-password-42")

    # When an administrator looks at the access attempts in the admin
    client.force_login(admin)
    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    client.logout()

    # Then the attempts are listed there
    assert listing.status_code == 200
    assert "hk.handler" in listing.content.decode()

    # When they unlock it with the management command
    call_command("axes_reset_username", "hk.handler")

    # Then the right password works again at once
    assert _log_in(client, "hk.handler", PASSWORD).status_code == 302
