"""A goal added in the admin keeps the ID staff typed, inlines or not."""

import pytest

from goals.models import Goal, Milestone
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def goal_form(goal_id: str, milestones: list[tuple[str, str]]) -> dict:
    data = {
        "id": goal_id, "title": "Learn Spanish", "description": "", "status": "pending",
        "deadline_0": "", "deadline_1": "",
        "milestones-TOTAL_FORMS": str(len(milestones)), "milestones-INITIAL_FORMS": "0",
        "stakeholders-TOTAL_FORMS": "0", "stakeholders-INITIAL_FORMS": "0",
    }  # fmt: skip
    for row, (milestone_id, description) in enumerate(milestones):
        prefix = f"milestones-{row}-"
        data |= {
            f"{prefix}id": milestone_id, f"{prefix}description": description,
            f"{prefix}status": "pending", f"{prefix}order": str(row),
            f"{prefix}deadline_0": "", f"{prefix}deadline_1": "",
            f"{prefix}deleted_at_0": "", f"{prefix}deleted_at_1": "",
        }  # fmt: skip
    return data


@pytest.mark.parametrize("milestones", [[], [("es-1", "Order a coffee"), ("es-2", "Small talk")]])
def test_goal_added_in_the_admin_keeps_the_typed_id(admin_client, milestones):
    response = admin_client.post("/admin/goals/goal/add/", goal_form("learn-spanish", milestones))

    assert response.status_code == 302
    assert list(Goal.objects.values_list("id", flat=True)) == ["learn-spanish"]
    assert set(Milestone.objects.values_list("id", "goal_id")) == {
        (milestone_id, "learn-spanish") for milestone_id, _ in milestones
    }


def test_a_taken_goal_id_is_refused(admin_client):
    GoalFactory(id="learn-spanish")

    response = admin_client.post(
        "/admin/goals/goal/add/", goal_form("learn-spanish", [("es-1", "Order a coffee")])
    )

    assert response.status_code == 200
    assert "Goal with this Id already exists." in response.content.decode()
    assert Goal.objects.count() == 1
