"""The Content-Security-Policy every HTML page carries, and pages that keep to it: no inline
script, no inline style, so an injected one would not run."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, set[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: set(sources) for name, *sources in parts}


class _InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, <style> blocks, style= and
    on*= attributes; and the htmx configuration the page gives."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.htmx_config = ""
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self._in_inline_script = True
        if tag == "style":
            self.found.append("<style>")
        if tag == "meta" and names.get("name") == "htmx-config":
            self.htmx_config = names.get("content") or ""
        self.found += [f"{tag} {name}=" for name in names if name == "style" or name[:2] == "on"]

    def handle_data(self, data: str) -> None:
        if self._in_inline_script and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline_script = False


@pytest.fixture
def pages(client) -> dict[str, str]:
    """The login page (anonymous), then the queue and a complaint page (signed in)."""
    tree = org_tree()
    complaint = complaint_at(tree.site)
    urls = {"login": reverse("login")}
    responses = {"login": client.get(urls["login"])}
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))
    for name, url in (
        ("queue", reverse("complaints:list")),
        ("complaint", complaint.get_absolute_url()),
    ):
        responses[name] = client.get(url)
    for name, response in responses.items():
        assert response.status_code == 200, name
    return responses


def test_the_login_queue_and_complaint_pages_carry_a_strict_policy(pages):
    for name, response in pages.items():
        # Given the page as the browser gets it
        header = response.headers.get("Content-Security-Policy", "")

        # Then the policy allows only this origin, no inline or evaluated code, no framing
        directives = _directives(header)
        assert directives.get("default-src") == {"'self'"}, name
        assert directives.get("script-src", {"'self'"}) == {"'self'"}, name
        assert directives.get("style-src") == {"'self'"}, name
        assert directives.get("img-src") == {"'self'", "data:"}, name
        assert directives.get("frame-ancestors") == {"'none'"}, name
        assert directives.get("form-action") == {"'self'"}, name
        assert directives.get("base-uri") == {"'self'"}, name
        assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header, name


def test_the_pages_have_no_inline_script_or_style_and_htmx_evaluates_nothing(pages):
    for name, response in pages.items():
        # Given the page's HTML
        parser = _InlineCode()
        parser.feed(response.content.decode())

        # Then nothing in it needs 'unsafe-inline', and htmx is told neither to eval nor to
        # inject its indicator <style>
        assert parser.found == [], name
        assert '"allowEval":false' in parser.htmx_config, name
        assert '"includeIndicatorStyles":false' in parser.htmx_config, name
