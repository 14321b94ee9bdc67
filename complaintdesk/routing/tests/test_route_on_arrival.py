"""Organisations that opt in have new complaints routed the moment they are registered."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel, Status
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff

from .factories import rule_in

pytestmark = pytest.mark.django_db


def test_a_new_complaint_is_routed_at_registration_when_the_organisation_opts_in():
    # Given an organisation routing new complaints, with a rule for e-mails
    tree = org_tree(route_new_complaints=True)
    handler = staff(Role.HANDLER, tree.site)
    rule_in(tree, name="E-mails to the site team", channel=Channel.EMAIL)
    # When a receiver registers an e-mail complaint
    complaint = complaint_at(tree.site, channel=Channel.EMAIL)
    # Then it is assigned to the site handler, and the timeline says which rule did it
    assert (complaint.status, complaint.handler) == (Status.ASSIGNED, handler)
    event = complaint.events.get(kind=EventKind.STATUS_CHANGED, action="assign")
    assert event.data["routing"]["rule"]["name"] == "E-mails to the site team"


def test_without_a_matching_rule_the_complaint_waits_in_the_queue():
    tree = org_tree(route_new_complaints=True)
    staff(Role.HANDLER, tree.site)
    rule_in(tree, channel=Channel.EMAIL)
    complaint = complaint_at(tree.site, channel=Channel.PHONE)
    assert complaint.status == Status.RECEIVED


def test_organisations_that_did_not_opt_in_route_by_hand():
    tree = org_tree()
    staff(Role.HANDLER, tree.site)
    rule_in(tree)
    assert complaint_at(tree.site).status == Status.RECEIVED
