"""Report packs: the dashboard's figures for a past week or month, as an Excel workbook and a
PDF (CJK text in Noto, installed by `make install`), mailed to each subscriber in their own
language and scope by the task worker."""

import importlib
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import Organisation, User
from complaintdesk.core.errors import GuardFailed
from complaintdesk.core.workbooks import xlsx_sheets
from complaintdesk.core.zones import zone_named

from .cause_selectors import dashboard_with_causes
from .models import ReportFrequency, ReportSubscription
from .presenting import chart_table, dashboard_sheets, headline
from .scope import dashboard_scope
from .selectors import Dashboard, DashboardFilters
from .spike_checks import last_complete_week

# The Noto CJK face each script expects, as the letters use them (correspondence/pdf.py).
FONTS = {
    "zh-hans": '"Noto Sans CJK SC"',
    "zh-hant": '"Noto Sans CJK TC"',
    "en": '"Liberation Sans", "Noto Sans CJK TC"',
}


def report_subscribe(
    user: User, organisation: Organisation, frequency: str, *, subscribed: bool
) -> ReportSubscription | None:
    """Start or stop a person's standing order; they must oversee units there and have an
    address to mail it to."""
    if frequency not in ReportFrequency.values:
        raise GuardFailed(_("Choose weekly or monthly."))
    if not subscribed:
        ReportSubscription.objects.filter(
            subscriber=user, organisation=organisation, frequency=frequency
        ).delete()
        return None
    if dashboard_scope(user, organisation.code) is None:
        raise GuardFailed(_("You oversee no unit there, so there is no report to send you."))
    if not user.email:
        raise GuardFailed(_("Your account has no e-mail address to send the report to."))
    return ReportSubscription.objects.get_or_create(
        subscriber=user, organisation=organisation, frequency=frequency
    )[0]


def report_subscriptions_of(user: User, organisation: Organisation) -> list[dict]:
    """Each frequency, and whether the person receives it, for the dashboard's form."""
    held = set(
        ReportSubscription.objects.filter(subscriber=user, organisation=organisation).values_list(
            "frequency", flat=True
        )
    )
    return [
        {"frequency": value, "label": label, "subscribed": value in held}
        for value, label in ReportFrequency.choices
    ]


def period_due(subscription: ReportSubscription, today: date) -> tuple[date, date] | None:
    """The last whole week or month before `today`, when it has not been sent yet."""
    if subscription.frequency == ReportFrequency.WEEKLY:
        end = last_complete_week(today)
        start = end - timedelta(days=6)
    else:
        end = today.replace(day=1) - timedelta(days=1)
        start = end.replace(day=1)
    if subscription.last_sent_until is not None and subscription.last_sent_until >= end:
        return None
    return start, end


def report_claim(subscription: ReportSubscription, end: date) -> bool:
    """One beat, one worker, sends each period: the conditional update says yes once."""
    return (
        ReportSubscription.objects.filter(
            pk=subscription.pk, last_sent_until=subscription.last_sent_until
        ).update(last_sent_until=end)
        == 1
    )


def report_release(subscription_id: int, end: date, before: date | None) -> None:
    """The mail failed: the period goes back to unsent, and the next beat tries again."""
    ReportSubscription.objects.filter(pk=subscription_id, last_sent_until=end).update(
        last_sent_until=before
    )


def report_pack_send(subscription: ReportSubscription, start: date, end: date) -> bool:
    """Build the pack for the subscriber's scope and mail it; False when they no longer
    oversee anything there (nothing is sent)."""
    subscriber = subscription.subscriber
    scope = dashboard_scope(subscriber, subscription.organisation.code)
    if scope is None or not subscriber.email:
        return False
    language = subscriber.preferred_language or settings.LANGUAGE_CODE
    zone = zone_named(subscription.organisation.time_zone)
    today = timezone.now().astimezone(zone).date()
    with translation.override(language):
        figures = dashboard_with_causes(scope, DashboardFilters(start=start, end=end, today=today))
        values = {"org": scope.organisation.name, "start": start, "end": end}
        subject = _("Complaints report for %(org)s, %(start)s to %(end)s") % values
        rates = headline(figures)
        body = "\n".join([subject, "", *(f"{rate.label}: {rate.value}" for rate in rates)])
        workbook = _workbook_bytes(figures)
        html = render_to_string(
            "analytics/report_pack.html",
            {
                "subject": subject,
                "headline": rates,
                "tables": [_with_bars(chart_table(chart)) for chart in figures.charts],
                "font": FONTS.get(language, FONTS["en"]),
            },
        )
    # WeasyPrint takes 42 MB: loaded by the first pack a worker lays out (as the letters do).
    pdf = importlib.import_module("weasyprint").HTML(string=html).write_pdf()
    stem = f"complaints-{scope.organisation.code}-{start}-{end}"
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [subscriber.email])
    message.attach(
        f"{stem}.xlsx",
        workbook,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    message.attach(f"{stem}.pdf", pdf, "application/pdf")
    message.send()
    return True


def _workbook_bytes(figures: Dashboard) -> bytes:
    with xlsx_sheets(dashboard_sheets(figures)) as file:
        return file.read()


def _with_bars(table: dict) -> dict:
    """Each row's first figure as a share of the largest, for the PDF's bars."""
    largest = max((values[0] for _label, _link, values in table["rows"] if values), default=0)
    table["bars"] = [
        (label, values, round(100 * values[0] / largest) if largest else 0)
        for label, _link, values in table["rows"]
    ]
    return table
