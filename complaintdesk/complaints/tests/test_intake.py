"""Registering a complaint: the record is checked before anything is written, risk flags set
themselves, and evidence files are kept safely."""

import hashlib
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.models import Attachment, Complaint, ReferenceSequence
from complaintdesk.core.errors import DomainError, GuardFailed, NotPermitted
from complaintdesk.customers.models import CustomerTier

from .factories import (
    CategoryFactory,
    ComplainantFactory,
    ComplaintFactory,
    complaint_at,
    manager_for,
    org_tree,
    staff,
)

pytestmark = pytest.mark.django_db


def _refusal(tree, **record) -> list[str]:
    """Register with `record` at the tree's site; assert nothing was written; return the details."""
    with pytest.raises(GuardFailed) as refused:
        complaint_at(tree.site, **record)
    assert not Complaint.objects.filter(organisation=tree.organisation).exists()
    assert not ReferenceSequence.objects.exists()
    return refused.value.details


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        pytest.param({"subject": ""}, "The subject is required.", id="empty-subject"),
        pytest.param({"subject": "  \t"}, "The subject is required.", id="blank-subject"),
        pytest.param({"description": ""}, "What happened is required.", id="empty-description"),
        pytest.param(
            {"anger_score": 0}, "The anger score must be between 1 and 5.", id="anger-score-0"
        ),
        pytest.param(
            {"anger_score": 6}, "The anger score must be between 1 and 5.", id="anger-score-6"
        ),
        pytest.param(
            {"claimed_loss_amount": Decimal("-0.01")},
            "The claimed loss cannot be negative.",
            id="negative-loss",
        ),
        pytest.param({"channel": "pigeon"}, "Unknown channel.", id="unknown-channel"),
        pytest.param({"grade": "mild"}, "Unknown grade.", id="unknown-grade"),
    ],
)
def test_registering_an_invalid_record_is_refused_and_lists_the_problem(record, problem):
    # Given an organisation / When a complaint with the faulty value is registered
    details = _refusal(org_tree(), **record)

    # Then it is refused, naming the problem, and nothing is written (not even a number)
    assert details == [problem]


def test_registering_with_several_problems_lists_each_of_them():
    # Given / When a complaint with no subject, no description and an anger score of 9
    details = _refusal(org_tree(), subject="", description="", anger_score=9)

    # Then every problem is listed
    assert details == [
        "The subject is required.",
        "What happened is required.",
        "The anger score must be between 1 and 5.",
    ]


def test_registering_for_a_site_of_another_organisation_is_refused():
    # Given two organisations
    tree, other = org_tree(), org_tree()

    # When a complaint of the first names a site of the second / Then it is refused
    assert _refusal(tree, site=other.site) == [
        "The site concerned must be a site of the same organisation."
    ]


def test_the_site_concerned_must_be_a_site_not_a_district():
    # Given / When the site concerned is a district / Then it is refused
    tree = org_tree()
    assert _refusal(tree, site=tree.district) == [
        "The site concerned must be a site of the same organisation."
    ]


def test_registering_with_a_category_of_another_organisation_is_refused():
    # Given a category of another organisation
    tree = org_tree()
    foreign = CategoryFactory()

    # When it is used / Then it is refused
    assert _refusal(tree, category=foreign) == ["The category belongs to another organisation."]


def test_registering_with_a_future_time_of_receipt_is_refused():
    # Given / When a complaint "received" tomorrow is registered / Then it is refused
    tree = org_tree()
    tomorrow = timezone.now() + timedelta(days=1)
    assert _refusal(tree, received_at=tomorrow) == ["The time of receipt cannot be in the future."]


def test_registering_a_complainant_of_another_organisation_is_refused():
    # Given a complainant on file with another organisation
    tree = org_tree()
    stranger = ComplainantFactory()

    # When a complaint is registered for them / Then it is refused and nothing written
    with pytest.raises(DomainError):
        complaint_at(tree.site, complainant=stranger)
    assert not Complaint.objects.exists()


def test_a_valid_record_is_kept_as_given():
    # Given a site and a category of the organisation
    tree = org_tree()
    category = CategoryFactory(organisation=tree.organisation)

    # When a complete complaint is registered
    complaint = complaint_at(
        tree.district,
        site=tree.site,
        category=category,
        anger_score=5,
        claimed_loss_amount=Decimal("1200.50"),
        claimed_loss_currency="HKD",
        subject="  Water leak  ",
        demand="Repair and compensation",
    )

    # Then it is stored, trimmed, received now, in the received status
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert (complaint.status, complaint.subject) == ("received", "Water leak")
    assert (complaint.site, complaint.category, complaint.anger_score) == (tree.site, category, 5)
    assert complaint.claimed_loss_amount == Decimal("1200.50")
    assert complaint.unit_path == tree.district.path
    assert complaint.received_unit == tree.district
    assert abs(complaint.received_at - timezone.now()) < timedelta(minutes=1)


