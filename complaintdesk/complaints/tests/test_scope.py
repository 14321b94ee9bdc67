"""Who sees which complaint: a role reaches the subtree of the unit it is held in; the assigned
handler and the original receiver keep their own complaint wherever it goes; outside sight a
complaint does not exist."""

from dataclasses import dataclass

import pytest

from complaintdesk.accounts.models import RoleAssignment, User
from complaintdesk.accounts.roles import Capability, Role
from complaintdesk.complaints import permissions, services
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.errors import NotFound, NotPermitted

from .factories import OrgTree, RegionFactory, UserFactory, complaint_at, drive_to, org_tree, staff

pytestmark = pytest.mark.django_db


@dataclass
class Spread:
    tree: OrgTree
    at_district: Complaint
    at_site: Complaint
    at_other_site: Complaint
    at_sibling_district: Complaint
    at_sibling_site: Complaint
    at_board_office: Complaint
    in_other_organisation: Complaint

    @property
    def all(self) -> list[Complaint]:
        return [getattr(self, name) for name in self.__dataclass_fields__ if name != "tree"]

    @property
    def of_the_district(self) -> set[int]:
        return {self.at_district.pk, self.at_site.pk, self.at_other_site.pk}

    @property
    def of_the_organisation(self) -> set[int]:
        return {c.pk for c in self.all if c.organisation_id == self.tree.organisation.pk}


def _spread() -> Spread:
    """One complaint in each corner of an organisation, and one in another organisation."""
    tree = org_tree()
    return Spread(
        tree=tree,
        at_district=complaint_at(tree.district),
        at_site=complaint_at(tree.site),
        at_other_site=complaint_at(tree.other_site),
        at_sibling_district=complaint_at(tree.sibling_district),
        at_sibling_site=complaint_at(tree.sibling_site),
        at_board_office=complaint_at(tree.board_office),
        in_other_organisation=complaint_at(org_tree().site),
    )


def _seen(user: User, spread: Spread) -> set[int]:
    """What the user sees, asserting that the list and the one-by-one check agree."""
    pks = [c.pk for c in spread.all]
    listed = set(
        permissions.visible_complaints(user).filter(pk__in=pks).values_list("pk", flat=True)
    )
    fresh = Complaint.objects.filter(pk__in=pks)
    one_by_one = {c.pk for c in fresh if permissions.can_view(user, c)}
    assert listed == one_by_one
    return listed


@pytest.mark.parametrize("role", list(Role))
def test_a_role_held_at_a_district_sees_the_district_and_its_sites_and_nothing_else(role):
    # Given complaints across two organisations and a user holding the role at one district
    spread = _spread()
    user = staff(role, spread.tree.district)

    # When we ask what the user sees
    seen = _seen(user, spread)

    # Then it is the district and its sites: no sibling district, no board office, no other org
    assert seen == spread.of_the_district


@pytest.mark.parametrize("role", list(Role))
def test_a_role_held_at_head_office_sees_everything_in_its_organisation_only(role):
    # Given complaints across two organisations and a user holding the role at head office
    spread = _spread()
    user = staff(role, spread.tree.head_office)

    # When we ask what the user sees / Then it is the whole organisation and nothing else
    assert _seen(user, spread) == spread.of_the_organisation


def test_a_handler_assigned_from_outside_the_scope_sees_and_handles_their_complaint_only():
    # Given a handler of the sibling district assigned to a complaint at a site
    spread = _spread()
    handler = staff(Role.HANDLER, spread.tree.sibling_district)
    manager = staff(Role.DISTRICT_MANAGER, spread.tree.district)
    services.complaint_assign(spread.at_site, manager, handler)

    # When we ask what the handler sees
    seen = _seen(User.objects.get(pk=handler.pk), spread)

    # Then they see their complaint (and their own district's), not the rest of its district
    assert seen == {spread.at_site.pk, spread.at_sibling_district.pk, spread.at_sibling_site.pk}

    # And they may work on it
    services.complaint_start_investigation(spread.at_site, handler)
    spread.at_site.refresh_from_db()
    assert spread.at_site.status == Status.INVESTIGATING


def test_a_board_investigator_assigned_from_the_board_office_sees_and_works_on_the_complaint():
    # Given a complaint at a site, assigned to the board office's dedicated investigator
    spread = _spread()
    investigator = staff(Role.BOARD_INVESTIGATOR, spread.tree.board_office)
    manager = staff(Role.DISTRICT_MANAGER, spread.tree.district)
    services.complaint_assign(spread.at_site, manager, investigator)
    investigator = User.objects.get(pk=investigator.pk)

    # When we ask what the investigator sees / Then it includes the assigned complaint
    assert spread.at_site.pk in _seen(investigator, spread)

    # And they may start the investigation
    services.complaint_start_investigation(spread.at_site, investigator)


def test_the_original_receiver_keeps_sight_of_their_complaint_after_moving_to_another_unit():
    # Given a receiver who registered complaints at a site and then moved to the sibling district
    spread = _spread()
    receiver = spread.at_site.received_by
    complaint_at(spread.tree.site, by=receiver)
    RoleAssignment.objects.filter(user=receiver).update(unit=spread.tree.sibling_site)
    someone_elses = complaint_at(spread.tree.site)

    # When we ask what the receiver sees now
    receiver = User.objects.get(pk=receiver.pk)
    visible = set(permissions.visible_complaints(receiver).values_list("pk", flat=True))

    # Then their own complaints stay in sight, the site's other complaints do not
    own = set(Complaint.objects.filter(received_by=receiver).values_list("pk", flat=True))
    assert own <= visible
    assert someone_elses.pk not in visible
    assert spread.at_other_site.pk not in visible
    assert permissions.can_view(receiver, spread.at_site)
    assert not permissions.can_view(receiver, someone_elses)


