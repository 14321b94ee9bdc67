"""Handling records: notes and contacts, the six steps, investigation, proposal, reply,
the complainant's response and follow-up calls (domain.md steps 5-9)."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.core import hooks as core_hooks
from complaintdesk.core.errors import GuardFailed
from complaintdesk.core.money import amount_problems

from .. import hooks
from ..choices import (
    ComplainantResponse,
    FollowUpResult,
    HandlingStep,
    RemedyType,
    ReplyChannel,
    Responsibility,
    Visibility,
)
from ..events import (
    CONTACT_KINDS,
    EventKind,
    field_changes,
    follow_up_recorded_event,
    note_event,
    receipt_confirmed_event,
    record_changed_event,
    reply_sent_event,
    response_recorded_event,
    step_recorded_event,
)
from ..models import Complaint, FollowUp, Proposal, Reply, RootCause, StepRecord
from ..record_rules import Record, record_check
from ..transitions import Action
from .lifecycle import _apply, activity_touch, complaint_lock_for


def _written(complaint: Complaint, record: str, by: User, at: datetime, detail: str = "") -> None:
    core_hooks.publish(hooks.RecordWritten(complaint, record, by, at, detail))


def complaint_add_note(
    complaint: Complaint,
    by: User,
    text: str,
    *,
    kind: str = EventKind.NOTE,
    visibility: str = Visibility.INTERNAL,
    at: datetime | None = None,
) -> None:
    """A note, or a logged call, letter, mail or visit (kind), on the timeline."""
    if kind != EventKind.NOTE and kind not in CONTACT_KINDS:
        raise ValueError(f"Not a note or contact kind: {kind}")
    record_check(by, complaint, Record.NOTE)
    if not text.strip():
        raise GuardFailed(_("The note is empty."))
    at = at or timezone.now()
    with transaction.atomic():
        locked = complaint_lock_for(complaint, by, Record.NOTE)
        note_event(locked, by, at, text.strip(), kind=kind, visibility=visibility)
        activity_touch(complaint, at)
        # A logged contact meets the contact clocks (sla app).
        _written(locked, Record.NOTE, by, at, detail=kind)


def complaint_record_step(
    complaint: Complaint, by: User, step: str, note: str = "", *, at: datetime | None = None
) -> StepRecord:
    record_check(by, complaint, Record.STEP)
    if step not in HandlingStep.values:
        raise GuardFailed(_("Unknown handling step."))
    at = at or timezone.now()
    with transaction.atomic():
        locked = complaint_lock_for(complaint, by, Record.STEP)
        record = StepRecord.objects.create(
            complaint=locked, step=step, note=note, done_by=by, done_at=at
        )
        step_recorded_event(locked, by, at, step, note)
        activity_touch(complaint, at)
        _written(locked, Record.STEP, by, at, detail=step)
    return record


def complaint_record_investigation(
    complaint: Complaint,
    by: User,
    *,
    findings: str,
    responsibility: str,
    responsible_unit: OrgUnit | None = None,
    responsible_person: str = "",
    root_cause: RootCause | None = None,
    at: datetime | None = None,
) -> Complaint:
    """The finding: what happened, who is responsible, and why (root cause)."""
    if responsibility not in Responsibility.values:
        raise GuardFailed(_("Unknown responsibility."))
    if root_cause is not None and root_cause.organisation_id != complaint.organisation_id:
        raise GuardFailed(_("The root cause belongs to another organisation."))
    values = {
        "findings": findings.strip(),
        "responsibility": responsibility,
        "responsible_unit": responsible_unit,
        "responsible_person": responsible_person.strip(),
        "root_cause": root_cause,
    }
    at = at or timezone.now()
    with transaction.atomic():
        locked = complaint_lock_for(complaint, by, Record.INVESTIGATION)
        changes = field_changes(locked, values)
        for field, value in values.items():
            setattr(locked, field, value)
        locked.last_activity_at = max(at, locked.last_activity_at)
        locked.save()
        record_changed_event(locked, by, at, changes, kind=EventKind.INVESTIGATION_RECORDED)
        _written(locked, Record.INVESTIGATION, by, at)
    return locked


def complaint_propose(
    complaint: Complaint,
    by: User,
    *,
    remedy_type: str,
    reasons: str,
    amount: Decimal | None = None,
    description: str = "",
    at: datetime | None = None,
) -> Proposal:
    """Propose the solution (处理决定) with the remedy and the reasons.

    The complaint becomes "solution proposed" and `ProposalMade` is published in the same
    transaction: the authority app opens a request for approval when the remedy is beyond the
    proposer's authority, and its guard then holds the reply until the request is settled.
    """
    problems = []
    if remedy_type not in RemedyType.values:
        problems.append(_("Unknown remedy."))
    if not reasons.strip():
        problems.append(_("The reasons for the decision are required."))
    problems += amount_problems(amount)
    if problems:
        raise GuardFailed(_("The proposal is not complete:"), details=problems)
    created: list[Proposal] = []

    def write(locked: Complaint, when: datetime) -> None:
        created.append(
            Proposal.objects.create(
                complaint=locked,
                remedy_type=remedy_type,
                amount=amount,
                currency=locked.organisation.currency if amount is not None else "",
                description=description,
                reasons=reasons.strip(),
                proposed_by=by,
                proposed_at=when,
            )
        )

    with transaction.atomic():
        proposed = _apply(
            complaint,
            by,
            Action.PROPOSE,
            at=at,
            before_guard=write,
            data={
                "remedy_type": remedy_type,
                "amount": str(amount) if amount is not None else None,
            },
        )
        proposal = created[0]
        core_hooks.publish(hooks.ProposalMade(proposed, proposal, by, proposal.proposed_at))
    return proposal


def complaint_reply(
    complaint: Complaint,
    by: User,
    *,
    channel: str,
    text: str,
    reasons: str,
    appeal_route: str = "",
    letter_subject: str = "",
    letter_body: str = "",
    at: datetime | None = None,
) -> Reply:
    """Answer with the decision and its reasons; an oral reply is recorded as such. The
    letter that carries a written reply goes out as the handler corrected it (`letter_subject`,
    `letter_body`), else from the organisation's template."""
    problems = []
    if channel not in ReplyChannel.values:
        problems.append(_("Unknown reply channel."))
    if not text.strip():
        problems.append(_("The reply text is required."))
    if not reasons.strip():
        problems.append(_("The reasons for the decision are required."))
    if problems:
        raise GuardFailed(_("The reply is not complete:"), details=problems)
    created: list[Reply] = []

    def write(locked: Complaint, when: datetime) -> None:
        created.append(
            Reply.objects.create(
                complaint=locked,
                channel=channel,
                text=text.strip(),
                reasons=reasons.strip(),
                appeal_route=appeal_route.strip(),
                sent_by=by,
                sent_at=when,
            )
        )
        locked.first_replied_at = locked.first_replied_at or when

    with transaction.atomic():
        written = {"subject": letter_subject, "body": letter_body}
        _apply(
            complaint,
            by,
            Action.REPLY,
            at=at,
            before_guard=write,
            data={"channel": channel},
            written=written if letter_subject.strip() or letter_body.strip() else None,
        )
        reply = created[0]
        reply_sent_event(complaint, reply)
    return reply


