"""The OpenAPI schema at /api/v1/schema: valid, complete, and true to the live API."""

import io
import json

import pytest
import yaml
from django.core.management import call_command
from django.test import Client
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from goals import selectors
from tests.contract import PUBLIC_EXAMPLE
from tests.factories import ApiKeyFactory, StakeholderFactory

LIST = "/api/v1/goals/{goalId}/milestones"
DETAIL = "/api/v1/goals/{goalId}/milestones/{milestoneId}"
CONTRACT_STATUSES = {"200", "401", "403", "404", "405", "429", "500"}
# The contract's messages, written out here rather than imported from the code.
ERROR_MESSAGES = {
    "401": {
        "Missing or invalid Authorization header. Use: Bearer <token>",
        "Invalid or revoked API key",
        "API key has expired",
    },
    "403": {"Missing required scopes: milestones:read", "You are not a stakeholder of this goal"},
    "405": {'Method "POST" not allowed.', 'Method "DELETE" not allowed.'},
    "429": {"Rate limit exceeded. Try again later."},
    "500": {"Internal server error"},
}


@pytest.fixture(scope="module")
def schema() -> dict:
    response = Client().get("/api/v1/schema")
    assert response.status_code == 200
    return response.json()


def operation(schema: dict, path: str) -> dict:
    return schema["paths"][path]["get"]


def examples(response: dict) -> list:
    return [e["value"] for e in response["content"]["application/json"]["examples"].values()]


def body_validator(schema: dict, response: dict) -> Draft202012Validator:
    """Validates a body against a documented response, `$ref`s resolved in the schema."""
    body_schema = response["content"]["application/json"]["schema"]
    root = {**body_schema, "components": schema["components"]}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


# --- The document itself --------------------------------------------------------------


def test_schema_is_valid_openapi_3_1(schema):
    validate(schema)

    assert schema["openapi"] == "3.1.0"


@pytest.mark.parametrize(
    ("url", "accept", "content_type"),
    [
        ("/api/v1/schema", None, "application/json"),
        ("/api/v1/schema/", None, "application/json"),
        ("/api/v1/schema.json", None, "application/json"),
        ("/api/v1/schema.yaml", None, "application/yaml; charset=utf-8"),
        ("/api/v1/schema.yaml/", None, "application/yaml; charset=utf-8"),
        ("/api/v1/schema?format=yaml", None, "application/yaml; charset=utf-8"),
        ("/api/v1/schema", "application/yaml", "application/yaml; charset=utf-8"),
        (
            "/api/v1/schema",
            "application/vnd.oai.openapi",
            "application/vnd.oai.openapi; charset=utf-8",
        ),
        ("/api/v1/schema", "text/html", "application/json"),
    ],
)
def test_schema_is_served_as_json_or_yaml_without_redirect(schema, url, accept, content_type):
    headers = {"Accept": accept} if accept else {}

    response = Client().get(url, headers=headers)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert yaml.safe_load(response.content) == schema


def test_schema_needs_no_key_and_ignores_a_bad_one():
    response = Client().get("/api/v1/schema", headers={"Authorization": "Bearer nope"})

    assert response.status_code == 200
    assert "X-RateLimit-Limit" not in response


@pytest.mark.parametrize("url", ["/api/v1/schema", "/api/v1/schema.yaml", "/api/docs"])
@pytest.mark.parametrize("method", ["post", "delete"])
def test_schema_and_docs_refuse_other_methods_in_json(url, method):
    response = getattr(Client(), method)(url)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": f'Method "{method.upper()}" not allowed.'}


def test_schema_describes_the_two_endpoints_and_nothing_else(schema):
    assert set(schema["paths"]) == {LIST, DETAIL}
    assert {path: list(item) for path, item in schema["paths"].items()} == {
        LIST: ["get"],
        DETAIL: ["get"],
    }
    assert operation(schema, LIST)["operationId"] == "listMilestones"
    assert operation(schema, DETAIL)["operationId"] == "getMilestone"


def test_bearer_scheme_and_the_milestones_read_scope(schema):
    scheme = schema["components"]["securitySchemes"]["bearerAuth"]

    assert scheme["type"] == "http"
    assert scheme["scheme"] == "bearer"
    for path in (LIST, DETAIL):
        assert operation(schema, path)["security"] == [{"bearerAuth": ["milestones:read"]}]


@pytest.mark.parametrize(
    ("path", "names"), [(LIST, ["goalId"]), (DETAIL, ["goalId", "milestoneId"])]
)
def test_path_parameters_are_named_as_in_the_contract(schema, path, names):
    parameters = operation(schema, path)["parameters"]

    assert [p["name"] for p in parameters] == names
    assert all(p["in"] == "path" and p["required"] and p["description"] for p in parameters)


@pytest.mark.parametrize("path", [LIST, DETAIL])
def test_every_status_of_the_contract_is_documented(schema, path):
    assert set(operation(schema, path)["responses"]) == CONTRACT_STATUSES


