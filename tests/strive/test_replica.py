"""With DATABASE_REPLICA_URL, the API reads from the replica; everything else uses the primary.

The tests that need a replica run when one is configured (CI sets DATABASE_REPLICA_URL
to the primary's URL, which the test runner turns into Django's test mirror of `default`).
"""

import pytest
from django.conf import settings
from django.db import connections, router
from django.test.utils import CaptureQueriesContext

from apikeys import services
from goals.models import Goal
from strive.routers import api_reads
from tests.factories import (
    ApiKeyFactory,
    GoalFactory,
    MilestoneFactory,
    StakeholderFactory,
    UserFactory,
)

with_replica = [
    pytest.mark.skipif("replica" not in settings.DATABASES, reason="no DATABASE_REPLICA_URL"),
    pytest.mark.django_db(databases=["default", "replica"], transaction=True),
]


def sql_on(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries]


def replica_test(test):
    """Runs with a replica configured, on both databases."""
    for mark in with_replica:
        test = mark(test)
    return test


@replica_test
def test_api_reads_milestones_from_the_replica_and_keys_and_writes_from_the_primary(api_client):
    goal = GoalFactory()
    key = ApiKeyFactory()
    StakeholderFactory(goal=goal, user=key.user)
    MilestoneFactory(goal=goal, id="m1")
    headers = {"Authorization": f"Bearer {key.raw_key}"}

    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = api_client.get(f"/api/v1/goals/{goal.id}/milestones", headers=headers)

    assert response.json()["data"][0]["id"] == "m1"
    primary_sql, replica_sql = sql_on(primary), sql_on(replica)
    assert len(replica_sql) == 1 and "goals_milestone" in replica_sql[0]
    assert any("apikeys_apikey" in sql and "SELECT" in sql for sql in primary_sql)
    assert any(sql.startswith("UPDATE") and "last_used_at" in sql for sql in primary_sql)


@replica_test
def test_issuing_and_revoking_keys_read_the_primary_only():
    # The 10-keys-per-user count and the revoked key read back must not lag behind.
    user = UserFactory()

    with CaptureQueriesContext(connections["replica"]) as replica:
        issued = services.issue_api_key(user=user, scopes=["milestones:read"])
        found = services.find_api_key(issued.api_key.prefix)
        services.revoke_api_key(found)

    assert sql_on(replica) == []
    assert found.revoked_at is not None


@replica_test
def test_the_admin_reads_the_primary_only(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    ApiKeyFactory()

    with CaptureQueriesContext(connections["replica"]) as replica:
        response = client.get("/admin/apikeys/apikey/")

    assert response.status_code == 200
    assert sql_on(replica) == []


@replica_test
def test_router_sends_api_reads_to_the_replica_and_the_rest_to_the_primary():
    with api_reads():
        assert router.db_for_read(Goal) == "replica"
        assert router.db_for_write(Goal) == "default"
    assert router.db_for_read(Goal) == "default"
    assert router.allow_migrate("replica", "goals") is False
    assert router.allow_migrate("default", "goals") is True


@pytest.mark.skipif("replica" in settings.DATABASES, reason="DATABASE_REPLICA_URL is set")
def test_without_a_replica_everything_uses_the_primary():
    with api_reads():
        assert router.db_for_read(Goal) == "default"
    assert router.db_for_read(Goal) == "default"
