"""Authority-matrix rows, and a complaint ready for a proposal with the people around it.

Built on the complaint factories, so every complaint here went through the real services.
"""

from dataclasses import dataclass
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import Role
from complaintdesk.authority.models import AuthorityLimit
from complaintdesk.complaints import services
from complaintdesk.complaints.models import Complaint, Proposal
from complaintdesk.complaints.tests.factories import (
    OrgTree,
    complaint_at,
    drive_to,
    org_tree,
    record_investigation,
    staff,
)


class AuthorityLimitFactory(DjangoModelFactory):
    class Meta:
        model = AuthorityLimit

    organisation = factory.SubFactory(
        "complaintdesk.complaints.tests.factories.OrganisationFactory"
    )
    role = Role.HANDLER
    category = None
    remedy_type = "refund"
    max_amount = Decimal("200")


def limits(tree: OrgTree, remedy_type: str, ceilings: dict[str, str | None], **fields) -> None:
    """One row per role for this remedy: {role: max amount (None: no ceiling)}."""
    for role, ceiling in ceilings.items():
        AuthorityLimitFactory(
            organisation=tree.organisation,
            role=role,
            remedy_type=remedy_type,
            max_amount=None if ceiling is None else Decimal(ceiling),
            **fields,
        )


def refund_ladder(tree: OrgTree) -> None:
    """Handler 200, district manager 1,000, regional GM 10,000, head office 20,000."""
    limits(
        tree,
        "refund",
        {
            Role.HANDLER: "200",
            Role.DISTRICT_MANAGER: "1000",
            Role.REGIONAL_GM: "10000",
            Role.HQ_COMPLAINTS: "20000",
        },
    )


@dataclass
class Case:
    """A complaint at a site, under investigation with the findings recorded, and the people
    of its line: the handler, and a manager at each level above the site."""

    tree: OrgTree
    complaint: Complaint
    handler: User
    district_manager: User
    regional_gm: User
    hq: User

    def propose(self, remedy_type: str = "refund", amount: str | None = None, **kwargs):
        by = kwargs.pop("by", self.handler)
        return propose(self.complaint, by, remedy_type, amount, **kwargs)


def case(tree: OrgTree | None = None, **complaint_fields) -> Case:
    tree = tree or org_tree()
    complaint = complaint_at(tree.site, **complaint_fields)
    handler = staff(Role.HANDLER, tree.site)
    drive_to(complaint, "investigating", handler=handler)
    record_investigation(complaint, handler)
    complaint.refresh_from_db()
    return Case(
        tree=tree,
        complaint=complaint,
        handler=handler,
        district_manager=staff(Role.DISTRICT_MANAGER, tree.district),
        regional_gm=staff(Role.REGIONAL_GM, tree.region),
        hq=staff(Role.HQ_COMPLAINTS, tree.head_office),
    )


def propose(
    complaint: Complaint, by: User, remedy_type: str, amount: str | None = None, **kwargs
) -> Proposal:
    return services.complaint_propose(
        complaint,
        by,
        remedy_type=remedy_type,
        amount=None if amount is None else Decimal(amount),
        reasons="The lift was out of service for three days through our contractor's fault.",
        **kwargs,
    )
