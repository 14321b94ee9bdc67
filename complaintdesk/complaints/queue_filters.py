"""The filters of a queue, the page's, the export's and the API's alike: the user's sight, a
status or group, a deadline state, a named view, the narrower filters, and the search box."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from complaintdesk.accounts.models import OrgUnit, UnitKind, User, subtree_q
from complaintdesk.customers.models import Complainant, digits_of
from complaintdesk.search.selectors import matching_ids

from . import permissions
from .choices import RiskFlag, Status
from .models import Complaint
from .queues import queue_view_q

SLA_FILTERS = ("breached", "warning", "running", "paused")
# How a complaint's time standard turned out, as the dashboards count it (analytics.facts):
# late if it was ever breached, met on time if it was met and never breached.
CLOCK_OUTCOMES = ("met", "late")


@dataclass(frozen=True)
class QueueFilters:
    """The narrower filters of a queue, the page's and the API's: each empty one filters
    nothing. `view` is a queues.QueueView (mine, unassigned…); `unit` a unit code, its subtree
    included; `site` a site's code; `risk` a RiskFlag; `anger` a score 1–5; `clock` the name of a
    time standard and `clock_outcome` one of CLOCK_OUTCOMES (either alone: any clock, any
    outcome)."""

    view: str = ""
    unit: str = ""
    site: str = ""
    handler_id: int | None = None
    category: str = ""
    root_cause: str = ""
    grade: str = ""
    channel: str = ""
    risk: str = ""
    anger: int | None = None
    clock: str = ""
    clock_outcome: str = ""
    received_from: datetime | None = None
    received_to: datetime | None = None
    updated_from: datetime | None = None
    updated_to: datetime | None = None

    def apply(self, queryset: QuerySet) -> QuerySet:
        if self.unit:
            paths = list(OrgUnit.objects.filter(code=self.unit).values_list("path", flat=True))
            subtree = Q(pk__in=[])
            for path in paths:
                subtree |= subtree_q("unit_path", path)
            queryset = queryset.filter(subtree)
        if self.site:
            # The site concerned, or the site where the complaint is handled.
            sites = list(
                OrgUnit.objects.filter(code=self.site, kind=UnitKind.SITE).values_list(
                    "pk", flat=True
                )
            )
            queryset = queryset.filter(Q(site_id__in=sites) | Q(unit_id__in=sites))
        if self.handler_id is not None:
            queryset = queryset.filter(handler_id=self.handler_id)
        if self.category:
            queryset = queryset.filter(category__code=self.category)
        if self.root_cause:
            queryset = queryset.filter(root_cause__code=self.root_cause)
        for field in ("grade", "channel"):
            if getattr(self, field):
                queryset = queryset.filter(**{field: getattr(self, field)})
        if self.risk in RiskFlag.values:
            queryset = queryset.filter(**{f"risk_{self.risk}": True})
        elif self.risk:
            queryset = queryset.none()
        if self.anger is not None:
            queryset = queryset.filter(anger_score=self.anger)
        if self.clock or self.clock_outcome:
            queryset = queryset.filter(pk__in=self._clocked())
        ranges = (
            ("received_at__gte", self.received_from),
            ("received_at__lt", self.received_to),
            ("last_activity_at__gte", self.updated_from),
            ("last_activity_at__lt", self.updated_to),
        )
        for lookup, moment in ranges:
            if moment is not None:
                queryset = queryset.filter(**{lookup: moment})
        return queryset

    def _clocked(self) -> QuerySet:
        """The complaints with a clock of that name and outcome. The clocks belong to the
        time-standards engine above this app, so they are reached through their relation's
        name rather than imported; a subquery, so that two cycles of one clock do not list a
        complaint twice."""
        having: dict[str, object] = {}
        if self.clock:
            having["clocks__name"] = self.clock
        if self.clock_outcome == "late":
            having["clocks__breached_at__isnull"] = False
        elif self.clock_outcome == "met":
            having.update(clocks__state="met", clocks__breached_at__isnull=True)
        elif self.clock_outcome:
            return Complaint.objects.none().values("pk")
        return Complaint.objects.filter(**having).values("pk")


def queue_status(value: str) -> str:
    """A status filter as a link or form gives it: a Status, "open", "final" or "" (all);
    anything else is the open queue, so a stale link still shows what the page would."""
    return value if value in ("open", "final", "") or value in Status else "open"


def complaint_queue_matching(
    user: User,
    *,
    status: str = "",
    search: str = "",
    sla: str = "",
    filters: QueueFilters | None = None,
) -> QuerySet:
    """Every complaint a queue with these filters shows the user, unordered and unpaged: the
    one filter behind the queue's pages and its exports, so that the two never disagree.
    `status` is a Status value, or "open"/"final" for the two groups; `sla` one of SLA_FILTERS.
    """
    queryset = permissions.visible_complaints(user)
    if status in ("open", "final"):
        queryset = queryset.filter(finished(status == "final"))
    elif status:
        queryset = queryset.filter(status=status)
    if sla in SLA_FILTERS:
        queryset = queryset.filter(sla_state=sla)
    if filters is not None:
        queryset = filters.apply(queryset)
        if filters.view:
            queryset = queryset.filter(queue_view_q(user, filters.view))
    # A NUL character can reach here from a typed URL; PostgreSQL cannot compare text
    # holding one, and it matches nothing anyway.
    search = search.replace("\x00", "").strip()
    if search:
        queryset = queryset.filter(_search_q(user, search))
    return queryset


def _search_q(user: User, search: str) -> Q:
    """A reference (ours, or the number another system gave it: an imported complaint is
    asked about by its old number) or a returning caller's phone (six digits or more) or
    e-mail, each an exact indexed look-up; or words, found by the search index in the
    complaint's record, its timeline's texts and its complainant's name and contacts.

    The look-ups are read first (a few rows), so that the filter is an id list the database
    reads by primary key rather than an OR it can only test row by row."""
    organisations = permissions.organisations_of(user)
    # The "not empty" repeats the condition of the external id's partial index, without
    # which SQLite will not use it.
    exact = Q(reference__in=(search, search.upper())) | (
        Q(organisation_id__in=organisations, external_id=search) & ~Q(external_id="")
    )
    # The people first, as a list: a subquery in an OR is no index bound, and PostgreSQL read
    # every complaint for a reference whose digits looked like a phone number.
    people = Complainant.objects.filter(organisation_id__in=organisations)
    found_by = Q()
    if "@" in search:
        found_by |= Q(email=search.lower())
    digits = digits_of(search)
    if len(digits) >= 6:
        found_by |= Q(phone_digits=digits)
    callers = list(people.filter(found_by).values_list("pk", flat=True)) if found_by else []
    if callers:
        exact |= Q(complainant_id__in=callers)
    exactly = list(Complaint.objects.filter(exact).order_by().values_list("pk", flat=True))
    if exactly:
        # An identifier that names complaints is not also a search for its pieces ("CP",
        # "2026"), which would hold half of all complaints.
        return Q(pk__in=exactly)
    words = matching_ids(search)
    return Q(pk__in=words) if words is not None else Q(pk__in=[])


def finished(final: bool) -> Q:
    """`is_final = 1`: Django writes `is_final=True` as a bare boolean, `WHERE is_final`,
    which SQLite cannot look up in an index; a one-value IN is an equality to it."""
    return Q(is_final__in=[final])
