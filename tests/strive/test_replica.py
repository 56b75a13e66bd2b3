"""With DATABASE_REPLICA_URL, the API reads from the replica and writes to the primary.

Runs when a replica is configured (CI sets DATABASE_REPLICA_URL to the primary's URL,
which the test runner turns into Django's test mirror of `default`).
"""

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext

from tests.factories import ApiKeyFactory, GoalFactory, MilestoneFactory, StakeholderFactory

pytestmark = [
    pytest.mark.skipif("replica" not in settings.DATABASES, reason="no DATABASE_REPLICA_URL"),
    pytest.mark.django_db(databases=["default", "replica"], transaction=True),
]


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
    primary_sql = [query["sql"] for query in primary]
    replica_sql = [query["sql"] for query in replica]
    assert len(replica_sql) == 1 and "goals_milestone" in replica_sql[0]
    assert any("apikeys_apikey" in sql and "SELECT" in sql for sql in primary_sql)
    assert any(sql.startswith("UPDATE") and "last_used_at" in sql for sql in primary_sql)


def test_router_sends_reads_to_the_replica_and_writes_and_migrations_to_the_primary():
    from django.db import router

    from goals.models import Goal

    assert router.db_for_read(Goal) == "replica"
    assert router.db_for_write(Goal) == "default"
    assert router.allow_migrate("replica", "goals") is False
    assert router.allow_migrate("default", "goals") is True
