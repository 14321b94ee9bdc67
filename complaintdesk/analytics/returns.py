"""Regulator returns over a period, in the viewer's units, as workbooks: the UK FCA's
complaints return (DISP 1 Annex 1), CFPB-style outcome codes and timeliness, and the
mainland's financial-consumer complaint statistics by channel, business category and cause
(JR/T 0169-2018). They read the complaints themselves, not the roll-ups: a return needs facts
the dashboards do not count (the business day an answer came, what was upheld), and it is
drawn a few times a year, not on every page view.

The readings, which an organisation can check against its own:
- Product (FCA) and business category (JR/T, CFPB): the complaint's top-level category. An
  organisation that reports to a regulator names its top-level categories as its products.
- Upheld (FCA): the last proposal gave the complainant something (any remedy but "no remedy"
  or "explanation only"), or the organisation or a member of its staff was found responsible.
- Closed within three business days (FCA): by the end of the third working day after the day
  of receipt, on the organisation's calendar; within eight weeks: 56 days from receipt.
- Redress (FCA): the amounts of the last proposals of the complaints closed, in the
  organisation's currency (amounts offered in another currency are counted apart).
- Outcome (CFPB): closed with monetary relief (a remedy with an amount), with non-monetary
  relief (any other remedy but an explanation), with explanation; still open: in progress
  within 15 days of receipt, untimely after. Timely: the first answer within 15 days.
- Channel (JR/T): phone, on site, letter, internet (e-mail, web form, API, social media),
  referred by a regulator, other.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaintdesk.complaints.choices import Channel, RemedyType, Responsibility, Status
from complaintdesk.complaints.models import Category, Complaint, Proposal, RootCause
from complaintdesk.core.workbooks import Cell, Sheet
from complaintdesk.core.zones import zone_named
from complaintdesk.sla.calendars import WorkingCalendar
from complaintdesk.sla.selectors import organisation_calendar

from .facts import latest_of
from .scope import DashboardScope

NOT_UPHELD = frozenset({RemedyType.NO_ACTION, RemedyType.EXPLANATION})
EIGHT_WEEKS = timedelta(weeks=8)
CFPB_DAYS = timedelta(days=15)
JRT_CHANNELS = {
    Channel.PHONE: gettext_lazy("Phone"),
    Channel.VISIT: gettext_lazy("On site"),
    Channel.LETTER: gettext_lazy("Letter"),
    Channel.EMAIL: gettext_lazy("Internet"),
    Channel.WEB_FORM: gettext_lazy("Internet"),
    Channel.API: gettext_lazy("Internet"),
    Channel.SOCIAL_MEDIA: gettext_lazy("Internet"),
    Channel.REGULATOR: gettext_lazy("Referred by a regulator"),
}
JRT_OTHER = gettext_lazy("Other")
CFPB_VIA = {
    Channel.PHONE: "Phone",
    Channel.VISIT: "In person",
    Channel.LETTER: "Postal mail",
    Channel.EMAIL: "Email",
    Channel.WEB_FORM: "Web",
    Channel.API: "Web",
    Channel.SOCIAL_MEDIA: "Web",
    Channel.REGULATOR: "Referral",
}


@dataclass(frozen=True)
class Period:
    scope: DashboardScope
    start: date
    end: date
    unit: str = ""

    def bounds(self) -> tuple[datetime, datetime]:
        zone = zone_named(self.scope.organisation.time_zone)
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )

    def complaints(self) -> QuerySet:
        """The complaints of the viewer's units (or the chosen unit's subtree), duplicates
        merged into another left out: they are counted as the complaint they joined."""
        chosen = self.scope.unit_named(self.unit) if self.unit else None
        units = self.scope.subtree(chosen) if chosen else self.scope.units
        rows = Complaint.objects.filter(organisation=self.scope.organisation)
        if chosen is not None or not self.scope.whole_organisation:
            rows = rows.filter(unit_id__in=[u.pk for u in units])
        return rows.exclude(status=Status.MERGED)


def _products(scope: DashboardScope) -> dict[int, str]:
    """Each category's top-level category's name: the product it is reported under."""
    categories = {c.pk: c for c in Category.objects.filter(organisation=scope.organisation)}

    def top(category: Category) -> Category:
        seen = 0
        while category.parent_id in categories and seen < 20:
            category, seen = categories[category.parent_id], seen + 1
        return category

    return {pk: top(category).label for pk, category in categories.items()}


def _with_last_proposal(rows: QuerySet) -> QuerySet:
    return rows.annotate(
        remedy=latest_of(Proposal, "remedy_type", "proposed_at"),
        amount=latest_of(Proposal, "amount", "proposed_at"),
        remedy_currency=latest_of(Proposal, "currency", "proposed_at"),
    )


def _third_business_day_after(day: date, calendar: WorkingCalendar) -> date:
    found = 0
    while found < 3:
        day += timedelta(days=1)
        found += calendar.is_working_day(day)
    return day


def fca_return(period: Period) -> list[Sheet]:
    """DISP 1 Annex 1, by product: opened, closed, upheld, closed within three business days,
    within eight weeks and later, redress paid."""
    since, until = period.bounds()
    organisation = period.scope.organisation
    zone = zone_named(organisation.time_zone)
    calendar = organisation_calendar(organisation)
    products = _products(period.scope)
    none = _("(no category)")
    complaints = period.complaints()
    opened = Counter[str]()
    for category_id in complaints.filter(received_at__gte=since, received_at__lt=until).values_list(
        "category_id", flat=True
    ):
        opened[products.get(category_id, none)] += 1
    figures: dict[str, Counter] = defaultdict(Counter)
    redress: dict[str, Decimal] = defaultdict(Decimal)
    closed = _with_last_proposal(
        complaints.filter(is_final=True, closed_at__gte=since, closed_at__lt=until)
    ).values_list(
        "category_id", "received_at", "closed_at", "responsibility", "remedy", "amount",
        "remedy_currency",
    )  # fmt: skip
    for category_id, received_at, closed_at, responsibility, remedy, amount, currency in closed:
        product = products.get(category_id, none)
        row = figures[product]
        row["closed"] += 1
        upheld = (remedy is not None and remedy not in NOT_UPHELD) or responsibility in (
            Responsibility.ORGANISATION,
            Responsibility.STAFF,
        )
        row["upheld"] += upheld
        last_day = _third_business_day_after(received_at.astimezone(zone).date(), calendar)
        if closed_at.astimezone(zone).date() <= last_day:
            row["three_days"] += 1
        elif closed_at - received_at <= EIGHT_WEEKS:
            row["eight_weeks"] += 1
        else:
            row["later"] += 1
        if amount:
            if currency in ("", None, organisation.currency):
                redress[product] += amount
            else:
                row["other_currency"] += 1
    headers = [
        _("Product"),
        _("Opened"),
        _("Closed"),
        _("Upheld"),
        _("Upheld (%)"),
        _("Closed within 3 business days"),
        _("Closed after 3 business days, within 8 weeks"),
        _("Closed after 8 weeks"),
        _("Redress paid (%(currency)s)") % {"currency": organisation.currency},
        _("Redress in other currencies (complaints)"),
    ]
    rows: list[list[Cell]] = []
    for product in sorted(opened.keys() | figures.keys()):
        row = figures[product]
        share = round(100 * row["upheld"] / row["closed"]) if row["closed"] else 0
        rows.append([
            product, opened[product], row["closed"], row["upheld"], share, row["three_days"],
            row["eight_weeks"], row["later"], f"{redress[product]:.2f}", row["other_currency"],
        ])  # fmt: skip
    # A sheet's name holds 31 characters: the period is in the file's name.
    return [Sheet(_("FCA complaints return"), headers, [28] + [14] * (len(headers) - 1), rows)]


def _outcome(remedy: str | None, amount: Decimal | None) -> str:
    if remedy and amount:
        return "Closed with monetary relief"
    if remedy and remedy not in NOT_UPHELD:
        return "Closed with non-monetary relief"
    return "Closed with explanation"


def cfpb_return(period: Period, now: datetime) -> list[Sheet]:
    """Every complaint received in the period with its outcome code and whether the company
    answered in time; a summary of the codes first."""
    since, until = period.bounds()
    zone = zone_named(period.scope.organisation.time_zone)

    def local(moment: datetime | None) -> datetime | None:
        """As the organisation's clocks showed it (a spreadsheet cell has no time zone)."""
        return moment.astimezone(zone).replace(tzinfo=None) if moment else None

    products = _products(period.scope)
    rows = _with_last_proposal(
        period.complaints().filter(received_at__gte=since, received_at__lt=until)
    ).order_by("received_at", "pk")
    listed: list[list[Cell]] = []
    summary = Counter[str]()
    timely_count = 0
    for complaint in rows.only(
        "reference", "received_at", "category_id", "channel", "is_final", "status",
        "first_replied_at", "closed_at",
    ):  # fmt: skip
        answered = complaint.first_replied_at
        timely = answered is not None and answered - complaint.received_at <= CFPB_DAYS
        if complaint.is_final:
            outcome = _outcome(complaint.remedy, complaint.amount)
        elif now - complaint.received_at <= CFPB_DAYS or timely:
            outcome = "In progress"
        else:
            outcome = "Untimely response"
        summary[outcome] += 1
        timely_count += timely
        listed.append([
            complaint.reference, local(complaint.received_at),
            products.get(complaint.category_id, ""), CFPB_VIA.get(complaint.channel, "Other"),
            outcome, "Yes" if timely else "No", local(answered),
            local(complaint.closed_at) if complaint.is_final else None,
        ])  # fmt: skip
    total = len(listed)

    def share(n: int) -> int:
        return round(100 * n / total) if total else 0

    summary_rows: list[list[Cell]] = [[code, n, share(n)] for code, n in sorted(summary.items())]
    summary_rows.append([_("Timely response"), timely_count, share(timely_count)])
    return [
        Sheet(_("Outcomes"), [_("Company response"), _("Complaints"), "%"], [34, 12, 8],
              summary_rows),
        Sheet(
            _("Complaints"),
            [_("Reference"), _("Date received"), _("Product"), _("Submitted via"),
             _("Company response"), _("Timely response?"), _("Date of first answer"),
             _("Date closed")],
            [20, 18, 24, 14, 32, 10, 18, 18],
            listed,
        ),
    ]  # fmt: skip


