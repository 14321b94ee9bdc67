"""What the complainant does themselves, with no login: send a complaint through the public
form, and on the tracking page write to the handler, answer a request, accept or reject the
solution, rate the handling and appeal (domain.md steps 1, 8 and 9; ISO 10002 "tracking").

The tracking page has checked their code before any of these is called. Each writes what the
record-rules and transitions tables allow the complainant in the complaint's state, with no
actor on the timeline (`data.by` says it was the complainant).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import Organisation, OrgUnit
from complaintdesk.core import hooks as core_hooks
from complaintdesk.core.errors import GuardFailed, NotFound
from complaintdesk.customers.services import complainant_for_submission

from .. import hooks
from ..choices import Channel, ComplainantResponse, Status
from ..events import complainant_wrote_event, rated_event
from ..models import Complaint, PublicForm, Rating
from ..record_rules import Record, complainant_record_check
from ..transitions import Action
from .handling import response_write
from .intake import attach, attachment_problems, register
from .lifecycle import _apply, activity_touch, complaint_lock

MESSAGE_MAX_CHARS = 5000


@dataclass(frozen=True)
class Submission:
    complaint: Complaint
    # False: the same submission had already been received (sent twice); nothing new was made.
    created: bool


def _public_form(organisation: Organisation) -> PublicForm:
    form = PublicForm.objects.filter(organisation=organisation, is_open=True).first()
    if form is None:
        raise NotFound(_("This organisation takes no complaints through this form."))
    return form


def complaint_submit(
    *,
    organisation: Organisation,
    intake_key: str,
    name: str,
    phone: str = "",
    email: str = "",
    language: str,
    subject: str,
    description: str,
    site: OrgUnit | None = None,
    attachments: Iterable[UploadedFile] = (),
    at: datetime | None = None,
    **record,
) -> Submission:
    """Register what a complainant sent through the organisation's public form, in the unit
    the form names. `intake_key` is the form's own key: sending the same form twice (a double
    click, a retry after a lost connection) returns the complaint it made the first time."""
    form = _public_form(organisation)
    existing = _already_received(organisation, intake_key)
    if existing is not None:
        return Submission(existing, created=False)
    if site is not None and not form.sites.filter(pk=site.pk).exists():
        raise GuardFailed(
            _("The complaint record is not valid:"),
            details=[_("Choose one of the places listed.")],
        )
    uploads = list(attachments)
    problems = [problem for upload in uploads for problem in attachment_problems(upload)]
    if problems:
        raise GuardFailed(_("This file cannot be attached."), details=problems)
    try:
        complaint = _sent_in(
            form.intake_unit,
            Channel.WEB_FORM,
            {"name": name, "phone": phone, "email": email, "language": language},
            uploads,
            subject=subject,
            description=description,
            received_at=at,
            intake_key=intake_key,
            language=language,
            site=site,
            **record,
        )
    except IntegrityError:
        # The same key registered at the same moment by a second request: theirs stands.
        existing = _already_received(organisation, intake_key)
        if existing is None:
            raise
        return Submission(existing, created=False)
    return Submission(complaint, created=True)


def complaint_mailed_in(
    *,
    unit: OrgUnit,
    intake_key: str,
    name: str,
    email: str,
    language: str,
    subject: str,
    description: str,
    attachments: Iterable[UploadedFile] = (),
    at: datetime | None = None,
) -> Submission:
    """Register a complaint that arrived by e-mail (mail intake has read it and checked its
    files), with its sender as the complainant. `intake_key` is the mail's Message-ID: the
    same mail delivered twice is one complaint."""
    existing = _already_received(unit.organisation, intake_key)
    if existing is not None:
        return Submission(existing, created=False)
    complaint = _sent_in(
        unit,
        Channel.EMAIL,
        {"name": name, "email": email, "language": language},
        list(attachments),
        subject=subject,
        description=description,
        received_at=at,
        intake_key=intake_key,
        language=language,
    )
    return Submission(complaint, created=True)


def _sent_in(
    unit: OrgUnit,
    channel: str,
    person: dict[str, str],
    uploads: list[UploadedFile],
    **registration,
) -> Complaint:
    """A complaint the complainant sent in themselves, with its files, all or nothing."""
    with transaction.atomic():
        complainant = complainant_for_submission(unit.organisation, **person)
        complaint = register(
            by=None, unit=unit, complainant=complainant, channel=channel, **registration
        )
        for upload in uploads:
            attach(complaint, None, upload, at=complaint.received_at)
    return complaint


def _already_received(organisation: Organisation, intake_key: str) -> Complaint | None:
    if not intake_key:
        return None
    # The exclude repeats the unique index's condition so that SQLite uses that index: it
    # cannot tell by itself that a parameter is never ''.
    return (
        Complaint.objects.filter(organisation=organisation, intake_key=intake_key)
        .exclude(intake_key="")
        .first()
    )


def complaint_write_in(
    complaint: Complaint,
    text: str,
    *,
    attachments: Iterable[UploadedFile] = (),
    at: datetime | None = None,
    channel: str = "",
) -> Complaint:
    """The complainant writes to the handler, with evidence if they have it. While the
    complaint waits for them, this is their answer: it resumes the paused clocks. `channel`
    "email": they wrote by mail (mail intake) rather than on the tracking page."""
    text = text.strip()
    uploads = list(attachments)
    if not text and not uploads:
        raise GuardFailed(_("Write a message or attach a file."))
    if len(text) > MESSAGE_MAX_CHARS:
        raise GuardFailed(
            _("The message is too long (at most %(n)d characters).") % {"n": MESSAGE_MAX_CHARS}
        )
    problems = [problem for upload in uploads for problem in attachment_problems(upload)]
    if problems:
        raise GuardFailed(_("This file cannot be attached."), details=problems)
    at = at or timezone.now()
    with transaction.atomic():
        locked = complaint_lock(complaint)
        complainant_record_check(locked, Record.NOTE)
        if text:
            complainant_wrote_event(locked, at, text, channel=channel)
        for upload in uploads:
            attach(locked, None, upload, at=at)
        activity_touch(locked, at)
        resumed = locked.status == Status.AWAITING_COMPLAINANT
        if resumed:
            locked = _apply(locked, None, Action.RESUME, at=at, by_complainant=True)
        core_hooks.publish(hooks.ComplainantWrote(locked, at, resumed=resumed))
    return locked


def complaint_answer_solution(
    complaint: Complaint, response: str, *, note: str = "", at: datetime | None = None
) -> Complaint:
    """The complainant accepts the solution in the reply, or does not (step 8, in their own
    words); a "no" is where the tracking page offers the appeal."""
    if response not in (ComplainantResponse.ACCEPTED, ComplainantResponse.REJECTED):
        raise GuardFailed(_("Say whether you accept the solution."))
    at = at or timezone.now()
    with transaction.atomic():
        locked = complaint_lock(complaint)
        complainant_record_check(locked, Record.RESPONSE)
        if locked.complainant_response:
            raise GuardFailed(_("Your answer to this solution is already recorded."))
        response_write(locked, None, response, note.strip()[:MESSAGE_MAX_CHARS], at)
        core_hooks.publish(hooks.ComplainantWrote(locked, at))
    return locked


def complaint_rate(
    complaint: Complaint, score: int, *, comment: str = "", at: datetime | None = None
) -> Rating:
    """The complainant's rating of the handling (1 to 5) once they have the reply: one per
    reply, so a second reply after an appeal is rated again."""
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise GuardFailed(_("Choose a rating from 1 to 5."))
    at = at or timezone.now()
    with transaction.atomic():
        locked = complaint_lock(complaint)
        complainant_record_check(locked, Record.RATING)
        reply = locked.replies.order_by("-sent_at", "-id").first()
        if reply is None:
            raise GuardFailed(_("No reply to the complainant is recorded."))
        if Rating.objects.filter(reply=reply).exists():
            raise GuardFailed(_("You have already rated this reply. Thank you."))
        rating = Rating.objects.create(
            complaint=locked,
            reply=reply,
            score=score,
            comment=comment.strip()[:MESSAGE_MAX_CHARS],
            given_at=at,
        )
        rated_event(locked, rating)
        core_hooks.publish(hooks.ComplainantWrote(locked, at))
    return rating


def complaint_appeal_by_complainant(
    complaint: Complaint, grounds: str, *, at: datetime | None = None
) -> Complaint:
    """The complainant asks for the decision to be reviewed, saying why, within the window
    their organisation's policy gives (a policy's guard checks it)."""
    if len(grounds) > MESSAGE_MAX_CHARS:
        raise GuardFailed(
            _("The message is too long (at most %(n)d characters).") % {"n": MESSAGE_MAX_CHARS}
        )

    def stamp(locked: Complaint, when: datetime) -> None:
        locked.closed_at = None

    at = at or timezone.now()
    with transaction.atomic():
        appealed = _apply(
            complaint,
            None,
            Action.APPEAL,
            at=at,
            reason=grounds.strip(),
            before_guard=stamp,
            by_complainant=True,
        )
        core_hooks.publish(hooks.ComplainantWrote(appealed, at))
    return appealed
