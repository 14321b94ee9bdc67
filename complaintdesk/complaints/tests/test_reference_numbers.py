"""Complaint references: PREFIX-YEAR-NNNNNN, sequential per prefix and receipt year, never
reused, and without duplicates or gaps when many people register at the same moment."""

import re

import pytest
from django.db import connection

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.errors import GuardFailed
from complaintdesk.core.testing import run_in_threads

from .factories import ComplainantFactory, ComplaintFactory, at, complaint_at, org_tree, staff


def _number(reference: str) -> int:
    return int(reference.rsplit("-", 1)[1])


@pytest.mark.django_db
def test_a_reference_is_the_organisations_prefix_the_receipt_year_and_six_digits():
    # Given an organisation whose references start with HV
    tree = org_tree(reference_prefix="HV")

    # When its first complaint, received in March 2025, is registered
    complaint = complaint_at(tree.site, received_at=at("2025-03-01 10:00"))

    # Then its reference is HV-2025-000001
    assert complaint.reference == "HV-2025-000001"
    assert re.fullmatch(r"[A-Z]+-\d{4}-\d{6}", complaint.reference)


@pytest.mark.django_db
def test_the_receipt_year_is_counted_in_local_time():
    # Given a complaint received at half past midnight on New Year's Day, Hong Kong time
    # (still 31 December in UTC)
    tree = org_tree(reference_prefix="NY")

    # When it is registered
    complaint = complaint_at(tree.site, received_at=at("2025-01-01 00:30"))

    # Then it is numbered in the new year
    assert complaint.reference == "NY-2025-000001"


@pytest.mark.django_db
def test_references_of_one_prefix_and_year_are_sequential():
    # Given an organisation
    tree = org_tree(reference_prefix="SQ")

    # When three complaints are registered one after another
    references = [complaint_at(tree.site).reference for _ in range(3)]

    # Then they are numbered 1, 2, 3 in this year
    year = references[0].split("-")[1]
    assert references == [f"SQ-{year}-000001", f"SQ-{year}-000002", f"SQ-{year}-000003"]


@pytest.mark.django_db
def test_each_prefix_and_each_year_counts_on_its_own():
    # Given two organisations with different prefixes
    first, second = org_tree(reference_prefix="AA"), org_tree(reference_prefix="BB")

    # When their complaints are registered alternately, across two years
    references = [
        complaint_at(first.site, received_at=at("2024-06-01 09:00")).reference,
        complaint_at(second.site, received_at=at("2024-06-01 09:05")).reference,
        complaint_at(first.site, received_at=at("2024-06-01 09:10")).reference,
        complaint_at(first.site, received_at=at("2025-06-01 09:00")).reference,
        complaint_at(second.site, received_at=at("2024-06-02 09:00")).reference,
    ]

    # Then each prefix and year has its own sequence
    assert references == [
        "AA-2024-000001",
        "BB-2024-000001",
        "AA-2024-000002",
        "AA-2025-000001",
        "BB-2024-000002",
    ]


@pytest.mark.django_db
def test_organisations_sharing_a_prefix_share_one_sequence_without_collision():
    # Given two organisations that both use the default prefix
    first, second = org_tree(reference_prefix="CP"), org_tree(reference_prefix="CP")

    # When each registers a complaint
    one = complaint_at(first.site)
    two = complaint_at(second.site)

    # Then the numbers follow each other instead of colliding
    assert _number(two.reference) == _number(one.reference) + 1


@pytest.mark.django_db
def test_a_number_is_never_given_again_even_if_its_complaint_disappears():
    # Given two complaints, the latest of which is then removed behind the application's back
    tree = org_tree(reference_prefix="NR")
    complaint_at(tree.site)
    removed = complaint_at(tree.site)
    with connection.cursor() as cursor:
        # with every row that points at it (its events, what the policies wrote about it)
        for relation in Complaint._meta.related_objects:
            if relation.many_to_many:
                continue
            table, column = relation.related_model._meta.db_table, relation.field.column
            cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [removed.pk])
        cursor.execute(f"DELETE FROM {Complaint._meta.db_table} WHERE id = %s", [removed.pk])

    # When the next complaint is registered
    following = complaint_at(tree.site)

    # Then it does not take the removed complaint's number
    assert _number(following.reference) == _number(removed.reference) + 1


@pytest.mark.django_db
def test_a_refused_registration_takes_no_number():
    # Given an organisation, and a registration refused for an empty subject
    tree = org_tree(reference_prefix="RF")
    with pytest.raises(GuardFailed):
        complaint_at(tree.site, subject="  ")

    # When a valid complaint is registered
    complaint = complaint_at(tree.site)

    # Then it is number 1: the refusal left no gap
    assert _number(complaint.reference) == 1


THREADS = 4
PER_THREAD = 20


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_every_number_once_with_no_gap():
    # Given four receivers at one site, each with their own complainant
    tree = org_tree(reference_prefix="MT")
    desks = [
        (
            staff(Role.RECEIVER, tree.site),
            ComplainantFactory(organisation=tree.organisation),
        )
        for _ in range(THREADS)
    ]
    references: list[str] = []

    def register_many(receiver, complainant) -> None:
        for index in range(PER_THREAD):
            complaint = services.complaint_register(
                by=receiver,
                unit=tree.site,
                complainant=complainant,
                channel="phone",
                subject=f"Call {index}",
                description="Registered during the morning rush.",
            )
            references.append(complaint.reference)

    # When they all register twenty complaints at the same moment
    failures = run_in_threads(register_many, desks)

    # Then nothing failed, and the numbers are 1..80, each exactly once
    assert failures == []
    total = THREADS * PER_THREAD
    assert sorted(_number(reference) for reference in references) == list(range(1, total + 1))
    stored = list(
        Complaint.objects.filter(organisation=tree.organisation).values_list("reference", flat=True)
    )
    assert sorted(stored) == sorted(references)


@pytest.mark.django_db
def test_the_reference_is_recorded_on_the_registration_event():
    # Given / When a complaint is registered
    complaint = ComplaintFactory()

    # Then the registration event names its reference
    event = complaint.events.get(kind="registered")
    assert event.data["reference"] == complaint.reference
