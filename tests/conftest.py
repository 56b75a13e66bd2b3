"""Fixtures shared by every test."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import ApiKeyFactory, GoalFactory, StakeholderFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; no test inherits another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def goal(db):
    return GoalFactory(id="goal01")


@pytest.fixture
def api_key(db, goal):
    """A `milestones:read` key whose user is a stakeholder of `goal`."""
    key = ApiKeyFactory()
    StakeholderFactory(goal=goal, user=key.user)
    return key


@pytest.fixture
def auth(api_key) -> dict[str, str]:
    """Headers for `api_client.get(..., headers=auth)`."""
    return {"Authorization": f"Bearer {api_key.raw_key}"}
