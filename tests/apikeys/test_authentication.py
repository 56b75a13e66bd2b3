"""Contract section 2: every refusal, in order, with its status, message and headers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apikeys import services
from apikeys.models import ApiKey
from tests.factories import ApiKeyFactory, GoalFactory, MilestoneFactory, StakeholderFactory

MALFORMED = "Missing or invalid Authorization header. Use: Bearer <token>"
INVALID = "Invalid or revoked API key"
EXPIRED = "API key has expired"
REALM = 'Bearer realm="api"'
GOOD_SHAPE = "sk_live_" + "ab" * 32

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(None, id="no-header"),
        pytest.param("", id="empty"),
        pytest.param("Bearer", id="scheme-only"),
        pytest.param(f"Basic {GOOD_SHAPE}", id="basic-scheme"),
        pytest.param(f"Token {GOOD_SHAPE}", id="token-scheme"),
        pytest.param(GOOD_SHAPE, id="no-scheme"),
        pytest.param("Bearer sk_test_" + "ab" * 32, id="test-prefix"),
        pytest.param("Bearer sk_live_" + "AB" * 32, id="uppercase-hex"),
        pytest.param("Bearer sk_live_" + "ab" * 31, id="too-short"),
        pytest.param("Bearer sk_live_" + "ab" * 33, id="too-long"),
        pytest.param("Bearer sk_live_" + "zz" * 32, id="not-hex"),
        pytest.param(f"Bearer {GOOD_SHAPE} extra", id="trailing-words"),
        pytest.param(f"Bearer {GOOD_SHAPE}\u00e9", id="non-ascii"),
    ],
)
def test_missing_or_malformed_header_is_401(api_client, goal, header):
    headers = {} if header is None else {"Authorization": header}

    response = api_client.get(f"/api/v1/goals/{goal.id}/milestones", headers=headers)

    assert response.status_code == 401
    assert response.json() == {"error": MALFORMED}
    assert response["WWW-Authenticate"] == REALM
    assert "X-RateLimit-Limit" not in response


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "bEaReR"])
def test_bearer_scheme_is_case_insensitive(api_client, goal, api_key, scheme):
    headers = {"Authorization": f"{scheme} {api_key.raw_key}"}

    response = api_client.get(f"/api/v1/goals/{goal.id}/milestones", headers=headers)

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("make_key", "message"),
    [
        pytest.param(lambda: ApiKeyFactory(), None, id="valid-control"),
        pytest.param(lambda: ApiKeyFactory(raw_key="sk_live_" + "0" * 64, hashed_key="x"), INVALID,
                     id="unknown"),
        pytest.param(lambda: ApiKeyFactory(revoked_at=timezone.now()), INVALID, id="revoked"),
        pytest.param(lambda: ApiKeyFactory(user__is_active=False), INVALID, id="inactive-user"),
        pytest.param(lambda: ApiKeyFactory(expires_at=timezone.now() - timedelta(seconds=1)),
                     EXPIRED, id="expired"),
        pytest.param(
            lambda: ApiKeyFactory(
                revoked_at=timezone.now(), expires_at=timezone.now() - timedelta(days=1)
            ),
            INVALID,
            id="revoked-beats-expired",
        ),
    ],
)  # fmt: skip
def test_key_states(api_client, goal, make_key, message):
    key = make_key()
    StakeholderFactory(goal=goal, user=key.user)

    response = api_client.get(
        f"/api/v1/goals/{goal.id}/milestones", headers={"Authorization": f"Bearer {key.raw_key}"}
    )

    if message is None:
        assert response.status_code == 200
        return
    assert response.status_code == 401
    assert response.json() == {"error": message}
    assert response["WWW-Authenticate"] == REALM
    assert "X-RateLimit-Limit" not in response


def test_key_expiring_this_instant_is_expired(api_client, goal, api_key, monkeypatch):
    now = timezone.now()
    ApiKey.objects.filter(pk=api_key.pk).update(expires_at=now)
    monkeypatch.setattr("apikeys.authentication.timezone.now", lambda: now)

    response = api_client.get(
        f"/api/v1/goals/{goal.id}/milestones",
        headers={"Authorization": f"Bearer {api_key.raw_key}"},
    )

    assert response.json() == {"error": EXPIRED}


def test_key_expiring_later_works(api_client, goal, api_key, auth):
    ApiKey.objects.filter(pk=api_key.pk).update(expires_at=timezone.now() + timedelta(hours=1))

    response = api_client.get(f"/api/v1/goals/{goal.id}/milestones", headers=auth)

    assert response.status_code == 200


def test_key_without_the_scope_is_403_with_insufficient_scope(api_client, goal):
    key = ApiKeyFactory(scopes=["goals:read", "posts:read"])
    StakeholderFactory(goal=goal, user=key.user)

    response = api_client.get(
        f"/api/v1/goals/{goal.id}/milestones/anything",
        headers={"Authorization": f"Bearer {key.raw_key}"},
    )

    assert response.status_code == 403
    assert response.json() == {"error": "Missing required scopes: milestones:read"}
    assert response["WWW-Authenticate"] == (
        'Bearer error="insufficient_scope", scope="milestones:read"'
    )
    assert response["X-RateLimit-Remaining"] == "59"


@pytest.mark.parametrize("goal_exists", [True, False])
def test_user_without_a_role_on_the_goal_is_403(api_client, api_key, auth, goal_exists):
    goal_id = GoalFactory().id if goal_exists else "no-such-goal"

    response = api_client.get(f"/api/v1/goals/{goal_id}/milestones", headers=auth)

    assert response.status_code == 403
    assert response.json() == {"error": "You are not a stakeholder of this goal"}
    assert "WWW-Authenticate" not in response


@pytest.mark.parametrize("role", ["is_admin", "is_achiever", "is_supporter", "is_spectator"])
def test_any_single_role_makes_a_stakeholder(api_client, role):
    goal = GoalFactory()
    key = ApiKeyFactory()
    StakeholderFactory(goal=goal, user=key.user, **{"is_achiever": False, role: True})
    MilestoneFactory(goal=goal, id="m1")

    response = api_client.get(
        f"/api/v1/goals/{goal.id}/milestones/m1", headers={"Authorization": f"Bearer {key.raw_key}"}
    )

    assert response.status_code == 200


def test_checks_run_in_contract_order(api_client, goal, api_key, settings):
    """Expired beats rate limit, rate limit beats scope, scope beats stakeholder."""
    settings.RATE_LIMIT_PER_MINUTE = 1
    no_scope = ApiKeyFactory(scopes=["goals:read"])
    url = "/api/v1/goals/not-mine/milestones/missing"
    headers = {"Authorization": f"Bearer {no_scope.raw_key}"}

    first = api_client.get(url, headers=headers)
    second = api_client.get(url, headers=headers)
    ApiKey.objects.filter(pk=no_scope.pk).update(expires_at=timezone.now())
    third = api_client.get(url, headers=headers)

    assert (first.status_code, first.json()["error"]) == (
        403,
        "Missing required scopes: milestones:read",
    )
    assert (second.status_code, second.json()["error"]) == (
        429,
        "Rate limit exceeded. Try again later.",
    )
    assert (third.status_code, third.json()["error"]) == (401, EXPIRED)


def test_stakeholder_check_comes_before_not_found(api_client, auth):
    response = api_client.get("/api/v1/goals/not-mine/milestones/missing", headers=auth)

    assert response.status_code == 403


def test_last_used_at_is_written_at_most_once_a_minute(api_client, goal, api_key, auth):
    url = f"/api/v1/goals/{goal.id}/milestones"

    api_client.get(url, headers=auth)
    first_use = ApiKey.objects.get(pk=api_key.pk).last_used_at
    api_client.get(url, headers=auth)
    unchanged = ApiKey.objects.get(pk=api_key.pk).last_used_at
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=first_use - timedelta(seconds=61))
    api_client.get(url, headers=auth)
    refreshed = ApiKey.objects.get(pk=api_key.pk).last_used_at

    assert first_use is not None
    assert unchanged == first_use
    assert refreshed > first_use


def test_revocation_takes_effect_on_the_next_request(api_client, goal, api_key, auth):
    url = f"/api/v1/goals/{goal.id}/milestones"
    before = api_client.get(url, headers=auth)
    services.revoke_api_key(api_key)
    after = api_client.get(url, headers=auth)

    assert before.status_code == 200
    assert (after.status_code, after.json()) == (401, {"error": INVALID})
