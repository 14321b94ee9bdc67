"""How a recurring-issue alert reads in the inbox and its mail, in the reader's language."""

from django.utils.translation import gettext as _

from complaintdesk.notifications.models import Notification

from .alert_rows import alert_queue, alert_subject, alert_subject_name
from .models import SpikeAlert


def recurring_issue(notification: Notification, cache: dict) -> tuple[str, str]:
    alert = SpikeAlert.objects.filter(pk=notification.params.get("alert")).first()
    if alert is None:
        return _("Complaints rose against their history"), ""
    rose = alert_subject(alert)
    values = {
        "what": alert_subject_name(alert, rose),
        "n": alert.observed,
        "week": alert.week_start.isoformat(),
        "usual": f"{alert.baseline:g}",
    }
    subject = _("Complaints about %(what)s rose: %(n)s in the week from %(week)s") % values
    body = _(
        "%(n)s complaints in the week from %(week)s, against about %(usual)s a week before. "
        "See whether one cause lies behind them: %(queue)s"
    ) % {**values, "queue": alert_queue(alert, rose)}
    return subject, body
