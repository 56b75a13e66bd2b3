"""The milestones endpoints: bodies, order, visibility, odd input."""

import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from tests.contract import PUBLIC_EXAMPLE
from tests.factories import ApiKeyFactory, GoalFactory, MilestoneFactory, StakeholderFactory


def compact(body: dict) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


@pytest.fixture
def demo_auth(db) -> dict[str, str]:
    call_command("seed_demo", stdout=io.StringIO())
    key = ApiKeyFactory(user__username="demo")
    return {"Authorization": f"Bearer {key.raw_key}"}


def list_url(goal_id: str) -> str:
    return f"/api/v1/goals/{goal_id}/milestones"


def test_list_reproduces_the_public_example_byte_for_byte(api_client, demo_auth):
    response = api_client.get(list_url("abc123"), headers=demo_auth)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == compact(PUBLIC_EXAMPLE)


def test_retrieve_reproduces_the_public_example_byte_for_byte(api_client, demo_auth):
    response = api_client.get(list_url("abc123") + "/ms001", headers=demo_auth)

    assert response.status_code == 200
    assert response.content == compact({"data": PUBLIC_EXAMPLE["data"][0]})


@pytest.mark.parametrize("suffix", ["", "/", "/ms002", "/ms002/"])
def test_routes_answer_with_and_without_trailing_slash(api_client, demo_auth, suffix):
    response = api_client.get(list_url("abc123") + suffix, headers=demo_auth)

    assert response.status_code == 200


def test_goal_without_milestones_lists_empty(api_client, goal, auth):
    response = api_client.get(list_url(goal.id), headers=auth)

    assert response.status_code == 200
    assert response.json() == {"data": []}


def test_list_orders_by_order_then_created_at_then_id(api_client, goal, auth):
    early = datetime(2026, 1, 1, tzinfo=UTC)
    late = datetime(2026, 2, 1, tzinfo=UTC)
    MilestoneFactory(goal=goal, id="m-d", order=1, created_at=early)
    MilestoneFactory(goal=goal, id="m-c", order=0, created_at=late)
    MilestoneFactory(goal=goal, id="m-b", order=0, created_at=early)
    MilestoneFactory(goal=goal, id="m-a", order=0, created_at=late)

    response = api_client.get(list_url(goal.id), headers=auth)

    assert [m["id"] for m in response.json()["data"]] == ["m-b", "m-a", "m-c", "m-d"]


def test_soft_deleted_milestone_is_not_listed(api_client, goal, auth):
    MilestoneFactory(goal=goal, id="kept")
    MilestoneFactory(goal=goal, id="gone", deleted_at=datetime(2026, 3, 1, tzinfo=UTC))

    response = api_client.get(list_url(goal.id), headers=auth)

    assert [m["id"] for m in response.json()["data"]] == ["kept"]


def test_soft_deleted_milestone_is_not_found(api_client, goal, auth):
    MilestoneFactory(goal=goal, id="gone", deleted_at=datetime(2026, 3, 1, tzinfo=UTC))

    response = api_client.get(list_url(goal.id) + "/gone", headers=auth)

    assert response.status_code == 404
    assert response.json() == {"error": "Milestone not found"}


def test_milestone_of_another_goal_is_not_found(api_client, goal, auth):
    other_goal = GoalFactory()
    MilestoneFactory(goal=other_goal, id="elsewhere")

    response = api_client.get(list_url(goal.id) + "/elsewhere", headers=auth)

    assert response.status_code == 404
    assert response.json() == {"error": "Milestone not found"}


def test_other_goals_milestones_are_not_listed(api_client, goal, auth):
    MilestoneFactory(goal=goal, id="mine")
    MilestoneFactory(goal=GoalFactory(), id="theirs")

    response = api_client.get(list_url(goal.id), headers=auth)

    assert [m["id"] for m in response.json()["data"]] == ["mine"]


