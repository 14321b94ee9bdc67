"""The first pages as a person uses them, in a real headless Chromium (Debian's package)."""

import pytest

from complaintdesk.accounts.models import Organisation, OrgUnit, RoleAssignment, UnitKind, User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.core.testing import ARTIFACTS, BROWSER, log_in
from complaintdesk.customers.services import complainant_find_or_create

from .pages import act, record, reply

pytestmark = BROWSER


def _district_with_staff():
    organisation = Organisation.objects.create(
        code="hv", name="Harbour View", reference_prefix="CP"
    )
    head_office = OrgUnit.objects.create(
        organisation=organisation, kind=UnitKind.HEAD_OFFICE, code="HQ", name="Head office"
    )
    district = OrgUnit.objects.create(
        organisation=organisation,
        kind=UnitKind.DISTRICT,
        code="ST",
        name="Sha Tin",
        parent=head_office,
    )
    receiver = User.objects.create_user(
        "receiver", password="demo12345", display_name="Amy Receiver"
    )
    RoleAssignment.objects.create(user=receiver, role=Role.RECEIVER, unit=district)
    manager = User.objects.create_user("manager", password="demo12345", display_name="Ben Manager")
    RoleAssignment.objects.create(user=manager, role=Role.DISTRICT_MANAGER, unit=district)
    outsider_unit = OrgUnit.objects.create(
        organisation=organisation,
        kind=UnitKind.DISTRICT,
        code="KC",
        name="Kowloon City",
        parent=head_office,
    )
    return organisation, district, outsider_unit, receiver, manager


@pytest.mark.django_db(transaction=True)
def test_receiver_logs_in_finds_the_complaint_acknowledges_it_and_sees_it_on_the_timeline(
    live_server, page
):
    # Given a complaint received by phone in the receiver's district
    organisation, district, _outsider, receiver, _manager = _district_with_staff()
    person = complainant_find_or_create(organisation, name="陳大文", phone="9123 4567")
    complaint = services.complaint_register(
        by=receiver,
        unit=district,
        complainant=person,
        channel="phone",
        subject="升降機停運三天",
        description="第二座升降機停運三天，無人跟進。",
    )

    # When the receiver logs in and opens it from the list
    log_in(page, live_server.url, "receiver")
    page.click(f"text={complaint.reference}")

    # Then the page shows the record and its registration on the timeline
    assert page.text_content("[data-testid=status]").strip() == "Received"
    assert "Complaint registered" in page.text_content("[data-testid=timeline]")

    # When they acknowledge it
    page.click("[data-testid=actions] button[value=acknowledge]")

    # Then the status and the timeline say so
    assert page.text_content("[data-testid=status]").strip() == "Acknowledged"
    assert "Received → Acknowledged" in page.text_content("[data-testid=timeline]")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "complaint-detail.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_language_switch_shows_the_pages_in_traditional_and_simplified_chinese(live_server, page):
    # Given a logged-in receiver on the complaint list
    _district_with_staff()
    log_in(page, live_server.url, "receiver")
    assert page.text_content("h1").strip() == "Complaints"

    # When they choose 繁體中文, then 简体中文
    with page.expect_navigation():
        page.select_option("#language-select", "zh-hant")
    traditional = page.text_content("h1").strip()
    with page.expect_navigation():
        page.select_option("#language-select", "zh-hans")
    simplified = page.text_content("h1").strip()

    # Then the headings are in those scripts
    assert traditional == "投訴"
    assert simplified == "投诉"


@pytest.mark.django_db(transaction=True)
def test_complaint_outside_the_users_scope_is_not_found(live_server, page):
    # Given a complaint of another district
    organisation, _district, outsider_unit, _receiver, _manager = _district_with_staff()
    other = User.objects.create_user("kc.receiver", password="demo12345")
    RoleAssignment.objects.create(user=other, role=Role.RECEIVER, unit=outsider_unit)
    person = complainant_find_or_create(organisation, name="Mr Lee", phone="98765432")
    complaint = services.complaint_register(
        by=other,
        unit=outsider_unit,
        complainant=person,
        channel="email",
        subject="Noise at night",
        description="Renovation noise after 11pm.",
    )

    # When the Sha Tin receiver asks for it by its address
    log_in(page, live_server.url, "receiver")
    response = page.goto(f"{live_server.url}/complaints/{complaint.reference}/")

    # Then it does not exist for them, and it is not in their list either
    assert response.status == 404
    page.goto(f"{live_server.url}/complaints/?status=")
    assert complaint.reference not in page.content()


