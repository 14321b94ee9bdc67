"""Chat groups are sent a message, not the event: a WeCom or DingTalk markdown message or a
Teams Adaptive Card, written in the organisation's language, in which nothing the
complainant wrote can mention everyone or make a link."""

import base64
import hashlib
import hmac
import time
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

import pytest

from complaintdesk.complaints.tests.factories import complaint_at, org_tree
from complaintdesk.sla.tests.factories import on_policy
from complaintdesk.webhooks.choices import Format
from complaintdesk.webhooks.delivery import webhook_deliver
from complaintdesk.webhooks.models import WebhookDelivery

from .factories import WebhookSubscriptionFactory
from .receiver import HOOK_PATH

pytestmark = pytest.mark.django_db

DINGTALK_SECRET = "SEC6a1f0c9e2b7d4e8f3a5c1b9d0e7f2a4c6b8d1e3f5a7c9b0d2e4f6a8c0b1d3e5f"
HOSTILE_SUBJECT = "Lift broken <@all> see [x](http://evil.example)\nand more"


def _chat_message(receiver, fmt: str, *, subject: str = "Lift 2 out of service", **org):
    """(complaint, what the receiver got) for a complaint registered in an organisation whose
    subscription has format `fmt`."""
    tree = org_tree(**org)
    WebhookSubscriptionFactory(
        organisation=tree.organisation,
        url=receiver.url,
        format=fmt,
        secret=DINGTALK_SECRET if fmt == Format.DINGTALK else "",
    )
    complaint = complaint_at(tree.site, subject=subject)
    webhook_deliver(WebhookDelivery.objects.get().pk)
    [request] = receiver.requests
    return complaint, request


def test_a_wecom_group_gets_a_markdown_message_with_chinese_labels_for_a_hong_kong_org(
    receiver,
):
    # Given a Hong Kong organisation (Traditional Chinese) with a WeCom group bot
    # When a complaint is registered
    complaint, request = _chat_message(receiver, Format.WECOM)

    # Then the bot got a markdown message: title, facts labelled in Chinese, and a link
    message = request.json()
    assert message["msgtype"] == "markdown"
    title, *facts, link = message["markdown"]["content"].split("\n\n")
    assert title.startswith("## ") and complaint.reference in title
    assert f"> 編號: {complaint.reference}" in facts
    assert "> 狀態: 已受理" in facts
    assert "> 主題: Lift 2 out of service" in facts
    assert link.endswith(f"/complaints/{complaint.reference}/)")


def test_the_chat_title_is_in_chinese_for_a_hong_kong_organisation(receiver):
    complaint, request = _chat_message(receiver, Format.WECOM)

    title = request.json()["markdown"]["content"].split("\n\n")[0]

    assert title != f"## Complaint {complaint.reference} registered"
    assert any("\u4e00" <= character <= "\u9fff" for character in title)


def test_an_english_speaking_organisation_gets_its_chat_message_in_english(receiver):
    complaint, request = _chat_message(receiver, Format.WECOM, default_language="en")

    content = request.json()["markdown"]["content"]

    assert content.startswith(f"## Complaint {complaint.reference} registered")
    assert f"> Reference: {complaint.reference}" in content
    assert "> Status: Received" in content


def test_the_due_time_is_shown_as_the_organisations_clock_reads_it(receiver):
    # Given a Hong Kong organisation on a time standard, so a new complaint has a deadline
    tree = org_tree(default_language="en")
    on_policy(tree.organisation, "seed-hk-property", "HK")
    WebhookSubscriptionFactory(
        organisation=tree.organisation, url=receiver.url, format=Format.WECOM
    )
    complaint = complaint_at(tree.site)
    webhook_deliver(WebhookDelivery.objects.get().pk)

    # Then the message shows it in Hong Kong time
    due = complaint.sla_due_at.astimezone(ZoneInfo("Asia/Hong_Kong"))
    assert f"> Due: {due:%Y-%m-%d %H:%M}" in receiver.requests[0].json()["markdown"]["content"]


