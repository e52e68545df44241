"""Property-based tests of the whole API against its own OpenAPI schema (DESIGN: schemathesis).

Schemathesis reads /api/v1/openapi.json from the WSGI application and, for every operation,
generates requests (valid and invalid) and checks what a client relies on: no server error,
only documented status codes, and bodies and content types as the schema says.
Every read runs anonymously and again with the Bearer token of a confirmed focal point (who sees their own
drafts, their account and their introductions); every write runs with that token.
Path parameters are sometimes swapped for ids of real objects, so requests get past the 404s.
Each test records how many requests it sent and how many got a server error; the terminal summary adds them
up under "figures" (tests/conftest.py).
"""

from __future__ import annotations

import contextlib
import copy

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from clearinghouse.wsgi import application

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@contextlib.contextmanager
def _connections_kept():
    """Call the WSGI application as Django's test client does: without closing the database connection
    at the end of each request (on PostgreSQL that would close the test's transaction)."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in signals:
            signal.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _keep_connections():
    with _connections_kept():
        yield


def _load_schema():
    """The schema the application serves, with one known inaccuracy corrected (see test_openapi.py).

    ninja marks every operation with the Bearer scheme as if it were required, while reads are
    anonymous by design (api/auth.py SessionOrAnonymous). Left as is, every anonymous read counts as
    "invalid data accepted"; marked optional (`{}` in `security`), the rest of the schema is tested as served.
    """
    with _connections_kept():
        served = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    raw = copy.deepcopy(served.raw_schema)
    for path, operations in raw["paths"].items():
        for operation in operations.values():
            security = operation.get("security")
            if security and path not in ANONYMOUS_401 and {} not in security:
                security.append({})
    schema = schemathesis.openapi.from_dict(raw)
    schema.app, schema.location = application, served.location
    return schema


# Operations that need an account even to read.
ANONYMOUS_401 = {"/api/v1/accounts/me", "/api/v1/marketplace/introductions"}
SCHEMA = _load_schema()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
READS = [op for op in OPERATIONS if op.method.upper() == "GET"]
WRITES = [op for op in OPERATIONS if op.method.upper() != "GET"]

# `ignored_auth` is left out on purpose: the schema marks every operation with the Bearer scheme,
# while reads are public (api/auth.py SessionOrAnonymous), so a read without a token is answered.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Invalid requests (negative mode) must be refused with a 4xx, never a server error, and the documented
# error bodies hold. Which 4xx is not checked: ninja answers 400 to a body that is not JSON and 422 to
# a malformed query on every operation, and the schema does not list those everywhere.
NEGATIVE_CHECKS = [not_a_server_error, negative_data_rejection, content_type_conformance,
                   response_schema_conformance]
MODES = st.sampled_from([GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
# The test client does not decode gzip (GZipMiddleware would compress the JSON).
PLAIN = {"Accept-Encoding": "identity"}

HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]
# Bounded so the file runs in about a minute on two cores (the `world` is rebuilt for each operation).
READ_SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=HEALTH)
WRITE_SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=HEALTH)


@pytest.fixture
def sent(request) -> dict[str, int]:
    """Requests sent and server errors answered, kept with the test's report (summed in tests/conftest.py).

    Updated during the test (hypothesis runs every example in the call phase), so the call report, which is
    what pytest-xdist sends to the controller, already holds the final counts."""
    counts = {"cases": 0, "server_errors": 0}
    request.node.user_properties.append(("schemathesis", counts))
    return counts


def _call(case, checks, headers, sent) -> None:
    response = case.call(headers=headers)
    sent["cases"] += 1
    sent["server_errors"] += response.status_code >= 500
    case.validate_response(response, checks=checks, headers=headers)


def _draw(operation, data, world):
    """A valid or invalid request; valid ones point half of the time at objects that exist."""
    mode = data.draw(MODES, label="mode")
    case = data.draw(operation.as_strategy(generation_mode=mode), label="case")
    if mode is GenerationMode.POSITIVE:
        _with_real_ids(case, data, world)
    return case, (CHECKS if mode is GenerationMode.POSITIVE else NEGATIVE_CHECKS)


def _with_real_ids(case, data, world) -> None:
    for name in list(case.path_parameters or {}):
        values = world.path_values.get(name)
        if values and data.draw(st.booleans(), label=f"real {name}"):
            case.path_parameters[name] = data.draw(st.sampled_from(values), label=name)


def test_the_schema_has_reads_and_writes():
    assert len(READS) >= 15 and len(WRITES) >= 10


@pytest.mark.parametrize("operation", READS, ids=lambda op: op.label)
@READ_SETTINGS
@given(data=st.data())
def test_reads_anonymously(operation, data, world, sent):
    case, checks = _draw(operation, data, world)
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    _call(case, checks, PLAIN, sent)


@pytest.mark.parametrize("operation", READS, ids=lambda op: op.label)
@READ_SETTINGS
@given(data=st.data())
def test_reads_with_a_token(operation, data, world, sent):
    case, checks = _draw(operation, data, world)
    _call(case, checks, {**PLAIN, **world.bearer}, sent)


@pytest.mark.parametrize("operation", WRITES, ids=lambda op: op.label)
@WRITE_SETTINGS
@given(data=st.data())
def test_writes_with_a_token(operation, data, world, sent):
    case, checks = _draw(operation, data, world)
    _call(case, checks, {**PLAIN, **world.bearer}, sent)
