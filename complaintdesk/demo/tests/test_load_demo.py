"""`manage.py load_demo`: demo data in every state, written through the services, loaded once,
on the time standards, authority matrix and assignment rules it configures first."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from complaintdesk.accounts.models import Organisation, RoleAssignment, User
from complaintdesk.accounts.roles import Role
from complaintdesk.authority.models import ApprovalRequest, ApprovalStatus, AuthorityLimit
from complaintdesk.complaints import guards
from complaintdesk.complaints.choices import OPEN_STATUSES, Status
from complaintdesk.complaints.models import Complaint, ComplaintEvent
from complaintdesk.demo.loader import demo_usernames
from complaintdesk.demo.org import DEMO_PASSWORD
from complaintdesk.notifications.models import Notification
from complaintdesk.routing.models import Absence, AssignmentRule
from complaintdesk.sla.choices import ClockState
from complaintdesk.sla.models import (
    CalendarDay,
    ClockExtension,
    EscalationLevel,
    ExtensionRequest,
    ExtensionStatus,
    OrganisationSla,
)
from complaintdesk.sla.selectors import ladder_for
from complaintdesk.sla.services import sla_sweep


def run_load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def demo_output(django_db_setup, django_db_blocker):
    """The demo loaded once (with --if-empty) for the whole class, and rolled back after it:
    loading takes seconds, and each test only reads."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_load_demo("--if-empty")
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_output")
class TestDemoData:
    def test_demo_load_creates_complaints_in_every_state_once(self, demo_output):
        # Given the demo loaded into an empty database
        counts = (Organisation.objects.count(), User.objects.count(), Complaint.objects.count())
        events = ComplaintEvent.objects.count()

        # When it is loaded again with --if-empty
        second = run_load_demo("--if-empty")

        # Then the second run says it did nothing, and added nothing
        assert "closed" in demo_output
        assert "not loaded" in second
        assert (
            Organisation.objects.count(),
            User.objects.count(),
            Complaint.objects.count(),
        ) == counts
        assert ComplaintEvent.objects.count() == events

        # And both organisations have their share of about 300 complaints
        per_org = {
            code: Complaint.objects.filter(organisation__code=code).count()
            for code in ("hk-property", "cn-bank")
        }
        assert per_org == {"hk-property": 180, "cn-bank": 120}

        # And every state of the lifecycle is present, closed being the largest group
        statuses = set(Complaint.objects.values_list("status", flat=True))
        assert statuses == set(Status.values)
        closed = Complaint.objects.filter(status=Status.CLOSED)
        for status in Status.values:
            assert Complaint.objects.filter(status=status).count() <= closed.count()

        # And every closed complaint meets the closing rule
        for complaint in closed:
            assert guards.ready_to_close(complaint) == [], complaint.reference

    def test_demo_complaints_reach_their_state_through_timed_lifecycle_events(self):
        now = timezone.now()

        # Every complaint's state is the one its last lifecycle event moved it to
        for complaint in Complaint.objects.prefetch_related("events"):
            moves = [e for e in complaint.events.all() if e.kind == "status_changed"]
            if complaint.status == Status.RECEIVED:
                assert not moves, complaint.reference
            else:
                assert moves[-1].status_after == complaint.status, complaint.reference
            # And its timeline starts when it was received and never reaches the future
            times = [e.created_at for e in complaint.events.all()]
            assert min(times) == complaint.received_at, complaint.reference
            assert max(times) <= now, complaint.reference

        # And complaints were received over months, not all today
        oldest = Complaint.objects.order_by("received_at").first().received_at
        assert 60 <= (now - oldest).days <= 125

        # And the texts come in Traditional Chinese, Simplified Chinese and English
        languages = set(Complaint.objects.values_list("language", flat=True))
        assert {"zh-hant", "zh-hans", "en"} <= languages

        # And the board office and the regulator route cases to the top
        assert Complaint.objects.filter(
            channel="executive_office", unit__kind="board_office"
        ).exists()
        assert Complaint.objects.filter(channel="regulator", risk_regulator=True).exists()

    def test_demo_logins_authenticate_with_the_documented_password(self):
        # Every demo account logs in with demo12345 and has a home unit and a role (the login
        # throttling backend needs the request, as the login page passes it)
        request = RequestFactory().post("/login/")
        for username in demo_usernames():
            user = authenticate(request, username=username, password=DEMO_PASSWORD)
            assert user is not None, username
            assert user.home_unit_id is not None, username
            assert user.display_name, username
            assert user.role_assignments.exists(), username

        # And the key roles sit where the README says
        admin = User.objects.get(username="admin")
        assert admin.is_superuser and admin.is_staff
        assert (
            RoleAssignment.objects.filter(
                user=admin, role=Role.ADMINISTRATOR, unit__kind="head_office"
            ).count()
            == 2
        )
        assert RoleAssignment.objects.filter(
            user__username="hk.board", role=Role.BOARD_INVESTIGATOR, unit__kind="head_office"
        ).exists()
        assert RoleAssignment.objects.filter(
            user__username="hk.receiver", role=Role.RECEIVER, unit__code="D-ST"
        ).exists()
        assert RoleAssignment.objects.filter(
            user__username="cn.regional", role=Role.REGIONAL_GM, unit__name="华南区"
        ).exists()

    def test_demo_complaints_run_on_each_organisations_policy_pack_and_calendar(self):
        # Each organisation follows its pack, on its own working calendar
        for code, policy, region in (
            ("hk-property", "seed-hk-property", "HK"),
            ("cn-bank", "cn-banking-2020", "CN"),
        ):
            settings = OrganisationSla.objects.select_related("policy", "calendar").get(
                organisation__code=code
            )
            assert (settings.policy.code, settings.calendar.region) == (policy, region)

            # And every open complaint has its clocks, and some deadlines are still running
            open_complaints = Complaint.objects.filter(
                organisation__code=code, status__in=OPEN_STATUSES
            )
            assert open_complaints.exists()
            assert not open_complaints.filter(clocks__isnull=True).exists()
            assert open_complaints.filter(
                clocks__state=ClockState.RUNNING, sla_due_at__isnull=False
            ).exists()

        # And the Hong Kong offices were closed for a typhoon on a recent weekday
        closure = CalendarDay.objects.get(
            calendar__organisation__code="hk-property", is_working=False
        )
        assert "八號" in closure.reason
        assert closure.date.weekday() < 5
        assert closure.date < timezone.localdate()

        # And Hong Kong's ladder is written out as rows (the default's rungs, to edit), while
        # the bank runs on the built-in default
        hk, cn = (Organisation.objects.get(code=c) for c in ("hk-property", "cn-bank"))
        assert EscalationLevel.objects.filter(organisation=hk).count() == 5
        assert not EscalationLevel.objects.filter(organisation=cn).exists()
        rungs = [[(r.level, r.role, r.scope) for r in ladder_for(o.pk)] for o in (hk, cn)]
        assert rungs[0] == rungs[1]
        assert all(
            level.name_zh_hant and level.name_zh_hans for level in hk.escalation_levels.all()
        )

        # And two of the bank's decisions were extended to 30 days by the handler, one of them
        # further to 60 by the regional general manager, who approved it
        extensions = ClockExtension.objects.select_related("approved_by").order_by("created_at")
        assert sorted((e.amount_before, e.amount_after) for e in extensions) == [
            (15, 30),
            (15, 30),
            (15, 30),
            (30, 60),
        ]
        second = extensions.get(amount_after=60)
        assert second.approved_by.username.endswith("regional")
        assert (
            second.requested_by.username == "cn.handler"
            or second.requested_by != second.approved_by
        )
        assert second.clock.state in (ClockState.RUNNING, ClockState.WARNING, ClockState.PAUSED)
        # And a third handler's request for 60 days waits for the regional general manager
        (asked,) = ExtensionRequest.objects.filter(status=ExtensionStatus.PENDING)
        assert (asked.amount_after, asked.approval_role) == (60, "regional_gm")
        assert asked.clock.state in (ClockState.RUNNING, ClockState.WARNING)

    def test_demo_proposals_beyond_authority_wait_for_approval(self):
        # Both organisations have an authority matrix
        for code in ("hk-property", "cn-bank"):
            assert AuthorityLimit.objects.filter(organisation__code=code).exists()

        # And proposals beyond it were approved, refused, and a recent one is still waiting
        statuses = set(ApprovalRequest.objects.values_list("status", flat=True))
        assert statuses == set(ApprovalStatus.values)
        for request in ApprovalRequest.objects.select_related("complaint"):
            if request.status == ApprovalStatus.PENDING:
                assert request.complaint.status == Status.PROPOSED, request.complaint.reference
            else:
                assert request.decided_by_id not in (None, request.requested_by_id)
                assert request.decided_at >= request.requested_at

        # And nothing was replied to before its approval: each reply follows the latest
        # proposal, which was within authority or approved
        for complaint in Complaint.objects.filter(replies__isnull=False).distinct():
            reply = complaint.replies.order_by("-sent_at").first()
            proposal = complaint.proposals.filter(proposed_at__lte=reply.sent_at).latest(
                "proposed_at"
            )
            request = getattr(proposal, "approval_request", None)
            assert request is None or request.status == ApprovalStatus.APPROVED

        # And the notifications it sent are history: mailed then, the older ones read
        assert not Notification.objects.filter(mailed_at__isnull=True).exists()
        assert Notification.objects.filter(kind="approval_requested").exists()

    def test_demo_complaints_are_routed_by_assignment_rules(self):
        # Both organisations have rules, and each rule routed some complaints
        routed = [
            event.data["routing"]
            for event in ComplaintEvent.objects.filter(kind="status_changed", action="assign")
            if "routing" in (event.data or {})
        ]
        used = {routing["rule"]["id"] for routing in routed}
        for code in ("hk-property", "cn-bank"):
            rules = AssignmentRule.objects.filter(organisation__code=code)
            assert rules.count() >= 3
            assert set(rules.values_list("pk", flat=True)) <= used, code
        assert {routing["strategy"] for routing in routed} == {"least_loaded", "round_robin"}

        # And a handler on leave now was assigned nothing since she left
        absence = Absence.objects.get()
        assert absence.starts_at < timezone.now() < absence.ends_at
        meanwhile = ComplaintEvent.objects.filter(
            action="assign", created_at__gte=absence.starts_at
        )
        assert meanwhile.exists()
        assert all(event.data["handler"]["id"] != absence.user_id for event in meanwhile)

    def test_first_sweep_on_the_demo_fires_each_breach_once(self):
        # When the sweep runs twice on the fresh demo (rolled back afterwards)
        with transaction.atomic():
            first = sla_sweep()
            second = sla_sweep()
            transaction.set_rollback(True)

        # Then the first breaches and escalates overdue complaints, and the second does nothing
        assert first.breaches > 0 and first.escalations > 0
        assert (second.warnings, second.breaches, second.escalations) == (0, 0, 0)


@pytest.mark.django_db
def test_demo_load_with_if_empty_leaves_an_existing_installation_alone():
    # Given an installation that already has its own organisation
    Organisation.objects.create(code="acme", name="Acme Ltd")

    # When the demo is loaded with --if-empty
    output = run_load_demo("--if-empty")

    # Then nothing is added, and the command says so
    assert "not loaded" in output
    assert Organisation.objects.count() == 1
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_demo_load_refuses_to_load_twice():
    # Given a database where the demo organisation already exists
    Organisation.objects.create(code="hk-property", name="Harbour View")

    # When the demo is loaded without --if-empty, then it refuses and writes nothing
    with pytest.raises(CommandError, match="hk-property"):
        run_load_demo()
    assert not User.objects.exists()