@pytest.mark.django_db(transaction=True)
def test_closing_too_early_lists_what_is_missing(live_server, page):
    # Given a complaint in follow-up with no reply recorded... reached by the real services
    organisation, district, _outsider, receiver, manager = _district_with_staff()
    person = complainant_find_or_create(organisation, name="Ms Wong", phone="61234567")
    complaint = services.complaint_register(
        by=receiver,
        unit=district,
        complainant=person,
        channel="letter",
        subject="Air-conditioning not cooling",
        description="Lobby at 30°C for a week.",
    )
    RoleAssignment.objects.create(user=manager, role=Role.HANDLER, unit=district)
    complaint = services.complaint_assign(complaint, manager, manager)
    complaint = services.complaint_start_investigation(complaint, manager)
    services.complaint_record_investigation(
        complaint, manager, findings="Compressor failed.", responsibility="organisation"
    )
    services.complaint_propose(complaint, manager, remedy_type="repair", reasons="Our equipment.")
    services.complaint_reply(
        complaint,
        manager,
        channel="letter",
        text="We will repair it.",
        reasons="Compressor failure is our responsibility.",
    )
    complaint.refresh_from_db()
    services.complaint_start_follow_up(complaint, manager)

    # When the manager tries to close it
    log_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/complaints/{complaint.reference}/")
    page.click("[data-testid=actions] button[value=close]")

    # Then the page says what is still missing, and the complaint stays open
    messages = page.text_content("ul.messages")
    assert "root-cause code is required" in messages
    assert "No follow-up outcome is recorded" in messages
    assert page.text_content("[data-testid=status]").strip() == "Following up"


@pytest.mark.django_db(transaction=True)
def test_manager_handles_a_complaint_from_receipt_to_closing_in_the_browser(live_server, page):
    # Given a written complaint the manager received, a root-cause code and a handler role
    from complaintdesk.complaints.models import RootCause

    organisation, district, _outsider, _receiver, manager = _district_with_staff()
    RoleAssignment.objects.create(user=manager, role=Role.HANDLER, unit=district)
    RoleAssignment.objects.create(user=manager, role=Role.RECEIVER, unit=district)
    RootCause.objects.create(organisation=organisation, code="MAINT", name_en="Maintenance lapse")
    person = complainant_find_or_create(organisation, name="Ms Chan", phone="62345678")
    person.address = "Flat 12B, Block 2, Sha Tin"  # where the reply letter goes
    person.save(update_fields=["address"])
    complaint = services.complaint_register(
        by=manager,
        unit=district,
        complainant=person,
        channel="letter",
        subject="Water leaking from ceiling",
        description="Leak in flat 12B since Monday.",
    )
    log_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/complaints/{complaint.reference}/")

    # When the manager walks it through every step in the pages
    act(page, "acknowledge")
    act(page, "assign", {"handler": str(manager.pk)})
    act(page, "start_investigation")
    record(
        page,
        "investigation",
        {
            "findings": "Pipe joint failed in the riser.",
            "responsibility": "organisation",
            "root_cause": "MAINT Maintenance lapse",
        },
    )
    act(page, "propose", {"remedy_type": "repair", "reasons": "The riser is common property."})
    reply(
        page,
        {
            "channel": "letter",
            "text": "We will repair the riser and your ceiling.",
            "reasons": "The riser is common property we maintain.",
        },
    )
    record(page, "response", {"response": "accepted"})
    act(page, "start_follow_up")
    record(page, "follow_up", {"result": "resolved", "outcome_satisfaction": "5"})
    act(page, "close")

    # Then it is closed, and the timeline tells the whole story
    assert page.text_content("[data-testid=status]").strip() == "Closed"
    timeline = page.text_content("[data-testid=timeline]")
    for said in (
        "Investigation recorded",
        "Solution proposed",
        "Reply sent",
        "Follow-up recorded",
        "Following up → Closed",
    ):
        assert said in timeline
    page.screenshot(path=str(ARTIFACTS / "complaint-closed.png"), full_page=True)
