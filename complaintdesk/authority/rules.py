"""The authority order: who stands above whom when a remedy needs approval (domain.md step 6).

This is not the escalation ladder of issue 4. That one (who is told when a complaint runs late)
is configured per organisation in the sla app; this one is the order of authority to grant a
remedy, the same in every organisation, and lives here alone.
"""

from complaintdesk.accounts.roles import Role

# Lowest rung first; the front line (handler, board-office investigator, receiver) stands below
# it. The executives stand above head office in the organisation, but they do not work cases in
# ComplaintDesk (they may only read and note), so head office is the last rung that can approve:
# a remedy beyond its own limit still goes to head office, who take it further.
AUTHORITY_LADDER: tuple[str, ...] = (
    Role.DISTRICT_MANAGER,
    Role.REGIONAL_GM,
    Role.HQ_COMPLAINTS,
)


def authority_rank(roles: set[str]) -> int:
    """How high the highest of these roles stands: 0 below the ladder, 1 for its first rung…

    Roles off the ladder (administrator, auditor…) count as the front line: holding them grants
    no authority to approve remedies.
    """
    return max((AUTHORITY_LADDER.index(r) + 1 for r in roles if r in AUTHORITY_LADDER), default=0)


def rungs_above(rank: int) -> tuple[str, ...]:
    """The ladder's roles above `rank`, lowest first."""
    return AUTHORITY_LADDER[rank:]
