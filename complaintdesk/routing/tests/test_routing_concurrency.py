"""Routing many complaints at the same moment shares them out as routing them one by one would:
the rule's row is locked while its pick is made, for both strategies."""

from collections import Counter

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.core.testing import run_in_threads

from ..models import Strategy
from ..services import complaint_route
from .factories import router, rule_in

THREADS = 4
PER_THREAD = 5


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("strategy", [Strategy.ROUND_ROBIN, Strategy.LEAST_LOADED])
def test_complaints_routed_at_once_are_shared_out_evenly(strategy: str):
    # Given four idle handlers, a rule, and four desks each with five complaints to route
    tree = org_tree()
    handlers = [staff(Role.HANDLER, tree.site) for _ in range(THREADS)]
    rule_in(tree, strategy=strategy)
    desks = [
        (router(tree), [complaint_at(tree.site) for _ in range(PER_THREAD)]) for _ in range(THREADS)
    ]
    chosen: list[int] = []

    def route_all(by, complaints) -> None:
        for complaint in complaints:
            chosen.append(complaint_route(complaint, by).handler.pk)

    # When all desks route their complaints at the same moment
    failures = run_in_threads(route_all, desks)

    # Then nothing failed and every handler got exactly five
    assert failures == []
    assert Counter(chosen) == {handler.pk: PER_THREAD for handler in handlers}
