"""Load the whole demo in one transaction and report what was created."""

import random
from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from complaintdesk.accounts.models import Organisation, User
from complaintdesk.authority.models import ApprovalRequest, ApprovalStatus
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Complaint, ComplaintEvent
from complaintdesk.sla.choices import OPEN_CLOCK_STATES
from complaintdesk.sla.models import ClockExtension, ComplaintClock

from . import org_data
from .engine import configure_engine, notifications_settle
from .flows import play
from .org import build_directory
from .plans import Planner
from .stories import Story
from .workbench import workbench_build

SEED = 2026


def demo_usernames() -> list[str]:
    return ["admin"] + [row[0] for rows in org_data.USERS.values() for row in rows]


def demo_conflicts() -> list[str]:
    """What already exists and would clash with the demo: its organisations or usernames."""
    found = list(
        Organisation.objects.filter(code__in=org_data.ORGANISATIONS).values_list("code", flat=True)
    )
    found += list(
        User.objects.filter(username__in=demo_usernames()).values_list("username", flat=True)
    )
    return found


def load_demo() -> dict[str, Counter]:
    """Create the demo organisations, staff and complaints; returns counts per org and status.

    The same seed gives the same cases, people and paths on every run; timestamps are placed
    relative to now, so the timelines always end in the recent past. Time standards, ladder,
    authority matrix and assignment rules are configured first: complaints meet them from
    registration on.
    """
    rng = random.Random(SEED)
    now = timezone.now()
    deadline = now - timedelta(minutes=10)
    with transaction.atomic():
        directory = build_directory()
        configure_engine(directory, now)
        plans = Planner(directory, rng, now).plans()
        stories = [Story(plan, directory, deadline) for plan in plans]
        # References are numbered in order of receipt, as they would have been.
        for story in sorted(stories, key=lambda story: story.p.received_at):
            story.register()
        for story in stories:
            play(story)
        workbench_build(directory, deadline)
        notifications_settle(directory, now)
    return summary()


def summary() -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    rows = Complaint.objects.values_list("organisation__code", "status")
    for org_code, status in rows:
        counts.setdefault(org_code, Counter())[status] += 1
    return counts


def summary_lines(counts: dict[str, Counter]) -> list[str]:
    organisations = dict(Organisation.objects.values_list("code", "name"))
    codes = sorted(counts)
    lines = [f"{'status':<22}" + "".join(f"{code:>14}" for code in codes)]
    for status in Status:
        row = "".join(f"{counts[code].get(status.value, 0):>14}" for code in codes)
        lines.append(f"{status.value:<22}{row}")
    lines.append(f"{'total':<22}" + "".join(f"{sum(counts[c].values()):>14}" for c in codes))
    lines += [f"  {code}: {organisations.get(code, '')}" for code in codes]
    return lines


def engine_lines() -> list[str]:
    """What the demo shows of the time standards, approvals and routing."""
    demo = {"complaint__organisation__code__in": list(org_data.ORGANISATIONS)}
    clocks = ComplaintClock.objects.filter(state__in=OPEN_CLOCK_STATES, **demo).count()
    extensions = ClockExtension.objects.filter(
        clock__complaint__organisation__code__in=list(org_data.ORGANISATIONS)
    ).count()
    approvals = Counter(ApprovalRequest.objects.filter(**demo).values_list("status", flat=True))
    routed = ComplaintEvent.objects.filter(action="assign", data__has_key="routing", **demo).count()
    return [
        f"open deadlines: {clocks}, of which extended: {extensions}",
        "approval requests: "
        + ", ".join(f"{approvals[s.value]} {s.value}" for s in ApprovalStatus),
        f"assigned by an assignment rule: {routed}",
    ]
