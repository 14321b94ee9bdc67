"""Every enumeration of the complaint record, with the words users see (domain.md glossary)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Walk-in (verbal)")
    LETTER = "letter", _("Letter (written)")
    EMAIL = "email", _("Email")
    WEB_FORM = "web_form", _("Web form")
    API = "api", _("API")
    SOCIAL_MEDIA = "social_media", _("Social media")
    REGULATOR = "regulator", _("Regulator referral")
    EXECUTIVE_OFFICE = "executive_office", _("Executive office")
    IMPORT = "import", _("Import")


VERBAL_CHANNELS = frozenset({Channel.PHONE, Channel.VISIT})
# Complaints made in writing: acknowledged in writing, where the policy says so.
WRITTEN_CHANNELS = frozenset(
    {Channel.LETTER, Channel.EMAIL, Channel.WEB_FORM, Channel.API, Channel.SOCIAL_MEDIA}
)


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSIGNED = "assigned", _("Assigned")
    INVESTIGATING = "investigating", _("Investigating")
    AWAITING_COMPLAINANT = "awaiting_complainant", _("Awaiting complainant")
    PROPOSED = "proposed", _("Solution proposed")
    REPLIED = "replied", _("Replied")
    FOLLOWING_UP = "following_up", _("Following up")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    APPEAL = "appeal", _("Under appeal")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    MERGED = "merged", _("Merged (duplicate)")
    REJECTED = "rejected", _("Rejected as out of scope")


# No further handling: these leave the queues.
FINAL_STATUSES = frozenset({Status.CLOSED, Status.WITHDRAWN, Status.MERGED, Status.REJECTED})
OPEN_STATUSES = frozenset(set(Status) - FINAL_STATUSES)


class Grade(models.TextChoices):
    GENERAL = "general", _("General")
    SIGNIFICANT = "significant", _("Significant")
    MAJOR = "major", _("Major")
    URGENT = "urgent", _("Urgent")


class RiskFlag(models.TextChoices):
    MEDIA = "media", _("Media risk")
    REGULATOR = "regulator", _("Regulator risk")
    LEGAL = "legal", _("Legal risk")
    SAFETY = "safety", _("Safety risk")
    VIP = "vip", _("VIP")
    REPEAT = "repeat", _("Repeat complaint")


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", _("Simplified Chinese")
    ZH_HANT = "zh-hant", _("Traditional Chinese")
    EN = "en", _("English")


class Responsibility(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    STAFF = "staff", _("Staff member")
    THIRD_PARTY = "third_party", _("Third party")
    COMPLAINANT = "complainant", _("Complainant")
    NONE = "none", _("No one (unfounded)")


class HandlingStep(models.TextChoices):
    """The six handling steps the training material asks for, in order."""

    LISTEN = "listen", _("Listen")
    APOLOGISE = "apologise", _("Apologise")
    COLLECT = "collect", _("Collect information")
    PROPOSE = "propose", _("Propose a solution")
    ASK_OPINION = "ask_opinion", _("Ask the complainant's opinion")
    FOLLOW_UP = "follow_up", _("Follow up")
    # Board-office cases only: the written report to the chairman/CEO (domain.md).
    EXECUTIVE_REPORT = "executive_report", _("Written report to the executives")


class RemedyType(models.TextChoices):
    APOLOGY = "apology", _("Apology")
    EXPLANATION = "explanation", _("Explanation")
    REPAIR = "repair", _("Repair")
    REPLACEMENT = "replacement", _("Replacement")
    REFUND = "refund", _("Refund")
    FEE_WAIVER = "fee_waiver", _("Fee waiver")
    GOODWILL = "goodwill", _("Goodwill gesture")
    COMPENSATION = "compensation", _("Compensation")
    NO_ACTION = "no_action", _("No remedy (complaint not upheld)")


class ReplyChannel(models.TextChoices):
    ORAL_PHONE = "oral_phone", _("Oral, by phone")
    ORAL_IN_PERSON = "oral_in_person", _("Oral, in person")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")


class ComplainantResponse(models.TextChoices):
    PENDING = "", _("Not yet known")
    ACCEPTED = "accepted", _("Accepted the solution")
    REJECTED = "rejected", _("Did not accept the solution")


class FollowUpResult(models.TextChoices):
    RESOLVED = "resolved", _("Problem solved")
    NOT_RESOLVED = "not_resolved", _("Problem not solved")
    NOT_REACHED = "not_reached", _("Could not reach the complainant")


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    COMPLAINANT = "complainant", _("Visible to the complainant")


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("Complaint registered")
    STATUS_CHANGED = "status_changed", _("Status changed")
    RECORD_CHANGED = "record_changed", _("Record changed")
    CLASSIFIED = "classified", _("Classified")
    NOTE = "note", _("Note")
    CALL = "call", _("Phone call")
    LETTER = "letter", _("Letter")
    MAIL = "mail", _("Email")
    VISIT = "visit", _("Visit/meeting")
    ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
    STEP_RECORDED = "step_recorded", _("Handling step recorded")
    INVESTIGATION_RECORDED = "investigation_recorded", _("Investigation recorded")
    REPLY_SENT = "reply_sent", _("Reply sent")
    RECEIPT_CONFIRMED = (
        "receipt_confirmed",
        _("Receiver confirmed the reply reached the complainant"),
    )
    RESPONSE_RECORDED = "response_recorded", _("Complainant's response recorded")
    FOLLOW_UP_RECORDED = "follow_up_recorded", _("Follow-up recorded")
    MERGED_IN = "merged_in", _("Duplicate merged into this complaint")
    CLOCK_WARNING = "clock_warning", _("Time standard warning")
    CLOCK_BREACHED = "clock_breached", _("Time standard breached")
    CLOCK_PAUSED = "clock_paused", _("Clock paused")
    CLOCK_RESUMED = "clock_resumed", _("Clock resumed")
    CLOCK_EXTENDED = "clock_extended", _("Deadline extended")
    EXTENSION_REQUESTED = "extension_requested", _("Extension of a deadline asked for")
    EXTENSION_REFUSED = "extension_refused", _("Extension of a deadline refused")
    ESCALATED = "escalated", _("Escalated")
    APPROVAL_REQUESTED = "approval_requested", _("Approval requested")
    APPROVAL_DECIDED = "approval_decided", _("Approval decided")
    APPROVAL_OVERDUE = "approval_overdue", _("Approval decision overdue")
    IDENTITY_REVEALED = "identity_revealed", _("Identity document number revealed")
    TASK_ASKED = "task_asked", _("Task for another department")
    TASK_DONE = "task_done", _("Task done")
    TASK_CANCELLED = "task_cancelled", _("Task cancelled")
    TASK_OVERDUE = "task_overdue", _("Task overdue")
    INCIDENT_LINKED = "incident_linked", _("Linked to an incident")
    INCIDENT_UNLINKED = "incident_unlinked", _("No longer linked to the incident")
    COMPLAINANT_CHANGED = "complainant_changed", _("Complainant's details corrected")
    AMOUNT_CLEARED = "amount_cleared", _("Unreadable amount cleared")
    # What the organisation wrote to the complainant (correspondence app), sent or not.
    CORRESPONDENCE_SENT = "correspondence_sent", _("Written to the complainant")
    CORRESPONDENCE_FAILED = "correspondence_failed", _("Could not be sent to the complainant")
    # The complainant's own acts on the tracking page.
    COMPLAINANT_WROTE = "complainant_wrote", _("Message from the complainant")
    RATED = "rated", _("Complainant rated the handling")


class EscalationCause(models.TextChoices):
    """Why a complaint went up the ladder; the timeline renders it in the reader's language."""

    CLOCK_BREACHED = "clock_breached", _("A time standard was missed.")
    CLASSIFICATION = "classification", _("Grade or risk flags call for this level.")
    BY_HAND = "by_hand", _("Escalated manually.")
