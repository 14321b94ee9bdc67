"""Decide, before anything is written, what each demo complaint will be: where and how it
arrives, who handles it, which case it is and which state its story ends in."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from complaintdesk.accounts.models import OrgUnit
from complaintdesk.complaints.choices import VERBAL_CHANNELS, Channel, RemedyType, Status
from complaintdesk.complaints.models import Complaint

from . import org_data
from .clock import in_office_hours
from .org import Directory
from .org_data import CN, HK
from .people import People, Person
from .scenario import OutOfScope, Scenario
from .scenarios_cn import SCENARIOS as CN_ZH
from .scenarios_en import CN_SCENARIOS as CN_EN
from .scenarios_en import HK_SCENARIOS as HK_EN
from .scenarios_hk import SCENARIOS as HK_ZH
from .scenarios_out_of_scope import OUT_OF_SCOPE

S = Status
TARGETS = {
    HK: {
        S.RECEIVED: 6, S.ACKNOWLEDGED: 8, S.ASSIGNED: 8, S.INVESTIGATING: 14,
        S.AWAITING_COMPLAINANT: 6, S.PROPOSED: 7, S.REPLIED: 8, S.FOLLOWING_UP: 10,
        S.CLOSED: 80, S.REOPENED: 5, S.APPEAL: 5, S.WITHDRAWN: 8, S.MERGED: 7, S.REJECTED: 8,
    },
    CN: {
        S.RECEIVED: 4, S.ACKNOWLEDGED: 5, S.ASSIGNED: 6, S.INVESTIGATING: 10,
        S.AWAITING_COMPLAINANT: 4, S.PROPOSED: 5, S.REPLIED: 5, S.FOLLOWING_UP: 7,
        S.CLOSED: 52, S.REOPENED: 3, S.APPEAL: 4, S.WITHDRAWN: 5, S.MERGED: 4, S.REJECTED: 6,
    },
}  # fmt: skip
# How long ago (days) a complaint that ends in this state came in.
AGES = {
    S.RECEIVED: (0.05, 1.2), S.ACKNOWLEDGED: (0.3, 3), S.ASSIGNED: (1, 6),
    S.INVESTIGATING: (2, 25), S.AWAITING_COMPLAINANT: (4, 30), S.PROPOSED: (5, 30),
    S.REPLIED: (6, 35), S.FOLLOWING_UP: (8, 45), S.CLOSED: (18, 120), S.REOPENED: (25, 110),
    S.APPEAL: (25, 110), S.WITHDRAWN: (3, 110), S.REJECTED: (2, 110),
}  # fmt: skip
# Longer stories start earlier, so that they end in the past at an unhurried pace.
VARIANT_AGES = {
    "unreached": (25, 120),
    "reopened": (40, 120),
    "appealed": (40, 120),
    "quality": (40, 110),
    "after_close": (40, 110),
    # Old enough for the bank's 15-day decision deadline to have been extended to 30, and for
    # the second story, to 60 days (org_data.EXTENDED).
    "extended": (17, 26),
    "extended_twice": (33, 45),
    # Asked for 60 days a day or so ago; the 30 days run out within the week.
    "extension_asked": (26.5, 28),
}
VARIANTS = {
    S.CLOSED: (("plain", 70), ("unreached", 10), ("reopened", 10), ("appealed", 10)),
    S.REOPENED: (("not_resolved", 60), ("quality", 40)),
    S.APPEAL: (("after_reply", 50), ("after_close", 30), ("after_reject", 20)),
}
CHANNELS = {
    HK: ((Channel.PHONE, 28), (Channel.VISIT, 25), (Channel.LETTER, 8), (Channel.EMAIL, 17),
         (Channel.WEB_FORM, 15), (Channel.SOCIAL_MEDIA, 5)),
    CN: ((Channel.PHONE, 27), (Channel.VISIT, 33), (Channel.LETTER, 4), (Channel.EMAIL, 8),
         (Channel.WEB_FORM, 18), (Channel.SOCIAL_MEDIA, 8)),
}  # fmt: skip
SCENARIOS = {(HK, "zh-hant"): HK_ZH, (HK, "en"): HK_EN, (CN, "zh-hans"): CN_ZH, (CN, "en"): CN_EN}
# Complaints that reach the top: HK's board office, the bank's regulator referrals.
SPECIAL = {
    HK: (Channel.EXECUTIVE_OFFICE, {S.CLOSED: 5, S.INVESTIGATING: 1, S.FOLLOWING_UP: 1}),
    CN: (Channel.REGULATOR, {S.CLOSED: 6, S.INVESTIGATING: 1, S.PROPOSED: 1, S.REPLIED: 1}),
}
HOTLINE = {HK: ("hk.hotline", "CS"), CN: ("cn.hotline", "CP")}


@dataclass
class Plan:
    org_key: str
    target: str
    variant: str
    language: str
    case: Scenario | OutOfScope
    unit_code: str
    site: OrgUnit
    channel: str
    person: Person
    received_at: datetime
    incident_at: datetime
    receiver: str
    received_unit_code: str
    handler: str
    manager: str
    regional: str
    accepts: bool
    seed: int
    values: dict[str, str] = field(default_factory=dict)
    amounts: dict[str, int | None] = field(default_factory=dict)
    primary: "Plan | None" = None
    complaint: Complaint | None = None

    @property
    def on_top(self) -> bool:
        return self.channel in (Channel.EXECUTIVE_OFFICE, Channel.REGULATOR)


class Planner:
    def __init__(self, directory: Directory, rng: random.Random, now: datetime):
        self.d = directory
        self.rng = rng
        # Timestamps draw from their own stream, so the cases stay the same whatever the hour.
        self.time_rng = random.Random(rng.randrange(2**32))
        self.now = now
        self.people = People(rng)
        self.decks: dict[tuple[str, str, bool], list] = {}
        self.extended = {key: list(variants) for key, variants in org_data.EXTENDED.items()}

    def plans(self) -> list[Plan]:
        result: list[Plan] = []
        for org_key, counts in TARGETS.items():
            targets = [status for status, n in counts.items() for _ in range(n)]
            self.rng.shuffle(targets)
            channel, quota = SPECIAL[org_key]
            quota = dict(quota)
            own = []
            for target in targets:
                if target == S.MERGED:
                    continue
                special = quota.get(target, 0) > 0
                if special:
                    quota[target] -= 1
                own.append(self._plan(org_key, target, channel if special else None))
            for _ in range(counts[S.MERGED]):
                own.append(self._duplicate(own))
            result.extend(own)
        return result

    def _plan(self, org_key: str, target: Status, special_channel: str | None) -> Plan:
        rng = self.rng
        variant = _weighted(rng, VARIANTS[target]) if target in VARIANTS else "plain"
        if target == S.INVESTIGATING and special_channel is None and self.extended.get(org_key):
            # No draw from the generator: every other plan stays as it was.
            variant = self.extended[org_key].pop(0)
        language = org_data.ORGANISATIONS[org_key]["default_language"]
        if special_channel is None and rng.random() < 0.15:
            language = "en"
        out_of_scope = target == S.REJECTED or variant == "after_reject"
        case = self._deal(org_key, language, out_of_scope)
        unit_code = _weighted(rng, org_data.HANDLING_UNITS[org_key])
        site = rng.choice(self.d.sites_of(org_key, unit_code))
        if special_channel == Channel.EXECUTIVE_OFFICE:
            unit_code = "BOARD"
        channel = special_channel or _weighted(rng, CHANNELS[org_key])
        age = self.time_rng.uniform(*VARIANT_AGES.get(variant, AGES[target]))
        return self._finish(org_key, target, variant, language, case, unit_code, site, channel, age)

    def _duplicate(self, plans: list[Plan]) -> Plan:
        """The same problem reported again, by the same person or a neighbour, soon after."""
        candidates = [
            p
            for p in plans
            if not isinstance(p.case, OutOfScope)
            and p.unit_code != "BOARD"
            and p.target not in (S.WITHDRAWN, S.MERGED)  # nobody merges into a duplicate
            and p.received_at < self.now - timedelta(days=2)
        ]
        primary = self.rng.choice(candidates)
        later = primary.received_at + timedelta(hours=self.time_rng.uniform(3, 72))
        age = (self.now - min(later, self.now - timedelta(hours=3))).total_seconds() / 86400
        channel = _weighted(self.rng, CHANNELS[primary.org_key])
        plan = self._finish(
            primary.org_key,
            S.MERGED,
            "plain",
            primary.language,
            primary.case,
            primary.unit_code,
            primary.site,
            channel,
            age,
            person=primary.person if self.rng.random() < 0.4 else None,
        )
        plan.primary = primary
        plan.values.update(date=primary.values["date"])
        plan.incident_at = primary.incident_at
        return plan

    def _finish(
        self, org_key, target, variant, language, case, unit_code, site, channel, age, person=None
    ) -> Plan:
        rng = self.rng
        zone = ZoneInfo(org_data.ORGANISATIONS[org_key]["time_zone"])
        received_at = self.now - timedelta(days=age)
        if channel not in (Channel.EMAIL, Channel.WEB_FORM, Channel.SOCIAL_MEDIA):
            received_at = in_office_hours(received_at, zone, self.time_rng)
        received_at = min(received_at, self.now - timedelta(minutes=30))
        site_name = _site_name(site, language)
        person = person or self.people.pick(org_key, language, site.code, site_name)
        receiver, received_unit, handler, manager, regional = self._staff(
            org_key, unit_code, site, channel, case
        )
        accepts = rng.random() < 0.85
        if isinstance(case, Scenario) and case.remedy in (
            RemedyType.NO_ACTION,
            RemedyType.EXPLANATION,
        ):
            accepts = rng.random() < 0.6
        loss = _amount(rng, case.loss) if isinstance(case, Scenario) and case.loss else None
        payout = None
        if isinstance(case, Scenario) and case.payout:
            payout = loss if case.payout == "loss" else _amount(rng, case.payout)
        incident = (received_at - timedelta(days=self.time_rng.uniform(0.2, 6))).astimezone(zone)
        account = person.details.get("account_reference", "")
        values = {
            "site": site_name,
            "flat": person.flat,
            "card": account[-4:] if account[-4:].isdigit() else f"{rng.randint(1000, 9999)}",
            "date": (
                f"{incident.day} {incident:%B}"
                if language == "en"
                else f"{incident.month}月{incident.day}日"
            ),
            "amount": f"{loss:,}" if loss else "",
            "payout": f"{payout:,}" if payout else "",
        }
        amounts = {"loss": loss, "payout": payout}
        return Plan(
            org_key=org_key,
            target=target,
            variant=variant,
            language=language,
            case=case,
            unit_code=unit_code,
            site=site,
            channel=channel,
            person=person,
            received_at=received_at,
            incident_at=incident.replace(second=0, microsecond=0),
            receiver=receiver,
            received_unit_code=received_unit,
            handler=handler,
            manager=manager,
            regional=regional,
            accepts=accepts,
            seed=rng.randrange(2**32),
            values=values,
            amounts=amounts,
        )

    def _staff(self, org_key, unit_code, site, channel, case):
        rng = self.rng
        if channel == Channel.EXECUTIVE_OFFICE:
            return "hk.hq", "BOARD", "hk.board", "hk.hq", "hk.hq"
        receiver, handlers, manager, regional = org_data.TEAMS[unit_code]
        handler = rng.choice(handlers)
        if isinstance(case, Scenario) and case.technical and rng.random() < 0.35:
            handler = "hk.engineer"
        if channel == Channel.REGULATOR:
            return "cn.hq", "CP", handler, manager, regional
        remote = channel in (Channel.EMAIL, Channel.WEB_FORM, Channel.SOCIAL_MEDIA)
        hotline_share = {Channel.PHONE: 0.3 if org_key == HK else 0.6}.get(channel, 0.7 * remote)
        if rng.random() < hotline_share:
            hotline, desk = HOTLINE[org_key]
            return hotline, desk, handler, manager, regional
        received_unit = site.code if channel == Channel.VISIT else unit_code
        return receiver, received_unit, handler, manager, regional

    def _deal(self, org_key: str, language: str, out_of_scope: bool):
        """Deal cases like cards from a shuffled deck: every one is used before any repeats."""
        key = (org_key, language, out_of_scope)
        if not self.decks.get(key):
            source = OUT_OF_SCOPE if out_of_scope else SCENARIOS
            deck = list(source[(org_key, language)])
            self.rng.shuffle(deck)
            self.decks[key] = deck
        return self.decks[key].pop()


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _amount(rng: random.Random, bounds: tuple[int, int]) -> int:
    value = rng.randint(*bounds)
    step = 100 if value >= 5000 else 10 if value >= 200 else 1
    return max(step, value // step * step)


def _site_name(site: OrgUnit, language: str) -> str:
    """Site names are "中文 English" for Hong Kong and Chinese only for the bank."""
    chinese, _, english = site.name.partition(" ")
    return english if language == "en" and english else chinese


def is_verbal(plan: Plan) -> bool:
    return plan.channel in VERBAL_CHANNELS
