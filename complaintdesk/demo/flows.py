"""Which steps each story takes to end in its planned state."""

from collections.abc import Callable

from complaintdesk.complaints import services as s
from complaintdesk.complaints.choices import FollowUpResult, Status
from complaintdesk.complaints.events import EventKind

from .org_data import HK
from .scenario import OutOfScope
from .stories import Story

S = Status
MISSED = FollowUpResult.NOT_REACHED
WITHDRAW_FROM = (
    S.RECEIVED,
    S.ACKNOWLEDGED,
    S.ASSIGNED,
    S.INVESTIGATING,
    S.AWAITING_COMPLAINANT,
    S.PROPOSED,
)


def play(story: Story) -> None:
    plan = story.p
    if plan.target == S.MERGED:
        return _duplicate(story)
    if isinstance(plan.case, OutOfScope):
        _out_of_scope(story, plan.case)
        if plan.target == S.APPEAL:
            _appeal(story, "appeal_rejected", story.clock.after(24, 240))
        return None
    if plan.target == S.WITHDRAWN:
        until(story, story.rng.choice(WITHDRAW_FROM))
        reason = story.say("withdraw")
        story.c = s.complaint_withdraw(
            story.c, story.receiver, reason, at=story.clock.after(4, 120)
        )
        return None
    flow = FLOWS.get((plan.target, plan.variant))
    if flow is None:
        return until(story, plan.target)
    return flow(story)


def until(
    story: Story,
    stop: str,
    *,
    accepts: bool | None = None,
    respond: bool = True,
    route: bool = False,
) -> None:
    """The ordinary path, from intake up to `stop`."""
    rng = story.rng
    story.intake()
    if stop == S.RECEIVED:
        return
    story.acknowledge()
    if stop == S.ACKNOWLEDGED:
        return
    story.assign()
    if stop == S.ASSIGNED:
        return
    story.investigate(pause=stop == S.AWAITING_COMPLAINANT)
    if stop == S.AWAITING_COMPLAINANT:
        return
    if stop == S.INVESTIGATING:
        if rng.random() < 0.3:
            story.find()
        return
    story.find()
    story.propose()
    if stop == S.PROPOSED:
        return
    confirm = True
    if stop == S.REPLIED and accepts is None:
        # Left at "replied": the complainant's answer may not be in yet.
        respond = respond and rng.random() < 0.6
        confirm = respond or rng.random() < 0.5
    accepts = story.p.accepts if accepts is None else accepts
    story.reply(accepts=accepts, respond=respond, confirm=confirm, route=route)
    if stop == S.REPLIED:
        return
    story.start_follow_up()
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        story.follow_up(MISSED)


def _closed(story: Story, *, accepts: bool | None = None) -> None:
    until(story, S.FOLLOWING_UP, accepts=accepts)
    story.follow_up(FollowUpResult.RESOLVED)
    story.close()


def _closed_unreached(story: Story) -> None:
    """Three documented attempts that reached nobody also allow closing."""
    until(story, S.FOLLOWING_UP, respond=False, route=True)
    while story.misses < story.org.failed_follow_up_attempts_to_close:
        story.follow_up(MISSED)
    story.close()


def _not_resolved_then_reopened(story: Story) -> None:
    until(story, S.FOLLOWING_UP)
    story.follow_up(FollowUpResult.NOT_RESOLVED)
    at = story.clock.minutes(30, 300)
    story.c = s.complaint_reopen(story.c, story.handler, story.say("reopen"), at=at)


def _closed_after_reopening(story: Story) -> None:
    _not_resolved_then_reopened(story)
    _second_round(story, story.handler, "recheck")
    story.close(story.handler)


def _closed_after_appeal(story: Story) -> None:
    until(story, S.REPLIED, accepts=False)
    _appeal(story, "appeal", story.clock.after(24, 240))
    _review(story)
    story.close(story.regional)


def _review(story: Story) -> None:
    """An appeal is reviewed one level up: the manager hands it to the regional GM."""
    story.c = s.complaint_reassign(
        story.c,
        story.manager,
        story.regional,
        story.say("appeal_reassign"),
        at=story.clock.after(2, 24),
    )
    _second_round(story, story.regional, "review")


def _second_round(story: Story, by, extra_key: str) -> None:
    story.c = s.complaint_start_investigation(story.c, by, at=story.clock.after(1, 24))
    story.note(by, "call", "call")
    story.find(extra=story.say(extra_key), by=by)
    story.propose(by=by, review=True)
    story.reply(accepts=True, by=by, route=True)
    story.misses = 0
    story.start_follow_up()
    story.follow_up(FollowUpResult.RESOLVED)


def _quality_reopened(story: Story) -> None:
    _closed(story)
    reviewer = story.d.users["hk.quality" if story.p.org_key == HK else "cn.quality"]
    at = story.clock.after(48, 480)
    story.c = s.complaint_reopen(story.c, reviewer, story.say("quality_reopen"), at=at)


def _appealed_after_reply(story: Story) -> None:
    until(story, S.REPLIED, accepts=False)
    _appeal(story, "appeal", story.clock.after(24, 240))


def _appealed_after_close(story: Story) -> None:
    _closed(story, accepts=False)
    _appeal(story, "appeal", story.clock.after(72, 336))


def _appeal(story: Story, key: str, at) -> None:
    story.c = s.complaint_appeal(story.c, story.receiver, story.say(key), at=at)


def _investigating_extended(story: Story) -> None:
    until(story, S.INVESTIGATING)
    story.extend_decision()


def _investigating_extended_twice(story: Story) -> None:
    _investigating_extended(story)
    story.note(story.handler, "progress", EventKind.CALL)
    story.extend_decision(second=True)


def _investigating_extension_asked(story: Story) -> None:
    """The second extension asked for, the regional general manager yet to decide."""
    _investigating_extended(story)
    story.note(story.handler, "progress", EventKind.CALL)
    story.extend_decision(second=True, decided=False)


def _out_of_scope(story: Story, case: OutOfScope) -> None:
    story.intake()
    if story.rng.random() < 0.6:
        story.acknowledge()
    reason = story.fill(case.reason)
    story.c = s.complaint_reject(story.c, story.manager, reason, at=story.clock.after(2, 48))


def _duplicate(story: Story) -> None:
    story.intake()
    if story.rng.random() < 0.5:
        story.acknowledge()
    primary = story.p.primary
    # A duplicate is planned with its primary (plans._duplicate), received and registered first.
    assert primary is not None and primary.complaint is not None
    into = primary.complaint
    story.c = s.complaint_merge(story.c, story.manager, into, at=story.clock.after(1, 30))


FLOWS: dict[tuple[str, str], Callable[[Story], None]] = {
    (S.CLOSED, "plain"): _closed,
    (S.CLOSED, "unreached"): _closed_unreached,
    (S.CLOSED, "reopened"): _closed_after_reopening,
    (S.CLOSED, "appealed"): _closed_after_appeal,
    (S.REOPENED, "not_resolved"): _not_resolved_then_reopened,
    (S.REOPENED, "quality"): _quality_reopened,
    (S.APPEAL, "after_reply"): _appealed_after_reply,
    (S.APPEAL, "after_close"): _appealed_after_close,
    (S.INVESTIGATING, "extended"): _investigating_extended,
    (S.INVESTIGATING, "extended_twice"): _investigating_extended_twice,
    (S.INVESTIGATING, "extension_asked"): _investigating_extension_asked,
}
