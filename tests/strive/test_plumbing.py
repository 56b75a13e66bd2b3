"""Around the endpoints: /status, unknown paths, crashes, all JSON."""

import pytest
from django.db import DatabaseError, connections
from django.test import Client

from goals import selectors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/status", "/status/"])
def test_status_is_ok_when_the_database_answers(path):
    response = Client().get(path)

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body.keys() == {"status", "timestamp"}
    assert body["timestamp"].endswith("Z") and len(body["timestamp"]) == 24


def test_status_is_503_when_the_database_does_not_answer(monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", refuse)

    response = Client().get("/status")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_status_refuses_other_methods_with_json():
    response = Client().post("/status")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json() == {"error": 'Method "POST" not allowed.'}


@pytest.mark.parametrize(
    "path", ["/api", "/api/", "/api/v1", "/api/v2/goals/abc123/milestones", "/api/v1/goals"]
)
def test_unknown_api_path_is_json_404(path):
    response = Client().get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Not found"}


def test_unknown_api_path_is_404_for_any_method():
    response = Client().post("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.json() == {"error": "Not found"}


def test_unexpected_error_is_json_500_and_logged(api_client, goal, auth, monkeypatch, caplog):
    def explode(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "stakeholder_milestones", explode)

    response = api_client.get(f"/api/v1/goals/{goal.id}/milestones", headers=auth)

    assert response.status_code == 500
    assert response.json() == {"error": "Internal server error"}
    assert any(r.name == "strive.api" and (r.exc_info or r.exc_text) for r in caplog.records)
