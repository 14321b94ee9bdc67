"""Routing a complaint: the first matching assignment rule picks a handler from its pool.

The assignment itself is the ordinary lifecycle move (`complaint_assign`, or `complaint_reassign`
once handling has begun), so routing checks the same permissions and writes the same single
timeline event; the event's `data.routing` records which rule chose the handler and why.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from complaintdesk.accounts.models import User
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.services import (
    complaint_assign,
    complaint_lock,
    complaint_reassign,
    move_check,
)
from complaintdesk.complaints.transitions import Action, transition_for

from .models import AssignmentRule, Strategy
from .selectors import eligible_handlers, open_load, rule_matching


@dataclass(frozen=True)
class RoutingDecision:
    rule: AssignmentRule
    handler: User
    strategy: str
    # The handler's open complaints before this one was given to them.
    load: int
    # The complaint as saved by the assignment.
    complaint: Complaint


def _routing_action(by: User, complaint: Complaint) -> str:
    """Assign while nobody handles the case yet, reassign after; refused as the move would be.
    Checked before the rules are read, so that someone who may not route learns nothing about
    them and a refused routing never moves a round-robin cursor."""
    action = Action.REASSIGN
    if complaint.status in transition_for(Action.ASSIGN).sources:
        action = Action.ASSIGN
    move_check(complaint, by, action)
    return action


def _next_in_turn(candidates: list[User], last_assigned_id: int | None) -> User:
    """The first candidate after the last one assigned, by id, wrapping round to the start."""
    if last_assigned_id is not None:
        for user in candidates:
            if user.pk > last_assigned_id:
                return user
    return candidates[0]


def _matched_on(rule: AssignmentRule) -> dict[str, Any]:
    """The conditions the rule set, as the timeline keeps them: codes, and related rows by id
    (their names are looked up in the reader's language when the event is shown)."""
    matched: dict[str, Any] = {}
    for field in rule.set_conditions():
        value = getattr(rule, field)
        if isinstance(value, models.Model):
            value = {"id": value.pk}
        matched[field] = value
    return matched


def complaint_route(
    complaint: Complaint, by: User, *, at: datetime | None = None
) -> RoutingDecision | None:
    """Give the complaint to the handler its first matching assignment rule chooses.

    Least loaded: the eligible person with the fewest open complaints, the lowest id among
    equals. Round robin: the next eligible person by id after the rule's last pick. Returns
    None and writes nothing when no rule matches, nobody in the pool is eligible at `at`, or
    the chosen person already handles the complaint. Raises as `complaint_assign` or
    `complaint_reassign` would when `by` may not make the move or its state does not allow it.
    """
    at = at or timezone.now()
    with transaction.atomic():
        # Lock order: the complaint, then the rule; every routing takes them in this order.
        # Only the complaint's row ("self"): locking its unit too would queue every routing
        # in the unit behind this one for the wrong reason.
        locked = complaint_lock(complaint)
        action = _routing_action(by, locked)
        rule = rule_matching(locked)
        if rule is None:
            return None
        # The rule's row serialises routings by the same rule, so two complaints routed at once
        # neither take the same turn nor both count the same person as the least loaded.
        last_assigned_id = (
            AssignmentRule.objects.select_for_update()
            .filter(pk=rule.pk)
            .values_list("last_assigned_id", flat=True)
            .get()
        )
        candidates = eligible_handlers(rule, locked, at)
        if not candidates:
            return None
        if rule.strategy == Strategy.ROUND_ROBIN:
            handler = _next_in_turn(candidates, last_assigned_id)
            load = open_load([handler], excluding=locked)[handler.pk]
        else:
            loads = open_load(candidates, excluding=locked)
            handler = min(candidates, key=lambda user: (loads[user.pk], user.pk))
            load = loads[handler.pk]
        if handler.pk == locked.handler_id:
            return None
        routing = {
            "rule": {"id": rule.pk, "name": rule.name},
            "strategy": rule.strategy,
            "open_load": load,
            "eligible": len(candidates),
            "matched_on": _matched_on(rule),
        }
        if action == Action.ASSIGN:
            saved = complaint_assign(locked, by, handler, at=at, routing=routing)
        else:
            # The rule is the reason: the timeline says so in the reader's language.
            saved = complaint_reassign(locked, by, handler, "", at=at, routing=routing)
        if rule.strategy == Strategy.ROUND_ROBIN:
            AssignmentRule.objects.filter(pk=rule.pk).update(last_assigned=handler)
    return RoutingDecision(
        rule=rule, handler=handler, strategy=rule.strategy, load=load, complaint=saved
    )
