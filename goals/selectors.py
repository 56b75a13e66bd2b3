"""The reads the API runs. The hot path lives here, in one place to read and tune."""

from functools import cache
from typing import NamedTuple

from django.db import connections, router

from goals.models import Milestone
from strive.ids import could_exist
from strive.sql import wire_timestamp

# One round trip answers both "is this user a stakeholder?" and "which milestones?":
# no stakeholder row gives no rows at all; a stakeholder of a goal with nothing to
# show gives one row of NULLs (the LEFT JOIN). Hand-written because the ORM spends
# more time compiling this query than the database spends answering it. Served by
# the unique (goal_id, user_id) index and the partial `milestone_active_order_idx`.
_STAKEHOLDER_MILESTONES = """
    SELECT m.id, m.description, m.status, m."order",
           {deadline}, {created_at}, {updated_at}
    FROM goals_stakeholder s
    LEFT JOIN goals_milestone m
        ON m.goal_id = s.goal_id AND m.deleted_at IS NULL {and_milestone}
    WHERE s.goal_id = %s AND s.user_id = %s
    ORDER BY m."order", m.created_at, m.id
"""


@cache
def _sql(vendor: str, one: bool) -> str:
    return _STAKEHOLDER_MILESTONES.format(
        deadline=wire_timestamp("m.deadline", vendor),
        created_at=wire_timestamp("m.created_at", vendor),
        updated_at=wire_timestamp("m.updated_at", vendor),
        and_milestone="AND m.id = %s" if one else "",
    )


class MilestoneRow(NamedTuple):
    """Timestamps come as wire text (PostgreSQL) or datetimes: see strive.sql."""

    id: str
    description: str
    status: str
    order: int
    deadline: object
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
    one = milestone_id is not None
    params = [goal_id, user_id]
    if one:
        # An ID no row can hold still runs the query, to tell stakeholders from strangers.
        params.insert(0, milestone_id if could_exist(milestone_id) else "")
    database = connections[router.db_for_read(Milestone)]
    with database.cursor() as cursor:
        cursor.execute(_sql(database.vendor, one), params)
        rows = cursor.fetchall()
    if not rows:
        return None
    return [MilestoneRow(*row) for row in rows if row[0] is not None]
