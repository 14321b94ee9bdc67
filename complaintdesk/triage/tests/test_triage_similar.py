"""Duplicates and repeats at intake: the same complainant's open complaints, and neighbours'
near-identical complaints at the same unit, across scripts, each with a score; and the
complaint page's offer to join the incident one of them is already under."""

import pytest

from complaintdesk.complaints.tests.factories import (
    ComplainantFactory,
    complaint_at,
    drive_to,
    manager_for,
    org_tree,
)
from complaintdesk.incidents.services import incident_link, incident_open
from complaintdesk.triage.selectors import triage_panel

pytestmark = pytest.mark.django_db

LIFT_SIMPLIFIED = ("第三座电梯停了", "第三座的电梯从昨晚开始停了，老人家上落很不方便，请尽快维修")
LIFT_TRADITIONAL = ("第三座電梯停了", "第三座的電梯從昨晚開始停了，老人家上落很不方便，請盡快維修")


def _at(tree, text, **kwargs):
    subject, description = text
    return complaint_at(tree.site, subject=subject, description=description, **kwargs)


def test_a_neighbour_reporting_the_same_lift_in_the_other_script_is_found():
    # Given a neighbour's open complaint about the lift, in Simplified characters
    tree = org_tree()
    first = _at(tree, LIFT_SIMPLIFIED)
    # and an unrelated open complaint at the same site
    _at(tree, ("Noise at night", "Renovation works next door go on after 11 pm."))

    # When another resident reports the same in Traditional characters
    second = _at(tree, LIFT_TRADITIONAL)

    # Then the suggestion lists the first complaint, closely alike, and not the noise
    similar = second.triage.similar
    assert [row[1] for row in similar] == [first.reference]
    complaint_id, _reference, score, same_person = similar[0]
    assert complaint_id == first.pk and score > 0.6 and same_person is False


def test_the_same_complainants_open_complaint_is_listed_whatever_it_says():
    tree = org_tree()
    caller = ComplainantFactory(organisation=tree.organisation)
    earlier = _at(tree, ("Parking fee", "I was charged twice for parking."), complainant=caller)
    closed = _at(tree, ("Old matter", "Something long settled."), complainant=caller)
    drive_to(closed, "closed")

    later = _at(tree, LIFT_SIMPLIFIED, complainant=caller)

    assert [(row[1], row[3]) for row in later.triage.similar] == [(earlier.reference, True)]


def test_the_page_offers_to_join_the_incident_a_twin_is_under():
    # Given the first lift complaint under an open incident
    tree = org_tree()
    first = _at(tree, LIFT_SIMPLIFIED)
    manager = manager_for(first)
    incident = incident_open(tree.organisation, manager, title="Block 3 lift")
    incident_link(incident, first, manager)

    # When the twin arrives and the manager looks at its triage
    second = _at(tree, LIFT_TRADITIONAL)
    panel = triage_panel(manager, second)

    # Then the twin is shown with the incident it could join
    assert panel is not None
    [alike] = panel.alike
    assert (alike.reference, alike.incident_id) == (first.reference, incident.pk)
    assert alike.percent > 60
