"""Staff look after goals, milestones and stakeholders in the admin."""

import pytest
from django.utils import timezone

from goals.models import Milestone, Stakeholder
from tests.factories import GoalFactory, MilestoneFactory, StakeholderFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_goal_page_shows_its_milestones_and_stakeholders(admin_client):
    goal = GoalFactory(title="Learn Spanish")
    MilestoneFactory(goal=goal, description="Order coffee in Spanish")
    StakeholderFactory(goal=goal, user=UserFactory(username="coach"))

    page = admin_client.get(f"/admin/goals/goal/{goal.pk}/change/").content.decode()

    assert "Order coffee in Spanish" in page
    assert "coach" in page


@pytest.mark.parametrize(("state", "shown"), [("active", "Alive"), ("deleted", "Gone")])
def test_milestone_list_filters_active_and_deleted(admin_client, state, shown):
    MilestoneFactory(description="Alive")
    MilestoneFactory(description="Gone", deleted_at=timezone.now())

    page = admin_client.get(f"/admin/goals/milestone/?state={state}").content.decode()

    hidden = {"Alive", "Gone"} - {shown}
    assert shown in page
    assert hidden.pop() not in page


def test_soft_delete_and_restore_actions(admin_client):
    milestone = MilestoneFactory()
    url = "/admin/goals/milestone/"

    admin_client.post(url, {"action": "soft_delete", "_selected_action": [milestone.pk]})
    milestone.refresh_from_db()
    deleted_at = milestone.deleted_at
    admin_client.post(url, {"action": "restore", "_selected_action": [milestone.pk]})
    milestone.refresh_from_db()

    assert deleted_at is not None
    assert milestone.deleted_at is None


def test_stakeholder_without_a_role_is_refused_with_a_message(admin_client):
    goal, user = GoalFactory(), UserFactory()

    response = admin_client.post(
        "/admin/goals/stakeholder/add/", {"goal": goal.pk, "user": user.pk}
    )

    assert response.status_code == 200
    assert "A stakeholder needs at least one role." in response.content.decode()
    assert Stakeholder.objects.count() == 0


def test_milestone_search_finds_by_goal_title(admin_client):
    MilestoneFactory(goal=GoalFactory(title="Marathon"), description="Buy shoes")
    MilestoneFactory(goal=GoalFactory(title="Spanish"), description="Learn verbs")

    page = admin_client.get("/admin/goals/milestone/?q=marathon").content.decode()

    assert "Buy shoes" in page
    assert "Learn verbs" not in page
    assert Milestone.objects.count() == 2
