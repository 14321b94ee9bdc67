"""What a receiver is sent: the event as JSON, or a message for a chat group (WeCom, DingTalk,
Microsoft Teams) written in the organisation's language.

The JSON event is built once, when the event happens, and stored on the delivery; every
format is rendered from it at send time, so a retry sends what happened then, not how the
complaint stands now. It carries no personal data of the complainant (name, phone, e-mail):
a receiver that needs them reads them through the API, with a token that may see them
(domain.md, privacy).
"""

import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.choices import Grade, Status
from complaintdesk.complaints.models import Complaint

from .choices import PING, EventType, Format
from .models import WebhookSubscription
from .signing import dingtalk_sign

_TITLES = {
    EventType.CREATED: gettext_lazy("Complaint %(reference)s registered"),
    EventType.ASSIGNED: gettext_lazy("Complaint %(reference)s assigned"),
    EventType.ESCALATED: gettext_lazy("Complaint %(reference)s escalated"),
    EventType.REPLIED: gettext_lazy("Complaint %(reference)s replied to"),
    EventType.CLOSED: gettext_lazy("Complaint %(reference)s closed"),
    EventType.REOPENED: gettext_lazy("Complaint %(reference)s reopened"),
    EventType.APPEALED: gettext_lazy("Appeal on complaint %(reference)s"),
    EventType.STATUS_CHANGED: gettext_lazy("Complaint %(reference)s: status changed"),
    EventType.CLASSIFIED: gettext_lazy("Complaint %(reference)s classified"),
    EventType.BREACHED: gettext_lazy("Complaint %(reference)s: time standard breached"),
    EventType.COMPLAINANT_WROTE: gettext_lazy("The complainant of %(reference)s wrote"),
}


