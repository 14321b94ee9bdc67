"""Conditions a complaint must meet before a lifecycle move, each saying in the user's language
what is missing. A guard returns the list of what is missing; empty means the move may go ahead.

The closing guard is the four-part rule of the training material (有诉必跟、有跟必办、有办必果、
有果必佳): followed, handled, answered with reasons, followed up with a good result.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .choices import ComplainantResponse, FollowUpResult


def has_handler(complaint) -> list[str]:
    if complaint.handler_id is None:
        return [_("A handler must be assigned.")]
    return []


def investigation_recorded(complaint) -> list[str]:
    missing = []
    if not complaint.findings.strip():
        missing.append(_("The investigation findings are not recorded."))
    if not complaint.responsibility:
        missing.append(_("The responsibility finding is not recorded."))
    return missing


@dataclass(frozen=True)
class Check:
    """One condition of closing, as the complaint page's checklist shows it."""

    label: str
    # Who must see to it.
    who: str
    # Why it is not met yet, in the guard's words; empty once it is.
    problems: list[str]

    @property
    def done(self) -> bool:
        return not self.problems


def ready_to_close(complaint) -> list[str]:
    return [problem for check in closing_checks(complaint) for problem in check.problems]


def closing_checks(complaint) -> list[Check]:
    """The closing guard item by item: what closing needs, who must see to it, and what is
    missing (ready_to_close is all that is missing)."""
    handler = str(complaint.handler) if complaint.handler_id else _("the handler")
    checks = [
        Check(
            _("Findings and responsibility recorded"), handler, investigation_recorded(complaint)
        ),
        Check(
            _("Root cause coded"),
            handler,
            [] if complaint.root_cause_id else [_("A root-cause code is required.")],
        ),
    ]
    latest_reply = complaint.replies.order_by("-sent_at", "-id").first()
    if latest_reply is None:
        missing = [_("No reply to the complainant is recorded.")]
        return [*checks, Check(_("Reply sent with its reasons"), handler, missing)]
    reasons = (
        []
        if latest_reply.reasons.strip()
        else [_("The reply does not state the reasons for the decision.")]
    )
    if (
        complaint.complainant_response != ComplainantResponse.ACCEPTED
        and not latest_reply.appeal_route.strip()
    ):
        reasons.append(
            _(
                "The complainant has not accepted the solution, so the reply must state "
                "the appeal route."
            )
        )
    checks.append(Check(_("Reply sent with its reasons"), handler, reasons))
    organisation = complaint.organisation
    follow_ups = list(
        complaint.follow_ups.filter(done_at__gte=latest_reply.sent_at).order_by("done_at", "id")
    )
    # Nobody can confirm receipt with a complainant nobody can reach: once the failed
    # attempts allowed to close are documented, they stand in for the confirmation.
    unreachable = len(follow_ups) >= organisation.failed_follow_up_attempts_to_close and all(
        f.result == FollowUpResult.NOT_REACHED for f in follow_ups
    )
    if receipt_confirmation_needed(complaint, latest_reply.sent_by_id):
        confirmation = []
        if latest_reply.receiver_confirmed_at is None and not unreachable:
            confirmation.append(
                _(
                    "The reply was sent by someone other than the receiver: %(receiver)s must "
                    "confirm that it reached the complainant (or a manager, on their behalf)."
                )
                % {"receiver": complaint.received_by}
            )
        checks.append(
            Check(
                _("The receiver confirmed the reply reached the complainant"),
                str(complaint.received_by),
                confirmation,
            )
        )
    checks.append(
        Check(
            _("Follow-up with the complainant recorded"),
            handler,
            _follow_up_gaps(follow_ups, organisation),
        )
    )
    return checks


def receipt_confirmation_needed(complaint, sent_by_id: int | None) -> bool:
    """A reply sent by someone other than the receiver must be confirmed by the receiver with
    the complainant, where the organisation asks for it: the closing guard waits for it, and the
    receiver is asked for it when the reply goes out (notifications app)."""
    return (
        complaint.organisation.reply_by_other_needs_receiver_confirmation
        # Nobody took down a complaint the complainant wrote in themselves.
        and complaint.received_by_id is not None
        and sent_by_id != complaint.received_by_id
    )


def _follow_up_gaps(follow_ups, organisation) -> list[str]:
    reached = [f for f in follow_ups if f.result != FollowUpResult.NOT_REACHED]
    if reached:
        if reached[-1].result == FollowUpResult.NOT_RESOLVED:
            return [
                _(
                    "At the last follow-up the complainant said the problem is not solved: "
                    "reopen the complaint instead of closing it."
                )
            ]
        return []
    failed = len(follow_ups)
    needed = organisation.failed_follow_up_attempts_to_close
    if failed >= needed:
        return []
    return [
        _(
            "No follow-up outcome is recorded (or %(needed)d documented failed attempts; "
            "%(failed)d so far)."
        )
        % {"needed": needed, "failed": failed}
    ]
