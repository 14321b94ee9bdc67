"""factory_boy factories for the whole domain: organisations, unit trees, staff with roles,
complainants, taxonomy, and complaints registered through the real intake service.

Units are saved through OrgUnit.save (which keeps the materialised path) and complaints are
registered with `services.complaint_register`, so a test built on these factories exercises
the real code. ComplainantFactory writes the row directly so that each call is a new person
(`complainant_find_or_create` would match on contact details). `drive_to` takes a complaint to
any status through the real lifecycle services; `perform` makes any move of the table.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from complaintdesk.accounts.models import Organisation, OrgUnit, RoleAssignment, UnitKind, User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Channel, Responsibility
from complaintdesk.complaints.models import Category, Complaint, RootCause
from complaintdesk.customers.models import Complainant, CustomerTier


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    reference_prefix = "CP"


class OrgUnitFactory(DjangoModelFactory):
    """A head office of a new organisation unless told otherwise."""

    class Meta:
        model = OrgUnit

    organisation = factory.SubFactory(OrganisationFactory)
    parent = None
    kind = UnitKind.HEAD_OFFICE
    code = factory.Sequence(lambda n: f"U{n}")
    name = factory.LazyAttribute(lambda o: f"{o.kind} {o.code}")


class _ChildUnitFactory(OrgUnitFactory):
    organisation = factory.SelfAttribute("parent.organisation")


class RegionFactory(_ChildUnitFactory):
    parent = factory.SubFactory(OrgUnitFactory)
    kind = UnitKind.REGION


class DistrictFactory(_ChildUnitFactory):
    parent = factory.SubFactory(RegionFactory)
    kind = UnitKind.DISTRICT


class SiteFactory(_ChildUnitFactory):
    parent = factory.SubFactory(DistrictFactory)
    kind = UnitKind.SITE


class UserFactory(DjangoModelFactory):
    """A member of staff. `roles=[(Role.X, unit), …]` gives them roles; the first unit is home."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    display_name = factory.Sequence(lambda n: f"Staff member {n}")
    password = "!"  # unusable: these tests never log in

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role, unit in extracted or ():
            RoleAssignment.objects.create(user=self, role=role, unit=unit)
        if extracted and create:
            self.home_unit = extracted[0][1]
            self.save(update_fields=["home_unit"])


def staff(role: str, unit: OrgUnit, **kwargs) -> User:
    """A user holding one role at one unit."""
    return UserFactory(roles=[(role, unit)], **kwargs)


class ComplainantFactory(DjangoModelFactory):
    class Meta:
        model = Complainant

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Complainant {n}")
    phone = factory.Sequence(lambda n: f"9{n:07d}")
    tier = CustomerTier.STANDARD


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"CAT-{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class RootCauseFactory(DjangoModelFactory):
    class Meta:
        model = RootCause

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"RC-{n}")
    name_en = factory.Sequence(lambda n: f"Root cause {n}")


