"""The regulator returns: the FCA's complaints return, CFPB outcome codes and timeliness, and
JR/T 0169-2018 statistics, counted from known complaints and opened in openpyxl."""

import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel, Status
from complaintdesk.complaints.models import Complaint, Proposal
from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    complaint_at,
    drive_to,
    org_tree,
    staff,
)

pytestmark = pytest.mark.django_db
HK = ZoneInfo("Asia/Hong_Kong")


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=HK)


def _closed(unit, category, channel, received: str, replied: str, closed: str, **last):
    """A complaint closed through the services, then placed on known days, its last proposal
    as given (what a return reads)."""
    complaint = complaint_at(unit, category=category, channel=channel)
    drive_to(complaint, Status.CLOSED)
    Proposal.objects.create(
        complaint=complaint,
        reasons="Final offer.",
        proposed_by=complaint.received_by,
        proposed_at=timezone.now(),  # after the one made on the way to closing
        **last,
    )
    Complaint.objects.filter(pk=complaint.pk).update(
        received_at=_at(received), first_replied_at=_at(replied), closed_at=_at(closed)
    )
    return complaint


def _workbook(response) -> openpyxl.Workbook:
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _june_of_a_mortgage_lender():
    tree = org_tree()
    mortgages = CategoryFactory(organisation=tree.organisation, name_en="Mortgages")
    arrears = CategoryFactory(organisation=tree.organisation, parent=mortgages, name_en="Arrears")
    cards = CategoryFactory(organisation=tree.organisation, name_en="Cards")
    # Refunded within three business days (Mon 8 June → Thu 11 June)
    _closed(
        tree.site,
        arrears,
        Channel.PHONE,
        "2026-06-08 10:00",
        "2026-06-10 09:00",
        "2026-06-11 17:00",
        remedy_type="refund",
        amount=Decimal("100.00"),
        currency="HKD",
    )
    # Not upheld, answered after 20 days, closed within eight weeks
    rejected = _closed(
        tree.site,
        cards,
        Channel.EMAIL,
        "2026-06-09 10:00",
        "2026-06-29 10:00",
        "2026-06-29 12:00",
        remedy_type="no_action",
    )
    Complaint.objects.filter(pk=rejected.pk).update(responsibility="none")
    # Received in April, closed in June after more than eight weeks, repaired
    _closed(
        tree.site,
        mortgages,
        Channel.LETTER,
        "2026-04-01 10:00",
        "2026-04-03 10:00",
        "2026-06-20 10:00",
        remedy_type="repair",
    )
    # Still open: one unanswered for weeks, one received last week
    late = complaint_at(tree.site, category=cards, channel=Channel.LETTER)
    fresh = complaint_at(tree.site, category=mortgages, channel=Channel.WEB_FORM)
    Complaint.objects.filter(pk=late.pk).update(received_at=_at("2026-06-10 10:00"))
    Complaint.objects.filter(pk=fresh.pk).update(received_at=_at("2026-06-28 10:00"))
    return tree  # fmt: skip


def test_the_fca_return_counts_by_product_what_was_upheld_and_how_fast(client):
    # Given June's complaints of a lender, seen by head office
    tree = _june_of_a_mortgage_lender()
    client.force_login(staff(Role.HQ_COMPLAINTS, tree.head_office))

    # When the FCA return for June is downloaded
    response = client.get(
        reverse("analytics:return", args=["fca"]), {"start": "2026-06-01", "end": "2026-06-30"}
    )

    # Then each product has its row: opened in June, closed in June, upheld, how fast, redress
    sheet = _workbook(response).worksheets[0]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Mortgages"] == (2, 2, 2, 100, 1, 0, 1, "100.00", 0)
    assert rows["Cards"] == (2, 1, 0, 0, 0, 1, 0, "0.00", 0)


def test_cfpb_codes_say_relief_explanation_progress_and_untimeliness(client):
    # Given the same June, and the return asked for in early July
    tree = _june_of_a_mortgage_lender()
    from complaintdesk.analytics.returns import Period, cfpb_return
    from complaintdesk.analytics.scope import dashboard_scope

    scope = dashboard_scope(staff(Role.HQ_COMPLAINTS, tree.head_office))
    assert scope is not None
    period = Period(scope, datetime(2026, 6, 1).date(), datetime(2026, 6, 30).date())

    # When the CFPB-style return is drawn on 5 July
    outcomes, listing = cfpb_return(period, _at("2026-07-05 12:00"))

    # Then each complaint received in June has its code and timeliness
    codes = {row[0]: row[1] for row in outcomes.rows}
    assert codes == {
        "Closed with monetary relief": 1,
        "Closed with explanation": 1,
        "Untimely response": 1,
        "In progress": 1,
        "Timely response": 1,
    }
    rows = list(listing.rows)
    assert [row[3] for row in rows] == ["Phone", "Email", "Postal mail", "Web"]
    assert [row[5] for row in rows] == ["Yes", "No", "No", "No"]


def test_the_jrt_statistics_cross_category_with_channel_and_cause_in_chinese(client):
    # Given the same June
    tree = _june_of_a_mortgage_lender()
    client.force_login(staff(Role.HQ_COMPLAINTS, tree.head_office))

    # When the JR/T 0169-2018 statistics are downloaded in Simplified Chinese
    response = client.get(
        reverse("analytics:return", args=["jrt"]),
        {"start": "2026-06-01", "end": "2026-06-30"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    # Then the first sheet crosses business category with the standard's channels
    by_channel, by_cause = _workbook(response).worksheets
    headers = [cell.value for cell in by_channel[1]]
    assert headers[0] == "业务类别" and headers[-1] == "合计"
    assert {"电话", "互联网", "信函"} <= set(headers)
    table = {row[0]: dict(zip(headers[1:], row[1:], strict=True))
             for row in by_channel.iter_rows(min_row=2, values_only=True)}  # fmt: skip
    assert table["Mortgages"]["电话"] == 1 and table["Mortgages"]["互联网"] == 1
    assert table["合计"]["合计"] == 4
    # and the second crosses it with the causes found (not yet found for the open ones)
    causes = [cell.value for cell in by_cause[1]]
    assert "（尚未查明原因）" in causes