def jrt_return(period: Period) -> list[Sheet]:
    """JR/T 0169-2018: the complaints received in the period by business category and
    channel, and by business category and cause (the root cause found, once investigated)."""
    since, until = period.bounds()
    products = _products(period.scope)
    none = _("(no category)")
    received = period.complaints().filter(received_at__gte=since, received_at__lt=until)
    by_channel: dict[str, Counter] = defaultdict(Counter)
    by_cause: dict[str, Counter] = defaultdict(Counter)
    causes = {
        c.pk: f"{c.code} {c.label}"
        for c in RootCause.objects.filter(organisation=period.scope.organisation)
    }
    not_found = _("(cause not yet found)")
    for category_id, channel, cause_id in received.values_list(
        "category_id", "channel", "root_cause_id"
    ):
        product = products.get(category_id, none)
        by_channel[product][str(JRT_CHANNELS.get(channel, JRT_OTHER))] += 1
        by_cause[product][causes.get(cause_id, not_found)] += 1
    return [
        _crosstab(_("By category and channel"), _("Business category"), by_channel),
        _crosstab(_("By category and cause"), _("Business category"), by_cause),
    ]


def _crosstab(title: str, corner: str, table: dict[str, Counter]) -> Sheet:
    columns = sorted({column for counts in table.values() for column in counts})
    rows: list[list[Cell]] = [
        [row, *(table[row][c] for c in columns), sum(table[row].values())] for row in sorted(table)
    ]
    totals = [sum(table[row][c] for row in table) for c in columns]
    rows.append([_("Total"), *totals, sum(totals)])
    headers = [corner, *columns, _("Total")]
    return Sheet(title, headers, [28] + [14] * (len(headers) - 1), rows)


RETURNS = {
    "fca": gettext_lazy("UK FCA complaints return"),
    "cfpb": gettext_lazy("CFPB outcomes and timeliness"),
    "jrt": gettext_lazy("JR/T 0169-2018 statistics (mainland financial consumers)"),
}