@pytest.mark.parametrize("path", [LIST, DETAIL])
def test_error_responses_carry_the_contracts_exact_bodies(schema, path):
    responses = operation(schema, path)["responses"]
    not_found = {"Not found", "Milestone not found"} if path == DETAIL else {"Not found"}

    for status, messages in {**ERROR_MESSAGES, "404": not_found}.items():
        assert responses[status]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }
        assert {body["error"] for body in examples(responses[status])} == messages
        assert all(body.keys() == {"error"} for body in examples(responses[status]))


def test_error_schema_is_exactly_one_key(schema):
    error = schema["components"]["schemas"]["Error"]
    validator = Draft202012Validator(error)

    assert validator.is_valid({"error": "Milestone not found"})
    assert not validator.is_valid({"error": "x", "detail": "y"})
    assert not validator.is_valid({})


@pytest.mark.parametrize("path", [LIST, DETAIL])
def test_headers_of_the_contract_are_documented(schema, path):
    responses = operation(schema, path)["responses"]
    rate_limit = {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"}

    def required(status: str) -> set[str]:
        headers = responses[status].get("headers", {})
        return {name for name, header in headers.items() if header.get("required")}

    assert required("200") == rate_limit
    assert required("403") == rate_limit
    assert required("429") == rate_limit | {"Retry-After"}
    assert required("401") == {"WWW-Authenticate"}
    assert required("405") == {"Allow"}


def test_list_links_to_its_first_milestone_for_stateful_clients(schema):
    links = operation(schema, LIST)["responses"]["200"]["links"]

    assert links["GetFirstMilestone"]["operationId"] == "getMilestone"
    assert links["GetFirstMilestone"]["parameters"]["milestoneId"] == "$response.body#/data/0/id"


# --- The schema against the live API ---------------------------------------------------


@pytest.fixture
def demo_auth(db) -> dict[str, str]:
    call_command("seed_demo", stdout=io.StringIO())
    key = ApiKeyFactory(user__username="demo")
    return {"Authorization": f"Bearer {key.raw_key}"}


@pytest.mark.parametrize(
    ("path", "url"),
    [(LIST, "/api/v1/goals/abc123/milestones"), (DETAIL, "/api/v1/goals/abc123/milestones/ms001")],
)
def test_example_is_what_the_live_endpoint_returns_for_seed_demo(schema, demo_auth, path, url):
    ok = operation(schema, path)["responses"]["200"]
    [example] = examples(ok)

    response = Client().get(url, headers=demo_auth)

    assert response.status_code == 200
    assert response.json() == example
    assert response.content == json.dumps(example, separators=(",", ":")).encode()
    body_validator(schema, ok).validate(response.json())


def test_list_example_is_the_public_docs_example(schema):
    assert examples(operation(schema, LIST)["responses"]["200"]) == [PUBLIC_EXAMPLE]


def _rate_limited(client, goal, auth, settings):
    settings.RATE_LIMIT_PER_MINUTE = 1
    client.get(f"/api/v1/goals/{goal.id}/milestones", headers=auth)
    return client.get(f"/api/v1/goals/{goal.id}/milestones", headers=auth)


def _server_error(client, goal, auth, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "stakeholder_milestones", explode)
    return client.get(f"/api/v1/goals/{goal.id}/milestones/x", headers=auth)


def _missing_scope(client, goal):
    key = ApiKeyFactory(scopes=["goals:read"])
    StakeholderFactory(goal=goal, user=key.user)
    headers = {"Authorization": f"Bearer {key.raw_key}"}
    return client.get(f"/api/v1/goals/{goal.id}/milestones", headers=headers)


SCENARIOS = {
    "no-key": lambda c, g, a, **_: c.get(f"/api/v1/goals/{g.id}/milestones"),
    "not-a-stakeholder": lambda c, g, a, **_: c.get("/api/v1/goals/other/milestones", headers=a),
    "missing-scope": lambda c, g, a, **_: _missing_scope(c, g),
    "milestone-not-found": lambda c, g, a, **_: c.get(
        f"/api/v1/goals/{g.id}/milestones/nope", headers=a
    ),
    "unknown-path": lambda c, g, a, **_: c.get("/api/v1/goals//milestones", headers=a),
    "post": lambda c, g, a, **_: c.post(f"/api/v1/goals/{g.id}/milestones", headers=a),
    "rate-limited": lambda c, g, a, settings, **_: _rate_limited(c, g, a, settings),
    "server-error": lambda c, g, a, monkeypatch, **_: _server_error(c, g, a, monkeypatch),
}


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_live_refusals_are_documented_exactly(schema, goal, auth, settings, monkeypatch, scenario):
    path = DETAIL if scenario in ("milestone-not-found", "server-error") else LIST

    response = SCENARIOS[scenario](Client(), goal, auth, settings=settings, monkeypatch=monkeypatch)

    documented = operation(schema, path)["responses"][str(response.status_code)]
    assert response.json() in examples(documented)
    body_validator(schema, documented).validate(response.json())
    for name, header in documented.get("headers", {}).items():
        if header.get("required"):
            assert name in response, name
    if response.status_code == 405:
        assert response["Allow"] in documented["headers"]["Allow"]["schema"]["enum"]
