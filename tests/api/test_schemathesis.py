"""Property-based fuzzing of every operation from the OpenAPI document (schemathesis over WSGI).

No response may be a 5xx, and every response must match the schema: its status code is
declared, its body validates. Bounded (examples per operation, no deadline) to stay under a
minute or two in CI. Runs as root (admin) so generated ids can reach stored records.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.api.conftest import World

MAX_EXAMPLES = 25


# Loaded at import: serving the OpenAPI document needs Django (set up by pytest-django), not the database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def _open_connection() -> Iterator[None]:
    """Keep the test's database connection across requests, as Django's test client does.

    The WSGI handler closes the connection after each request; that would end the test's
    transaction (and, on PostgreSQL, break every following query).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("_open_connection")
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_it_answers_every_generated_request_within_its_schema(case: schemathesis.Case, world: World) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['root']}"}
    response = case.call(headers=headers)
    assert response.status_code not in {401, 403}, "the admin token must be accepted"
    case.validate_response(
        response, checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
