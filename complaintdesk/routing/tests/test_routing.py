"""Routing a complaint: the first matching rule picks a handler, the assignment is an ordinary
lifecycle move, and its timeline event says which rule chose whom and why."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Channel, Grade, Status
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    complaint_at,
    drive_to,
    manager_for,
    org_tree,
    staff,
)
from complaintdesk.complaints.transitions import Action
from complaintdesk.core.errors import NotPermitted, TransitionNotAllowed
from complaintdesk.workspace.timeline import timeline_entries

from ..models import AssignmentRule, Strategy
from ..services import complaint_route
from .factories import AbsenceFactory, router, rule_in

pytestmark = pytest.mark.django_db


def _last_event(complaint: Complaint):
    return complaint.events.order_by("created_at", "id").last()


def test_least_loaded_gives_the_complaint_to_the_handler_with_fewest_open_complaints():
    # Given handler A with two open complaints, and handler B with one open complaint and
    # two finished ones (closed, withdrawn) that no longer count
    tree = org_tree()
    handler_a = staff(Role.HANDLER, tree.site)
    handler_b = staff(Role.HANDLER, tree.site)
    for _ in range(2):
        drive_to(complaint_at(tree.site), "assigned", handler=handler_a)
    drive_to(complaint_at(tree.site), "investigating", handler=handler_b)
    drive_to(complaint_at(tree.site), "closed", handler=handler_b)
    withdrawn = drive_to(complaint_at(tree.site), "assigned", handler=handler_b)
    services.complaint_withdraw(withdrawn, manager_for(withdrawn), "Solved by themselves.")
    rule_in(tree, strategy=Strategy.LEAST_LOADED)

    # When a new complaint is routed
    decision = complaint_route(complaint_at(tree.site), router(tree))

    # Then B, with one open complaint, gets it
    assert decision.handler == handler_b
    assert decision.load == 1
    assert decision.complaint.handler == handler_b
    assert decision.complaint.status == Status.ASSIGNED


def test_least_loaded_breaks_a_tie_by_the_lowest_id():
    tree = org_tree()
    first = staff(Role.HANDLER, tree.site)
    staff(Role.HANDLER, tree.site)
    rule_in(tree)

    decision = complaint_route(complaint_at(tree.site), router(tree))

    assert decision.handler == first
    assert decision.load == 0


def test_round_robin_takes_the_pool_in_turn_by_id_and_wraps_around():
    # Given three handlers and a round-robin rule
    tree = org_tree()
    handlers = [staff(Role.HANDLER, tree.site) for _ in range(3)]
    rule = rule_in(tree, strategy=Strategy.ROUND_ROBIN)
    by = router(tree)

    # When four complaints are routed one after the other
    chosen = [complaint_route(complaint_at(tree.site), by).handler for _ in range(4)]

    # Then each handler gets one in turn, and the fourth goes back to the first
    assert chosen == [*handlers, handlers[0]]
    rule.refresh_from_db()
    assert rule.last_assigned == handlers[0]


def test_round_robin_skips_whoever_is_away_and_carries_on_after_them():
    # Given three handlers in turn, the second on leave now
    tree = org_tree()
    first, second, third = (staff(Role.HANDLER, tree.site) for _ in range(3))
    AbsenceFactory(user=second)
    rule_in(tree, strategy=Strategy.ROUND_ROBIN, last_assigned=first)

    # When a complaint is routed after the first's turn
    decision = complaint_route(complaint_at(tree.site), router(tree))

    # Then the third gets it
    assert decision.handler == third


def test_least_loaded_skips_an_idle_handler_who_is_away():
    tree = org_tree()
    away = staff(Role.HANDLER, tree.site)
    busy = staff(Role.HANDLER, tree.site)
    drive_to(complaint_at(tree.site), "assigned", handler=busy)
    AbsenceFactory(user=away)
    rule_in(tree)

    assert complaint_route(complaint_at(tree.site), router(tree)).handler == busy


def test_the_routing_time_decides_who_is_away():
    # Given the only handler starts a week's leave tomorrow
    tree = org_tree()
    handler = staff(Role.HANDLER, tree.site)
    tomorrow = timezone.now() + timedelta(days=1)
    AbsenceFactory(user=handler, starts_at=tomorrow, ends_at=tomorrow + timedelta(days=7))
    rule_in(tree)

    # Then a complaint routed now goes to them, one routed during the leave finds nobody
    assert complaint_route(complaint_at(tree.site), router(tree)).handler == handler
    later = tomorrow + timedelta(hours=1)
    assert complaint_route(complaint_at(tree.site), router(tree), at=later) is None


def test_the_assignment_event_says_which_rule_routed_the_complaint_and_why():
    # Given a rule for major letters about a category, filed in the district
    tree = org_tree()
    category = CategoryFactory(organisation=tree.organisation, code="PRICE")
    handler = staff(Role.HANDLER, tree.site)
    rule = rule_in(
        tree,
        name="Major letters about prices",
        category=category,
        unit=tree.district,
        grade=Grade.MAJOR,
        channel=Channel.LETTER,
    )
    complaint = complaint_at(
        tree.site, category=category, grade=Grade.MAJOR, channel=Channel.LETTER
    )
    by = router(tree)

    # When it is routed
    complaint_route(complaint, by)

    # Then exactly one event was added: the assignment, carrying the rule and the conditions
    # it matched on (and only those it sets)
    event = _last_event(complaint)
    assert complaint.events.count() == 2
    assert (event.kind, event.action, event.actor) == (EventKind.STATUS_CHANGED, "assign", by)
    assert event.data["handler"]["id"] == handler.pk
    assert event.data["routing"] == {
        "rule": {"id": rule.pk, "name": "Major letters about prices"},
        "strategy": Strategy.LEAST_LOADED,
        "open_load": 0,
        "eligible": 1,
        "matched_on": {
            "category": {"id": category.pk},
            "unit": {"id": tree.district.pk},
            "grade": Grade.MAJOR,
            "channel": Channel.LETTER,
        },
    }


def test_a_complaint_already_in_handling_is_reassigned_with_the_rule_as_the_reason():
    # Given a complaint under investigation by a handler outside the rule's pool
    tree = org_tree()
    previous = staff(Role.HANDLER, tree.other_site)
    complaint = drive_to(complaint_at(tree.site), "investigating", handler=previous)
    handler = staff(Role.HANDLER, tree.site)
    rule_in(tree, name="Site team", pool_unit=tree.site)

    # When it is routed
    decision = complaint_route(complaint, router(tree))

    # Then it is reassigned, keeping its state, and the reason names the rule
    event = _last_event(complaint)
    assert decision.handler == handler
    assert decision.complaint.status == Status.INVESTIGATING
    assert event.action == Action.REASSIGN
    # (kept as the rule, and said in the reader's language when the timeline is shown)
    assert event.text == ""
    (entry,) = timeline_entries(complaint, [event], {})
    assert (
        "Routed by rule “Site team”: the handler had 0 open complaints before this one."
        in entry.details
    )
    assert event.data["previous_handler"]["id"] == previous.pk
    assert event.data["routing"]["rule"]["name"] == "Site team"


def test_no_matching_rule_changes_nothing():
    # Given only a rule for another channel
    tree = org_tree()
    staff(Role.HANDLER, tree.site)
    rule_in(tree, channel=Channel.EMAIL)
    complaint = complaint_at(tree.site, channel=Channel.PHONE)

    # When the complaint is routed
    decision = complaint_route(complaint, router(tree))

    # Then there is no decision, no handler, and only the registration on the timeline
    complaint.refresh_from_db()
    assert decision is None
    assert complaint.handler is None
    assert complaint.status == Status.RECEIVED
    assert complaint.events.count() == 1


def test_a_matching_rule_with_nobody_eligible_changes_nothing():
    # Given a round-robin rule whose only handler is away
    tree = org_tree()
    AbsenceFactory(user=staff(Role.HANDLER, tree.site))
    rule = rule_in(tree, strategy=Strategy.ROUND_ROBIN)
    complaint = complaint_at(tree.site)

    # When the complaint is routed, nothing happens and the turn does not move
    assert complaint_route(complaint, router(tree)) is None
    complaint.refresh_from_db()
    rule.refresh_from_db()
    assert (complaint.handler, complaint.events.count()) == (None, 1)
    assert rule.last_assigned is None


def test_routing_to_the_person_who_already_handles_it_changes_nothing():
    # Given a complaint handled by the pool's only handler
    tree = org_tree()
    handler = staff(Role.HANDLER, tree.site)
    complaint = drive_to(complaint_at(tree.site), "investigating", handler=handler)
    rule_in(tree)
    events = complaint.events.count()

    # When it is routed again, there is nothing to do
    assert complaint_route(complaint, router(tree)) is None
    assert complaint.events.count() == events


def test_the_handler_of_another_organisation_is_never_routed_to():
    # Given a catch-all rule in another organisation with an idle handler
    tree, other = org_tree(), org_tree()
    staff(Role.HANDLER, other.site)
    rule_in(other, priority=1)
    complaint = complaint_at(tree.site)

    # Then this organisation's complaint is not routed at all
    assert complaint_route(complaint, router(tree)) is None


def test_someone_who_may_not_assign_cannot_route_and_the_turn_does_not_move():
    # Given a round-robin rule, and a handler (who may not assign) trying to route
    tree = org_tree()
    staff(Role.HANDLER, tree.site)
    rule = rule_in(tree, strategy=Strategy.ROUND_ROBIN)
    complaint = complaint_at(tree.site)

    # When they try, it is refused and nothing is written
    with pytest.raises(NotPermitted):
        complaint_route(complaint, staff(Role.HANDLER, tree.district))
    rule.refresh_from_db()
    assert rule.last_assigned is None
    assert complaint.events.count() == 1


def test_a_finished_complaint_cannot_be_routed():
    tree = org_tree()
    staff(Role.HANDLER, tree.site)
    rule_in(tree)
    complaint = drive_to(complaint_at(tree.site), "closed")

    with pytest.raises(TransitionNotAllowed):
        complaint_route(complaint, router(tree))


def test_the_receiver_may_route_a_complaint_they_just_registered():
    # Receivers may assign (transitions.py), so routing at intake needs no manager.
    tree = org_tree()
    handler = staff(Role.HANDLER, tree.site)
    rule_in(tree)
    complaint = complaint_at(tree.site)

    assert complaint_route(complaint, complaint.received_by).handler == handler


def test_the_decision_names_the_rule_and_its_strategy():
    tree = org_tree()
    staff(Role.HANDLER, tree.site)
    rule = rule_in(tree, strategy=Strategy.ROUND_ROBIN)

    decision = complaint_route(complaint_at(tree.site), router(tree))

    assert decision.rule == rule
    assert decision.strategy == Strategy.ROUND_ROBIN
    assert AssignmentRule.objects.get(pk=rule.pk).last_assigned == decision.handler
