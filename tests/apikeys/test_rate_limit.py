"""Contract section 4: 60 requests a minute per key, headers on every authenticated answer."""

import pytest
from django.core.cache import caches

from apikeys import throttling
from tests.factories import ApiKeyFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

FROZEN_NOW = 1_800_000_030.25  # 30.25 s into a window that resets at 1_800_000_060


@pytest.fixture
def frozen_clock(monkeypatch):
    monkeypatch.setattr(throttling.time, "time", lambda: FROZEN_NOW)


def test_sixty_requests_pass_then_429_with_retry_after(api_client, goal, auth, frozen_clock):
    url = f"/api/v1/goals/{goal.id}/milestones"

    answers = [api_client.get(url, headers=auth) for _ in range(61)]

    assert [a.status_code for a in answers] == [200] * 60 + [429]
    assert [a["X-RateLimit-Remaining"] for a in answers[:3]] == ["59", "58", "57"]
    refused = answers[-1]
    assert refused.json() == {"error": "Rate limit exceeded. Try again later."}
    assert refused["Retry-After"] == "30"
    assert refused["X-RateLimit-Limit"] == "60"
    assert refused["X-RateLimit-Remaining"] == "0"
    assert refused["X-RateLimit-Reset"] == "1800000060"


def test_headers_on_every_authenticated_answer_including_refusals(api_client, auth):
    forbidden = api_client.get("/api/v1/goals/not-mine/milestones", headers=auth)

    assert forbidden.status_code == 403
    assert forbidden["X-RateLimit-Limit"] == "60"
    assert forbidden["X-RateLimit-Remaining"] == "59"
    assert int(forbidden["X-RateLimit-Reset"]) % 60 == 0


def test_limit_comes_from_settings(api_client, goal, auth, settings):
    settings.RATE_LIMIT_PER_MINUTE = 2
    url = f"/api/v1/goals/{goal.id}/milestones"

    codes = [api_client.get(url, headers=auth).status_code for _ in range(3)]

    assert codes == [200, 200, 429]


def test_each_key_has_its_own_budget(api_client, goal, auth, settings):
    settings.RATE_LIMIT_PER_MINUTE = 1
    other = ApiKeyFactory()
    StakeholderFactory(goal=goal, user=other.user)
    url = f"/api/v1/goals/{goal.id}/milestones"

    api_client.get(url, headers=auth)
    mine = api_client.get(url, headers=auth)
    theirs = api_client.get(url, headers={"Authorization": f"Bearer {other.raw_key}"})

    assert (mine.status_code, theirs.status_code) == (429, 200)


def test_a_new_window_starts_afresh(api_client, goal, auth, settings, monkeypatch):
    settings.RATE_LIMIT_PER_MINUTE = 1
    url = f"/api/v1/goals/{goal.id}/milestones"
    monkeypatch.setattr(throttling.time, "time", lambda: FROZEN_NOW)
    api_client.get(url, headers=auth)
    refused = api_client.get(url, headers=auth)
    monkeypatch.setattr(throttling.time, "time", lambda: FROZEN_NOW + 30)

    allowed = api_client.get(url, headers=auth)

    assert (refused.status_code, allowed.status_code) == (429, 200)
    assert allowed["X-RateLimit-Reset"] == "1800000120"


def test_unreachable_cache_lets_requests_through(api_client, goal, auth, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["default"], "add", broken)
    monkeypatch.setattr(throttling, "_warned_at", 0.0)
    url = f"/api/v1/goals/{goal.id}/milestones"

    answers = [api_client.get(url, headers=auth) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 200]
    warnings = [r for r in caplog.records if r.name == "strive.ratelimit"]
    assert len(warnings) == 1
