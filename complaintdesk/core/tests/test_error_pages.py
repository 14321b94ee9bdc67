"""Our own 403, 404 and 500 pages: in the reader's language, and with DEBUG off nothing of the
URLconf or the settings shows."""

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from complaintdesk.accounts.models import User

# What Django's debug pages show and ours must not: the URL patterns, the settings module.
LEAKS = ("URLconf", "urlpatterns", "config.urls", "config.settings", "DEBUG", "Traceback")

# The heading in each language (the project's catalogues), and the product's name as the page
# header shows it.
NOT_FOUND = {
    "en": ("Page not found", "ComplaintDesk"),
    "zh-hans": ("找不到页面", "投诉管理系统"),
    "zh-hant": ("找不到頁面", "投訴管理系統"),
}
FORBIDDEN = {
    "en": ("Forbidden", "ComplaintDesk"),
    "zh-hans": ("禁止访问", "投诉管理系统"),
    "zh-hant": ("禁止", "投訴管理系統"),
}
SERVER_ERROR = {
    "en": "Server error (500)",
    "zh-hans": "服务器错误（500）",
    "zh-hant": "伺服器錯誤（500）",
}


def _assert_our_page(html: str, language: str, heading: str, brand: str) -> None:
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert brand in html
    assert 'data-testid="error-page"' in html
    for leak in LEAKS:
        assert leak not in html, leak


@pytest.mark.django_db
@pytest.mark.parametrize("language", NOT_FOUND)
@override_settings(DEBUG=False)
def test_a_missing_page_is_our_page_in_the_readers_language(client, language):
    # Given a reader of one of the three languages
    # When they ask for an address that does not exist
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)

    # Then they get our 404 in their language, with nothing of the URLconf
    assert response.status_code == 404
    _assert_our_page(response.content.decode(), language, *NOT_FOUND[language])


@pytest.mark.django_db
@pytest.mark.parametrize("language", FORBIDDEN)
@override_settings(DEBUG=False)
def test_a_forbidden_page_is_our_page_in_the_readers_language(client, language):
    # Given a member of staff who holds no permission in the Django admin
    clerk = User.objects.create_user("clerk", password="clerk-password-42", is_staff=True)
    client.force_login(clerk)

    # When they open the admin's list of users
    response = client.get(reverse("admin:accounts_user_changelist"), HTTP_ACCEPT_LANGUAGE=language)

    # Then they get our 403 in their language
    assert response.status_code == 403
    _assert_our_page(response.content.decode(), language, *FORBIDDEN[language])


@pytest.mark.django_db
@pytest.mark.parametrize("language", FORBIDDEN)
@override_settings(DEBUG=False)
def test_a_form_sent_without_its_csrf_token_is_refused_with_our_page(language):
    # Given a browser that lost its CSRF cookie
    client = Client(enforce_csrf_checks=True)

    # When it sends the login form
    response = client.post(
        reverse("login"), {"username": "a", "password": "b"}, HTTP_ACCEPT_LANGUAGE=language
    )

    # Then it gets our 403 in its language, not Django's page about CSRF_FAILURE_VIEW
    assert response.status_code == 403
    html = response.content.decode()
    _assert_our_page(html, language, *FORBIDDEN[language])
    assert "CSRF_FAILURE_VIEW" not in html and "csrf_token" not in html


@pytest.mark.parametrize("language", SERVER_ERROR)
def test_the_server_error_page_renders_without_a_database_or_a_request_context(language):
    # Given a request whose view failed; no database here (pytest-django refuses any query)
    request = RequestFactory().get("/complaints/CP-2026-00001/")

    # When Django's handler renders the 500 page, which passes the template no context at all
    with translation.override(language):
        response = server_error(request)

    # Then it is our page, in the reader's language, and leaks nothing
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert SERVER_ERROR[language] in html
    assert 'data-testid="error-page"' in html
    assert "/static/core/app.css" in html
    for leak in LEAKS:
        assert leak not in html, leak
