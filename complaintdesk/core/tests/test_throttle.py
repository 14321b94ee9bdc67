"""The fixed-window rate limit: counted in the database, one statement a hit."""

from datetime import UTC, datetime, timedelta

import pytest

from complaintdesk.core.models import ThrottleWindow
from complaintdesk.core.throttle import throttle_hit

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


def test_a_key_is_refused_past_its_limit_and_counted_afresh_in_the_next_window():
    # Given a limit of three a minute
    at = datetime(2026, 12, 8, 9, 30, 10, tzinfo=UTC)
    # When one client uses it four times in that minute
    answers = [throttle_hit("api:1", limit=3, window=MINUTE, at=at) for _ in range(4)]
    # Then the fourth is refused, another key is not, and the next minute starts again
    assert answers == [True, True, True, False]
    assert throttle_hit("api:2", limit=3, window=MINUTE, at=at)
    assert throttle_hit("api:1", limit=3, window=MINUTE, at=at + MINUTE)
    assert ThrottleWindow.objects.get(key="api:1", window_start=at.replace(second=0)).hits == 4


def test_windows_long_past_are_cleared_when_the_key_comes_back():
    # Given a key used at 09:30
    at = datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
    throttle_hit("form:10.0.0.1", limit=5, window=MINUTE, at=at)
    # When it comes back at 09:45
    throttle_hit("form:10.0.0.1", limit=5, window=MINUTE, at=at + 15 * MINUTE)
    # Then only the new window is kept
    assert list(
        ThrottleWindow.objects.filter(key="form:10.0.0.1").values_list("hits", flat=True)
    ) == [1]
