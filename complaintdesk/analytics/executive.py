"""What reaches the top: the complaints executives are to read in full, the lists of their
view, and who has read what (the read-receipt audit).

A complaint reaches the top when it is graded major or urgent, entered at the board office
(the executive office's own channel, or received at a board-office unit), or carries a media
or regulator risk. Breaches are listed beside them but are not all for executives to read.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import UnitKind, User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import permissions
from complaintdesk.complaints.choices import Channel, Grade, Status
from complaintdesk.complaints.models import Complaint

from .models import ExecutiveRead

# (code, why it reached the top, the condition, the queue's filters that list such complaints)
REASONS = (
    ("urgent", _("Urgent"), Q(grade=Grade.URGENT), {"grade": Grade.URGENT.value}),
    ("major", _("Major"), Q(grade=Grade.MAJOR), {"grade": Grade.MAJOR.value}),
    (
        "board_office",
        _("Entered at the board office"),
        Q(channel=Channel.EXECUTIVE_OFFICE) | Q(received_unit__kind=UnitKind.BOARD_OFFICE),
        {"channel": Channel.EXECUTIVE_OFFICE.value},
    ),
    ("media", _("Media risk"), Q(risk_media=True), {"risk": "media"}),
    ("regulator", _("Regulator risk"), Q(risk_regulator=True), {"risk": "regulator"}),
)
LIST_LENGTH = 8
AUDIT_LENGTH = 50
# Counted up to this many, like the queue's view counts.
COUNT_CAP = 1000


def reached_top_q() -> Q:
    found = Q(pk__in=[])
    for _code, _label, condition, _queue in REASONS:
        found |= condition
    return found


def top_reasons(complaint: Complaint) -> list[str]:
    """Why this complaint reached the top, in the reader's language (empty: it did not)."""
    labels = {code: str(label) for code, label, _condition, _queue in REASONS}
    found = []
    if complaint.grade in (Grade.URGENT, Grade.MAJOR):
        found.append(labels[complaint.grade])
    if (
        complaint.channel == Channel.EXECUTIVE_OFFICE
        or complaint.received_unit.kind == UnitKind.BOARD_OFFICE
    ):
        found.append(labels["board_office"])
    found += [labels[risk] for risk in ("media", "regulator") if getattr(complaint, f"risk_{risk}")]
    return found


def is_executive(user: User, complaint: Complaint | None = None) -> bool:
    """Whether the user holds the executive role (in the complaint's organisation, if given)."""
    return any(
        held.role == Role.EXECUTIVE
        and (complaint is None or held.organisation_id == complaint.organisation_id)
        for held in permissions.role_paths(user)
    )


@dataclass
class ExecutiveList:
    key: str
    title: str
    complaints: list[Complaint]
    count: int
    queue: dict[str, str]


@dataclass
class ExecutiveOverview:
    reached: int
    read: int
    to_read: list[Complaint]
    unread: list[Complaint]
    lists: list[ExecutiveList]


def executive_overview(user: User, start: datetime, end: datetime) -> ExecutiveOverview:
    """The executive view for `user`, in their sight: what reached the top between `start`
    and `end`, what of it they have still to read, what no executive has read yet, and the
    open complaints of each kind that reach the top, with the breaches."""
    visible = permissions.visible_complaints(user).exclude(status=Status.MERGED)
    top = visible.filter(reached_top_q(), received_at__gte=start, received_at__lt=end)
    read_by_anyone = Exists(ExecutiveRead.objects.filter(complaint=OuterRef("pk")))
    read_by_me = Exists(ExecutiveRead.objects.filter(complaint=OuterRef("pk"), reader=user))
    to_read = _listed(top.exclude(read_by_me), LIST_LENGTH * 2) if is_executive(user) else []
    lists = [
        _open_list(visible, code, str(label), condition, queue)
        for code, label, condition, queue in REASONS
    ]
    lists.append(
        _open_list(visible, "breached", str(_("Time standard breached")), Q(sla_state="breached"),
                   {"sla": "breached"})
    )  # fmt: skip
    return ExecutiveOverview(
        reached=top.count(),
        read=top.filter(read_by_anyone).count(),
        to_read=to_read,
        unread=_listed(top.exclude(read_by_anyone), AUDIT_LENGTH),
        lists=lists,
    )


def _listed(complaints: QuerySet, length: int) -> list[Complaint]:
    return list(
        complaints.select_related("unit", "received_unit").order_by("-received_at", "-id")[:length]
    )


def _open_list(
    visible: QuerySet, key: str, title: str, condition: Q, queue: dict[str, str]
) -> ExecutiveList:
    open_ones = visible.filter(condition, is_final=False)
    return ExecutiveList(
        key=key,
        title=title,
        complaints=_listed(open_ones, LIST_LENGTH),
        count=len(open_ones.values_list("pk", flat=True)[:COUNT_CAP]),
        queue={"status": "open", **queue},
    )


@dataclass
class ReadsPanel:
    """The complaint page's panel: shown when it reached the top or was read at the top."""

    shown: bool
    reasons: list[str]
    reads: list[ExecutiveRead]
    may_record: bool


def executive_reads_panel(user: User, complaint: Complaint) -> ReadsPanel:
    reasons = top_reasons(complaint)
    reads = list(complaint.executive_reads.select_related("reader").order_by("read_at"))
    may_record = is_executive(user, complaint) and not any(r.reader_id == user.pk for r in reads)
    return ReadsPanel(bool(reasons or reads), reasons, reads, may_record)
