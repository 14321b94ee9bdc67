"""Roles people hold, and what each role may do beyond the lifecycle moves.

Lifecycle moves (acknowledge, close, reopen…) list their roles in
`complaintdesk.complaints.transitions`; this module holds the rest, so that the two tables
together are the whole answer to "what may a role do".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RECEIVER = "receiver", _("Front-line receiver")
    HANDLER = "handler", _("Case handler")
    DISTRICT_MANAGER = "district_manager", _("District/branch manager")
    REGIONAL_GM = "regional_gm", _("Regional general manager")
    HQ_COMPLAINTS = "hq_complaints", _("Head-office complaints unit")
    BOARD_INVESTIGATOR = "board_investigator", _("Board-office investigator")
    EXECUTIVE = "executive", _("Executive")
    QUALITY_REVIEWER = "quality_reviewer", _("Quality reviewer")
    AUDITOR = "auditor", _("Read-only auditor")
    ADMINISTRATOR = "administrator", _("Administrator")


class Capability(models.TextChoices):
    VIEW = "view", _("See complaints")
    VIEW_SENSITIVE = "view_sensitive", _("See complainants' identity data and losses")
    REGISTER = "register", _("Register complaints")
    EDIT_RECORD = "edit_record", _("Edit the complaint record and classification")
    ADD_NOTE = "add_note", _("Add notes, calls, letters and attachments")
    INVESTIGATE = "investigate", _("Record investigation findings and handling steps")
    FOLLOW_UP = "follow_up", _("Record replies, responses and follow-up calls")


# Executives and auditors read real cases but do not need identity numbers to do so
# (domain.md, "Privacy": personal data visible only to those who need it).
_HANDLING = {
    Capability.VIEW,
    Capability.VIEW_SENSITIVE,
    Capability.ADD_NOTE,
    Capability.INVESTIGATE,
    Capability.FOLLOW_UP,
}
_MANAGING = _HANDLING | {Capability.REGISTER, Capability.EDIT_RECORD}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.RECEIVER: frozenset(
        {
            Capability.VIEW,
            Capability.VIEW_SENSITIVE,
            Capability.REGISTER,
            Capability.EDIT_RECORD,
            Capability.ADD_NOTE,
            Capability.FOLLOW_UP,
        }
    ),
    Role.HANDLER: frozenset(_HANDLING | {Capability.EDIT_RECORD}),
    Role.DISTRICT_MANAGER: frozenset(_MANAGING),
    Role.REGIONAL_GM: frozenset(_MANAGING),
    Role.HQ_COMPLAINTS: frozenset(_MANAGING),
    Role.BOARD_INVESTIGATOR: frozenset(_HANDLING | {Capability.EDIT_RECORD}),
    Role.EXECUTIVE: frozenset({Capability.VIEW, Capability.ADD_NOTE}),
    Role.QUALITY_REVIEWER: frozenset({Capability.VIEW, Capability.ADD_NOTE}),
    Role.AUDITOR: frozenset({Capability.VIEW}),
    Role.ADMINISTRATOR: frozenset(_MANAGING),
}


# Roles whose holder can be assigned a complaint to handle (a manager or the board-office
# investigator may take a case personally).
HANDLING_ROLES = frozenset(
    {
        Role.HANDLER,
        Role.BOARD_INVESTIGATOR,
        Role.DISTRICT_MANAGER,
        Role.REGIONAL_GM,
        Role.HQ_COMPLAINTS,
    }
)


# Roles that manage the people of their scope: they may act for a member of staff who has
# left or is away (a receipt confirmation recorded on the receiver's behalf).
MANAGING_ROLES = frozenset(
    {Role.DISTRICT_MANAGER, Role.REGIONAL_GM, Role.HQ_COMPLAINTS, Role.ADMINISTRATOR}
)


def role_label(role: str) -> str:
    """A role as the user's language names it; an unknown code is shown as it is."""
    return str(Role(role).label) if role in Role.values else role


def capabilities_of(roles: set[str]) -> frozenset[str]:
    result: set[str] = set()
    for role in roles:
        result |= ROLE_CAPABILITIES.get(role, frozenset())
    return frozenset(result)
