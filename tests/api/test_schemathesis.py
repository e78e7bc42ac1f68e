"""Schemathesis drives the live API from its own OpenAPI schema.

Every operation gets valid and invalid inputs (filters, pages, formats, paths,
conditional headers, tokens); no response may be a server error or disagree with
the schema in status, content type, headers or body, and no value the schema
allows may be refused.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    # Well-formed values by the schema's limits are never refused with a 400.
    # negative_data_rejection is left out: the lists take an empty filter, format or
    # page_size as absent (HTML forms send empty fields), and a CSV ignores page; it
    # reports each of these as a failure.
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
]
PATHS = [
    "/api/v1/meetings/",
    "/api/v1/meetings/{ordinal}/",
    "/api/v1/mous/",
    "/api/v1/mous/{slug}/",
    "/api/v1/parties/",
    "/api/v1/parties/{slug}/",
    "/api/v1/areas/",
    "/api/v1/areas/{slug}/",
    "/api/v1/projects/",
    "/api/v1/projects/{slug}/",
]


# schemathesis.pytest.from_fixture() does not run under pytest 9, so each
# operation's strategies drive a Hypothesis test of its own here.
@pytest.mark.usefixtures("transcribed")
@pytest.mark.parametrize("path", PATHS)
def test_the_api_keeps_to_its_schema(live_server, rates, path):
    rates(anon="100000/min")
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json")
    operation = schema[path]["GET"]
    cases = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @given(case=cases)
    @settings(
        max_examples=80,
        # The same cases on every run, so a red run is a change's doing, never chance;
        # `make reliability` runs many more (reliability/fuzz_api.py).
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def keeps_to_schema(case):
        case.call_and_validate(base_url=live_server.url, checks=CHECKS)

    keeps_to_schema()
