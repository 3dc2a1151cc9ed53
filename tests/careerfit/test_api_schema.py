"""The OpenAPI schema, exercised by schemathesis: generated requests for every operation,
and every response must match what the schema promises. Never a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from careerfit.api import api


@pytest.fixture(autouse=True)
def _unlimited_scoring(settings):
    """Thousands of generated bodies from one address; the limit has tests of its own."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_scoring": "1000000/m"}


# Loaded from the API object itself, then called through the WSGI app like a client would.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _schemathesis_host(settings):
    # schemathesis sends Host: localhost.
    settings.ALLOWED_HOSTS = ["localhost"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Keep the test's database connection across requests, as Django's test client does.

    The WSGI handler closes connections when a request ends; inside a test transaction
    that would close the connection the test runs in.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_api_matches_its_schema(case):
    # Role, skill and certification slugs are checked against the catalogue, which admins
    # edit, so a body can fit the schema and still name an unknown role: that 422 is right.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