class ComplaintFactory(factory.Factory):
    """A complaint registered through `services.complaint_register`, by a receiver at its unit.

    Pass `unit=` to file it somewhere particular, `by=` for a given receiver, and any record
    or classification field the service takes.
    """

    class Meta:
        model = Complaint

    unit = factory.SubFactory(SiteFactory)
    by = factory.LazyAttribute(lambda o: staff(Role.RECEIVER, o.unit))
    complainant = factory.LazyAttribute(
        lambda o: ComplainantFactory(organisation=o.unit.organisation)
    )
    channel = Channel.PHONE
    subject = factory.Sequence(lambda n: f"Lift out of service, block {n}")
    description = "The lift in block 2 has been out of service for three days."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Its search document is written in the registration's own transaction.
        return services.complaint_register(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Complaints exist only once registered: use create().")


@dataclass
class OrgTree:
    """head office → region → district → (site, other site); region → sibling district → site;
    head office → board office."""

    organisation: Organisation
    head_office: OrgUnit
    board_office: OrgUnit
    region: OrgUnit
    district: OrgUnit
    site: OrgUnit
    other_site: OrgUnit
    sibling_district: OrgUnit
    sibling_site: OrgUnit


def org_tree(**organisation_fields) -> OrgTree:
    organisation = OrganisationFactory(**organisation_fields)
    head_office = OrgUnitFactory(organisation=organisation)
    region = RegionFactory(parent=head_office)
    district = DistrictFactory(parent=region)
    sibling_district = DistrictFactory(parent=region)
    return OrgTree(
        organisation=organisation,
        head_office=head_office,
        board_office=_ChildUnitFactory(parent=head_office, kind=UnitKind.BOARD_OFFICE),
        region=region,
        district=district,
        site=SiteFactory(parent=district),
        other_site=SiteFactory(parent=district),
        sibling_district=sibling_district,
        sibling_site=SiteFactory(parent=sibling_district),
    )


def complaint_at(unit: OrgUnit, **kwargs) -> Complaint:
    return ComplaintFactory(unit=unit, **kwargs)


# --- Driving a complaint through its lifecycle with the real services -------------------------

APPEAL_ROUTE = "If you disagree, write to the head-office complaints unit within 30 days."


def manager_for(complaint: Complaint) -> User:
    """Someone who may make every move on this complaint: a district manager at its unit."""
    return staff(Role.DISTRICT_MANAGER, complaint.unit)


def handler_for(complaint: Complaint) -> User:
    return staff(Role.HANDLER, complaint.unit)


def record_investigation(complaint: Complaint, by: User, *, root_cause=True) -> Complaint:
    return services.complaint_record_investigation(
        complaint,
        by,
        findings="The lift controller failed; the contractor was called late.",
        responsibility=Responsibility.ORGANISATION,
        root_cause=RootCauseFactory(organisation=complaint.organisation) if root_cause else None,
    )


def reply(complaint: Complaint, by: User, **kwargs):
    values = {
        "channel": "letter",
        "text": "We repaired the lift and apologise.",
        "reasons": "The contractor missed the response time in the contract.",
        "appeal_route": APPEAL_ROUTE,
    }
    values.update(kwargs)
    return services.complaint_reply(complaint, by, **values)


def settle(complaint: Complaint, by: User) -> None:
    """What closing needs after the reply: the complainant accepts and a follow-up says solved."""
    services.complaint_record_response(complaint, by, "accepted")
    services.complaint_record_follow_up(
        complaint, by, result="resolved", outcome_satisfaction=5, handling_satisfaction=5
    )


def in_follow_up(complaint: Complaint | None = None, *, replier=None, appeal_route=APPEAL_ROUTE):
    """(complaint, manager): a complaint in follow-up, its reply from `replier` (default: the
    receiver) with `appeal_route`, nothing recorded after the reply."""
    complaint = complaint or ComplaintFactory()
    manager = manager_for(complaint)
    drive_to(complaint, "proposed", by=manager)
    reply(complaint, replier or complaint.received_by, appeal_route=appeal_route)
    services.complaint_start_follow_up(complaint, manager)
    complaint.refresh_from_db()
    return complaint, manager


def _steps(status: str):
    """(previous status, move) pairs; a move takes (complaint, by, options)."""
    return {
        "acknowledged": ("received", lambda c, by, o: services.complaint_acknowledge(c, by)),
        "assigned": (
            "acknowledged",
            lambda c, by, o: services.complaint_assign(c, by, o["handler"] or handler_for(c)),
        ),
        "investigating": (
            "assigned",
            lambda c, by, o: services.complaint_start_investigation(c, by),
        ),
        "awaiting_complainant": (
            "investigating",
            lambda c, by, o: services.complaint_request_information(c, by, "Photos of the lift"),
        ),
        "proposed": ("investigating", _propose),
        "replied": ("proposed", lambda c, by, o: reply(c, o["replier"] or c.received_by)),
        "following_up": (
            "replied",
            lambda c, by, o: services.complaint_start_follow_up(c, by),
        ),
        "closed": ("following_up", _close),
        "reopened": (
            "replied",
            lambda c, by, o: services.complaint_reopen(c, by, "The lift broke again."),
        ),
        "appeal": (
            "replied",
            lambda c, by, o: services.complaint_appeal(c, by, "The complainant wants more."),
        ),
        "withdrawn": (
            "received",
            lambda c, by, o: services.complaint_withdraw(c, by, "Solved by themselves."),
        ),
        "merged": (
            "received",
            lambda c, by, o: services.complaint_merge(
                c, by, complaint_at(c.unit, by=c.received_by, complainant=c.complainant)
            ),
        ),
        "rejected": (
            "received",
            lambda c, by, o: services.complaint_reject(c, by, "Not our building."),
        ),
    }[status]


def _propose(complaint, by, options):
    record_investigation(complaint, by, root_cause=options["root_cause"])
    return services.complaint_propose(
        complaint,
        by,
        remedy_type="repair",
        reasons="The lift is ours to maintain.",
        amount=Decimal("0"),
    )


def _close(complaint, by, options):
    settle(complaint, by)
    return services.complaint_close(complaint, by)


def drive_to(
    complaint: Complaint,
    status: str,
    *,
    by: User | None = None,
    handler: User | None = None,
    replier: User | None = None,
    root_cause: bool = True,
) -> Complaint:
    """Take a freshly registered complaint to `status` through the real services.

    `by` makes the moves (default: a district manager at the complaint's unit); `handler` is
    assigned (default: a new handler at the unit); the reply comes from `replier` (default: the
    receiver, so closing needs no receipt confirmation).
    """
    by = by or manager_for(complaint)
    options = {"handler": handler, "replier": replier, "root_cause": root_cause}
    complaint.refresh_from_db()
    path = []
    current = status
    # From where it stands: a written complaint may be acknowledged by mail already.
    while current not in ("received", complaint.status):
        previous, move = _steps(current)
        path.append(move)
        current = previous
    for move in reversed(path):
        move(complaint, by, options)
        complaint.refresh_from_db()
    assert complaint.status == status, (complaint.status, status)
    return complaint


def at(text: str) -> datetime:
    """An aware datetime in the project's time zone, from 'YYYY-MM-DD HH:MM'."""
    return timezone.make_aware(datetime.strptime(text, "%Y-%m-%d %H:%M"))


# --- One call per action of the transitions table ----------------------------------------------

REASON = "The complainant explained why on the phone."

PERFORMERS = {
    "acknowledge": lambda c, by, reason: services.complaint_acknowledge(c, by),
    "assign": lambda c, by, reason: services.complaint_assign(c, by, handler_for(c)),
    "take": lambda c, by, reason: services.complaint_take(c, by),
    "reassign": lambda c, by, reason: services.complaint_reassign(c, by, handler_for(c), reason),
    "start_investigation": lambda c, by, reason: services.complaint_start_investigation(c, by),
    "request_information": lambda c, by, reason: services.complaint_request_information(
        c, by, reason
    ),
    "resume": lambda c, by, reason: services.complaint_resume(c, by, "Photos received."),
    "propose": lambda c, by, reason: services.complaint_propose(
        c, by, remedy_type="repair", reasons="The lift is ours to maintain."
    ),
    "reply": lambda c, by, reason: reply(c, by),
    "start_follow_up": lambda c, by, reason: services.complaint_start_follow_up(c, by),
    "close": lambda c, by, reason: services.complaint_close(c, by),
    "reopen": lambda c, by, reason: services.complaint_reopen(c, by, reason),
    "appeal": lambda c, by, reason: services.complaint_appeal(c, by, reason),
    "withdraw": lambda c, by, reason: services.complaint_withdraw(c, by, reason),
    "merge": lambda c, by, reason: services.complaint_merge(
        c, by, complaint_at(c.unit, by=c.received_by)
    ),
    "reject": lambda c, by, reason: services.complaint_reject(c, by, reason),
}


def prepare(action: str, complaint: Complaint) -> None:
    """Meet the guard of `action` (by a manager), so that only the move itself is under test."""
    manager = manager_for(complaint)
    if action == "propose" and not complaint.findings:
        record_investigation(complaint, manager)
    if action == "close":
        settle(complaint, manager)
    complaint.refresh_from_db()


def perform(action: str, complaint: Complaint, by: User, *, reason: str = REASON):
    """Make the lifecycle move `action` with the service that owns it and valid input."""
    return PERFORMERS[action](complaint, by, reason)
