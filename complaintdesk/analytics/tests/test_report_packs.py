"""Weekly and monthly packs: the beat queues each subscriber's past period once, and the
worker mails the figures of their scope as a workbook that opens in openpyxl and a PDF whose
Chinese text reads back with pdftotext, through a real SMTP server on loopback."""

import io
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.analytics.models import ReportFrequency, ReportSubscription
from complaintdesk.analytics.reports import period_due, report_subscribe
from complaintdesk.analytics.subscribers import on_sweep
from complaintdesk.complaints.choices import Channel
from complaintdesk.complaints.tests.factories import UserFactory, complaint_at, org_tree, staff
from complaintdesk.core.errors import GuardFailed
from complaintdesk.core.testing import smtp_server
from complaintdesk.sla.hooks import SweepRan
from complaintdesk.sla.tests.factories import local

pytestmark = pytest.mark.django_db(transaction=True)

MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_a_weekly_pack_is_mailed_once_with_its_workbook_and_a_pdf_that_reads_back(
    settings, tmp_path
):
    # Given a district manager who reads Simplified Chinese and takes the weekly pack, and
    # three complaints of last week in their district (one in another district)
    tree = org_tree()
    tree.site.name = "海景花园"
    tree.site.save()
    manager = staff(
        Role.DISTRICT_MANAGER,
        tree.district,
        email="manager@example.com",
        preferred_language="zh-hans",
    )
    report_subscribe(manager, tree.organisation, ReportFrequency.WEEKLY, subscribed=True)
    for day, channel in (("24", Channel.PHONE), ("25", Channel.PHONE), ("27", Channel.LETTER)):
        complaint_at(tree.site, channel=channel, received_at=local("HK", f"2026-11-{day} 10:00"))
    complaint_at(tree.sibling_site, received_at=local("HK", "2026-11-25 10:00"))

    # When the beat runs on Monday morning, twice
    with smtp_server(settings) as mailbox:
        on_sweep(SweepRan(MONDAY, {}))
        on_sweep(SweepRan(MONDAY, {}))

    # Then one mail went, for the week of 23 to 29 November, with two attachments
    assert len(mailbox.messages) == 1
    mail = mailbox.messages[0]
    assert mail["To"] == "manager@example.com"
    assert "2026-11-23" in mail["Subject"] and "2026-11-29" in mail["Subject"]
    files = {part.get_filename(): part.get_content() for part in mail.iter_attachments()}
    workbook_name = next(name for name in files if name.endswith(".xlsx"))
    pdf_name = next(name for name in files if name.endswith(".pdf"))

    # And the workbook counts the district's three complaints, by channel
    workbook = openpyxl.load_workbook(io.BytesIO(files[workbook_name]))
    summary = {r[0]: r[1] for r in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert summary["已受理"] == "3"
    channels = {r[0]: r[1] for r in workbook["按投诉渠道"].iter_rows(min_row=2, values_only=True)}
    assert channels == {"电话": 2, "信函（书面）": 1}

    # And the PDF's Chinese text reads back
    text = _pdf_text(files[pdf_name], tmp_path)
    assert "投诉报告" in text
    assert "按投诉渠道" in text
    assert "海景花园" in text


def test_a_monthly_pack_is_due_for_the_whole_past_month_only_once():
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district, email="m@example.com")
    subscription = report_subscribe(
        manager, tree.organisation, ReportFrequency.MONTHLY, subscribed=True
    )
    assert subscription is not None

    assert period_due(subscription, date(2026, 12, 7)) == (date(2026, 11, 1), date(2026, 11, 30))
    subscription.last_sent_until = date(2026, 11, 30)
    assert period_due(subscription, date(2026, 12, 31)) is None
    assert period_due(subscription, date(2027, 1, 1)) == (date(2026, 12, 1), date(2026, 12, 31))


def test_subscribing_needs_units_overseen_and_an_address():
    tree = org_tree()
    with pytest.raises(GuardFailed):
        report_subscribe(
            UserFactory(email="x@example.com"), tree.organisation, "weekly", subscribed=True
        )
    with pytest.raises(GuardFailed):
        report_subscribe(
            staff(Role.DISTRICT_MANAGER, tree.district),
            tree.organisation,
            "weekly",
            subscribed=True,
        )
    assert not ReportSubscription.objects.exists()
