"""Whom the assignment chooser offers: the handlers of the complaint's line, nearest unit
first seen, with their open load and whether they are away."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.routing.models import Absence
from complaintdesk.routing.selectors import assignment_candidates

pytestmark = pytest.mark.django_db


def test_the_line_s_handlers_are_offered_with_their_load_and_absence():
    # Given handlers at the site, a district manager, head office, a handler of a sibling
    # district and the board office's investigator
    tree = org_tree()
    busy = staff(Role.HANDLER, tree.site, username="busy")
    free = staff(Role.HANDLER, tree.site, username="free")
    away = staff(Role.HANDLER, tree.site, username="away")
    manager = staff(Role.DISTRICT_MANAGER, tree.district, username="manager")
    hq = staff(Role.HQ_COMPLAINTS, tree.head_office, username="hq")
    staff(Role.HANDLER, tree.sibling_site, username="elsewhere")
    staff(Role.BOARD_INVESTIGATOR, tree.board_office, username="board")
    staff(Role.RECEIVER, tree.site, username="receiver")
    for _ in range(2):
        drive_to(complaint_at(tree.site), "assigned", by=manager, handler=busy)
    now = timezone.now()
    Absence.objects.create(
        user=away, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=1)
    )
    complaint = complaint_at(tree.site)

    # When the chooser asks whom to offer
    offered = assignment_candidates(complaint, now)

    # Then the line's handling people are offered, top of the line first, and nobody else
    assert [c.user for c in offered] == [hq, manager, free, busy, away]
    by_user = {c.user: c for c in offered}
    assert by_user[busy].load == 2 and by_user[free].load == 0
    assert by_user[away].away and not by_user[free].away
    assert by_user[manager].unit == tree.district and by_user[manager].role == Role.DISTRICT_MANAGER
