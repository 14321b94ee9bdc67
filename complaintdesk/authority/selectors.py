"""Reads of the authority matrix and of approval requests.

The matrix is read a few rows at a time (one organisation, a handful of roles, one remedy), so
the category resolution happens in Python over those rows rather than in SQL.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Q, QuerySet

from complaintdesk.accounts.models import Organisation, User, subtree_q
from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.selectors import role_holders
from complaintdesk.complaints import permissions
from complaintdesk.complaints.choices import RemedyType
from complaintdesk.complaints.models import Category, Complaint

from . import wording
from .models import ApprovalRequest, ApprovalStatus, AuthorityLimit
from .rules import AUTHORITY_LADDER, authority_rank, rungs_above

# A category tree deeper than this is a data error (or a cycle); stop walking up there.
_MAX_CATEGORY_DEPTH = 10


@dataclass(frozen=True)
class Allowance:
    """What some roles may offer of one remedy: whether at all, and up to which amount."""

    allowed: bool
    # None: no monetary ceiling.
    max_amount: Decimal | None = None

    def covers(self, amount: Decimal | None) -> bool:
        """A remedy without an amount (or of zero) needs only to be allowed."""
        if not self.allowed:
            return False
        if not amount or self.max_amount is None:
            return True
        return amount <= self.max_amount


UNLIMITED = Allowance(allowed=True)
NOT_ALLOWED = Allowance(allowed=False)


def matrix_in_use(organisation: Organisation) -> bool:
    """An organisation that has written no limits has not switched the matrix on."""
    return AuthorityLimit.objects.filter(organisation=organisation).exists()


def limit_for(
    organisation: Organisation,
    roles: set[str],
    remedy_type: str,
    category: Category | None,
) -> Allowance:
    """What the holder of `roles` may offer of `remedy_type` on a complaint of `category`.

    For each role the most specific row counts: the complaint's category, then its parents, then
    the row for any category, so a stricter (or wider) rule for one kind of complaint replaces
    the general one. Across roles the widest allowance counts: a person holding two roles has
    the authority of both. Not upholding a complaint (no remedy) needs no authority.
    """
    if remedy_type == RemedyType.NO_ACTION:
        return UNLIMITED
    rows = list(
        AuthorityLimit.objects.filter(
            organisation=organisation, remedy_type=remedy_type, role__in=roles
        )
    )
    if not rows:
        return NOT_ALLOWED if matrix_in_use(organisation) else UNLIMITED
    specificity: dict[int | None, int] = {None: _MAX_CATEGORY_DEPTH}
    if any(row.category_id is not None for row in rows):
        specificity.update({pk: depth for depth, pk in enumerate(_category_and_parents(category))})
    chosen: dict[str, AuthorityLimit] = {}
    for row in rows:
        if row.category_id not in specificity:
            continue  # a row for an unrelated category
        current = chosen.get(row.role)
        if current is None or specificity[row.category_id] < specificity[current.category_id]:
            chosen[row.role] = row
    if not chosen:
        return NOT_ALLOWED
    ceilings = [row.max_amount for row in chosen.values()]
    limited = [ceiling for ceiling in ceilings if ceiling is not None]
    # One role without a ceiling makes the allowance unlimited.
    unlimited = len(limited) < len(ceilings)
    return Allowance(allowed=True, max_amount=None if unlimited else max(limited))


def _category_and_parents(category: Category | None) -> list[int]:
    ids: list[int] = []
    while category is not None and len(ids) < _MAX_CATEGORY_DEPTH:
        ids.append(category.pk)
        category = category.parent
    return ids


def allowance_on(user: User, complaint: Complaint, remedy_type: str) -> Allowance:
    """The user's allowance for this remedy on this complaint, by the roles they hold on it."""
    roles = permissions.roles_on(user, complaint)
    return limit_for(complaint.organisation, roles, remedy_type, complaint.category)


def within_authority(
    user: User, complaint: Complaint, remedy_type: str, amount: Decimal | None
) -> bool:
    return allowance_on(user, complaint, remedy_type).covers(amount)


