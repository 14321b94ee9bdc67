"""Play one planned complaint through the real services, step by step, with past timestamps.

Each story registers its complaint first (all complaints are registered in order of receipt, so
references and repeat flags come out as in real life), then runs to the state it was planned
to end in. The people acting are those whose roles allow each move (transitions.py). The
organisation's assignment rules choose the handler where one matches; a proposal beyond the
proposer's authority waits for the next level's decision; the bank extends some deadlines.
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from complaintdesk.accounts.models import User
from complaintdesk.authority.models import ApprovalRequest
from complaintdesk.authority.rules import authority_rank, rungs_above
from complaintdesk.authority.selectors import approvers_for
from complaintdesk.authority.services import approval_decide
from complaintdesk.complaints import services as s
from complaintdesk.complaints.choices import (
    VERBAL_CHANNELS,
    Channel,
    ComplainantResponse,
    FollowUpResult,
    Grade,
    HandlingStep,
    RemedyType,
    ReplyChannel,
    Responsibility,
    RiskFlag,
    Status,
    Visibility,
)
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.models import Complaint
from complaintdesk.customers.services import complainant_find_or_create
from complaintdesk.routing.services import complaint_route
from complaintdesk.sla.selectors import live_clocks
from complaintdesk.sla.services import clock_extension_ask, extension_decide

from .clock import Clock
from .org import Directory
from .org_data import HK, TEAMS
from .phrases import APPEAL_ROUTES, OFFICE_PHONES, PHRASES
from .plans import Plan
from .scenario import OutOfScope, Scenario

# How often the next level refuses a proposal beyond the proposer's authority (the proposer then
# comes back with a lower amount, which is approved).
REFUSALS = 0.2
# The bank's pack (cn-banking-2020) calls its one clock this; its extensions go 15 → 30 → 60 days.
DECISION_CLOCK = "decision"

STAFF_LABEL = {
    "zh-hant": "涉事職員（編號 {n}）",
    "zh-hans": "涉事员工（工号 {n}）",
    "en": "Staff no. {n}",
}


class Story:
    def __init__(self, plan: Plan, directory: Directory, deadline: datetime):
        self.p = plan
        self.d = directory
        self.rng = random.Random(plan.seed)
        self.org = directory.organisations[plan.org_key]
        zone = ZoneInfo(self.org.time_zone)
        self.clock = Clock(plan.received_at, deadline, zone, random.Random(plan.seed + 1))
        users = directory.users
        self.receiver = users[plan.receiver]
        self.handler = users[plan.handler]
        self.manager = users[plan.manager]
        self.regional = users[plan.regional]
        self.words = PHRASES[plan.language]
        self.misses = 0  # follow-up calls that reached nobody since the latest reply
        self.c: Complaint  # the story's complaint, from register() on: every story starts there

    @property
    def scenario(self) -> Scenario:
        """The case the story resolves: out-of-scope stories (flows) never get to the steps that
        ask for it."""
        case = self.p.case
        if isinstance(case, OutOfScope):
            raise TypeError(f"An out-of-scope case is not resolved: {case.subject}")
        return case

    # Words -------------------------------------------------------------------------------

    def say(self, key: str, **extra) -> str:
        options = self.words[key]
        text = self.rng.choice(options) if isinstance(options, tuple) else options
        return self.fill(text, **extra)

    def fill(self, text: str, **extra) -> str:
        values = {
            **self.p.values,
            "phone": self.p.person.phone,
            "name": self.p.person.salutation,
            **extra,
        }
        return text.format_map(values)

    # Intake ------------------------------------------------------------------------------

    def register(self) -> None:
        p, case = self.p, self.p.case
        person = p.person
        if person.complainant is None:
            person.complainant = complainant_find_or_create(self.org, **person.details)
        record: dict[str, Any] = {
            "language": p.language,
            "site": p.site,
            "incident_at": p.incident_at,
            "incident_place": f"{p.values['site']} {p.values['flat']}".strip(),
            "demand": self.fill(case.demand),
            "evidence_description": self.say("evidence"),
        }
        loss = p.amounts.get("loss")
        if loss:
            record["claimed_loss_amount"] = Decimal(loss)
            record["claimed_loss_currency"] = self.org.currency
        self.c = s.complaint_register(
            by=self.receiver,
            unit=self.d.unit(p.org_key, p.unit_code),
            received_unit=self.d.unit(p.org_key, p.received_unit_code),
            complainant=person.complainant,
            channel=p.channel,
            subject=self.fill(case.subject),
            description=self.fill(case.description),
            received_at=p.received_at,
            **record,
        )
        p.complaint = self.c

    def intake(self) -> None:
        if self.p.channel in VERBAL_CHANNELS:
            self.step(self.receiver, HandlingStep.LISTEN, "listen", self.clock.minutes(2, 12))
            self.step(self.receiver, HandlingStep.APOLOGISE, "apologise", self.clock.minutes(1, 5))

    def acknowledge(self) -> None:
        verbal = self.p.channel in VERBAL_CHANNELS
        at = self.clock.minutes(3, 25) if verbal else self.clock.after(0.5, 20)
        if self.c.status == Status.RECEIVED:
            self.c = s.complaint_acknowledge(self.c, self.receiver, at=at)
        # Otherwise an assignment rule already routed it on arrival (the organisation's
        # route_new_complaints): there is no move left to make, but the complainant is still told.
        if not verbal:
            kind = EventKind.LETTER if self.p.channel == Channel.LETTER else EventKind.MAIL
            self.note(self.receiver, "ack_written", kind, at=self.clock.minutes(1, 10))
        if self.p.target != Status.RECEIVED:
            self.classify()

    def classify(self) -> None:
        p, rng = self.p, self.rng
        grade = getattr(p.case, "grade", Grade.GENERAL)
        flags = set(getattr(p.case, "risks", ()))
        if p.channel == Channel.SOCIAL_MEDIA:
            flags.add(RiskFlag.MEDIA)
        if p.channel == Channel.REGULATOR:
            flags.add(RiskFlag.REGULATOR)
        if p.on_top or self.c.risk_vip or (self.c.risk_repeat and rng.random() < 0.5):
            grade = Grade.MAJOR
        if grade == Grade.MAJOR and RiskFlag.SAFETY in flags and rng.random() < 0.4:
            grade = Grade.URGENT
        low = {Grade.GENERAL: 1, Grade.SIGNIFICANT: 2}.get(grade, 3)
        by = self.receiver if rng.random() < 0.7 else self.manager
        risks: dict[str, Any] = {f"risk_{flag}": True for flag in flags}
        self.c = s.complaint_classify(
            self.c,
            by,
            at=self.clock.minutes(5, 90),
            category=self.d.categories[p.org_key][p.case.category],
            grade=grade,
            anger_score=min(5, rng.randint(low, low + 2)),
            **risks,
        )

    def assign(self) -> None:
        """The organisation's assignment rules choose the handler where one matches; elsewhere
        the receiver or manager picks the planned one."""
        if self.c.handler is not None:
            # Routed on arrival by an assignment rule: the story goes on with that handler.
            self.handler = self.d.users.get(self.c.handler.username, self.c.handler)
            return
        by = self.receiver if self.rng.random() < 0.5 and not self.p.on_top else self.manager
        at = self.clock.after(0.5, 20)
        decision = complaint_route(self.c, by, at=at)
        if decision is None:
            self.c = s.complaint_assign(self.c, by, self.handler, at=at)
        else:
            self.c = decision.complaint
            self.handler = self.d.users[decision.handler.username]

    # Handling ----------------------------------------------------------------------------

    def investigate(self, *, pause: bool = False) -> None:
        rng = self.rng
        self.c = s.complaint_start_investigation(self.c, self.handler, at=self.clock.after(1, 30))
        if self.p.channel == Channel.EXECUTIVE_OFFICE:
            self.note(self.d.users["hk.exec"], "exec", at=self.clock.after(2, 24))
        if self.p.channel == Channel.REGULATOR:
            self.note(self.receiver, "regulator", EventKind.MAIL, at=self.clock.after(2, 24))
            self.note(self.d.users["cn.exec"], "exec", at=self.clock.after(2, 48))
        first_call = self.fill(self.words["call"][0])
        at = self.clock.after(1, 24)
        s.complaint_add_note(self.c, self.handler, first_call, kind=EventKind.CALL, at=at)
        self.step(self.handler, HandlingStep.COLLECT, "collect", self.clock.after(2, 48))
        if rng.random() < 0.6:
            kind = rng.choice([EventKind.VISIT, EventKind.NOTE])
            self.note(self.handler, "visit" if kind == EventKind.VISIT else "internal", kind)
        if rng.random() < 0.08 and not self.p.on_top:
            self.reassign()
        case_ask = getattr(self.p.case, "ask", "")
        ask = self.fill(case_ask) if case_ask else self.say("ask")
        if pause or rng.random() < 0.15:
            self.c = s.complaint_request_information(
                self.c, self.handler, ask, at=self.clock.after(2, 48)
            )
            if pause:
                return
            by = self.receiver if rng.random() < 0.6 else self.handler
            at = self.clock.after(24, 120)
            self.c = s.complaint_resume(self.c, by, self.say("resume"), at=at)
        if (self.clock.now - self.p.received_at).days >= 10:
            self.note(self.handler, "progress", EventKind.CALL)

    def reassign(self) -> None:
        team_handlers = [self.d.users[u] for u in _team_handlers(self.p)]
        others = [u for u in team_handlers if u != self.handler]
        if not others:
            return
        self.handler = self.rng.choice(others)
        self.c = s.complaint_reassign(
            self.c, self.manager, self.handler, self.say("reassign"), at=self.clock.after(1, 24)
        )

    def find(self, *, extra: str = "", by=None) -> None:
        by = by or self.handler
        case, p = self.scenario, self.p
        responsibility = case.responsibility
        in_house = responsibility in (Responsibility.ORGANISATION, Responsibility.STAFF)
        person = ""
        if responsibility == Responsibility.STAFF:
            person = STAFF_LABEL[p.language].format(n=self.rng.randint(1001, 4999))
        findings = self.fill(case.findings) + (f"\n{extra}" if extra else "")
        self.c = s.complaint_record_investigation(
            self.c,
            by,
            findings=findings,
            responsibility=responsibility,
            responsible_unit=p.site if in_house else None,
            responsible_person=person,
            root_cause=self.d.root_causes[p.org_key][case.root_cause],
            at=self.clock.after(20, 96),
        )

    def propose(self, *, by=None, review: bool = False, may_refuse: bool = True) -> None:
        by = by or self.handler
        case = self.scenario
        payout = self.p.amounts.get("payout")
        offer = self.fill(case.offer)
        if review:
            offer = f"{offer}\n{self.say('review_offer')}"
        proposal = s.complaint_propose(
            self.c,
            by,
            remedy_type=RemedyType.GOODWILL if review else case.remedy,
            reasons=self.fill(case.reasons),
            amount=Decimal(payout) if payout and not review else None,
            description=offer,
            at=self.clock.after(2, 48),
        )
        self.step(by, HandlingStep.PROPOSE, "propose", self.clock.minutes(5, 60))
        request = ApprovalRequest.objects.filter(proposal=proposal).first()
        if request is not None:
            refusable = may_refuse and not review and payout is not None
            self.settle_approval(request, by, may_refuse=refusable)

    def settle_approval(self, request: ApprovalRequest, proposer: User, *, may_refuse: bool):
        """The proposal went beyond the proposer's authority: the next level decides, mostly
        yes; now and then no, and the proposer comes back with a lower amount. A story that ends
        at "solution proposed" leaves the request waiting (the older ones overdue, for the
        sweep to chase)."""
        if self.p.target == Status.PROPOSED:
            return
        refuse = may_refuse and self.rng.random() < REFUSALS
        approval_decide(
            request,
            self.approver(request),
            approve=not refuse,
            reason=self.say("refuse" if refuse else "approve"),
            at=self.clock.after(2, 30),
        )
        if refuse:
            payout = self.p.amounts["payout"]
            assert payout is not None  # only a proposal with an amount may be refused (propose)
            lower = _rounded(payout * self.rng.uniform(0.5, 0.75))
            self.p.amounts["payout"] = lower
            self.p.values["payout"] = f"{lower:,}"
            self.propose(by=proposer, may_refuse=False)

    def approver(self, request: ApprovalRequest) -> User:
        """Someone holding the approver's role above the complaint, else the next rung up (a
        board-office complaint has no district manager above it); never the proposer."""
        for role in rungs_above(authority_rank({request.approver_role}) - 1):
            user = approvers_for(self.c, role).exclude(pk=request.requested_by_id).first()
            if user is not None:
                return self.d.users[user.username]
        raise LookupError(f"Nobody may approve {self.c.reference} as {request.approver_role}")

    def extend_decision(self, *, second: bool = False, decided: bool = True) -> None:
        """The bank's decision deadline extended: by the handler from 15 days to 30 before it
        runs out; later the handler asks for 60, which the regional general manager approves
        a few hours on (or, `decided` False, has still to decide). The complainant is told of
        each extension and why (the timeline entry they may see)."""
        clock = live_clocks(self.c).filter(name=DECISION_CLOCK).first()
        if clock is None:
            return
        key, days = ("extend_again", (24, 26)) if second else ("extend", (11.5, 13.5))
        moment = self.p.received_at + timedelta(days=self.rng.uniform(*days))
        asked = clock_extension_ask(
            clock, self.handler, self.say(key), at=self.clock.not_before(moment)
        )
        if asked is not None and decided:
            reason = self.say("approve_extension")
            extension_decide(
                asked, self.regional, approve=True, reason=reason, at=self.clock.after(1, 6)
            )

    def reply(
        self,
        *,
        accepts: bool,
        respond: bool = True,
        confirm: bool = True,
        by=None,
        route: bool = False,
    ) -> None:
        p, rng, case = self.p, self.rng, self.scenario
        if by is None:
            by = self.handler
            if p.channel in VERBAL_CHANNELS and rng.random() < 0.5 and not p.on_top:
                by = self.receiver
            elif self.handler.username == "hk.engineer" or rng.random() < 0.3:
                by = self.manager
        oral = by == self.receiver and p.channel in VERBAL_CHANNELS
        if oral:
            channel = ReplyChannel.ORAL_PHONE if rng.random() < 0.7 else ReplyChannel.ORAL_IN_PERSON
        elif p.person.details.get("email") and p.channel != Channel.LETTER:
            channel = ReplyChannel.EMAIL
        else:
            channel = ReplyChannel.LETTER
        remedy = case.remedy
        route = route or not accepts or remedy in (RemedyType.NO_ACTION, RemedyType.EXPLANATION)
        received = p.received_at.astimezone(self.clock.zone)
        text = self.say(
            "reply",
            received=f"{received:%Y-%m-%d}",
            subject=self.c.subject,
            reference=self.c.reference,
            findings=self.c.findings,
            offer=self.fill(case.offer),
            phone=OFFICE_PHONES[p.org_key],
            staff=str(by),
        )
        s.complaint_reply(
            self.c,
            by,
            channel=channel,
            text=text,
            reasons=self.fill(case.reasons),
            appeal_route=APPEAL_ROUTES[(p.org_key, p.language)]
            if route or rng.random() < 0.5
            else "",
            at=self.clock.after(2, 48),
        )
        self.step(by, HandlingStep.ASK_OPINION, "ask_opinion", self.clock.minutes(2, 30))
        if by != self.receiver and confirm:
            at = self.clock.after(2, 30)
            s.complaint_confirm_reply_receipt(
                self.c, self.receiver, note=self.say("confirm"), at=at
            )
        if respond:
            response = ComplainantResponse.ACCEPTED if accepts else ComplainantResponse.REJECTED
            note = self.say("accepted" if accepts else "rejected")
            at = self.clock.minutes(5, 120)
            self.c = s.complaint_record_response(self.c, self.receiver, response, note=note, at=at)

    def start_follow_up(self) -> None:
        at = self.clock.after(48, 168)
        self.c = s.complaint_start_follow_up(self.c, self.receiver, at=at)

    def follow_up(self, result: str) -> None:
        rng = self.rng
        if result == FollowUpResult.NOT_REACHED:
            s.complaint_record_follow_up(
                self.c,
                self.receiver,
                result=result,
                notes=self.fill(self.words["not_reached"][min(self.misses, 2)]),
                at=self.clock.after(20, 50) if self.misses else self.clock.minutes(5, 240),
            )
            self.misses += 1
            return
        good = result == FollowUpResult.RESOLVED
        unhappy = self.c.complainant_response == ComplainantResponse.REJECTED
        key = ("resolved_unhappy" if unhappy else "resolved") if good else "not_resolved"
        s.complaint_record_follow_up(
            self.c,
            self.receiver,
            result=result,
            outcome_satisfaction=rng.randint(3, 5) if good and not unhappy else rng.randint(1, 2),
            handling_satisfaction=rng.randint(3, 5) if good else rng.randint(1, 3),
            notes=self.say(key),
            at=self.clock.minutes(5, 240),
        )
        if good:
            self.step(
                self.receiver, HandlingStep.FOLLOW_UP, "follow_up_step", self.clock.minutes(1, 5)
            )

    def close(self, by=None) -> None:
        by = by or (self.handler if self.rng.random() < 0.7 else self.manager)
        self.c = s.complaint_close(self.c, by, at=self.clock.after(1, 30))
        if self.rng.random() < 0.12:
            # Quality reviewers sample closed cases (domain.md, management functions).
            reviewer = self.d.users["hk.quality" if self.p.org_key == HK else "cn.quality"]
            self.note(reviewer, "quality_check", at=self.clock.after(24, 240))

    # Helpers ------------------------------------------------------------------------------

    def note(self, by, key: str, kind: str = EventKind.NOTE, *, at: datetime | None = None) -> None:
        at = at or self.clock.after(2, 48)
        visibility = Visibility.INTERNAL
        s.complaint_add_note(self.c, by, self.say(key), kind=kind, visibility=visibility, at=at)

    def step(self, by, step: str, key: str, at: datetime) -> None:
        s.complaint_record_step(self.c, by, step, self.say(key), at=at)


def _rounded(amount: float) -> int:
    """An amount as people write it: to the hundred from 5,000, to the ten from 200."""
    step = 100 if amount >= 5000 else 10 if amount >= 200 else 1
    return max(step, int(amount) // step * step)


def _team_handlers(plan: Plan) -> list[str]:
    team = TEAMS.get(plan.unit_code)
    names = list(team[1]) if team else []
    if getattr(plan.case, "technical", False) and plan.org_key == HK:
        names.append("hk.engineer")
    return names
