"""An incident: one cause behind many complaints, handled once, and a run that takes every
linked complaint to its reply in the complainant's own language."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import (
    EventKind,
    RemedyType,
    ReplyChannel,
    Responsibility,
    Status,
)
from complaintdesk.complaints.tests.factories import (
    RootCauseFactory,
    complaint_at,
    drive_to,
    org_tree,
    staff,
)
from complaintdesk.core.errors import GuardFailed, NotPermitted
from complaintdesk.incidents.services import (
    incident_link,
    incident_open,
    incident_run,
    incident_update,
)

pytestmark = pytest.mark.django_db

REPLIES = {
    "reply_zh_hans": "二座电梯门感应器故障，已于周一更换。",
    "reply_zh_hant": "二座升降機門感應器故障，已於週一更換。",
    "reply_en": "The door sensor of the block 2 lift failed; it was replaced on Monday.",
}


@pytest.fixture
def lift():
    """A district manager's incident about one lift, handled once: findings, a repair and the
    reply in the three languages."""
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    incident = incident_open(tree.organisation, manager, title="Block 2 lift out of service")
    incident_update(
        incident, manager,
        findings="The door sensor failed; the contractor replaced it on Monday.",
        responsibility=Responsibility.THIRD_PARTY,
        root_cause=RootCauseFactory(organisation=tree.organisation),
        remedy_type=RemedyType.REPAIR, reasons="The contractor's part failed.",
        appeal_route="Write to the head office within 30 days.",
        reply_channel=ReplyChannel.LETTER, **REPLIES,
    )  # fmt: skip
    return tree, manager, incident


def test_three_complainants_are_answered_in_one_run_each_in_their_own_language(lift):
    # Given three complaints about the lift at different stages, in the three languages
    tree, manager, incident = lift
    fresh = complaint_at(tree.site, language="zh-hant")
    assigned = drive_to(complaint_at(tree.site, language="zh-hans"), "assigned", by=manager)
    investigating = drive_to(complaint_at(tree.site, language="en"), "investigating", by=manager)
    for complaint in (fresh, assigned, investigating):
        incident_link(incident, complaint, manager)

    # When the manager runs the incident
    report = incident_run(incident, manager)

    # Then every complaint was replied to, in its complainant's language, with the findings
    assert sorted(report.replied) == sorted(c.reference for c in (fresh, assigned, investigating))
    for complaint, text in (
        (fresh, "reply_zh_hant"),
        (assigned, "reply_zh_hans"),
        (investigating, "reply_en"),
    ):
        complaint.refresh_from_db()
        assert complaint.status == Status.REPLIED
        assert complaint.findings == incident.findings
        assert complaint.replies.get().text == REPLIES[text]
    # And each link says what was done
    assert all(link.last_run_ok for link in incident.links.all())


def test_a_complaint_the_run_cannot_move_is_named_and_the_others_are_answered(lift):
    # Given one complaint waiting for the complainant and one ready to investigate
    tree, manager, incident = lift
    waiting = drive_to(complaint_at(tree.site), "awaiting_complainant", by=manager)
    ready = drive_to(complaint_at(tree.site), "assigned", by=manager)
    incident_link(incident, waiting, manager)
    incident_link(incident, ready, manager)

    # When the incident is run
    report = incident_run(incident, manager)

    # Then the ready one is replied to and the waiting one is reported as not replied
    assert report.replied == [ready.reference]
    assert [reference for reference, _why in report.stopped] == [waiting.reference]
    link = incident.links.get(complaint=waiting)
    assert not link.last_run_ok and link.last_run_stopped_at == "state"
    # And what the run did is kept as steps, named in whoever reads it's language
    done = incident.links.get(complaint=ready)
    assert done.last_run_steps == ["start", "findings", "propose", "reply"]


def test_a_complaint_joins_one_incident_and_its_timeline_says_so(lift):
    tree, manager, incident = lift
    complaint = complaint_at(tree.site)
    incident_link(incident, complaint, manager)
    other = incident_open(tree.organisation, manager, title="Another")

    with pytest.raises(GuardFailed):
        incident_link(other, complaint, manager)
    event = complaint.events.get(kind=EventKind.INCIDENT_LINKED)
    assert event.text == incident.title and event.data["incident_id"] == incident.pk


def test_only_managers_open_incidents():
    tree = org_tree()
    with pytest.raises(NotPermitted):
        incident_open(tree.organisation, staff(Role.HANDLER, tree.site), title="Lift")
