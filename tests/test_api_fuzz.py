"""schemathesis over the whole OpenAPI schema (issue 19.10), logged in as head and as school.

Every operation gets a bounded number of generated requests through the WSGI application (no server):
no answer may be a 5xx, and every answer must be documented (status code, content type, body schema).
Failures are collected for all operations and reported together instead of stopping at the first one.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished
from django.core.signals import request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import content_type_conformance
from schemathesis.checks import not_a_server_error
from schemathesis.checks import response_schema_conformance
from schemathesis.checks import status_code_conformance
from schemathesis.core.failures import FailureGroup

from associations.tests.factories import AssociationFactory
from associations.tests.factories import CompetitionFactory
from banks.tests.factories import ItemFactory
from core.tests.factories import PedagogueFactory
from innovation.tests.factories import ProjectFactory
from mentoring.tests.factories import ProgrammeFactory

EXAMPLES = 4
CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)


@pytest.fixture
def records(city, school, other_school, year):
    """A few rows of each kind, so generated ids sometimes hit a real record (ids 1..)."""
    PedagogueFactory(institution=school)
    PedagogueFactory(institution=other_school)
    AssociationFactory(municipality=city)
    CompetitionFactory(municipality=city)
    ProgrammeFactory(institution=school)
    ProjectFactory(institution=school)
    ItemFactory(institution=school)


@contextmanager
def connections_kept():
    """Keep the test's database connection across the WSGI calls, as Django's test client does: the
    request signals would otherwise close a connection older than CONN_MAX_AGE in the middle of the test's
    transaction (PostgreSQL; SQLite's in-memory test database is never closed)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def fuzz(user) -> list[str]:
    with connections_kept():
        return _fuzz(user)


def _fuzz(user) -> list[str]:
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    schema.app = get_wsgi_application()
    headers = {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call(headers=headers)
            try:
                case.validate_response(response, checks=CHECKS)
            except (Exception, FailureGroup) as exc:  # noqa: BLE001 - every check failure is collected
                failures.append(f"{case.method} {case.formatted_path} → {response.status_code}: "
                                f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")

        run()
    return failures


@pytest.mark.parametrize("persona", ["head", "school_user"])
def test_the_api_answers_fuzzed_requests_as_documented(persona, records, request):
    failures = fuzz(request.getfixturevalue(persona))
    assert not failures, "\n".join(sorted(set(failures)))
