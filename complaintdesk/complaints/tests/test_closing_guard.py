"""The closing guard (有诉必跟、有跟必办、有办必果、有果必佳): a complaint closes only when it was
investigated, answered with reasons (and an appeal route unless accepted), the reply reached the
complainant, and a follow-up found the problem solved. Each missing item is refused on its own."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import guards, services
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Reply
from complaintdesk.core.errors import GuardFailed

from .factories import ComplaintFactory, drive_to, in_follow_up, manager_for, reply, settle, staff

pytestmark = pytest.mark.django_db

NO_ROOT_CAUSE = "A root-cause code is required."
NO_REPLY = "No reply to the complainant is recorded."
NO_REASONS = "The reply does not state the reasons for the decision."
NO_APPEAL_ROUTE = (
    "The complainant has not accepted the solution, so the reply must state the appeal route."
)
# Names the receiver, so that whoever reads it knows whom to ask (issue 9, item 8).
NOT_CONFIRMED = (
    "The reply was sent by someone other than the receiver: {receiver} must confirm that it "
    "reached the complainant (or a manager, on their behalf)."
)
NOT_SOLVED = (
    "At the last follow-up the complainant said the problem is not solved: reopen the complaint "
    "instead of closing it."
)


def no_follow_up(failed: int, needed: int = 3) -> str:
    return (
        f"No follow-up outcome is recorded (or {needed} documented failed attempts; "
        f"{failed} so far)."
    )


def _refusal_of_close(complaint, manager) -> list[str]:
    """Try to close; assert it was refused with nothing written; return what is missing."""
    events = complaint.events.count()
    with pytest.raises(GuardFailed) as refused:
        services.complaint_close(complaint, manager)
    complaint.refresh_from_db()
    assert complaint.status == Status.FOLLOWING_UP
    assert complaint.events.count() == events
    return refused.value.details


def _closes(complaint, manager) -> None:
    """Close; assert it is closed."""
    services.complaint_close(complaint, manager)
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED


def _follow_up(complaint, by, result: str) -> None:
    services.complaint_record_follow_up(
        complaint, by, result=result, notes="Called 9123 4567 at 10:00."
    )


def _with_organisation(**flags):
    complaint = ComplaintFactory()
    for flag, value in flags.items():
        setattr(complaint.organisation, flag, value)
    complaint.organisation.save()
    return complaint


# --- close: allowed, then each missing item on its own ---------------------------------------


def test_closing_a_followed_handled_answered_and_followed_up_complaint_is_allowed():
    # Given a complaint in follow-up, reply accepted and follow-up saying it is solved
    complaint, manager = in_follow_up()
    settle(complaint, manager)

    # When the manager closes it / Then it is closed, with the time of closing
    _closes(complaint, manager)
    assert complaint.closed_at is not None


def test_closing_without_a_root_cause_is_refused_and_says_what_is_missing():
    # Given a complaint ready to close except that no root cause was coded
    complaint = ComplaintFactory()
    manager = manager_for(complaint)
    drive_to(complaint, Status.FOLLOWING_UP, by=manager, root_cause=False)
    settle(complaint, manager)

    # When the manager closes it / Then it is refused for the root cause alone
    assert _refusal_of_close(complaint, manager) == [NO_ROOT_CAUSE]


def test_closing_without_any_reply_is_refused_and_says_what_is_missing():
    # Given a complaint whose finding is recorded but to which nobody has replied
    complaint = drive_to(ComplaintFactory(), Status.PROPOSED)

    # When the closing guard is asked (no service path reaches follow-up without a reply)
    # Then the missing reply is the one thing reported
    assert guards.ready_to_close(complaint) == [NO_REPLY]


def test_closing_when_the_reply_gives_no_reasons_is_refused_and_says_what_is_missing():
    # Given a settled complaint whose reply lost its reasons (e.g. imported from the old system)
    complaint, manager = in_follow_up()
    settle(complaint, manager)
    Reply.objects.filter(complaint=complaint).update(reasons="")

    # When the manager closes it / Then it is refused for the reasons alone
    assert _refusal_of_close(complaint, manager) == [NO_REASONS]


@pytest.mark.parametrize("response", [None, "rejected"], ids=["no-response", "rejected"])
def test_closing_without_acceptance_or_an_appeal_route_is_refused_and_says_what_is_missing(
    response,
):
    # Given a reply without an appeal route that the complainant has not accepted
    complaint, manager = in_follow_up(appeal_route="")
    if response:
        services.complaint_record_response(complaint, manager, response)
    _follow_up(complaint, manager, "resolved")

    # When the manager closes it / Then it is refused: the appeal route is missing
    assert _refusal_of_close(complaint, manager) == [NO_APPEAL_ROUTE]


def test_closing_without_an_appeal_route_is_allowed_once_the_complainant_accepted():
    # Given a reply without an appeal route, accepted by the complainant and followed up
    complaint, manager = in_follow_up(appeal_route="")
    settle(complaint, manager)

    # When the manager closes it / Then it is closed
    _closes(complaint, manager)


def test_closing_a_rejected_solution_is_allowed_when_the_reply_states_the_appeal_route():
    # Given a complainant who did not accept, but was told how to appeal, and is followed up
    complaint, manager = in_follow_up()
    services.complaint_record_response(complaint, manager, "rejected")
    _follow_up(complaint, manager, "resolved")

    # When the manager closes it / Then it closes
    _closes(complaint, manager)


def test_closing_a_reply_sent_by_someone_else_without_receiver_confirmation_is_refused():
    # Given a complaint a colleague (not the receiver) replied to, settled otherwise
    complaint = ComplaintFactory()
    colleague = staff(Role.HANDLER, complaint.unit)
    complaint, manager = in_follow_up(complaint, replier=colleague)
    settle(complaint, manager)

    # When the manager closes it / Then it is refused until the receiver confirms
    assert _refusal_of_close(complaint, manager) == [
        NOT_CONFIRMED.format(receiver=complaint.received_by)
    ]


def test_closing_a_reply_sent_by_someone_else_is_allowed_after_the_receiver_confirms_it():
    # Given a colleague's reply the receiver has confirmed with the complainant
    complaint = ComplaintFactory()
    complaint, manager = in_follow_up(complaint, replier=staff(Role.HANDLER, complaint.unit))
    settle(complaint, manager)
    services.complaint_confirm_reply_receipt(complaint, complaint.received_by, note="Called.")

    # When the manager closes it / Then it closes
    _closes(complaint, manager)


def test_closing_a_reply_sent_by_someone_else_is_allowed_when_the_organisation_does_not_ask():
    # Given an organisation that does not ask receivers to confirm colleagues' replies
    complaint = _with_organisation(reply_by_other_needs_receiver_confirmation=False)
    complaint, manager = in_follow_up(complaint, replier=staff(Role.HANDLER, complaint.unit))
    settle(complaint, manager)

    # When the manager closes it / Then it closes without the confirmation
    _closes(complaint, manager)


def test_only_the_receiver_can_confirm_that_a_reply_reached_the_complainant():
    # Given a colleague's reply
    complaint = ComplaintFactory()
    complaint, manager = in_follow_up(complaint, replier=staff(Role.HANDLER, complaint.unit))

    # When the manager (not the receiver) tries to confirm it / Then it is refused
    with pytest.raises(GuardFailed):
        services.complaint_confirm_reply_receipt(complaint, manager)
    assert complaint.replies.get().receiver_confirmed_at is None


def test_closing_without_a_follow_up_is_refused_and_says_what_is_missing():
    # Given an accepted reply but no follow-up call yet
    complaint, manager = in_follow_up()
    services.complaint_record_response(complaint, manager, "accepted")

    # When the manager closes it / Then it is refused: no follow-up outcome, none attempted
    assert _refusal_of_close(complaint, manager) == [no_follow_up(failed=0)]


def test_closing_after_two_failed_follow_up_attempts_is_refused_and_counts_them():
    # Given an accepted reply and two calls that did not reach the complainant
    complaint, manager = in_follow_up()
    services.complaint_record_response(complaint, manager, "accepted")
    _follow_up(complaint, manager, "not_reached")
    _follow_up(complaint, manager, "not_reached")

    # When the manager closes it / Then it is refused, counting 2 of the 3 attempts needed
    assert _refusal_of_close(complaint, manager) == [no_follow_up(failed=2)]


def test_closing_after_three_failed_follow_up_attempts_is_allowed():
    # Given an accepted reply and three documented failed attempts
    complaint, manager = in_follow_up()
    services.complaint_record_response(complaint, manager, "accepted")
    for _ in range(3):
        _follow_up(complaint, manager, "not_reached")

    # When the manager closes it / Then it closes
    _closes(complaint, manager)


def test_the_number_of_failed_attempts_that_allow_closing_is_the_organisations_setting():
    # Given an organisation that closes after two failed attempts, and two failed attempts
    complaint, manager = in_follow_up(_with_organisation(failed_follow_up_attempts_to_close=2))
    services.complaint_record_response(complaint, manager, "accepted")
    _follow_up(complaint, manager, "not_reached")
    _follow_up(complaint, manager, "not_reached")

    # When the manager closes it / Then it closes
    _closes(complaint, manager)


def test_closing_when_the_last_follow_up_says_not_solved_is_refused_and_asks_to_reopen():
    # Given a follow-up that reached the complainant, who says it is solved, then not solved
    complaint, manager = in_follow_up()
    services.complaint_record_response(complaint, manager, "accepted")
    _follow_up(complaint, manager, "resolved")
    _follow_up(complaint, manager, "not_resolved")
    _follow_up(complaint, manager, "not_reached")

    # When the manager closes it / Then it is refused: the last answer was "not solved"
    assert _refusal_of_close(complaint, manager) == [NOT_SOLVED]


def test_closing_when_a_later_follow_up_says_solved_is_allowed():
    # Given "not solved", further action, then "solved" at the next call
    complaint, manager = in_follow_up()
    services.complaint_record_response(complaint, manager, "accepted")
    _follow_up(complaint, manager, "not_resolved")
    _follow_up(complaint, manager, "resolved")

    # When the manager closes it / Then it closes
    _closes(complaint, manager)


def test_follow_ups_made_before_the_latest_reply_do_not_count_for_closing():
    # Given a complaint followed up as solved, then reopened, answered again, in follow-up again
    complaint, manager = in_follow_up()
    settle(complaint, manager)
    services.complaint_reopen(complaint, manager, "The lift broke again.")
    services.complaint_start_investigation(complaint, manager)
    services.complaint_propose(complaint, manager, remedy_type="replacement", reasons="Worn out.")
    reply(complaint, complaint.received_by)
    services.complaint_start_follow_up(complaint, manager)
    complaint.refresh_from_db()

    # When the manager closes it / Then the old follow-up does not count
    assert _refusal_of_close(complaint, manager) == [no_follow_up(failed=0)]