def site_url(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def complaint_payload(
    event_id: UUID, event_type: str, complaint: Complaint, at: datetime, data: dict[str, Any]
) -> dict[str, Any]:
    """The event as stored and sent as JSON. `data` says what the event adds (the action,
    the statuses before and after, the clock's name)."""
    handler = complaint.handler
    return {
        "id": str(event_id),
        "type": event_type,
        "occurred_at": at.isoformat(),
        "organisation": complaint.organisation.code,
        "complaint": {
            "reference": complaint.reference,
            "url": site_url(complaint.get_absolute_url()),
            "status": complaint.status,
            "channel": complaint.channel,
            "subject": complaint.subject,
            "grade": complaint.grade or None,
            "category": complaint.category.code if complaint.category else None,
            "unit": {"code": complaint.unit.code, "name": complaint.unit.name},
            "handler": {"id": handler.pk, "name": str(handler)} if handler else None,
            "received_at": complaint.received_at.isoformat(),
            "sla_due_at": complaint.sla_due_at.isoformat() if complaint.sla_due_at else None,
            "escalation_level": complaint.escalation_level,
        },
        "data": data,
    }


def ping_payload(event_id: UUID, subscription: WebhookSubscription, at: datetime) -> dict:
    return {
        "id": str(event_id),
        "type": PING,
        "occurred_at": at.isoformat(),
        "organisation": subscription.organisation.code,
        "complaint": None,
        "data": {"subscription": subscription.name},
    }


@dataclass(frozen=True)
class Outgoing:
    url: str
    body: bytes


def outgoing(subscription: WebhookSubscription, payload: dict[str, Any]) -> Outgoing:
    """The request the subscription's format asks for (its organisation loaded with it)."""
    if subscription.format == Format.JSON:
        return Outgoing(subscription.url, _json(payload))
    with translation.override(_language(subscription.organisation)):
        title, facts, link = _message(payload, subscription.organisation)
        if subscription.format == Format.WECOM:
            return Outgoing(subscription.url, _json(_wecom(title, facts, link)))
        if subscription.format == Format.DINGTALK:
            return Outgoing(_dingtalk_url(subscription), _json(_dingtalk(title, facts, link)))
        return Outgoing(subscription.url, _json(_teams(title, facts, link)))


def _json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _language(organisation: Organisation) -> str:
    known = {code for code, _name in settings.LANGUAGES}
    return organisation.default_language if organisation.default_language in known else "zh-hant"


def _plain(text: str) -> str:
    """A complainant's words shown in a chat message: no markup of theirs may make a link,
    mention someone (WeCom's <@…>) or break the lines."""
    table = str.maketrans({"<": "＜", ">": "＞", "[": "［", "]": "］", "\n": " ", "\r": " "})
    return text.translate(table)


def _message(
    payload: dict[str, Any], organisation: Organisation
) -> tuple[str, list[tuple[str, str]], str]:
    """(title, facts, link to the complaint) in the active language."""
    complaint = payload.get("complaint")
    if complaint is None:
        return _("Test event from ComplaintDesk"), [], ""
    reference = complaint["reference"]
    title = _TITLES.get(payload["type"], gettext_lazy("Complaint %(reference)s")) % {
        "reference": reference
    }
    status = complaint["status"]
    facts = [
        (capfirst(_("reference")), reference),
        (capfirst(_("status")), str(Status(status).label) if status in Status else status),
        (capfirst(_("subject")), _plain(complaint["subject"])),
        (capfirst(_("unit")), _plain(complaint["unit"]["name"])),
    ]
    if complaint["handler"]:
        facts.append((capfirst(_("handler")), _plain(complaint["handler"]["name"])))
    if complaint["grade"] in Grade:
        facts.append((capfirst(_("grade")), str(Grade(complaint["grade"]).label)))
    if complaint["escalation_level"]:
        facts.append((capfirst(_("escalation level")), str(complaint["escalation_level"])))
    if complaint["sla_due_at"]:
        due = datetime.fromisoformat(complaint["sla_due_at"])
        local = due.astimezone(ZoneInfo(organisation.time_zone))
        facts.append((capfirst(_("due")), f"{local:%Y-%m-%d %H:%M}"))
    return str(title), facts, complaint["url"]


def _markdown(title: str, facts: list[tuple[str, str]], link: str, heading: str) -> str:
    lines = [f"{heading}{title}", *(f"> {label}: {value}" for label, value in facts)]
    if link:
        lines.append(f"[{_('Open the complaint')}]({link})")
    return "\n\n".join(lines)


def _wecom(title: str, facts: list[tuple[str, str]], link: str) -> dict[str, Any]:
    """A WeCom group bot's markdown message (企业微信群机器人)."""
    return {"msgtype": "markdown", "markdown": {"content": _markdown(title, facts, link, "## ")}}


def _dingtalk(title: str, facts: list[tuple[str, str]], link: str) -> dict[str, Any]:
    """A DingTalk group robot's markdown message (钉钉自定义机器人); its title is what the
    conversation list shows."""
    return {
        "msgtype": "markdown",
        "markdown": {"title": title, "text": _markdown(title, facts, link, "#### ")},
    }


def _dingtalk_url(subscription: WebhookSubscription) -> str:
    """A robot with "additional signature" (加签) checks these two query parameters."""
    if not subscription.secret:
        return subscription.url
    timestamp = int(time.time() * 1000)
    joiner = "&" if "?" in subscription.url else "?"
    sign = dingtalk_sign(subscription.secret, timestamp)
    return f"{subscription.url}{joiner}timestamp={timestamp}&sign={sign}"


def _teams(title: str, facts: list[tuple[str, str]], link: str) -> dict[str, Any]:
    """A Microsoft Teams message holding an Adaptive Card (Workflows / incoming webhook)."""
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {
                "type": "TextBlock",
                "text": title,
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {"type": "FactSet", "facts": [{"title": k, "value": v} for k, v in facts]},
        ],
    }
    if link:
        card["actions"] = [
            {"type": "Action.OpenUrl", "title": _("Open the complaint"), "url": link}
        ]
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
        ],
    }
