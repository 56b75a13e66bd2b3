"""The reads the API runs. The hot path lives here, in one place to read and tune."""

from typing import NamedTuple

from django.db import connection

from strive.ids import could_exist

# One round trip answers both "is this user a stakeholder?" and "which milestones?":
# no stakeholder row gives no rows at all; a stakeholder of a goal with nothing to
# show gives one row of NULLs (the LEFT JOIN). Hand-written because the ORM spends
# more time compiling this query than the database spends answering it. Served by
# the unique (goal_id, user_id) index and the partial `milestone_active_order_idx`.
_STAKEHOLDER_MILESTONES = """
    SELECT m.id, m.description, m.status, m."order", m.deadline, m.created_at, m.updated_at
    FROM goals_stakeholder s
    LEFT JOIN goals_milestone m
        ON m.goal_id = s.goal_id AND m.deleted_at IS NULL {and_milestone}
    WHERE s.goal_id = %s AND s.user_id = %s
    ORDER BY m."order", m.created_at, m.id
"""
_LIST_SQL = _STAKEHOLDER_MILESTONES.format(and_milestone="")
_ONE_SQL = _STAKEHOLDER_MILESTONES.format(and_milestone="AND m.id = %s")


class MilestoneRow(NamedTuple):
    id: str
    description: str
    status: str
    order: int
    deadline: object  # datetime, or text on SQLite (see strive.sql.as_datetime)
    created_at: object
    updated_at: object


def stakeholder_milestones(
    user_id: int, goal_id: str, milestone_id: str | None = None
) -> list[MilestoneRow] | None:
    """The goal's active milestones in API order (only `milestone_id`, if given).

    None when the user holds no role on the goal (or the goal does not exist), so the
    caller can answer 403 before 404 without a second query.
    """
    if not could_exist(goal_id):
        return None
    with connection.cursor() as cursor:
        if milestone_id is None:
            cursor.execute(_LIST_SQL, [goal_id, user_id])
        elif could_exist(milestone_id):
            cursor.execute(_ONE_SQL, [milestone_id, goal_id, user_id])
        else:  # no such milestone can exist; still tell stakeholders from strangers
            cursor.execute(_ONE_SQL, ["", goal_id, user_id])
        rows = cursor.fetchall()
    if not rows:
        return None
    return [MilestoneRow(*row) for row in rows if row[0] is not None]