def test_visible_complaints_agrees_with_can_view_for_every_kind_of_user():
    # Given complaints everywhere, some assigned, and users of every role at several units
    spread = _spread()
    tree = spread.tree
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    outside_handler = staff(Role.HANDLER, tree.sibling_site)
    services.complaint_assign(spread.at_other_site, manager, outside_handler)
    drive_to(spread.at_site, Status.CLOSED, by=manager)
    users = [staff(role, unit) for role in Role for unit in (tree.site, tree.region)]
    users += [outside_handler, spread.at_board_office.received_by, UserFactory()]
    users.append(staff(Role.AUDITOR, spread.in_other_organisation.unit))

    for user in users:
        user = User.objects.get(pk=user.pk)

        # When we list what the user sees and check each complaint one by one
        listed = set(permissions.visible_complaints(user).values_list("pk", flat=True))
        one_by_one = {c.pk for c in Complaint.objects.all() if permissions.can_view(user, c)}

        # Then both answers are the same
        assert listed == one_by_one, user


def test_a_user_without_roles_or_with_roles_only_at_inactive_units_sees_nothing():
    # Given a user with no role, and one whose only unit was deactivated
    spread = _spread()
    nobody = UserFactory()
    retired = staff(Role.HQ_COMPLAINTS, spread.tree.district)
    spread.tree.district.is_active = False
    spread.tree.district.save()

    # When we ask what they see / Then it is nothing
    assert _seen(nobody, spread) == set()
    assert _seen(User.objects.get(pk=retired.pk), spread) == set()


# --- outside sight a complaint does not exist -------------------------------------------------


def test_require_capability_outside_scope_says_not_found_not_forbidden():
    # Given a manager of the sibling district and a complaint at a site of the district
    spread = _spread()
    outsider = staff(Role.DISTRICT_MANAGER, spread.tree.sibling_district)

    # When the capability is required / Then the complaint does not exist for them
    for capability in Capability:
        with pytest.raises(NotFound):
            permissions.require_capability(outsider, spread.at_site, capability)


def test_require_capability_inside_scope_without_the_capability_says_not_permitted():
    # Given an auditor of the district
    spread = _spread()
    auditor = staff(Role.AUDITOR, spread.tree.district)

    # When a capability the auditor lacks is required / Then it is forbidden, not hidden
    permissions.require_capability(auditor, spread.at_site, Capability.VIEW)
    with pytest.raises(NotPermitted):
        permissions.require_capability(auditor, spread.at_site, Capability.INVESTIGATE)


def test_a_move_on_a_complaint_outside_scope_is_not_found_and_writes_nothing():
    # Given a manager of the sibling district
    spread = _spread()
    outsider = staff(Role.DISTRICT_MANAGER, spread.tree.sibling_district)
    events = spread.at_site.events.count()

    # When they try to acknowledge a complaint of another district
    with pytest.raises(NotFound):
        services.complaint_acknowledge(spread.at_site, outsider)

    # Then nothing happened
    spread.at_site.refresh_from_db()
    assert spread.at_site.status == Status.RECEIVED
    assert spread.at_site.events.count() == events


# --- moving a unit in the tree ----------------------------------------------------------------


def test_moving_a_district_to_another_region_rewrites_paths_and_scope_follows():
    # Given a district with a site and complaints, under region A; region B beside it
    spread = _spread()
    tree = spread.tree
    region_b = RegionFactory(parent=tree.head_office)
    gm_a = staff(Role.REGIONAL_GM, tree.region)
    gm_b = staff(Role.REGIONAL_GM, region_b)
    district_manager = staff(Role.DISTRICT_MANAGER, tree.district)
    assert _seen(gm_b, spread) == set()

    # When the district is moved under region B
    tree.district.parent = region_b
    tree.district.save()

    # Then the district, its sites and its complaints carry the new path
    tree.district.refresh_from_db()
    assert tree.district.path == f"{region_b.path}{tree.district.pk:08d}"
    for unit in (tree.site, tree.other_site):
        unit.refresh_from_db()
        assert unit.path == f"{tree.district.path}{unit.pk:08d}"
    for complaint in (spread.at_district, spread.at_site, spread.at_other_site):
        complaint.refresh_from_db()
        complaint.unit.refresh_from_db()
        assert complaint.unit_path == complaint.unit.path
    sibling = spread.at_sibling_site
    sibling.refresh_from_db()
    assert sibling.unit_path.startswith(tree.region.path)

    # And region B's manager now sees them, region A's no longer, the district's still does
    fresh = [User.objects.get(pk=u.pk) for u in (gm_a, gm_b, district_manager)]
    gm_a, gm_b, district_manager = fresh
    assert _seen(gm_b, spread) == spread.of_the_district
    assert _seen(gm_a, spread) == {spread.at_sibling_district.pk, spread.at_sibling_site.pk}
    assert _seen(district_manager, spread) == spread.of_the_district


def test_a_complaint_registered_after_a_move_is_filed_under_the_new_path():
    # Given a site moved to the sibling district
    tree = org_tree()
    tree.site.parent = tree.sibling_district
    tree.site.save()

    # When a complaint is registered at the site
    complaint = complaint_at(tree.site)

    # Then the sibling district's manager sees it, the old district's does not
    assert complaint.unit_path.startswith(tree.sibling_district.path)
    assert permissions.can_view(staff(Role.DISTRICT_MANAGER, tree.sibling_district), complaint)
    assert not permissions.can_view(staff(Role.DISTRICT_MANAGER, tree.district), complaint)
