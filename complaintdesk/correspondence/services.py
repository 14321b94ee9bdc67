"""Writing to the complainant: a draft from the organisation's template (or the default),
and the letter kept as sent; the worker delivers it (delivery.py)."""

import re
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.conf import settings
from django.core.mail import make_msgid
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import Capability
from complaintdesk.complaints import permissions
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.errors import GuardFailed

from .defaults import default_wording
from .delivery import letter_recorded
from .models import Letter, LetterChannel, LetterKind, LetterStatus, LetterTemplate
from .placeholders import PLACEHOLDER, fill, unknown_placeholders
from .tasks import letter_deliver_task, letter_pdf_task
from .variables import letter_variables


@dataclass(frozen=True)
class Draft:
    kind: str
    language: str
    subject: str
    body: str
    # The complainant's e-mail address and postal address, as they are on file.
    email: str
    address: str
    # From the organisation's own template (else the product's default wording).
    own_template: bool = False


def _tidy(text: str) -> str:
    """A variable with no value leaves no run of empty lines behind."""
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def letter_draft(complaint: Complaint, kind: str, **given: str) -> Draft:
    """The letter as it would go out now, in the complainant's language: for the handler to
    read and correct before sending, and for what the system sends by itself."""
    if kind not in LetterKind.values:
        raise GuardFailed(_("Unknown kind of letter."))
    language = complaint.language
    own = LetterTemplate.objects.filter(
        organisation_id=complaint.organisation_id, kind=kind, language=language
    ).first()
    subject, body = (own.subject, own.body) if own else default_wording(kind, language)
    wanted = set(PLACEHOLDER.findall(subject)) | set(PLACEHOLDER.findall(body))
    values = letter_variables(complaint, language, wanted, **given)
    person = complaint.complainant
    return Draft(
        kind=kind,
        language=language,
        subject=_tidy(fill(subject, values))[:200],
        body=_tidy(fill(body, values)),
        email=person.email,
        address=person.address,
        own_template=own is not None,
    )


def letter_send(
    complaint: Complaint,
    kind: str,
    *,
    by: User | None,
    channel: str = LetterChannel.EMAIL,
    subject: str | None = None,
    body: str | None = None,
    at: datetime | None = None,
    checked: bool = True,
    **given: str,
) -> Letter:
    """Keep the letter and send it: an e-mail goes out from the worker (on commit, so a
    rolled-back change never mails anyone); a letter for the post is kept ready to print.
    `by` None: the system writes (the acknowledgement of a written complaint). A person may
    correct the draft's `subject` and `body` before it goes. `checked` False: a letter that
    a move of theirs causes (the reply by e-mail), whose right the move has checked."""
    if by is not None and checked:
        permissions.require_capability(by, complaint, Capability.FOLLOW_UP)
    if channel not in LetterChannel.values:
        raise GuardFailed(_("Unknown way of sending."))
    draft = letter_draft(complaint, kind, **given)
    subject = (subject if subject is not None else draft.subject).strip()
    body = (body if body is not None else draft.body).strip()
    problems = []
    if not subject or not body:
        problems.append(_("The letter needs a subject and a text."))
    if unknown_placeholders(subject + body):
        problems.append(_("The letter still holds a variable in double braces."))
    recipient = draft.email if channel == LetterChannel.EMAIL else draft.address
    if not recipient.strip():
        problems.append(
            _("The complainant has no e-mail address on file.")
            if channel == LetterChannel.EMAIL
            else _("The complainant has no postal address on file.")
        )
    if problems:
        raise GuardFailed(_("The letter cannot be sent:"), details=problems)
    at = at or timezone.now()
    with transaction.atomic():
        letter = Letter.objects.create(
            complaint=complaint,
            kind=kind,
            language=draft.language,
            channel=channel,
            recipient=recipient.strip(),
            subject=subject,
            body=body,
            status=LetterStatus.QUEUED if channel == LetterChannel.EMAIL else LetterStatus.READY,
            next_attempt_at=at if channel == LetterChannel.EMAIL else None,
            message_id=make_msgid(domain=settings.MAIL_DOMAIN),
            created_by=by,
            created_at=at,
        )
        if channel == LetterChannel.POST:
            # Printed and posted by a person: on the record now, as a letter sent.
            letter_recorded(letter, at)
            transaction.on_commit(partial(letter_pdf_task.enqueue, letter.pk))
        else:
            transaction.on_commit(partial(letter_deliver_task.enqueue, letter.pk))
    return letter
