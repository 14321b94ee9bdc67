"""Writes for complainants."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import Organisation, User
from complaintdesk.core.bulk import objects_insert
from complaintdesk.core.errors import DomainError, GuardFailed

from .models import Complainant, ComplainantChange, CustomerTier, digits_of
from .selectors import complainant_find

_FIELDS = (
    "name",
    "phone",
    "email",
    "address",
    "preferred_language",
    "tier",
    "id_document_type",
    "id_document_number",
    "account_reference",
)


def complainant_find_or_create(organisation: Organisation, **details: str) -> Complainant:
    """The person already on file with this phone or email, or a new record.

    Staff should not ask a returning complainant again for what the organisation holds
    (domain.md, customer-centred policies), so contact details match an existing record.
    """
    unknown = set(details) - set(_FIELDS)
    if unknown:
        raise TypeError(f"Unknown complainant fields: {sorted(unknown)}")
    name = (details.get("name") or "").strip()
    if not name:
        raise DomainError(_("The complainant's name is required."))
    if not (details.get("phone") or details.get("email") or details.get("address")):
        raise DomainError(_("At least one way to reach the complainant is required."))
    with transaction.atomic():
        existing = complainant_find(
            organisation, phone=details.get("phone", ""), email=details.get("email", "")
        ).first()
        if existing is not None:
            return existing
        return Complainant.objects.create(organisation=organisation, **details)


@dataclass(frozen=True)
class ContactDetails:
    """Who a historical complaint came from, as an import file names them."""

    name: str
    phone: str = ""
    email: str = ""


# Rows per IN list: well under SQLite's and PostgreSQL's limits on query parameters.
_LOOKUP_CHUNK = 2000


@dataclass(frozen=True)
class ComplainantsFound:
    """complainants_find_or_create_bulk's answer: ids, not records, since an import of
    100,000 rows needs no more of them and building a record for each costs seconds."""

    # The complainant of each entry asked about, in order.
    ids: list[int]
    # Those among them who are VIPs (a VIP's complaint carries the VIP risk flag).
    vip: set[int]
    # Those made now: being new, they have no earlier complaint to look for.
    new: set[int]


def complainants_find_or_create_bulk(
    organisation: Organisation, people: list[ContactDetails]
) -> ComplainantsFound:
    """`complainant_find_or_create` for many people at once, in a few queries whatever their
    number.

    Sameness is the single-record rule: the lowest-numbered record with the same phone number
    (six digits or more) or e-mail address. Two entries that share a contact and match nobody
    on file become one new record, as they would have one after the other. The caller has
    checked that each entry has a name and a phone or an e-mail.
    """
    digits = [digits_of(person.phone) for person in people]
    emails = [person.email.strip().lower() for person in people]
    wanted_digits = sorted({d for d in digits if len(d) >= 6})
    wanted_emails = sorted({e for e in emails if e})
    # (id, phone digits, email, tier) of each record on file that matches an entry.
    found: dict[int, tuple[int, str, str, str]] = {}
    # One query per contact kind, not one with an OR: each then walks its own index
    # (organisation, phone_digits) or (organisation, email), where an OR made SQLite read
    # every complainant of the organisation.
    candidates = Complainant.objects.filter(organisation=organisation).order_by()
    for field, wanted in (("phone_digits", wanted_digits), ("email", wanted_emails)):
        for start in range(0, len(wanted), _LOOKUP_CHUNK):
            part = wanted[start : start + _LOOKUP_CHUNK]
            rows = candidates.filter(**{f"{field}__in": part}).values_list(
                "pk", "phone_digits", "email", "tier"
            )
            found.update((row[0], row) for row in rows)
    by_digits: dict[str, int | Complainant] = {}
    by_email: dict[str, int | Complainant] = {}
    vip = set()
    for pk, phone_digits, email, tier in sorted(found.values()):
        if len(phone_digits) >= 6:
            by_digits.setdefault(phone_digits, pk)
        if email:
            by_email.setdefault(email, pk)
        if tier == CustomerTier.VIP:
            vip.add(pk)
    chosen: list[int | Complainant] = []
    new: list[Complainant] = []
    for person, phone_digits, email in zip(people, digits, emails, strict=True):
        # An id on file, or a record made in this call (which, newest, loses to any id).
        matches = [
            m
            for m in (by_digits.get(phone_digits), by_email.get(email) if email else None)
            if m is not None
        ]
        on_file = [m for m in matches if isinstance(m, int)]
        if matches:
            chosen.append(min(on_file) if on_file else matches[0])
            continue
        record = Complainant(
            organisation=organisation,
            name=person.name.strip(),
            phone=person.phone.strip(),
            phone_digits=phone_digits,
            email=email,
        )
        new.append(record)
        chosen.append(record)
        if len(phone_digits) >= 6:
            by_digits[phone_digits] = record
        if email:
            by_email[email] = record
    with transaction.atomic():
        objects_insert(new)
    ids = [c if isinstance(c, int) else c.pk for c in chosen]
    return ComplainantsFound(ids, vip, {record.pk for record in new})


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


def complainant_for_submission(
    organisation: Organisation, *, name: str, phone: str = "", email: str = "", language: str = ""
) -> Complainant:
    """The person on file for a complaint someone sent in themselves (the public form, a mail).

    Only a record with the same name and the same phone or e-mail is theirs: whoever types a
    phone number they do not own must neither join another person's record nor see their
    complaint filed under that person's name. Otherwise a new record keeps exactly what they
    typed.
    """
    name = name.strip()
    if not name:
        raise DomainError(_("The complainant's name is required."))
    if not (phone.strip() or email.strip()):
        raise DomainError(_("A phone number or an e-mail address is required."))
    with transaction.atomic():
        for person in complainant_find(organisation, phone=phone, email=email):
            if _same_name(person.name, name):
                return person
        return Complainant.objects.create(
            organisation=organisation,
            name=name,
            phone=phone.strip(),
            email=email.strip(),
            preferred_language=language,
        )


def complainant_create(organisation: Organisation, **details: str) -> tuple[Complainant, bool]:
    """Put someone on file ahead of any complaint (another system sending its customers): the
    record already held for the same name with the same phone or e-mail comes back instead of a
    second one, so (person, created). A machine cannot look at a look-up's list as a receiver
    does, so a shared number under another name is a new record, as on the public form. The
    caller has checked that it may register complaints there."""
    unknown = set(details) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown complainant fields: {sorted(unknown)}")
    person = Complainant(organisation=organisation, **{k: v.strip() for k, v in details.items()})
    problems = _problems(person)
    if problems:
        raise GuardFailed(_("The complainant record is not valid:"), details=problems)
    with transaction.atomic():
        for existing in complainant_find(organisation, phone=person.phone, email=person.email):
            if _same_name(existing.name, person.name):
                return existing, False
        person.save()
    return person, True


# What staff may correct on a complainant's record (identity documents are not among them:
# they are taken at intake and revealed only under audit).
EDITABLE_FIELDS = (
    "name",
    "phone",
    "email",
    "address",
    "preferred_language",
    "account_reference",
    "tier",
)
LANGUAGES = ("", "zh-hans", "zh-hant", "en")


def _problems(person: Complainant) -> list[str]:
    problems = []
    if not person.name.strip():
        problems.append(_("The complainant's name is required."))
    if not (person.phone.strip() or person.email.strip() or person.address.strip()):
        problems.append(_("At least one way to reach the complainant is required."))
    if person.email:
        try:
            validate_email(person.email)
        except ValidationError:
            problems.append(_("The e-mail address is not valid."))
    if person.tier not in CustomerTier.values:
        problems.append(_("Unknown customer tier."))
    if person.preferred_language not in LANGUAGES:
        problems.append(_("Unknown language."))
    return problems


def complainant_change(
    person: Complainant,
    by: User,
    values: dict[str, str],
    *,
    complaint_id: int | None = None,
    at: datetime | None = None,
) -> ComplainantChange | None:
    """Write the corrected fields and their before and after to the record's history; None
    when nothing changed. The caller has checked that `by` may (the complaints app, from the
    complaint the change is made on)."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        locked = Complainant.objects.select_for_update().get(pk=person.pk)
        before = {field: getattr(locked, field) for field in values}
        for field, value in values.items():
            setattr(locked, field, value.strip())
        problems = _problems(locked)
        if problems:
            raise GuardFailed(_("The complainant record is not valid:"), details=problems)
        locked.save()  # normalises the phone digits and the e-mail's case
        changes = [
            {"field": field, "before": before[field], "after": getattr(locked, field)}
            for field in values
            if before[field] != getattr(locked, field)
        ]
        if not changes:
            return None
        change = ComplainantChange.objects.create(
            complainant=locked,
            changed_by=by,
            changed_at=at or timezone.now(),
            changes=changes,
            complaint_id=complaint_id,
        )
    for field in EDITABLE_FIELDS:
        setattr(person, field, getattr(locked, field))
    return change