def approver_role_for(
    complaint: Complaint, proposer_roles: set[str], remedy_type: str, amount: Decimal | None
) -> str:
    """Who must approve: the lowest rung above the proposer whose own limit covers the proposal.

    Asking the lowest level that can say yes keeps decisions close to the case; when nobody's
    limit covers it, head office (the top of the ladder) decides. A rung nobody holds above the
    complaint's unit (no district manager above the board office) is passed over, or the
    request would wait for someone who does not exist.
    """
    for role in rungs_above(authority_rank(proposer_roles)):
        allowance = limit_for(complaint.organisation, {role}, remedy_type, complaint.category)
        if allowance.covers(amount) and approvers_for(complaint, role).exists():
            return role
    return AUTHORITY_LADDER[-1]


def may_approve_as(roles: set[str], approver_role: str) -> bool:
    """Holding the approver's role, or one higher on the ladder, lets a person decide."""
    return authority_rank(roles) >= authority_rank({approver_role}) > 0


def approvers_for(complaint: Complaint, approver_role: str) -> QuerySet[User]:
    """Active users holding `approver_role` at the complaint's unit or any unit above it."""
    return role_holders(complaint.organisation_id, approver_role, over_path=complaint.unit_path)


def awaiting_approval_by(user: User) -> Q:
    """Complaints whose pending approval this user may decide (the "awaiting my approval"
    queue): in the subtree where they hold a role ranking as high as the approver asked for,
    and not asked by themselves (nobody approves their own proposal)."""
    found = Q(pk__in=[])
    for held in permissions.role_paths(user):
        roles = [role for role in Role if may_approve_as({held.role}, role)]
        if roles:
            pending = ApprovalRequest.objects.filter(
                status=ApprovalStatus.PENDING, approver_role__in=roles
            ).exclude(requested_by=user)
            # The few pending ids as a list: a subquery in an OR is no index bound, and
            # PostgreSQL read every complaint for the "awaiting my approval" view.
            waiting = list(pending.values_list("complaint_id", flat=True))
            found |= subtree_q("unit_path", held.path) & Q(pk__in=waiting)
    return found


def approval_pending(complaint: Complaint) -> ApprovalRequest | None:
    """The request the complaint is waiting on, if any."""
    return (
        ApprovalRequest.objects.filter(complaint=complaint, status=ApprovalStatus.PENDING)
        .order_by("-requested_at", "-id")
        .first()
    )


def approval_blocking_reply(complaint: Complaint) -> ApprovalRequest | None:
    """The latest proposal's request when it stands in the way of replying: pending or refused.

    Only the latest proposal counts: a new proposal replaces a refused one.
    """
    latest = complaint.proposals.order_by("-proposed_at", "-id").first()
    if latest is None:
        return None
    return (
        ApprovalRequest.objects.filter(proposal=latest)
        .exclude(status=ApprovalStatus.APPROVED)
        .first()
    )


def approval_requests_overdue(now: datetime) -> QuerySet[ApprovalRequest]:
    """Pending requests whose decision is late, oldest deadline first (for the sweep)."""
    return (
        ApprovalRequest.objects.filter(status=ApprovalStatus.PENDING, due_at__lt=now)
        .select_related("complaint", "proposal")
        .order_by("due_at", "id")
    )


@dataclass(frozen=True)
class ApprovalPanel:
    """What the complaint page shows about the approval the reply waits on."""

    request: ApprovalRequest
    can_decide: bool
    expected_text: str


def approval_panel(user: User, complaint: Complaint) -> ApprovalPanel | None:
    request = approval_blocking_reply(complaint)
    if request is None:
        return None
    can_decide = (
        request.status == ApprovalStatus.PENDING
        and request.requested_by_id != user.pk
        and may_approve_as(permissions.roles_on(user, complaint), request.approver_role)
    )
    return ApprovalPanel(request, can_decide, wording.expected_text(request))