def test_correcting_the_record_is_checked_like_registering():
    # Given a registered complaint
    complaint = ComplaintFactory()

    # When the manager empties the subject / Then it is refused and the record unchanged
    with pytest.raises(GuardFailed) as refused:
        services.complaint_update_record(complaint, manager_for(complaint), subject="")
    assert refused.value.details == ["The subject is required."]
    assert Complaint.objects.get(pk=complaint.pk).subject == complaint.subject


def test_classifying_with_an_anger_score_out_of_range_is_refused():
    # Given a registered complaint
    complaint = ComplaintFactory()

    # When it is classified with anger score 7 / Then it is refused
    with pytest.raises(GuardFailed) as refused:
        services.complaint_classify(complaint, manager_for(complaint), anger_score=7)
    assert refused.value.details == ["The anger score must be between 1 and 5."]


# --- risk flags -------------------------------------------------------------------------------


def test_a_vip_complainant_sets_the_vip_risk_flag():
    # Given a VIP complainant
    tree = org_tree()
    vip = ComplainantFactory(organisation=tree.organisation, tier=CustomerTier.VIP)

    # When they complain
    complaint = complaint_at(tree.site, complainant=vip)

    # Then the complaint carries the VIP risk flag (and an ordinary one does not)
    assert complaint.risk_vip is True
    assert "vip" in complaint.risk_flags
    assert complaint_at(tree.site).risk_vip is False


def test_a_second_complaint_within_a_year_sets_the_repeat_risk_flag():
    # Given a complainant who complained ten months ago
    tree = org_tree()
    person = ComplainantFactory(organisation=tree.organisation)
    first = complaint_at(
        tree.site, complainant=person, received_at=timezone.now() - timedelta(days=300)
    )

    # When they complain again
    second = complaint_at(tree.site, complainant=person)

    # Then only the second is a repeat
    assert first.risk_repeat is False
    assert second.risk_repeat is True


def test_a_complaint_more_than_a_year_after_the_last_is_not_a_repeat():
    # Given a complainant whose last complaint was 400 days ago
    tree = org_tree()
    person = ComplainantFactory(organisation=tree.organisation)
    complaint_at(tree.site, complainant=person, received_at=timezone.now() - timedelta(days=400))

    # When they complain again / Then it is not flagged as a repeat
    assert complaint_at(tree.site, complainant=person).risk_repeat is False


# --- attachments ------------------------------------------------------------------------------


def test_an_allowed_file_is_stored_under_a_random_name_with_its_size_and_sha256():
    # Given a complaint and a photo
    complaint = ComplaintFactory()
    content = b"\xff\xd8\xff\xe0 a photo of the broken lift"
    photo = SimpleUploadedFile("Broken Lift.JPG", content, content_type="image/jpeg")

    # When the receiver attaches it
    attachment = services.complaint_attach(complaint, complaint.received_by, photo)

    # Then it is kept with its size and digest, under a name the uploader did not choose
    attachment = Attachment.objects.get(pk=attachment.pk)
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.original_name == "Broken Lift.JPG"
    assert "Broken" not in attachment.file.name
    assert attachment.file.name.endswith(".jpg")
    stored = Path(settings.MEDIA_ROOT) / attachment.file.name
    assert stored.read_bytes() == content


@pytest.mark.parametrize(
    "name", ["page.html", "setup.exe", "invoice.pdf.exe", "script.svg", "no-extension"]
)
def test_a_file_of_a_type_that_is_not_accepted_is_refused(name):
    # Given a complaint
    complaint = ComplaintFactory()
    upload = SimpleUploadedFile(name, b"<script>alert(1)</script>", content_type="text/html")

    # When it is attached / Then it is refused, saying the type is not accepted, and not stored
    with pytest.raises(GuardFailed) as refused:
        services.complaint_attach(complaint, complaint.received_by, upload)
    assert "not accepted" in refused.value.details[0]
    assert not Attachment.objects.exists()


@override_settings(ATTACHMENT_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused():
    # Given a complaint and a photo one byte over the 1 MB limit
    complaint = ComplaintFactory()
    upload = SimpleUploadedFile("big.png", b"x" * (1024 * 1024 + 1), content_type="image/png")

    # When it is attached / Then it is refused, naming the limit
    with pytest.raises(GuardFailed) as refused:
        services.complaint_attach(complaint, complaint.received_by, upload)
    assert refused.value.details == ["Files may be at most 1 MB."]
    assert not Attachment.objects.exists()


def test_an_empty_file_is_refused():
    # Given a complaint / When an empty file is attached / Then it is refused
    complaint = ComplaintFactory()
    with pytest.raises(GuardFailed):
        services.complaint_attach(
            complaint, complaint.received_by, SimpleUploadedFile("empty.pdf", b"")
        )
    assert not Attachment.objects.exists()


def test_attaching_needs_the_add_note_capability_on_the_complaint():
    # Given an auditor of the complaint's district
    complaint = ComplaintFactory()
    auditor = staff(Role.AUDITOR, complaint.unit.parent)

    # When the auditor attaches a file / Then it is refused
    with pytest.raises(NotPermitted):
        services.complaint_attach(
            complaint, auditor, SimpleUploadedFile("a.pdf", b"%PDF-1.4", "application/pdf")
        )