def test_missing_deadline_is_null_and_timestamps_have_milliseconds(api_client, goal, auth):
    MilestoneFactory(
        goal=goal,
        id="precise",
        description="Stretch",
        status="failed",
        order=3,
        deadline=None,
        created_at=datetime(2026, 5, 6, 7, 8, 9, 123456, tzinfo=UTC),
        updated_at=datetime(2026, 5, 6, 7, 8, 10, 999999, tzinfo=UTC),
    )

    response = api_client.get(list_url(goal.id) + "/precise", headers=auth)

    assert response.json() == {
        "data": {
            "id": "precise",
            "description": "Stretch",
            "status": "failed",
            "order": 3,
            "deadline": None,
            "createdAt": "2026-05-06T07:08:09.123Z",
            "updatedAt": "2026-05-06T07:08:10.999Z",
        }
    }


ODD_IDS = [
    pytest.param("é🙂ü", id="unicode"),
    pytest.param("x" * 600, id="600-chars"),
    pytest.param("a%00b", id="nul-byte"),
    pytest.param("with.dot", id="dot"),
    pytest.param("%20", id="space"),
    pytest.param("'; DROP TABLE goals_goal; --", id="sql"),
]


@pytest.mark.parametrize("odd_id", ODD_IDS)
def test_odd_goal_id_is_not_a_goal_you_hold(api_client, auth, odd_id):
    response = api_client.get(list_url(odd_id), headers=auth)

    assert response.status_code == 403
    assert response.json() == {"error": "You are not a stakeholder of this goal"}


@pytest.mark.parametrize("odd_id", ODD_IDS)
def test_odd_milestone_id_is_not_found(api_client, goal, auth, odd_id):
    response = api_client.get(list_url(goal.id) + "/" + odd_id, headers=auth)

    assert response.status_code == 404
    assert response.json() == {"error": "Milestone not found"}


def test_milestone_with_unicode_id_is_found(api_client, goal, auth):
    MilestoneFactory(goal=goal, id="étape-1")

    response = api_client.get(list_url(goal.id) + "/%C3%A9tape-1", headers=auth)

    assert response.status_code == 200
    assert response.json()["data"]["id"] == "étape-1"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_method_the_endpoint_lacks_is_405_with_allow(api_client, goal, auth, method):
    response = getattr(api_client, method)(list_url(goal.id), headers=auth)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json() == {"error": f'Method "{method.upper()}" not allowed.'}


def test_head_answers_like_get_without_a_body(api_client, goal, auth):
    response = api_client.head(list_url(goal.id), headers=auth)

    assert response.status_code == 200
    assert response.content == b""


def test_accept_header_asking_for_html_still_gets_json(api_client, goal, auth):
    response = api_client.get(list_url(goal.id), headers={**auth, "Accept": "text/html"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("count", [1, 50, 500])
@pytest.mark.parametrize("suffix", ["", "/target"])
def test_two_queries_per_request_whatever_the_number_of_milestones(
    api_client, goal, auth, django_assert_num_queries, count, suffix
):
    """Key lookup, then stakeholder check and milestones in one read."""
    MilestoneFactory.create_batch(count - 1, goal=goal)
    MilestoneFactory(goal=goal, id="target")
    api_client.get(list_url(goal.id), headers=auth)  # first use records last_used_at

    with django_assert_num_queries(2):
        response = api_client.get(list_url(goal.id) + suffix, headers=auth)

    assert response.status_code == 200
    assert len(response.json()["data"]) == (count if suffix == "" else 7)


def test_a_stakeholder_of_another_goal_cannot_read_this_one(api_client, auth):
    foreign = GoalFactory()
    StakeholderFactory(goal=foreign)
    MilestoneFactory(goal=foreign, id="secret")

    listing = api_client.get(list_url(foreign.id), headers=auth)
    detail = api_client.get(list_url(foreign.id) + "/secret", headers=auth)

    assert listing.status_code == detail.status_code == 403
    assert detail.json() == {"error": "You are not a stakeholder of this goal"}
