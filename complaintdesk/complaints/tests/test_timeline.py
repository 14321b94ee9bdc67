"""The timeline: one append-only event per thing that happened, with who, when and what changed."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.models import Complaint, ComplaintEvent, FollowUp, Reply
from complaintdesk.complaints.transitions import TRANSITIONS, Action, Transition
from complaintdesk.core.errors import GuardFailed

from .factories import (
    CategoryFactory,
    ComplaintFactory,
    RootCauseFactory,
    drive_to,
    manager_for,
    perform,
    prepare,
    reply,
    staff,
)

pytestmark = pytest.mark.django_db


def _first_source(transition: Transition) -> str:
    return next(status.value for status in Status if status in transition.sources)


def test_registering_a_complaint_writes_the_registered_event():
    # Given a receiver and a complaint received an hour ago
    received_at = timezone.now() - timedelta(hours=1)

    # When it is registered
    complaint = ComplaintFactory(received_at=received_at, channel="letter")

    # Then the timeline holds exactly the registration, by the receiver, at the time of receipt
    event = complaint.events.get()
    assert event.kind == EventKind.REGISTERED
    assert event.actor == complaint.received_by
    assert event.created_at == received_at
    assert (event.status_before, event.status_after) == ("", Status.RECEIVED)
    assert event.data == {"channel": "letter", "reference": complaint.reference}


@pytest.mark.parametrize(
    "transition", [pytest.param(t, id=t.action) for t in TRANSITIONS if t.action != Action.REPLY]
)
def test_every_move_appends_exactly_one_status_event_with_actor_time_and_before_after(
    transition: Transition,
):
    # Given a complaint the move applies to, and a manager
    source = _first_source(transition)
    complaint = drive_to(ComplaintFactory(), source)
    prepare(transition.action, complaint)
    manager = manager_for(complaint)
    known = set(complaint.events.values_list("pk", flat=True))
    started = timezone.now()

    # When the manager makes the move
    perform(transition.action, complaint, manager)

    # Then exactly one event was appended, saying who, when, from what to what
    new = list(complaint.events.exclude(pk__in=known))
    assert len(new) == 1
    event = new[0]
    assert event.kind == EventKind.STATUS_CHANGED
    assert event.action == transition.action
    assert event.actor == manager
    assert started <= event.created_at <= timezone.now()
    assert (event.status_before, event.status_after) == (source, transition.target or source)


def test_replying_appends_the_status_change_and_the_reply_the_complainant_sees():
    # Given a complaint with a proposed solution
    complaint = drive_to(ComplaintFactory(), Status.PROPOSED)
    known = set(complaint.events.values_list("pk", flat=True))

    # When the receiver replies
    sent = reply(complaint, complaint.received_by)

    # Then the move and the reply itself are on the timeline, the reply visible to the complainant
    new = list(complaint.events.exclude(pk__in=known).order_by("id"))
    assert [event.kind for event in new] == [EventKind.STATUS_CHANGED, EventKind.REPLY_SENT]
    move, reply_event = new
    assert (move.status_before, move.status_after) == (Status.PROPOSED, Status.REPLIED)
    assert reply_event.visibility == "complainant"
    assert reply_event.data["reply_id"] == sent.pk
    assert {move.actor, reply_event.actor} == {complaint.received_by}


def test_updating_the_record_appends_one_event_with_before_and_after():
    # Given a registered complaint
    complaint = ComplaintFactory(subject="Lift broken")
    manager = manager_for(complaint)
    when = timezone.now()

    # When the manager corrects the subject and adds the demand
    services.complaint_update_record(
        complaint, manager, at=when, subject="Lift 2 broken", demand="Repair within a day"
    )

    # Then one event lists exactly the changed fields with their old and new values
    event = complaint.events.get(kind=EventKind.RECORD_CHANGED)
    assert (event.actor, event.created_at) == (manager, when)
    assert sorted(event.changes, key=lambda change: change["field"]) == [
        {"field": "demand", "before": "", "after": "Repair within a day"},
        {"field": "subject", "before": "Lift broken", "after": "Lift 2 broken"},
    ]


def test_updating_the_record_with_the_same_values_appends_nothing():
    # Given a registered complaint
    complaint = ComplaintFactory(subject="Lift broken")
    count = complaint.events.count()

    # When the same subject is saved again / Then the timeline is unchanged
    services.complaint_update_record(complaint, manager_for(complaint), subject="Lift broken")
    assert complaint.events.count() == count


def test_classifying_appends_one_event_with_before_and_after():
    # Given a registered complaint and a category of its organisation
    complaint = ComplaintFactory()
    category = CategoryFactory(organisation=complaint.organisation, code="SVC-ATT")
    manager = manager_for(complaint)

    # When the manager classifies it
    services.complaint_classify(
        complaint, manager, category=category, grade="major", anger_score=4, risk_media=True
    )

    # Then one event records each change, the category by id (named when read)
    event = complaint.events.get(kind=EventKind.CLASSIFIED)
    assert event.actor == manager
    changes = {change["field"]: change for change in event.changes}
    assert changes["category"] == {
        "field": "category",
        "before": None,
        "after": {"id": category.pk},
    }
    assert changes["grade"]["before"] == "general"
    assert changes["grade"]["after"] == "major"
    assert changes["anger_score"]["after"] == 4
    assert changes["risk_media"] == {"field": "risk_media", "before": False, "after": True}


def test_recording_the_investigation_appends_one_event_with_before_and_after():
    # Given a complaint under investigation and a root cause
    complaint = drive_to(ComplaintFactory(), Status.INVESTIGATING)
    cause = RootCauseFactory(organisation=complaint.organisation)
    manager = manager_for(complaint)
    count = complaint.events.count()

    # When the manager records the finding
    services.complaint_record_investigation(
        complaint,
        manager,
        findings="Contractor late.",
        responsibility="third_party",
        root_cause=cause,
    )

    # Then exactly one event says what was found
    assert complaint.events.count() == count + 1
    event = complaint.events.get(kind=EventKind.INVESTIGATION_RECORDED)
    assert event.actor == manager
    fields = {change["field"]: change["after"] for change in event.changes}
    assert fields["findings"] == "Contractor late."
    assert fields["responsibility"] == "third_party"
    assert fields["root_cause"] == {"id": cause.pk}


def _record_calls():
    """(name, status to start from, call(complaint, by, at), event kind)."""
    return [
        ("note", Status.RECEIVED, lambda c, by, when: services.complaint_add_note(
            c, by, "Called the complainant back.", at=when), EventKind.NOTE),
        ("call", Status.RECEIVED, lambda c, by, when: services.complaint_add_note(
            c, by, "Phoned the contractor.", kind=EventKind.CALL, at=when), EventKind.CALL),
        ("step", Status.INVESTIGATING, lambda c, by, when: services.complaint_record_step(
            c, by, "apologise", "Apologised on the phone.", at=when), EventKind.STEP_RECORDED),
        ("attachment", Status.RECEIVED, lambda c, by, when: services.complaint_attach(
            c, by, SimpleUploadedFile("lift.jpg", b"jpeg bytes", "image/jpeg"), at=when),
         EventKind.ATTACHMENT_ADDED),
        ("response", Status.REPLIED, lambda c, by, when: services.complaint_record_response(
            c, by, "accepted", at=when), EventKind.RESPONSE_RECORDED),
        ("follow-up", Status.FOLLOWING_UP, lambda c, by, when: services.complaint_record_follow_up(
            c, by, result="resolved", outcome_satisfaction=4, at=when),
         EventKind.FOLLOW_UP_RECORDED),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("start", "call", "kind"),
    [pytest.param(start, call, kind, id=name) for name, start, call, kind in _record_calls()],
)
def test_every_record_service_appends_exactly_one_event_with_actor_and_time(start, call, kind):
    # Given a complaint at the point where the record is made
    complaint = drive_to(ComplaintFactory(), start)
    manager = manager_for(complaint)
    known = set(complaint.events.values_list("pk", flat=True))
    # Now, not earlier: a follow-up call cannot be dated before the reply it follows.
    when = timezone.now()

    # When the record is made
    call(complaint, manager, when)

    # Then exactly one event of its kind was appended, by the manager, at that time
    new = list(complaint.events.exclude(pk__in=known))
    assert [(event.kind, event.actor, event.created_at) for event in new] == [(kind, manager, when)]


def test_confirming_receipt_of_a_colleagues_reply_appends_one_event():
    # Given a reply sent by a colleague of the receiver
    complaint = ComplaintFactory()
    colleague = staff(Role.HANDLER, complaint.unit)
    drive_to(complaint, Status.REPLIED, replier=colleague)
    count = complaint.events.count()

    # When the receiver confirms the complainant got it
    services.complaint_confirm_reply_receipt(complaint, complaint.received_by, note="Called.")

    # Then one event records it
    assert complaint.events.count() == count + 1
    event = complaint.events.get(kind=EventKind.RECEIPT_CONFIRMED)
    assert event.actor == complaint.received_by


def test_a_refused_move_writes_no_event():
    # Given a complaint in follow-up with nothing recorded after the reply
    complaint = drive_to(ComplaintFactory(), Status.FOLLOWING_UP)
    count = complaint.events.count()

    # When the manager tries to close it
    with pytest.raises(GuardFailed):
        services.complaint_close(complaint, manager_for(complaint))

    # Then the timeline is unchanged
    assert complaint.events.count() == count


# --- append-only ------------------------------------------------------------------------------


def test_a_saved_event_cannot_be_changed():
    # Given the registration event of a complaint
    event = ComplaintFactory().events.get()

    # When someone edits and saves it / Then it is refused and stays as it was
    event.text = "Never happened."
    with pytest.raises(PermissionError):
        event.save()
    event.refresh_from_db()
    assert event.text == ""


def test_events_cannot_be_deleted_one_by_one_or_in_bulk():
    # Given a complaint with events
    complaint = ComplaintFactory()
    event = complaint.events.get()

    # When someone deletes the event, or all events / Then both are refused
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        ComplaintEvent.objects.filter(complaint=complaint).delete()
    assert complaint.events.count() == 1


def test_complaints_cannot_be_deleted_one_by_one_or_in_bulk():
    # Given a complaint
    complaint = ComplaintFactory()

    # When someone deletes it, or every complaint / Then both are refused
    with pytest.raises(PermissionError):
        complaint.delete()
    with pytest.raises(PermissionError):
        Complaint.objects.all().delete()
    assert Complaint.objects.filter(pk=complaint.pk).exists()


def test_replies_and_follow_ups_cannot_be_deleted():
    # Given a closed complaint with its reply and follow-up
    complaint = drive_to(ComplaintFactory(), Status.CLOSED)

    # When someone deletes them in bulk / Then it is refused
    with pytest.raises(PermissionError):
        Reply.objects.filter(complaint=complaint).delete()
    with pytest.raises(PermissionError):
        FollowUp.objects.filter(complaint=complaint).delete()


def test_events_cannot_be_rewritten_through_a_queryset_update():
    # Given a complaint's registration event
    complaint = ComplaintFactory()

    # When someone rewrites it with a bulk update / Then it is refused and unchanged
    with pytest.raises(PermissionError):
        ComplaintEvent.objects.filter(complaint=complaint).update(text="Never happened.")
    assert complaint.events.get().text == ""
