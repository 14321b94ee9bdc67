"""Picking closed complaints for quality review, scoring them, and recording the decisions
managers take about a person's handling. Reviewers are the quality reviewers and managers of
the complaint's line; nobody reviews a complaint they handled, or decides about themselves."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import Organisation, OrgUnit, User, subtree_q
from complaintdesk.accounts.roles import MANAGING_ROLES, Role
from complaintdesk.complaints import permissions
from complaintdesk.complaints.choices import RiskFlag, Status
from complaintdesk.complaints.models import Complaint, ComplaintEvent
from complaintdesk.core.errors import GuardFailed, NotPermitted
from complaintdesk.core.zones import zone_named
from complaintdesk.sla.models import ComplaintClock

from .models import (
    Answer,
    Decision,
    PerformanceDecision,
    QualityReview,
    QualityScore,
    SampledBy,
    Scorecard,
    ScorecardItem,
)
from .sampling import Candidate, sample_at_random, sample_by_risk
from .scorecards import DEFAULT_ITEMS, review_score

REVIEWING_ROLES = MANAGING_ROLES | {Role.QUALITY_REVIEWER}
# The most recently closed complaints a sample is drawn from: enough for any sample a person
# can review, few enough to weigh in memory at a million complaints.
MOST_CANDIDATES = 5000
LARGEST_SAMPLE = 50


def may_review(user: User, unit_path: str) -> bool:
    return any(
        held.role in REVIEWING_ROLES and unit_path.startswith(held.path)
        for held in permissions.role_paths(user)
    )


def may_decide(user: User, unit_path: str) -> bool:
    return any(
        held.role in MANAGING_ROLES and unit_path.startswith(held.path)
        for held in permissions.role_paths(user)
    )


def scorecard_for(organisation: Organisation) -> Scorecard:
    """The organisation's scorecard, made from the default questions the first time."""
    scorecard, made = Scorecard.objects.get_or_create(organisation=organisation)
    if made:
        ScorecardItem.objects.bulk_create(
            ScorecardItem(
                scorecard=scorecard,
                code=item.code,
                name_en=item.name_en,
                name_zh_hans=item.name_zh_hans,
                name_zh_hant=item.name_zh_hant,
                guidance=item.guidance_in(organisation.default_language),
                weight=item.weight,
                position=position,
            )
            for position, item in enumerate(DEFAULT_ITEMS)
        )
    return scorecard


@dataclass(frozen=True)
class SampleRequest:
    unit: OrgUnit
    start: date
    end: date
    size: int
    method: str


def quality_sample(
    by: User, request: SampleRequest, *, rng: random.Random | None = None
) -> list[QualityReview]:
    """Closed complaints of the unit's line, closed in the period, not reviewed yet and not
    handled by the reviewer, drawn at random or by risk; each becomes a review to do."""
    if not may_review(by, request.unit.path):
        raise NotPermitted(_("Only a quality reviewer or a manager of this unit's line may."))
    if request.method not in (SampledBy.RANDOM, SampledBy.RISK):
        raise GuardFailed(_("Choose how the complaints are picked."))
    if not 1 <= request.size <= LARGEST_SAMPLE:
        raise GuardFailed(_("Pick between 1 and %(n)s complaints.") % {"n": LARGEST_SAMPLE})
    if request.start > request.end:
        raise GuardFailed(_("The end of the period is before its start."))
    candidates = _candidates(by, request)
    rng = rng or random.SystemRandom()
    draw = sample_by_risk if request.method == SampledBy.RISK else sample_at_random
    chosen = draw(candidates, request.size, rng)
    handlers = {c.pk: c.handler_id for c in candidates}
    now = timezone.now()
    with transaction.atomic():
        scorecard_for(request.unit.organisation)
        return [
            QualityReview.objects.create(
                complaint_id=pk,
                organisation_id=request.unit.organisation_id,
                handler_id=handlers[pk],
                reviewer=by,
                sampled_by=request.method,
                sampled_at=now,
            )
            for pk in chosen
        ]


