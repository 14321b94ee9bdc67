"""The triage at intake, whatever the channel: a suggestion kept for every complaint, risk
flags raised at once with the words behind them, and a person's one-click answer applied
through the core and kept as a label."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    complaint_at,
    manager_for,
    org_tree,
    staff,
)
from complaintdesk.complaints.tests.public import open_form, submitted
from complaintdesk.core.errors import DomainError
from complaintdesk.transfer.tests.test_import_runs import csv_file, rows, run_file
from complaintdesk.triage.models import CategoryMapping, Field, TriageLabel, TriageSuggestion
from complaintdesk.triage.services import triage_again, triage_answer

pytestmark = pytest.mark.django_db


def test_a_threat_to_call_the_press_raises_the_media_flag_at_registration():
    # Given a receiver taking down a complaint that threatens the newspapers
    tree = org_tree()

    # When it is registered
    complaint = complaint_at(
        tree.site,
        subject="升降機壞咗成個禮拜",
        description="管理處完全冇人理，再唔修我就搵記者曝光你哋！",
    )

    # Then the complaint carries the media flag, raised by the triage on those words
    assert complaint.risk_media is True
    complaint.refresh_from_db()
    assert complaint.risk_media is True
    event = complaint.events.filter(kind=EventKind.CLASSIFIED).get()
    assert event.actor is None
    assert event.data == {"by": "triage"}
    assert "記者" in event.text
    # and its suggestion is kept: facilities, in Traditional Chinese, a major grade
    suggestion = complaint.triage
    assert suggestion.raised == ["media"]
    assert suggestion.category == "facilities"
    assert suggestion.language == "zh-hant"
    assert suggestion.grade == "major"


def test_a_calm_complaint_gets_a_suggestion_and_nothing_applied():
    tree = org_tree()
    complaint = complaint_at(tree.site, subject="Parcel", description="My parcel is late.")
    suggestion = complaint.triage
    assert suggestion.raised == []
    assert not complaint.events.filter(kind=EventKind.CLASSIFIED).exists()
    assert complaint.category is None and complaint.anger_score is None


def test_confirming_the_category_applies_the_organisations_own_category_in_one_click():
    # Given an organisation whose facilities category is coded FAC, and a lift complaint
    tree = org_tree()
    facilities = CategoryFactory(organisation=tree.organisation, code="FAC", name_en="Facilities")
    complaint = complaint_at(tree.site, subject="電梯壞了", description="屋苑的電梯又壞了三日")
    manager = manager_for(complaint)

    # When the manager confirms the suggested category
    label = triage_answer(complaint.triage, manager, Field.CATEGORY, "facilities")

    # Then the complaint is filed under FAC, on the timeline as a confirmed suggestion
    complaint.refresh_from_db()
    assert complaint.category == facilities
    assert complaint.events.filter(kind=EventKind.CLASSIFIED, actor=manager).exists()
    # and the label says it was confirmed
    assert (label.suggested, label.chosen, label.corrected) == ("facilities", "facilities", False)


def test_a_correction_is_kept_and_a_second_answer_replaces_the_first():
    tree = org_tree()
    price = CategoryFactory(organisation=tree.organisation, code="BILL", name_en="Billing")
    CategoryMapping.objects.create(organisation=tree.organisation, code="price", category=price)
    complaint = complaint_at(tree.site, subject="Lift", description="The lift is broken again.")
    manager = manager_for(complaint)

    # When the manager corrects the anger, then changes their mind
    triage_answer(complaint.triage, manager, Field.ANGER, "4")
    triage_answer(complaint.triage, manager, Field.ANGER, "3")
    # and files it under the category mapped to "price"
    triage_answer(complaint.triage, manager, Field.CATEGORY, "price")

    # Then one label per field is kept, the latest answer
    complaint.refresh_from_db()
    assert complaint.anger_score == 3
    assert complaint.category == price
    labels = {
        label.field: label.chosen for label in TriageLabel.objects.filter(complaint=complaint)
    }
    assert labels == {Field.ANGER: "3", Field.CATEGORY: "price"}


def test_an_answer_needs_the_right_to_classify_and_a_real_value():
    tree = org_tree()
    complaint = complaint_at(tree.site)
    stranger = staff(Role.HANDLER, tree.sibling_site)
    with pytest.raises(DomainError):
        triage_answer(complaint.triage, stranger, Field.GRADE, "major")
    with pytest.raises(DomainError):
        triage_answer(complaint.triage, stranger, Field.IS_COMPLAINT, "no")
    with pytest.raises(DomainError):
        triage_answer(complaint.triage, manager_for(complaint), Field.ANGER, "9")
    assert not TriageLabel.objects.exists()


def test_a_history_import_gets_suggestions_for_the_complaints_still_open(tree):
    # Given an old system's export: one complaint closed long ago, one still being handled
    CategoryFactory(organisation=tree.organisation, code="SVC")
    importer = staff(Role.HQ_COMPLAINTS, tree.head_office)
    closed, still_open = rows(tree, 2)
    still_open = still_open.replace("已結案", "investigating").replace("2024-03-12", "")

    # When it is imported
    run_file(importer, tree, csv_file([closed, still_open]))

    # Then only the open one has a suggestion, and no flag was raised on either
    suggested = TriageSuggestion.objects.select_related("complaint")
    assert [s.complaint.external_id for s in suggested] == ["OLD-2"]
    assert suggested.get().raised == []


def test_a_complaint_from_the_public_form_is_triaged_too(tree):
    # Given the organisation's public form
    open_form(tree)

    # When a resident sends a complaint threatening the consumer council
    complaint = submitted(
        tree, description="第二座升降機已停用三日，長者無法出入。再唔修我就去消委會投訴！"
    )

    # Then it carries the regulator flag and the suggestion, read as Traditional Chinese
    assert complaint.risk_regulator is True
    assert complaint.triage.language == "zh-hant"
    assert complaint.triage.raised == ["regulator"]


def test_a_person_asks_the_triage_to_read_a_corrected_complaint_again():
    # Given a complaint whose record a manager corrects with a threat of legal action
    tree = org_tree()
    complaint = complaint_at(tree.site, subject="Parking", description="My car park fee is wrong.")
    manager = manager_for(complaint)
    triage_answer(complaint.triage, manager, Field.ANGER, "2")
    services.complaint_update_record(
        complaint, manager, description="My car park fee is wrong. My solicitor will write."
    )

    # When they ask the triage to read it again
    again = triage_again(complaint, manager)

    # Then the new suggestion carries the legal risk and raised its flag, and the earlier
    # answer is still kept
    complaint.refresh_from_db()
    assert again.risks == {"legal": ["solicitor"]}
    assert complaint.risk_legal is True
    assert TriageSuggestion.objects.filter(complaint=complaint).count() == 1
    assert TriageLabel.objects.filter(complaint=complaint, field=Field.ANGER).exists()
    # while someone who may not classify it may not ask
    with pytest.raises(DomainError):
        triage_again(complaint, staff(Role.HANDLER, tree.sibling_site))


def test_a_triage_that_fails_never_costs_the_complaint(monkeypatch):
    # Given a triage that cannot read its models
    def unreadable(complaint):
        raise OSError("model file unreadable")

    monkeypatch.setattr("complaintdesk.triage.services._triage", unreadable)
    tree = org_tree()

    # When a complaint is registered
    complaint = complaint_at(tree.site, description="My solicitor will write to you.")

    # Then it is taken, with no suggestion, and the page offers to ask for one
    assert complaint.pk and complaint.reference
    assert not TriageSuggestion.objects.filter(complaint=complaint).exists()