def test_a_dingtalk_robot_gets_a_timestamp_and_a_sign_it_can_verify_with_its_secret(receiver):
    # Given a DingTalk robot with "additional signature", its SEC… secret in the subscription
    # When a complaint is registered
    complaint, request = _chat_message(receiver, Format.DINGTALK)

    # Then the URL carries a fresh millisecond timestamp and the sign DingTalk documents:
    # base64(HMAC-SHA256(secret, "<timestamp>\n<secret>")), URL-encoded
    assert request.path == HOOK_PATH
    timestamp = request.query["timestamp"]
    assert abs(int(timestamp) - time.time() * 1000) < 60_000
    digest = hmac.new(
        DINGTALK_SECRET.encode(), f"{timestamp}\n{DINGTALK_SECRET}".encode(), hashlib.sha256
    ).digest()
    expected = base64.b64encode(digest).decode()
    assert request.query["sign"] == expected
    assert request.raw_query == f"timestamp={timestamp}&sign={quote_plus(expected)}"
    # And the body is a markdown message whose title the conversation list shows
    message = request.json()
    assert message["msgtype"] == "markdown"
    assert complaint.reference in message["markdown"]["title"]
    assert message["markdown"]["text"].startswith("#### " + message["markdown"]["title"])


def test_a_teams_channel_gets_an_adaptive_card(receiver):
    # Given an English-speaking organisation posting to a Teams channel
    # When a complaint is registered
    complaint, request = _chat_message(receiver, Format.TEAMS, default_language="en")

    # Then the channel got a message holding an Adaptive Card: title, facts and a button
    message = request.json()
    assert message["type"] == "message"
    [attachment] = message["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert (card["type"], card["version"]) == ("AdaptiveCard", "1.4")
    heading, fact_set = card["body"]
    assert heading["text"] == f"Complaint {complaint.reference} registered"
    facts = {fact["title"]: fact["value"] for fact in fact_set["facts"]}
    assert facts["Reference"] == complaint.reference
    assert facts["Subject"] == "Lift 2 out of service"
    [button] = card["actions"]
    assert button["type"] == "Action.OpenUrl"
    assert button["url"].endswith(f"/complaints/{complaint.reference}/")


@pytest.mark.parametrize("fmt", [Format.WECOM, Format.DINGTALK])
def test_a_subject_cannot_mention_everyone_or_make_a_link_in_a_markdown_chat(receiver, fmt):
    # Given a complaint whose subject holds a mention of everyone and a markdown link
    # When it is sent to a chat group that reads markdown
    _complaint, request = _chat_message(
        receiver, fmt, subject=HOSTILE_SUBJECT, default_language="en"
    )

    # Then both are shown as the characters they are, and the subject stays on its line
    markdown = request.json()["markdown"]
    text = markdown.get("content") or markdown["text"]
    assert "<@all>" not in text
    assert "[x](http://evil.example)" not in text
    assert "> Subject: Lift broken ＜@all＞ see ［x］(http://evil.example) and more" in text
    # And the only link is ours, to the complaint
    assert text.count("](") == 1


def test_a_subject_in_a_teams_card_cannot_make_a_link(receiver):
    _complaint, request = _chat_message(
        receiver, Format.TEAMS, subject=HOSTILE_SUBJECT, default_language="en"
    )

    card = request.json()["attachments"][0]["content"]
    facts = {fact["title"]: fact["value"] for fact in card["body"][1]["facts"]}

    assert "[x](http://evil.example)" not in facts["Subject"]
    assert "<@all>" not in facts["Subject"]


def test_the_json_event_keeps_the_subject_as_it_was_written(receiver):
    # The JSON event is data, not markup: the receiver gets the complainant's words exactly
    complaint, request = _chat_message(receiver, Format.JSON, subject=HOSTILE_SUBJECT)

    assert request.json()["complaint"]["subject"] == complaint.subject
    assert "<@all>" in complaint.subject
