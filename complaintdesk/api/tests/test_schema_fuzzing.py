"""schemathesis over the whole OpenAPI schema, in process: generated requests (valid and
not) to every operation find no server error and no response that breaks the schema."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.tokens import api_token_create
from complaintdesk.api.api import api
from complaintdesk.complaints.tests.factories import ComplaintFactory, org_tree, staff

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = get_wsgi_application()

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def in_process():
    """Requests through the WSGI handler inside the test's transaction: as Django's own test
    client does, the handler must not close the test's database connection after each one."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(db, in_process):
    """A receiver's token, with a complaint in their scope to read."""
    tree = org_tree()
    user = staff(Role.RECEIVER, tree.site, username="fuzz")
    ComplaintFactory(unit=tree.site, by=user)
    _, raw = api_token_create(user, "fuzzing")
    return {"Authorization": f"Bearer {raw}"}


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_generated_request_breaks_the_server_or_the_schema(case, bearer):
    case.call_and_validate(headers=bearer, checks=CHECKS)
