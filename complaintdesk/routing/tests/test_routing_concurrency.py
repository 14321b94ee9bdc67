"""Routing many complaints at the same moment shares them out as routing them one by one would:
the rule's row is locked while its pick is made, for both strategies."""

import threading
from collections import Counter

import pytest
from django.db import connections

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff

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
    start = threading.Barrier(THREADS)
    chosen: list[int] = []
    failures: list[BaseException] = []

    def route_all(by, complaints) -> None:
        try:
            start.wait(timeout=30)
            for complaint in complaints:
                chosen.append(complaint_route(complaint, by).handler.pk)
        except BaseException as error:  # reported below, in the test's own thread
            failures.append(error)
        finally:
            connections.close_all()

    # When all desks route their complaints at the same moment
    threads = [threading.Thread(target=route_all, args=desk) for desk in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # Then nothing failed and every handler got exactly five
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    assert Counter(chosen) == {handler.pk: PER_THREAD for handler in handlers}
