"""Deployment defaults: HTTPS settings pass Django's deploy checks, CORS, request ids, logs."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from goals import selectors

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_production_settings_pass_the_deploy_checks():
    env = {
        **os.environ,
        "DEBUG": "false",
        "HTTPS": "true",
        "SECRET_KEY": "x7Hq2-" * 10,
        "ALLOWED_HOSTS": "api.strivejournal.com",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_cors_preflight_is_answered_for_the_api():
    response = Client().options(
        "/api/v1/goals/abc123/milestones",
        headers={
            "Origin": "https://app.example.com",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "authorization" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_cors_exposes_the_rate_limit_headers_to_browsers(api_client, goal, auth):
    response = api_client.get(
        f"/api/v1/goals/{goal.id}/milestones", headers={**auth, "Origin": "https://a.example"}
    )

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "X-RateLimit-Remaining" in response["Access-Control-Expose-Headers"]


def test_no_cors_outside_the_api():
    response = Client().get("/admin/login/", headers={"Origin": "https://evil.example"})

    assert "Access-Control-Allow-Origin" not in response


def test_request_id_is_echoed_when_given():
    response = Client().get("/status", headers={"X-Request-ID": "lb-1234.abc"})

    assert response["X-Request-ID"] == "lb-1234.abc"


@pytest.mark.parametrize("given", [None, "", "bad id with spaces", "x" * 200, "<script>"])
def test_request_id_is_generated_when_missing_or_unsafe(given):
    headers = {} if given is None else {"X-Request-ID": given}

    response = Client().get("/api/nope", headers=headers)

    assert len(response["X-Request-ID"]) == 32
    assert response["X-Request-ID"] != given


@pytest.fixture
def log_lines(monkeypatch):
    """What the configured console handler writes, one parsed JSON object per line."""
    import io

    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    stream = io.StringIO()
    monkeypatch.setattr(handler, "stream", stream)
    return lambda: [json.loads(line) for line in stream.getvalue().splitlines()]


def test_one_json_line_per_request_with_key_prefix_and_user(
    api_client, goal, api_key, auth, log_lines
):
    api_client.get(f"/api/v1/goals/{goal.id}/milestones", headers={**auth, "X-Request-ID": "r1"})

    (line,) = [entry for entry in log_lines() if entry["logger"] == "strive.request"]
    assert line["method"] == "GET"
    assert line["path"] == f"/api/v1/goals/{goal.id}/milestones"
    assert line["status"] == 200
    assert line["request_id"] == "r1"
    assert line["key_prefix"] == api_key.prefix
    assert line["user_id"] == api_key.user_id
    assert line["duration_ms"] >= 0


def test_no_raw_key_in_logs_even_when_a_request_crashes(
    api_client, goal, api_key, auth, monkeypatch, log_lines
):
    def explode(*args):
        raise RuntimeError(f"boom with {api_key.raw_key} and Bearer {api_key.raw_key}")

    monkeypatch.setattr(selectors, "stakeholder_milestones", explode)

    response = api_client.get(f"/api/v1/goals/{goal.id}/milestones/{api_key.raw_key}", headers=auth)

    written = json.dumps(log_lines())
    assert response.status_code == 500
    assert "boom with [redacted]" in written
    assert api_key.raw_key not in written
    assert api_key.raw_key[8:24] not in written


def test_admin_static_files_are_served_with_debug_off(settings):
    assert settings.DEBUG is False

    page = Client().get("/admin/login/").content.decode()
    css = Client().get("/static/admin/css/base.css")

    assert 'href="/static/admin/css/base.css"' in page
    assert css.status_code == 200
    assert css["Content-Type"].startswith("text/css")
    assert b"body" in b"".join(css.streaming_content)


def test_admin_page_is_503_without_traceback_when_the_database_is_away(monkeypatch, log_lines):
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    def refuse(self):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(SessionStore, "load", refuse)

    response = Client().get("/admin/", headers={"Cookie": "sessionid=" + "a" * 32})

    assert response.status_code == 503
    assert response.content == b"Service unavailable"
    assert response["Retry-After"] == "5"
    lines = log_lines()
    assert "traceback" not in json.dumps(lines).lower()
    assert [line["status"] for line in lines if line["logger"] == "strive.request"] == [503]