def complaint_confirm_reply_receipt(
    complaint: Complaint,
    by: User,
    *,
    note: str = "",
    on_behalf_reason: str = "",
    at: datetime | None = None,
) -> Reply:
    """The original receiver confirms with the complainant that a colleague's reply reached them.

    A manager may record it on the receiver's behalf (they have left, or are away), saying why:
    the timeline keeps both names and the reason.
    """
    record_check(by, complaint, Record.CONFIRM_RECEIPT)
    on_behalf = by.pk != complaint.received_by_id
    if on_behalf and not on_behalf_reason.strip():
        raise GuardFailed(
            _("Please give a reason."),
            details=[_("Say why you confirm this on the receiver's behalf.")],
        )
    at = at or timezone.now()
    with transaction.atomic():
        locked = complaint_lock_for(complaint, by, Record.CONFIRM_RECEIPT)
        reply = locked.replies.select_for_update().order_by("-sent_at", "-id").first()
        if reply is None:
            raise GuardFailed(_("No reply to the complainant is recorded."))
        if reply.receiver_confirmed_at is None:
            reply.receiver_confirmed_by = by
            reply.receiver_confirmed_at = at
            reply.save(update_fields=["receiver_confirmed_by", "receiver_confirmed_at"])
            receipt_confirmed_event(
                locked,
                reply,
                by,
                at,
                note,
                on_behalf_of=locked.received_by_id if on_behalf else None,
                reason=on_behalf_reason.strip(),
            )
            activity_touch(complaint, at)
            _written(locked, Record.CONFIRM_RECEIPT, by, at)
    return reply


