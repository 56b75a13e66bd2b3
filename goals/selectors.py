"""The reads the API runs. The hot path lives here, in one place to read and tune."""

from django.db.models import QuerySet

from goals.models import Milestone, Stakeholder
from strive.ids import could_exist

API_ORDER = ("order", "created_at", "id")


def active_milestones(goal_id: str) -> QuerySet[Milestone]:
    """A goal's active milestones in API order (served by `milestone_active_order_idx`)."""
    if not could_exist(goal_id):
        return Milestone.objects.none()
    return Milestone.objects.active().filter(goal_id=goal_id).order_by(*API_ORDER)


def active_milestone(goal_id: str, milestone_id: str) -> Milestone | None:
    """One active milestone of that goal, or None (also for one that belongs elsewhere)."""
    if not could_exist(milestone_id):
        return None
    return active_milestones(goal_id).filter(pk=milestone_id).first()


def is_stakeholder(user_id: int, goal_id: str) -> bool:
    """Whether the user holds any role on the goal; False for a goal that does not exist."""
    if not could_exist(goal_id):
        return False
    return Stakeholder.objects.filter(goal_id=goal_id, user_id=user_id).exists()
