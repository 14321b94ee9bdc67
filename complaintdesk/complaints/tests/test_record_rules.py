"""The record-rules table: which handling record may be written in which state, by whom.

Each refusal is made by the service itself, so the pages, the API and any task meet the same
rule and the same translated error; nothing is written when a write is refused.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import FINAL_STATUSES, OPEN_STATUSES, Status
from complaintdesk.complaints.models import ComplaintEvent
from complaintdesk.complaints.record_rules import RECORD_RULES, Record, records_writable
from complaintdesk.core.errors import DomainError, GuardFailed, NotPermitted, TransitionNotAllowed
from complaintdesk.notifications.models import Notification
from complaintdesk.sla.tests.factories import on_policy

from .factories import (
    ComplaintFactory,
    RootCauseFactory,
    complaint_at,
    drive_to,
    manager_for,
    org_tree,
    staff,
)

pytestmark = pytest.mark.django_db

# One call per record of the table, with valid input: only the rule can refuse it.
WRITES = {
    Record.RECORD: lambda c, by: services.complaint_update_record(c, by, demand="A new lift"),
    Record.CLASSIFICATION: lambda c, by: services.complaint_classify(c, by, risk_media=True),
    Record.INVESTIGATION: lambda c, by: services.complaint_record_investigation(
        c,
        by,
        findings="Rewritten after closing.",
        responsibility="organisation",
        root_cause=RootCauseFactory(organisation=c.organisation),
    ),
    Record.STEP: lambda c, by: services.complaint_record_step(c, by, "apologise"),
    Record.RESPONSE: lambda c, by: services.complaint_record_response(c, by, "accepted"),
    Record.FOLLOW_UP: lambda c, by: services.complaint_record_follow_up(
        c, by, result="resolved", outcome_satisfaction=5
    ),
    Record.CONFIRM_RECEIPT: lambda c, by: services.complaint_confirm_reply_receipt(c, by),
    Record.ATTACHMENT: lambda c, by: services.complaint_attach(
        c, by, SimpleUploadedFile("photo.jpg", b"\xff\xd8 not much of a photo", "image/jpeg")
    ),
    Record.NOTE: lambda c, by: services.complaint_add_note(c, by, "Called back."),
}


# Records only the complainant writes (the tracking page), with no staff write at all.
COMPLAINANT_ONLY = {rule.record for rule in RECORD_RULES if not rule.statuses}
STAFF_RECORDS = [r for r in Record.values if r not in COMPLAINANT_ONLY]


def _written(complaint) -> tuple:
    complaint.refresh_from_db()
    return (
        ComplaintEvent.objects.filter(complaint=complaint).count(),
        complaint.findings,
        complaint.demand,
        complaint.risk_media,
        complaint.escalation_level,
        complaint.attachments.count(),
    )


def _refused_in(language: str, write, complaint, by) -> DomainError:
    with translation.override(language), pytest.raises(DomainError) as refused:
        write(complaint, by)
    return refused.value


def test_every_record_of_the_table_has_a_write_under_test():
    assert {rule.record for rule in RECORD_RULES} == set(Record.values)
    assert set(WRITES) == set(STAFF_RECORDS)
    assert {Record.RATING} == COMPLAINANT_ONLY


@pytest.mark.parametrize("status", ["closed", "withdrawn", "merged", "rejected"])
@pytest.mark.parametrize(
    "record", [r for r in STAFF_RECORDS if r not in (Record.NOTE, Record.ATTACHMENT)]
)
def test_a_complaint_out_of_the_queues_refuses_its_records_at_the_service(status, record):
    # Given a complaint that left the queues, and its receiver, who took it in
    complaint = drive_to(ComplaintFactory(), status)
    by = complaint.received_by
    before = _written(complaint)

    # When a record is written through the service / Then it is refused as not in this state
    with pytest.raises(TransitionNotAllowed):
        WRITES[record](complaint, manager_for(complaint) if record != "confirm_receipt" else by)

    # And nothing was written
    assert _written(complaint) == before


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_a_closed_complaints_findings_cannot_be_rewritten_and_the_user_is_told_in_chinese(
    language,
):
    # Given a closed complaint
    complaint = drive_to(ComplaintFactory(), "closed")
    before = _written(complaint)

    # When its findings are rewritten through the service, on a Chinese page
    error = _refused_in(language, WRITES[Record.INVESTIGATION], complaint, manager_for(complaint))

    # Then it is refused, in that language, naming the record and the state
    assert isinstance(error, TransitionNotAllowed)
    with translation.override(language):
        record, closed = str(Record.INVESTIGATION.label), str(Status.CLOSED.label)
    assert record in error.message and closed in error.message
    assert record != "Investigation" and closed != "Closed"
    assert _written(complaint) == before


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_classifying_a_withdrawn_complaint_with_media_risk_escalates_nobody(language):
    # Given a withdrawn complaint of an organisation with time standards and a ladder
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    staff(Role.REGIONAL_GM, tree.region)
    complaint = drive_to(complaint_at(tree.site), "withdrawn")
    notified = Notification.objects.count()
    before = _written(complaint)

    # When someone marks it as a media risk through the service
    error = _refused_in(language, WRITES[Record.CLASSIFICATION], complaint, manager_for(complaint))

    # Then it is refused in their language, and nobody climbed a rung or was told
    assert isinstance(error, TransitionNotAllowed)
    with translation.override(language):
        assert str(Status.WITHDRAWN.label) in error.message
    assert _written(complaint) == before
    assert Notification.objects.count() == notified


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_a_merged_complaint_refuses_a_new_record_and_points_nowhere_else(language):
    complaint = drive_to(ComplaintFactory(), "merged")
    before = _written(complaint)
    error = _refused_in(language, WRITES[Record.RECORD], complaint, manager_for(complaint))
    assert isinstance(error, TransitionNotAllowed)
    with translation.override(language):
        assert str(Status.MERGED.label) in error.message
    assert _written(complaint) == before


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_a_follow_up_before_the_reply_is_refused_as_the_wrong_state(language):
    # Given a complaint under investigation
    complaint = drive_to(ComplaintFactory(), "investigating")
    before = _written(complaint)

    # When a follow-up call is recorded
    error = _refused_in(language, WRITES[Record.FOLLOW_UP], complaint, manager_for(complaint))

    # Then the state refuses it
    assert isinstance(error, TransitionNotAllowed)
    with translation.override(language):
        assert str(Status.INVESTIGATING.label) in error.message
    assert _written(complaint) == before


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
@pytest.mark.parametrize(
    ("role", "record"),
    [
        (Role.AUDITOR, Record.NOTE),
        (Role.EXECUTIVE, Record.INVESTIGATION),
        (Role.QUALITY_REVIEWER, Record.CLASSIFICATION),
        (Role.RECEIVER, Record.INVESTIGATION),
    ],
)
def test_a_role_without_the_capability_is_refused_in_chinese(language, role, record):
    # Given an open complaint and someone who may see it but not write this record
    complaint = drive_to(ComplaintFactory(), "investigating")
    reader = staff(role, complaint.unit.parent)
    before = _written(complaint)

    # When they write it through the service
    error = _refused_in(language, WRITES[record], complaint, reader)

    # Then it is not permitted, said in their language
    assert isinstance(error, NotPermitted)
    with translation.override("en"):
        english = _refused_in("en", WRITES[record], complaint, reader).message
    assert error.message != english
    assert _written(complaint) == before


def test_only_the_receiver_may_confirm_that_the_reply_arrived():
    complaint = drive_to(ComplaintFactory(), "replied", replier=None)
    colleague = staff(Role.RECEIVER, complaint.unit)
    with pytest.raises(GuardFailed):
        WRITES[Record.CONFIRM_RECEIPT](complaint, colleague)
    assert Record.CONFIRM_RECEIPT not in records_writable(colleague, complaint)
    assert Record.CONFIRM_RECEIPT in records_writable(complaint.received_by, complaint)


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES | FINAL_STATUSES))
def test_what_the_page_offers_is_exactly_what_the_services_accept(status):
    # Given a complaint in each status and a district manager who is also its receiver
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    complaint = drive_to(complaint_at(tree.site, by=manager), status, by=manager)
    offered = records_writable(manager, complaint)

    # When every record is written in turn (each undone before the next)
    accepted = set()
    for record, write in WRITES.items():
        try:
            with pytest.raises(_Undo), transaction.atomic():
                write(complaint, manager)
                raise _Undo
        except DomainError:
            continue
        accepted.add(record)
        complaint.refresh_from_db()

    # Then the offer and the services agree, record by record
    assert offered == accepted


class _Undo(Exception):
    """Raised inside a transaction to roll back a write that went ahead."""


def test_notes_and_evidence_are_still_accepted_after_closing():
    complaint = drive_to(ComplaintFactory(), "closed")
    manager = manager_for(complaint)
    WRITES[Record.NOTE](complaint, manager)
    WRITES[Record.ATTACHMENT](complaint, manager)
    assert complaint.attachments.count() == 1