def _candidates(by: User, request: SampleRequest) -> list[Candidate]:
    zone = zone_named(request.unit.organisation.time_zone)
    since = datetime.combine(request.start, time.min, tzinfo=zone)
    until = datetime.combine(request.end + timedelta(days=1), time.min, tzinfo=zone)
    closed = (
        Complaint.objects.filter(
            subtree_q("unit_path", request.unit.path),
            organisation_id=request.unit.organisation_id,
            status=Status.CLOSED,
            closed_at__gte=since,
            closed_at__lt=until,
        )
        .exclude(handler=by)
        .exclude(Exists(QualityReview.objects.filter(complaint=OuterRef("pk"))))
        .annotate(
            breached=Exists(
                ComplaintClock.objects.filter(complaint=OuterRef("pk"), breached_at__isnull=False)
            ),
            appealed=Exists(
                ComplaintEvent.objects.filter(complaint=OuterRef("pk"), status_after=Status.APPEAL)
            ),
        )
        .order_by("-closed_at")[:MOST_CANDIDATES]
    )
    rows = closed.values_list(
        "pk", "grade", "anger_score", "breached", "appealed", "reopened_count",
        "responsibility", "handler_id", *(f"risk_{flag.value}" for flag in RiskFlag),
    )  # fmt: skip
    return [
        Candidate(
            pk=row[0],
            grade=row[1],
            anger=row[2] or 0,
            risky=any(row[8:]),
            breached=row[3],
            reopened_or_appealed=row[4] or row[5] > 0,
            staff_fault=row[6] == "staff",
            handler_id=row[7],
        )
        for row in rows
    ]


def quality_pick(by: User, complaint: Complaint) -> QualityReview:
    """A reviewer picks one closed complaint themselves (a case they heard about)."""
    if not may_review(by, complaint.unit_path) or complaint.handler_id == by.pk:
        raise NotPermitted(_("You may not review this complaint."))
    if complaint.status != Status.CLOSED:
        raise GuardFailed(_("Only a closed complaint is reviewed."))
    with transaction.atomic():
        scorecard_for(complaint.organisation)
        review, made = QualityReview.objects.get_or_create(
            complaint=complaint,
            defaults={
                "organisation_id": complaint.organisation_id,
                "handler_id": complaint.handler_id,
                "reviewer": by,
                "sampled_by": SampledBy.CHOSEN,
                "sampled_at": timezone.now(),
            },
        )
    if not made:
        raise GuardFailed(_("This complaint is picked for review already."))
    return review


def quality_review_submit(
    review: QualityReview,
    by: User,
    answers: dict[int, tuple[int | None, str]],
    *,
    comments: str = "",
    training_need: str = "",
) -> QualityReview:
    """`answers`: for every question in use, by its id, (Answer or None: does not apply, a
    note). A review is scored once; it is the record of what the reviewer found then."""
    with transaction.atomic():
        locked = QualityReview.objects.select_for_update().get(pk=review.pk)
        if locked.reviewer_id != by.pk:
            raise NotPermitted(_("Only the reviewer it was given to may score it."))
        if locked.done_at is not None:
            raise GuardFailed(_("This review is done already."))
        items = list(scorecard_for(locked.organisation).items.filter(is_active=True))
        missing = [item.label for item in items if item.pk not in answers]
        if missing:
            raise GuardFailed(
                _("Answer every question: %(items)s.") % {"items": ", ".join(missing)}
            )
        valid = set(Answer.values)
        if any(answer is not None and answer not in valid for answer, _note in answers.values()):
            raise GuardFailed(_("Answer yes, partly, no or does not apply."))
        QualityScore.objects.bulk_create(
            QualityScore(
                review=locked,
                item=item,
                answer=answers[item.pk][0],
                note=answers[item.pk][1].strip()[:500],
            )
            for item in items
        )
        locked.score = review_score([(item.weight, answers[item.pk][0]) for item in items])
        locked.comments = comments.strip()
        locked.training_need = training_need.strip()
        locked.done_at = timezone.now()
        locked.save(update_fields=["score", "comments", "training_need", "done_at"])
    return locked


def decision_record(
    by: User,
    person: User,
    unit: OrgUnit,
    *,
    period: tuple[date, date],
    decision: str,
    reasons: str,
) -> PerformanceDecision:
    """A manager of the unit's line records their decision about a person who works there."""
    if not may_decide(by, unit.path):
        raise NotPermitted(_("Only a manager of this unit's line may do this."))
    if person.pk == by.pk:
        raise NotPermitted(_("Nobody records a decision about their own handling."))
    if not any(held.path.startswith(unit.path) for held in permissions.role_paths(person)):
        raise GuardFailed(_("This person does not work in this unit's line."))
    if decision not in Decision.values:
        raise GuardFailed(_("Choose a decision."))
    if not reasons.strip():
        raise GuardFailed(_("Give the reasons for the decision."))
    if period[0] > period[1]:
        raise GuardFailed(_("The end of the period is before its start."))
    return PerformanceDecision.objects.create(
        organisation_id=unit.organisation_id,
        person=person,
        period_start=period[0],
        period_end=period[1],
        decision=decision,
        reasons=reasons.strip(),
        decided_by=by,
        decided_at=timezone.now(),
    )