def complaint_record_response(
    complaint: Complaint, by: User, response: str, *, note: str = "", at: datetime | None = None
) -> Complaint:
    """Whether the complainant accepts the solution (consensus) or not."""
    if response not in (ComplainantResponse.ACCEPTED, ComplainantResponse.REJECTED):
        raise GuardFailed(_("Say whether the complainant accepted the solution."))
    at = at or timezone.now()
    with transaction.atomic():
        locked = complaint_lock_for(complaint, by, Record.RESPONSE)
        response_write(locked, by, response, note, at)
        _written(locked, Record.RESPONSE, by, at)
    return locked


def response_write(
    locked: Complaint, by: User | None, response: str, note: str, at: datetime
) -> None:
    """The answer on the locked row and its timeline entry, for a member of staff who took it
    down and for the complainant giving it themselves (`by` None)."""
    if not locked.replies.exists():
        raise GuardFailed(_("No reply to the complainant is recorded."))
    locked.complainant_response = response
    locked.complainant_response_at = at
    locked.last_activity_at = max(at, locked.last_activity_at)
    locked.save(
        update_fields=[
            "complainant_response",
            "complainant_response_at",
            "last_activity_at",
            "updated_at",
        ]
    )
    response_recorded_event(locked, by, at, response, note)


def complaint_record_follow_up(
    complaint: Complaint,
    by: User,
    *,
    result: str,
    outcome_satisfaction: int | None = None,
    handling_satisfaction: int | None = None,
    notes: str = "",
    at: datetime | None = None,
) -> FollowUp:
    """A follow-up call: is the problem really solved, and how satisfied is the complainant?"""
    problems = []
    if result not in FollowUpResult.values:
        problems.append(_("Unknown follow-up result."))
    for score in (outcome_satisfaction, handling_satisfaction):
        if score is not None and not 1 <= score <= 5:
            problems.append(_("Satisfaction must be between 1 and 5."))
    if result == FollowUpResult.NOT_REACHED and not notes.strip():
        problems.append(_("Describe the attempt (when, which number or address)."))
    if problems:
        raise GuardFailed(_("The follow-up is not complete:"), details=problems)
    record_check(by, complaint, Record.FOLLOW_UP)
    latest_reply = complaint.replies.order_by("-sent_at", "-id").first()
    if latest_reply is None:
        # A follow-up call checks on a reply: there is nothing to follow up before one.
        raise GuardFailed(_("No reply to the complainant is recorded."))
    at = at or timezone.now()
    # A call logged afterwards carries the time it was made: never ahead, never before the reply.
    if at > timezone.now() + timedelta(minutes=5):
        raise GuardFailed(
            _("The follow-up is not complete:"),
            details=[_("The time of the call cannot be in the future.")],
        )
    if at < latest_reply.sent_at:
        raise GuardFailed(
            _("The follow-up is not complete:"),
            details=[_("The call cannot have been made before the reply was sent.")],
        )
    with transaction.atomic():
        locked = complaint_lock_for(complaint, by, Record.FOLLOW_UP)
        follow_up = FollowUp.objects.create(
            complaint=locked,
            result=result,
            outcome_satisfaction=outcome_satisfaction,
            handling_satisfaction=handling_satisfaction,
            notes=notes.strip(),
            done_by=by,
            done_at=at,
        )
        follow_up_recorded_event(locked, follow_up)
        activity_touch(complaint, at)
        _written(locked, Record.FOLLOW_UP, by, at)
    return follow_up
