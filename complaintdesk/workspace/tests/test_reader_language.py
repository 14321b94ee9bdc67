"""System-written words are stored as codes and read in the reader's language: the same
timeline and the same notifications read in Simplified Chinese, Traditional Chinese or
English, whoever wrote them and in whatever language their page was."""

import re
from datetime import timedelta

import pytest
from django.utils import translation

from complaintdesk.accounts.roles import Role
from complaintdesk.authority.services import approval_decide
from complaintdesk.authority.tests.factories import case, refund_ladder
from complaintdesk.complaints import selectors, services
from complaintdesk.complaints.choices import Channel, Grade
from complaintdesk.complaints.tests.factories import org_tree, staff
from complaintdesk.notifications.models import Notification
from complaintdesk.routing.services import complaint_route
from complaintdesk.routing.tests.factories import rule_in
from complaintdesk.sla.models import ComplaintClock
from complaintdesk.sla.services import clock_extend, sla_sweep
from complaintdesk.sla.tests.factories import on_policy

from ..timeline import timeline_entries

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


def _busy_complaint():
    """A complaint with a little of everything the system writes: routing, an approval asked
    for and refused, a send-back, a deadline extended, breaches, escalations, warnings."""
    tree = org_tree()
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    refund_ladder(tree)
    rule_in(tree, name="Site team", pool_unit=tree.site)
    given = case(tree, channel=Channel.LETTER, grade=Grade.SIGNIFICANT)
    complaint = given.complaint
    staff(Role.HANDLER, tree.site)
    complaint_route(complaint, given.district_manager)
    services.complaint_classify(complaint, given.district_manager, risk_media=True)
    proposal = given.propose("refund", "5000")
    approval_decide(
        proposal.approval_request, given.regional_gm, approve=False, reason="Too generous."
    )
    decision = ComplaintClock.objects.get(complaint=complaint, name="decision")
    clock_extend(decision, given.handler, "Waiting for the card scheme.", at=decision.started_at)
    complaint.refresh_from_db()
    sla_sweep(complaint.received_at + timedelta(days=80))
    complaint.refresh_from_db()
    return complaint, given


def _read(complaint, language: str):
    with translation.override(language):
        labels = {c.name: c.rule.label for c in ComplaintClock.objects.filter(complaint=complaint)}
        entries = timeline_entries(complaint, selectors.complaint_timeline(complaint), labels)
        return [(entry.title, tuple(entry.details)) for entry in entries]


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_every_system_line_of_the_timeline_reads_in_chinese_on_a_chinese_page(language):
    # Given a complaint whose timeline the system wrote most of, on English pages
    complaint, _given = _busy_complaint()
    english = _read(complaint, "en")

    # When it is read in Chinese
    chinese = _read(complaint, language)

    # Then every title and every line the system wrote is in Chinese, not in English
    kinds = set(complaint.events.values_list("kind", flat=True))
    assert {"escalated", "approval_requested", "approval_decided", "clock_extended"} <= kinds
    for (_en_title, en_lines), (zh_title, zh_lines) in zip(english, chinese, strict=True):
        assert CJK.search(zh_title), zh_title
        for en_line, zh_line in zip(en_lines, zh_lines, strict=True):
            assert zh_line != en_line, en_line


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_the_same_notifications_read_in_chinese_or_in_english_as_the_reader_asks(language):
    # Given the notifications the system sent about that complaint
    complaint, _given = _busy_complaint()
    rows = list(Notification.objects.filter(complaint=complaint))
    kinds = {row.kind for row in rows}
    assert {"approval_requested", "approval_decided", "escalated"} <= kinds

    for row in rows:
        # When each is read on a Chinese page and on an English one
        with translation.override(language):
            zh = Notification.objects.get(pk=row.pk)
            zh_subject, zh_body = zh.subject, zh.body
        with translation.override("en"):
            en = Notification.objects.get(pk=row.pk)
            en_subject, en_body = en.subject, en.body

        # Then the Chinese reads in Chinese and the English has no Chinese in it
        assert CJK.search(zh_subject + zh_body), (row.kind, zh_subject)
        assert zh_body != en_body, row.kind
        assert not CJK.search(en_subject + en_body), (row.kind, en_body)


def test_a_chinese_complaint_page_shows_no_english_system_sentence(client):
    # Given the busy complaint and a district manager reading in Simplified Chinese
    complaint, given = _busy_complaint()
    client.force_login(given.district_manager)

    # When they open it
    page = client.get(complaint.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans")

    # Then none of the sentences the system writes appears in English
    html = page.content.decode()
    assert page.status_code == 200
    for english in (
        "was not met in time",
        "Grade or risk flags call for this level",
        "above the proposer's limit",
        "Routed by rule",
        "Handler:",
        "Level ",
        "Escalated",
        "Deadline extended",
        "Approval requested",
        "Refused",
        "System",
    ):
        assert english not in html, english
