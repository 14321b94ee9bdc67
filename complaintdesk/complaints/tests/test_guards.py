"""The guards of the lifecycle moves before closing (handler, investigation), and every guard's
refusal in the user's language. The closing guard has its own file, test_closing_guard.py."""

import pytest
from django.utils import translation

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import guards, services
from complaintdesk.complaints.choices import Responsibility, Status
from complaintdesk.complaints.models import Reply
from complaintdesk.core.errors import GuardFailed

from .factories import (
    ComplaintFactory,
    drive_to,
    in_follow_up,
    manager_for,
    record_investigation,
    staff,
)

pytestmark = pytest.mark.django_db

NO_HANDLER = "A handler must be assigned."
NO_FINDINGS = "The investigation findings are not recorded."
NO_RESPONSIBILITY = "The responsibility finding is not recorded."


# --- start investigation ----------------------------------------------------------------------


def test_starting_an_investigation_without_a_handler_is_refused_and_says_a_handler_is_needed():
    # Given a complaint rejected before anyone was assigned, then appealed by the complainant
    complaint = ComplaintFactory()
    manager = manager_for(complaint)
    services.complaint_reject(complaint, manager, "Not our building.")
    services.complaint_appeal(complaint, manager, "It is our building.")
    events = complaint.events.count()

    # When the manager starts the investigation
    with pytest.raises(GuardFailed) as refused:
        services.complaint_start_investigation(complaint, manager)

    # Then it is refused because nobody handles it, and nothing is written
    assert refused.value.details == [NO_HANDLER]
    complaint.refresh_from_db()
    assert complaint.status == Status.APPEAL
    assert complaint.events.count() == events


def test_starting_an_investigation_once_a_handler_is_assigned_is_allowed():
    # Given an appealed complaint that has no handler yet
    complaint = ComplaintFactory()
    manager = manager_for(complaint)
    services.complaint_reject(complaint, manager, "Not our building.")
    services.complaint_appeal(complaint, manager, "It is our building.")

    # When a handler is assigned and the investigation started
    services.complaint_reassign(complaint, manager, staff(Role.HANDLER, complaint.unit), "Appeal")
    services.complaint_start_investigation(complaint, manager)

    # Then it is under investigation
    complaint.refresh_from_db()
    assert complaint.status == Status.INVESTIGATING


# --- propose ----------------------------------------------------------------------------------


def test_proposing_without_an_investigation_is_refused_and_names_both_missing_findings():
    # Given a complaint under investigation with nothing recorded yet
    complaint = drive_to(ComplaintFactory(), Status.INVESTIGATING)
    manager = manager_for(complaint)

    # When a solution is proposed
    with pytest.raises(GuardFailed) as refused:
        services.complaint_propose(complaint, manager, remedy_type="repair", reasons="Ours.")

    # Then it is refused for the missing findings and responsibility, and no proposal is kept
    assert refused.value.details == [NO_FINDINGS, NO_RESPONSIBILITY]
    assert not complaint.proposals.exists()
    complaint.refresh_from_db()
    assert complaint.status == Status.INVESTIGATING


def test_proposing_with_blank_findings_is_refused_for_the_findings_alone():
    # Given an investigation recorded with a responsibility but blank findings
    complaint = drive_to(ComplaintFactory(), Status.INVESTIGATING)
    manager = manager_for(complaint)
    services.complaint_record_investigation(
        complaint, manager, findings="   ", responsibility=Responsibility.STAFF
    )

    # When a solution is proposed
    with pytest.raises(GuardFailed) as refused:
        services.complaint_propose(complaint, manager, remedy_type="repair", reasons="Ours.")

    # Then only the findings are reported missing
    assert refused.value.details == [NO_FINDINGS]


def test_the_investigation_guard_names_a_missing_responsibility_alone():
    # Given findings without a responsibility finding (e.g. a record imported from paper)
    complaint = drive_to(ComplaintFactory(), Status.INVESTIGATING)
    complaint.findings = "The guard was rude."

    # When the guard is asked / Then it reports only the responsibility
    assert guards.investigation_recorded(complaint) == [NO_RESPONSIBILITY]


def test_proposing_after_the_investigation_is_recorded_is_allowed():
    # Given a recorded investigation
    complaint = drive_to(ComplaintFactory(), Status.INVESTIGATING)
    manager = manager_for(complaint)
    record_investigation(complaint, manager)

    # When a solution is proposed
    proposal = services.complaint_propose(complaint, manager, remedy_type="refund", reasons="Ours.")

    # Then the complaint waits for the reply, with the proposal kept
    complaint.refresh_from_db()
    assert complaint.status == Status.PROPOSED
    assert list(complaint.proposals.all()) == [proposal]


# --- language ---------------------------------------------------------------------------------


def _written_in_chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text)


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_the_closing_refusal_is_worded_in_the_users_language(language):
    # Given a complaint in follow-up, not accepted, with a colleague's reply, nothing after it
    complaint = ComplaintFactory()
    complaint, manager = in_follow_up(complaint, replier=staff(Role.HANDLER, complaint.unit))
    Reply.objects.filter(complaint=complaint).update(appeal_route="")

    # When a Chinese-speaking user closes it
    with translation.override(language), pytest.raises(GuardFailed) as refused:
        services.complaint_close(complaint, manager)

    # Then the refusal and each missing item are in Chinese, not the English text
    # (the appeal route, the receiver's confirmation, the follow-up)
    assert len(refused.value.details) == 3
    assert all(_written_in_chinese(detail) for detail in refused.value.details)
    assert _written_in_chinese(refused.value.message)
    assert "3" in refused.value.details[-1]  # the counts survive translation


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_the_other_guards_refuse_in_the_users_language(language):
    # Given a complaint under investigation with nothing recorded, and one appealed unassigned
    investigating = drive_to(ComplaintFactory(), Status.INVESTIGATING)
    unassigned = ComplaintFactory()
    manager = manager_for(unassigned)
    services.complaint_reject(unassigned, manager, "Not our building.")
    services.complaint_appeal(unassigned, manager, "It is our building.")

    # When a Chinese-speaking user proposes a solution, and starts the investigation
    with translation.override(language):
        with pytest.raises(GuardFailed) as no_investigation:
            services.complaint_propose(
                investigating, manager_for(investigating), remedy_type="repair", reasons="x"
            )
        with pytest.raises(GuardFailed) as no_handler:
            services.complaint_start_investigation(unassigned, manager)

    # Then what is missing is said in Chinese
    details = no_investigation.value.details + no_handler.value.details
    assert len(details) == 3
    assert all(_written_in_chinese(detail) for detail in details), details
