"""The complainant's own side: the public form, the tracking code, and what they may do on the
tracking page (write, answer, rate, appeal), with the same tables as the staff."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import selectors, services
from complaintdesk.complaints.choices import Channel, EventKind, Status, Visibility
from complaintdesk.complaints.models import Complaint, Rating
from complaintdesk.complaints.tracking import tracked_complaint, tracking_code
from complaintdesk.core.errors import GuardFailed, NotFound, TransitionNotAllowed
from complaintdesk.customers.models import Complainant
from complaintdesk.notifications.models import Notification, NotificationKind
from complaintdesk.sla.models import ComplaintClock
from complaintdesk.sla.tests.factories import on_policy

from .factories import drive_to, handler_for, manager_for, staff
from .public import open_form, submitted

pytestmark = pytest.mark.django_db


def test_a_complaint_sent_through_the_public_form_lands_in_the_forms_unit_with_no_receiver(tree):
    # Given an organisation whose public form lands in its district
    open_form(tree)

    # When a complainant sends a complaint about one of the listed sites
    complaint = submitted(tree, site=tree.site)

    # Then it is registered there as a web-form complaint that nobody took down
    assert complaint.unit == tree.district
    assert complaint.channel == Channel.WEB_FORM
    assert complaint.received_by is None
    assert complaint.site == tree.site
    assert complaint.language == "zh-hant"
    registered = complaint.events.get(kind=EventKind.REGISTERED)
    assert registered.actor is None


def test_the_same_form_sent_twice_makes_one_complaint(tree):
    # Given a complaint sent through the form
    open_form(tree)
    first = submitted(tree, intake_key="web:abc")

    # When the same form arrives again (a double click, a retry after a lost connection)
    again = services.complaint_submit(
        organisation=tree.organisation,
        intake_key="web:abc",
        name="陳大文",
        phone="9123 4567",
        language="zh-hant",
        subject="升降機停用三日",
        description="第二座升降機已停用三日。",
    )

    # Then it finds the first complaint and makes nothing new
    assert again.created is False
    assert again.complaint.pk == first.pk
    assert Complaint.objects.count() == 1


def test_a_phone_number_someone_else_owns_does_not_file_the_complaint_under_their_name(tree):
    # Given a complainant on file with a phone number
    open_form(tree)
    owner = Complainant.objects.create(
        organisation=tree.organisation, name="李小龍", phone="9123 4567"
    )

    # When another person types that number with their own name
    complaint = submitted(tree, name="陳大文", phone="9123 4567", email="")

    # Then the complaint keeps the name they typed, on a record of its own
    assert complaint.complainant != owner
    assert complaint.complainant.name == "陳大文"

    # And the owner, typing their own name and number, is recognised
    theirs = submitted(tree, intake_key="web:owner", name="李小龍", phone="+852 9123 4567")
    assert theirs.complainant == owner


def test_a_closed_form_takes_nothing_and_an_unlisted_site_is_refused(tree):
    # Given a form that names two sites
    form = open_form(tree)

    # When a complaint names a site that is not listed
    # Then it is refused, and nothing is registered
    with pytest.raises(GuardFailed):
        submitted(tree, site=tree.sibling_site)
    assert Complaint.objects.count() == 0

    # And once the form is closed nothing at all is taken
    form.is_open = False
    form.save()
    with pytest.raises(NotFound):
        submitted(tree)


def test_a_refused_attachment_registers_nothing(tree):
    # Given the public form
    open_form(tree)
    page = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", "text/html")

    # When a complaint arrives with a file of a refused type
    # Then nothing is registered, so sending it again without the file makes no duplicate
    with pytest.raises(GuardFailed):
        submitted(tree, attachments=[page])
    assert Complaint.objects.count() == 0


def test_the_tracking_code_opens_its_own_complaint_however_it_is_typed(tree):
    # Given two complaints sent through the form
    open_form(tree)
    mine = submitted(tree, intake_key="web:1")
    other = submitted(tree, intake_key="web:2", name="黃小明", phone="6123 0000")
    code = tracking_code(mine)

    # Then the code opens its complaint typed without dashes, in lower case, O for 0
    assert tracked_complaint(mine.reference.lower(), code) == mine
    assert tracked_complaint(mine.reference, code.replace("-", "").lower()) == mine
    assert tracked_complaint(mine.reference, code.replace("0", "O")) == mine
    # And it opens no other complaint, nor does a wrong code
    assert tracked_complaint(other.reference, code) is None
    assert tracked_complaint(mine.reference, "AAAA-AAAA-AAAA") is None


def test_a_message_from_the_complainant_answers_the_request_and_resumes_the_clocks(tree):
    # Given a web complaint on the Hong Kong pack, its handler waiting for the complainant
    on_policy(tree.organisation, "seed-hk-property", "HK")
    open_form(tree)
    complaint = submitted(tree)
    handler = handler_for(complaint)
    drive_to(complaint, "awaiting_complainant", handler=handler)
    assert ComplaintClock.objects.filter(complaint=complaint, state="paused").exists()

    # When the complainant answers on the tracking page with a photo
    photo = SimpleUploadedFile("lift.jpg", b"\xff\xd8\xff photo", "image/jpeg")
    services.complaint_write_in(complaint, "相片已附上。", attachments=[photo])

    # Then the complaint is back in investigation, its clocks run again
    complaint.refresh_from_db()
    assert complaint.status == Status.INVESTIGATING
    assert not ComplaintClock.objects.filter(complaint=complaint, state="paused").exists()
    # And the timeline keeps their message, their file and the move, each in their name
    kinds = list(complaint.events.filter(data__by="complainant").values_list("kind", flat=True))
    assert kinds == [EventKind.COMPLAINANT_WROTE, EventKind.ATTACHMENT_ADDED, "status_changed"]
    assert complaint.attachments.get().uploaded_by is None
    # And the handler is told at once
    notice = Notification.objects.exclude(kind=NotificationKind.ASSIGNED).get(recipient=handler)
    assert notice.kind == NotificationKind.COMPLAINANT_WROTE


def test_the_complainant_accepts_the_solution_and_rates_the_handling_once_per_reply(tree):
    # Given a web complaint answered by its handler
    open_form(tree)
    complaint = submitted(tree)
    handler = handler_for(complaint)
    drive_to(complaint, "replied", handler=handler, replier=handler)

    # When the complainant accepts and rates the handling on the tracking page
    services.complaint_answer_solution(complaint, "accepted", note="多謝")
    services.complaint_rate(complaint, 4, comment="處理得快")

    # Then both are recorded as theirs
    complaint.refresh_from_db()
    assert complaint.complainant_response == "accepted"
    assert Rating.objects.get(complaint=complaint).score == 4
    # And neither can be given twice
    with pytest.raises(GuardFailed):
        services.complaint_answer_solution(complaint, "rejected")
    with pytest.raises(GuardFailed):
        services.complaint_rate(complaint, 1)


def test_nothing_can_be_rated_before_the_reply(tree):
    # Given a web complaint still being investigated
    open_form(tree)
    complaint = drive_to(submitted(tree), "investigating")

    # Then neither a rating nor an answer to a solution is taken yet
    with pytest.raises(TransitionNotAllowed):
        services.complaint_rate(complaint, 5)
    with pytest.raises(TransitionNotAllowed):
        services.complaint_answer_solution(complaint, "accepted")


def test_an_appeal_on_the_tracking_page_closes_with_the_review_window_but_staff_may_register_it(
    tree,
):
    # Given a bank on the 2020 rules (30 days to ask for a review), a reply 31 days old
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    open_form(tree)
    complaint = submitted(tree, language="zh-hans")
    handler = handler_for(complaint)
    drive_to(complaint, "replied", handler=handler, replier=handler)
    Complaint.objects.filter(pk=complaint.pk).update(
        first_replied_at=timezone.now() - timedelta(days=31)
    )
    complaint.refresh_from_db()

    # When the complainant asks for a review on the tracking page
    # Then it is refused with the date the window ended
    with pytest.raises(GuardFailed) as refused:
        services.complaint_appeal_by_complainant(complaint, "赔偿不足")
    assert "ended" in str(refused.value)
    complaint.refresh_from_db()
    assert complaint.status == Status.REPLIED

    # And a member of staff may still register the late appeal, with a reason
    services.complaint_appeal(complaint, manager_for(complaint), "迟到的申诉，因住院")
    complaint.refresh_from_db()
    assert complaint.status == Status.APPEAL


def test_the_complainants_timeline_shows_what_was_written_for_them_and_no_internal_note(tree):
    # Given a web complaint with an internal note and a note for the complainant
    open_form(tree)
    complaint = submitted(tree)
    receiver = staff(Role.RECEIVER, tree.district)
    services.complaint_add_note(complaint, receiver, "Internal: the caller is a journalist.")
    services.complaint_add_note(
        complaint, receiver, "我們已聯絡承辦商。", visibility=Visibility.COMPLAINANT
    )

    # Then the tracking page's history has the arrival and the note for them only
    texts = [event.text for event in selectors.complainant_timeline(complaint)]
    assert "我們已聯絡承辦商。" in texts
    assert not any("journalist" in text for text in texts)
