"""The OpenAPI schema (drf-spectacular) and the interactive docs served from the portal."""

import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ENDPOINTS = ["meetings", "mous", "parties", "areas", "projects"]


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """The schema as `make schema` writes it: validated, warnings as errors."""
    path = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(path),
        ],
        cwd=ROOT,
        env={**os.environ, "SCI_PORTAL_TESTING": "1"},
        capture_output=True,
        text=True,
    )
    return result, path


def test_the_schema_validates_without_warnings(generated):
    result, path = generated
    assert result.returncode == 0, result.stderr
    assert "openapi: 3" in path.read_text()


def test_the_committed_schema_is_the_generated_one(generated):
    # Partners rely on field names: a change to the schema is made on purpose, in review.
    result, path = generated
    assert result.returncode == 0, result.stderr
    committed = (ROOT / "docs" / "openapi.yaml").read_text().splitlines()
    current = path.read_text().splitlines()
    diff = list(
        difflib.unified_diff(committed, current, "docs/openapi.yaml", "generated", n=1, lineterm="")
    )
    assert not diff, (
        "docs/openapi.yaml differs from the schema the code generates. Run `make schema` "
        "and commit it, after reviewing the diff: a removed or renamed field, filter or "
        "endpoint breaks partners and belongs in /api/v2/ (docs/api.md, Versioning); "
        "an addition bumps info.version's minor number.\n" + "\n".join(diff[:60])
    )


def test_every_endpoint_has_a_list_and_a_detail(schema):
    paths = set(schema["paths"])
    for name in ENDPOINTS:
        lookup = "{ordinal}" if name == "meetings" else "{slug}"
        assert {f"/api/v1/{name}/", f"/api/v1/{name}/{lookup}/"} <= paths


def test_every_parameter_is_described(schema):
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation["parameters"]:
                assert parameter.get("description"), (path, parameter["name"])


def test_the_filters_are_the_html_lists_filters(schema):
    def names(path):
        return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}

    assert {
        "area",
        "meeting",
        "party",
        "country",
        "type",
        "signed_after",
        "signed_before",
        "q",
        "ordering",
    } <= names("/api/v1/mous/")
    assert {"phase", "area", "meeting", "party", "q", "ordering"} <= names("/api/v1/projects/")
    assert {"country", "kind", "q", "ordering"} <= names("/api/v1/parties/")
    assert {"page", "page_size", "format"} <= names("/api/v1/areas/")


# What a 400 refuses, as the schema states it (parameter, then the keywords it must carry).
LIMITS = {
    "/api/v1/meetings/": {"year": {"type": "integer", "minimum": 1900, "maximum": 9999}},
    "/api/v1/mous/": {
        "area": {"type": "string", "pattern": "^[^\\x00]*$"},  # no NUL, as any text
        "meeting": {"type": "integer", "minimum": 1, "maximum": 32767},
        "country": {"type": "string", "pattern": "^[A-Za-z]{2}$", "maxLength": 2},
        "q": {"type": "string", "maxLength": 200},
    },
    "/api/v1/parties/": {
        "country": {"type": "string", "pattern": "^[A-Za-z]{2}$", "maxLength": 2},
        "q": {"type": "string", "maxLength": 200},
    },
    "/api/v1/projects/": {
        "phase": {"type": "integer", "minimum": 1, "maximum": 32767},
        "meeting": {"type": "integer", "minimum": 1, "maximum": 32767},
        "q": {"type": "string", "maxLength": 200},
    },
}


@pytest.mark.parametrize("path", LIMITS)
def test_filters_state_the_limits_they_enforce(schema, path):
    parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
    for name, limits in LIMITS[path].items():
        assert limits.items() <= parameters[name]["schema"].items(), name
        assert parameters[name]["description"], name


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_pages_start_at_1_and_page_size_states_its_cap(schema, endpoint):
    parameters = {
        p["name"]: p for p in schema["paths"][f"/api/v1/{endpoint}/"]["get"]["parameters"]
    }
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
    # Above the cap is served at the cap, not refused: stated, not a maximum.
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1}
    assert "at most 100" in parameters["page_size"]["description"]


def test_every_field_is_described(schema):
    for component_name, component in schema["components"]["schemas"].items():
        if "enum" in component:
            continue
        for name, prop in component["properties"].items():
            assert prop.get("description"), (component_name, name)


def test_lists_document_their_errors_and_csv(schema):
    responses = schema["paths"]["/api/v1/mous/"]["get"]["responses"]
    assert {"200", "304", "400", "401", "404", "429"} <= set(responses)
    assert responses["200"]["content"]["text/csv"]["schema"]["type"] == "string"
    assert "Retry-After" in responses["429"]["headers"]


def test_the_docs_page_is_served_from_the_portal_without_inline_code(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html and "style=" not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('src="' in attributes for attributes in scripts)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert not [url for url in assets if url.startswith(("http:", "https:", "//"))]
    for url in assets:
        asset = client.get(url.replace("&amp;", "&"))
        assert asset.status_code == 200, url
        if hasattr(asset, "streaming_content"):
            b"".join(asset.streaming_content)


def test_the_docs_script_points_at_the_schema(client):
    response = client.get("/api/docs/?script=")
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in response.content.decode()


@pytest.mark.skipif(not shutil.which("chromium"), reason="Chromium is not installed")
def test_chromium_renders_every_operation_in_the_docs(live_server):
    result = subprocess.run(  # noqa: S603 (the system's Chromium, fixed arguments)
        [
            shutil.which("chromium"),
            *["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
            *["--disable-background-networking", "--disable-component-update", "--disable-sync"],
            "--virtual-time-budget=10000",
            "--dump-dom",
            f"{live_server.url}/api/docs/",
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    rendered = set(re.findall(r'class="opblock-summary-path" data-path="([^"]+)"', result.stdout))
    assert len(rendered) == 10
    assert {"/api/v1/mous/", "/api/v1/meetings/{ordinal}/"} <= rendered
