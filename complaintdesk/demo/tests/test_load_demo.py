"""`manage.py load_demo`: demo data in every state, written through the services, loaded once."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from complaintdesk.accounts.models import Organisation, RoleAssignment, User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import guards
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Complaint, ComplaintEvent
from complaintdesk.demo.loader import demo_usernames
from complaintdesk.demo.org import DEMO_PASSWORD


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
        # Every demo account logs in with demo12345 and has a home unit and a role
        for username in demo_usernames():
            user = authenticate(username=username, password=DEMO_PASSWORD)
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
