"""Signing in to the Django admin as an organisation's administrator, for the admin tests of
every app."""

from django.test import Client

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import OrgTree, staff


def administrator_of(tree: OrgTree) -> User:
    """The organisation's administrator as the demo makes one: the role at the head office,
    and the staff flag Django's admin asks for (admin_access)."""
    return staff(Role.ADMINISTRATOR, tree.head_office, is_staff=True)


def signed_in_as_administrator(client: Client, tree: OrgTree) -> User:
    user = administrator_of(tree)
    client.force_login(user)
    return user
