"""The unit tree's materialised path: what scope checks range over."""

import pytest

from complaintdesk.accounts.models import PATH_SEGMENT_WIDTH, OrgUnit, subtree_q
from complaintdesk.accounts.roles import Capability, Role, capabilities_of
from complaintdesk.complaints.tests.factories import (
    DistrictFactory,
    OrgUnitFactory,
    SiteFactory,
    org_tree,
)

pytestmark = pytest.mark.django_db


def test_a_units_path_is_its_ancestors_ids_and_its_own_in_fixed_width():
    # Given / When a head office, a region, a district and a site are created
    site = SiteFactory()
    district = site.parent
    region = district.parent
    head_office = region.parent

    # Then each path extends its parent's by its own id, eight digits wide
    assert head_office.path == f"{head_office.pk:08d}"
    assert region.path == head_office.path + f"{region.pk:08d}"
    assert site.path == district.path + f"{site.pk:08d}"
    assert len(site.path) == 4 * PATH_SEGMENT_WIDTH


def test_the_subtree_of_a_unit_is_the_unit_and_its_descendants_only():
    # Given an organisation tree and another organisation
    tree = org_tree()
    other = org_tree()

    # When the district's subtree is queried
    subtree = set(OrgUnit.objects.filter(subtree_q("path", tree.district.path)))

    # Then it is the district and its two sites: not its sibling, its parent, or anything else
    assert subtree == {tree.district, tree.site, tree.other_site}
    assert tree.district.contains(tree.site)
    assert not tree.district.contains(tree.sibling_site)
    assert not tree.site.contains(tree.district)
    assert not set(OrgUnit.objects.filter(subtree_q("path", other.head_office.path))) & subtree


def test_moving_a_unit_rewrites_the_paths_of_its_whole_subtree():
    # Given a district with a site, a region beside its own
    tree = org_tree()
    new_region = OrgUnitFactory(
        organisation=tree.organisation, parent=tree.head_office, kind="region"
    )
    deeper = SiteFactory(parent=tree.site, kind="department")

    # When the district moves to the new region
    tree.district.parent = new_region
    tree.district.save()

    # Then every unit below it follows
    for unit in (tree.district, tree.site, tree.other_site, deeper):
        unit.refresh_from_db()
        assert unit.path == unit.parent.path + f"{unit.pk:08d}"
        assert unit.path.startswith(new_region.path)
    tree.sibling_district.refresh_from_db()
    assert tree.sibling_district.path.startswith(tree.region.path)


def test_a_unit_cannot_be_moved_below_itself():
    # Given a district and its site
    tree = org_tree()
    old_path = tree.district.path

    # When the district is put below its own site / Then it is refused and nothing moves
    tree.district.parent = tree.site
    with pytest.raises(ValueError, match="below itself"):
        tree.district.save()
    tree.district.refresh_from_db()
    assert tree.district.path == old_path


def test_a_units_parent_must_belong_to_the_same_organisation():
    # Given two organisations
    tree, other = org_tree(), org_tree()

    # When a district is given a parent of the other organisation / Then it is refused
    with pytest.raises(ValueError, match="same organisation"):
        DistrictFactory(organisation=tree.organisation, parent=other.region)


def test_holding_several_roles_gives_the_union_of_their_capabilities():
    # Given / When a receiver is also a quality reviewer
    combined = capabilities_of({Role.RECEIVER, Role.QUALITY_REVIEWER})

    # Then they have what either role has
    assert Capability.REGISTER in combined
    assert Capability.ADD_NOTE in combined
    assert Capability.INVESTIGATE not in combined
    assert capabilities_of(set()) == frozenset()


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_at_least_see_complaints(role):
    assert Capability.VIEW in capabilities_of({role})
