"""permissions.sensitive_sight, the many-complaints form of can_view_sensitive that exports
use: the same answer for every role and every complaint, and no query per complaint."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import permissions
from complaintdesk.complaints.models import Complaint

from .factories import ComplaintFactory, staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_sensitive_sight_answers_as_can_view_sensitive_for_every_role(tree, role):
    # Given complaints in and out of the role's district, and one of another organisation
    complaints = [
        ComplaintFactory(unit=tree.site),
        ComplaintFactory(unit=tree.sibling_site),
        ComplaintFactory(),
    ]
    user = staff(role, tree.district)
    # And one the user received or handles themselves, where the role allows it
    if role == Role.RECEIVER:
        complaints.append(ComplaintFactory(unit=tree.site, by=user))

    # When the export's sight is asked for each of them
    sees = permissions.sensitive_sight(user)

    # Then it answers as the one-complaint check does
    for complaint in Complaint.objects.filter(pk__in=[c.pk for c in complaints]):
        assert sees(complaint) == permissions.can_view_sensitive(user, complaint)


def test_sensitive_sight_reads_the_users_roles_once_and_nothing_per_complaint(tree):
    for unit in (tree.site, tree.other_site, tree.sibling_site):
        ComplaintFactory(unit=unit)
    user = staff(Role.HANDLER, tree.region)
    complaints = list(Complaint.objects.all())

    with CaptureQueriesContext(connection) as queries:
        sees = permissions.sensitive_sight(user)
        setup = len(queries)
        answers = [sees(complaint) for complaint in complaints]

    assert answers == [True, True, True]
    assert len(queries) == setup
