"""The queue's search: words of the record, the timeline and the complainant, in either
Chinese script and in English; exact references, phones and e-mails; always within sight."""

from io import StringIO

import pytest
from django.core.management import call_command

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import selectors, services
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import ComplainantFactory, complaint_at, staff
from complaintdesk.search.models import Document

pytestmark = pytest.mark.django_db


def found(user, words: str) -> set[str]:
    return {c.reference for c in selectors.complaint_queue(user, status="", search=words).rows}


@pytest.fixture
def written(tree):
    """Complaints as registered in service, with their search documents (the registration
    writes each in its own transaction)."""

    def make(unit=None, **kwargs) -> Complaint:
        return complaint_at(unit or tree.site, **kwargs)

    return make


def test_a_word_typed_in_one_script_finds_a_complaint_written_in_the_other(tree, written):
    # Given a complaint written in Traditional Chinese and one in Simplified
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    traditional = written(subject="電梯故障三天", description="升降機停了，老人上落樓梯困難。")
    simplified = written(subject="管理费退款", description="多收了管理费，要求退还。")

    # When the manager searches in the other script
    # Then each is found, and only where its words are
    assert found(manager, "电梯") == {traditional.reference}
    assert found(manager, "管理費") == {simplified.reference}
    assert found(manager, "升降机") == {traditional.reference}


def test_english_words_are_found_in_any_form(tree, written):
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    lifts = written(subject="Both lifts broken", description="Nobody came to repair them.")

    assert found(manager, "lift") == {lifts.reference}
    assert found(manager, "REPAIRED") == {lifts.reference}
    assert found(manager, "lift escalator") == set()


def test_notes_and_the_complainants_name_are_searched_and_kept_current(
    tree, written, django_capture_on_commit_callbacks
):
    # Given a complaint, and a note about the contractor added later
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    complainant = ComplainantFactory(organisation=tree.organisation, name="陳大文")
    complaint = written(complainant=complainant, subject="Water leak", description="From above.")
    assert found(manager, "contractor") == set()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_add_note(complaint, manager, "Called the contractor 承辦商 twice.")

    # When the manager searches for the note's words or the complainant's name
    # Then the complaint is found
    assert found(manager, "contractor") == {complaint.reference}
    assert found(manager, "承辦商") == {complaint.reference}
    assert found(manager, "陈大文") == {complaint.reference}

    # And when the complainant's name is corrected, the new one finds it and the old does not
    with django_capture_on_commit_callbacks(execute=True):
        services.complainant_update(complaint, manager, {"name": "Chan Tai Man"})
    assert found(manager, "Chan") == {complaint.reference}
    assert found(manager, "陳大文") == set()


def test_a_reference_phone_or_email_finds_its_complaint_exactly(tree, written):
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    person = ComplainantFactory(
        organisation=tree.organisation, phone="+852 6123 4567", email="wong@example.com"
    )
    complaint = written(complainant=person)
    other = written()

    assert found(manager, complaint.reference) == {complaint.reference}
    assert found(manager, complaint.reference.lower()) == {complaint.reference}
    assert found(manager, "61234567") == {complaint.reference}
    assert found(manager, "Wong@Example.com") == {complaint.reference}
    assert other.reference not in found(manager, complaint.reference)


def test_a_search_never_reaches_beyond_the_users_sight(tree, written):
    # Given the same words in a complaint of the district and one of the sibling district
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    mine = written(tree.site, subject="电梯故障")
    theirs = written(tree.sibling_site, subject="电梯故障")

    # When the district manager searches for them, or for the other one's reference
    # Then only their own is found
    assert found(manager, "电梯") == {mine.reference}
    assert found(manager, theirs.reference) == set()


def test_search_reindex_writes_what_is_missing(tree, written):
    # Given complaints whose documents were lost
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    complaint = written(subject="Broken gate")
    Document.objects.all().delete()
    assert found(manager, "gate") == set()

    # When the documents are written again
    call_command("search_reindex", "--missing", stdout=StringIO())

    # Then the search finds the complaint again
    assert found(manager, "gate") == {complaint.reference}


def test_the_best_match_comes_first_and_its_pages_go_on_from_there(tree, written):
    # Given one complaint all about the lift, one that mentions it once, and one without it
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    about = written(subject="Lift broken again", description="The lift, the lift: lifts fail.")
    once = written(subject="Noise at night", description="Also the lift is slow.")
    written(subject="Water leak", description="From the flat above.")

    # When the manager searches for the lift, best match first, one at a time
    first = selectors.complaint_queue(manager, status="", search="lift", order="relevance", limit=1)
    second = selectors.complaint_queue(
        manager, status="", search="lift", order="relevance", limit=1, cursor=first.next_cursor
    )

    # Then the complaint about it comes first, then the other, and nothing after them
    assert [c.reference for c in first.rows] == [about.reference]
    assert [c.reference for c in second.rows] == [once.reference]
    assert second.next_cursor is None


def test_a_hong_kong_word_finds_what_the_mainland_calls_it_and_english_too(tree, written):
    # Given complaints about the lift as Hong Kong writes it, in English, and something else
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    hong_kong = written(subject="升降機困人", description="困了四十分鐘。")
    english = written(subject="Elevator stuck", description="Forty minutes inside.")
    written(subject="水管爆裂", description="大堂水浸。")

    # When a handler from the mainland searches for 电梯
    # Then both are found, and not the other
    assert found(manager, "电梯") == {hong_kong.reference, english.reference}
    assert found(manager, "lift") == {hong_kong.reference, english.reference}


def test_a_registration_is_found_at_once_and_taken_even_when_its_words_cannot_be_cut(
    tree, monkeypatch
):
    # Given a complaint registered as usual: its document is written with it
    first = complaint_at(tree.site, subject="升降機壞了", description="電梯停了三天")
    assert Document.objects.filter(pk=first.pk).exists()

    # When the words of the next one cannot be cut
    def broken(*texts):
        raise RuntimeError("dictionary unreadable")

    monkeypatch.setattr("complaintdesk.search.services.document_words", broken)
    second = complaint_at(tree.site, subject="水管爆裂", description="走廊水浸")

    # Then it is taken all the same, and only its document waits for the next write
    assert Complaint.objects.filter(pk=second.pk).exists()
    assert not Document.objects.filter(pk=second.pk).exists()
