"""Taking one message in: a new complaint with its sender as the complainant, or the answer
to a complaint joined to it; automatic replies, bounces and our own mail recognised and never
made into complaints; the same message delivered twice taken in once."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import Organisation, OrgUnit
from complaintdesk.complaints.models import Complaint, PublicForm
from complaintdesk.complaints.services import (
    attachment_problems,
    complaint_mailed_in,
    complaint_write_in,
)
from complaintdesk.core.errors import DomainError
from complaintdesk.core.scripts import language_of
from complaintdesk.correspondence.delivery import letter_bounced
from complaintdesk.correspondence.models import Letter

from .models import InboundMessage, Mailbox, Outcome
from .parsing import InboundFile, ParsedMail, parse_mail

REFERENCE = re.compile(r"\b([A-Z]{1,10}-\d{4}-\d{6})\b")


@dataclass(frozen=True)
class Ingested:
    outcome: str
    complaint: Complaint | None
    # True: this message had been taken in before; nothing new was made.
    duplicate: bool = False


def intake_unit_for(organisation: Organisation, mailbox: Mailbox | None) -> OrgUnit:
    """Where a new mailed complaint lands: its mailbox's unit, else the organisation's one
    mailbox's, else where its public form's complaints land."""
    if mailbox is not None:
        return mailbox.intake_unit
    boxes = list(Mailbox.objects.filter(organisation=organisation).select_related("intake_unit"))
    if len(boxes) == 1:
        return boxes[0].intake_unit
    form = (
        PublicForm.objects.filter(organisation=organisation).select_related("intake_unit").first()
    )
    if form is not None:
        return form.intake_unit
    raise DomainError(_("The organisation has no mailbox or public form to take mail in."))


def _own_addresses(organisation: Organisation) -> set[str]:
    own = {settings.DEFAULT_FROM_EMAIL.lower()}
    own |= {
        a.lower()
        for a in Mailbox.objects.filter(organisation=organisation).values_list("address", flat=True)
    }
    return own


def _answered(organisation: Organisation, mail: ParsedMail) -> Complaint | None:
    """The complaint this mail answers: one of our letters it replies to, an earlier mail of
    the thread, or a reference in its subject (only from the complainant's own address: a
    stranger who copies a reference does not write into someone's complaint)."""
    if mail.answers:
        letter = (
            Letter.objects.filter(complaint__organisation=organisation, message_id__in=mail.answers)
            .select_related("complaint")
            .first()
        )
        if letter is not None:
            return letter.complaint
        earlier = (
            InboundMessage.objects.filter(
                organisation=organisation, message_id__in=mail.answers, complaint__isnull=False
            )
            .select_related("complaint")
            .first()
        )
        if earlier is not None:
            return earlier.complaint
    for reference in REFERENCE.findall(mail.subject):
        complaint = (
            Complaint.objects.filter(organisation=organisation, reference=reference)
            .select_related("complainant")
            .first()
        )
        if complaint is not None and complaint.complainant.email == mail.sender_email:
            return complaint
    return None


def _uploads(files: list[InboundFile]) -> tuple[list[SimpleUploadedFile], list[str]]:
    kept, refused = [], []
    for file in files:
        upload = SimpleUploadedFile(file.name, file.content, file.content_type)
        problems = attachment_problems(upload)
        if problems:
            refused.append(f"{file.name}: {'; '.join(problems)}")
        else:
            kept.append(upload)
    return kept, refused


def _register(
    organisation: Organisation, mail: ParsedMail, unit: OrgUnit, at: datetime
) -> tuple[Complaint, list[str]]:
    uploads, refused = _uploads(mail.files)
    submission = complaint_mailed_in(
        unit=unit,
        intake_key=f"mail:{mail.message_id}"[:200],
        name=mail.sender_name,
        email=mail.sender_email,
        language=language_of(f"{mail.subject}\n{mail.text}", organisation.default_language),
        subject=(mail.subject or _("(no subject)"))[:200],
        description=mail.text or mail.subject or _("(no text)"),
        attachments=uploads,
        at=at,
    )
    return submission.complaint, refused


def mail_ingest(
    organisation: Organisation,
    raw: bytes,
    *,
    mailbox: Mailbox | None = None,
    at: datetime | None = None,
) -> Ingested:
    at = at or timezone.now()
    mail = parse_mail(raw, own_addresses=_own_addresses(organisation))
    done = InboundMessage.objects.filter(organisation=organisation, message_id=mail.message_id)
    earlier = done.select_related("complaint").first()
    if earlier is not None:
        return Ingested(earlier.outcome, earlier.complaint, duplicate=True)
    try:
        with transaction.atomic():
            outcome, complaint, note = _take_in(organisation, mail, mailbox, at)
            InboundMessage.objects.create(
                organisation=organisation,
                message_id=mail.message_id[:300],
                sender=mail.sender_email[:300],
                subject=mail.subject[:300],
                received_at=at,
                outcome=outcome,
                complaint=complaint,
                note=note,
            )
    except IntegrityError:
        # Delivered twice at the same moment: the other delivery took it in.
        earlier = done.select_related("complaint").first()
        if earlier is None:
            raise
        return Ingested(earlier.outcome, earlier.complaint, duplicate=True)
    return Ingested(outcome, complaint)


def _take_in(
    organisation: Organisation, mail: ParsedMail, mailbox: Mailbox | None, at: datetime
) -> tuple[str, Complaint | None, str]:
    if mail.automatic == "bounce":
        letters = Letter.objects.filter(
            complaint__organisation=organisation, message_id__in=mail.bounced
        ).select_related("complaint")
        complaint = None
        for letter in letters:
            letter_bounced(letter, mail.text[:500], at)
            complaint = letter.complaint
        return Outcome.BOUNCE, complaint, ""
    if mail.automatic:
        return mail.automatic, None, ""
    answered = _answered(organisation, mail)
    if answered is not None:
        uploads, refused = _uploads(mail.files)
        try:
            complaint_write_in(answered, mail.text, attachments=uploads, at=at, channel="email")
        except DomainError as error:
            # A complaint that can take no more (merged, withdrawn): the mail starts a new one.
            note = f"{answered.reference}: {error.message}"
        else:
            return Outcome.THREADED, answered, "\n".join(refused)
    else:
        note = ""
    complaint, refused = _register(organisation, mail, intake_unit_for(organisation, mailbox), at)
    return Outcome.CREATED, complaint, "\n".join(filter(None, [note, *refused]))
