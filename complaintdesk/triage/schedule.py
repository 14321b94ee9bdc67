"""When an organisation's models are retrained: once a week, after the week's end where the
organisation is, claimed by one worker's beat."""

from datetime import date, timedelta

from complaintdesk.accounts.models import Organisation

from .models import TriageLabel, TriageTraining


def week_start(today: date) -> date:
    return today - timedelta(days=today.weekday())


def retrain_claim(organisation: Organisation, today: date) -> bool:
    """Whether this caller is the one to retrain this week: once a week, and only when
    labels were given since the last time."""
    week = week_start(today)
    training, _created = TriageTraining.objects.get_or_create(organisation=organisation)
    if training.last_week is not None and training.last_week >= week:
        return False
    since = training.last_week or date.min
    if not TriageLabel.objects.filter(organisation=organisation, at__date__gte=since).exists():
        return False
    claimed = TriageTraining.objects.filter(pk=training.pk, last_week=training.last_week)
    return claimed.update(last_week=week) == 1
