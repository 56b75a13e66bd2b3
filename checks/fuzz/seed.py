"""The data the fuzzer reads: seed_demo's example and the cases around it.

Run as `python -m checks.fuzz.seed` against DATABASE_URL; the last line of stdout is
the demo key (`milestones:read`), which schemathesis sends on every request.
"""

from datetime import UTC, datetime

import django

# IDs the fuzzer's hooks mix into generated path parameters, so requests reach real rows.
GOALS = ["abc123", "empty-goal", "not-mine", "ñandú 2026"]
MILESTONES = ["ms001", "ms002", "ms-deleted", "theirs-1", "hito.1"]


def seed() -> str:
    from django.contrib.auth import get_user_model

    from goals.demo import seed_demo
    from goals.models import Goal, Milestone, Stakeholder

    issued = seed_demo()  # user demo, goal abc123, ms001 and ms002, a fresh key
    demo = issued.api_key.user
    other = get_user_model().objects.get_or_create(username="someone-else")[0]
    when = datetime(2026, 1, 20, 9, 0, tzinfo=UTC)

    Milestone.objects.update_or_create(
        id="ms-deleted",
        defaults={"goal_id": "abc123", "description": "Gone", "order": 2, "deleted_at": when},
    )
    empty = Goal.objects.update_or_create(id="empty-goal", defaults={"title": "Nothing yet"})[0]
    Stakeholder.objects.update_or_create(goal=empty, user=demo, defaults={"is_spectator": True})
    theirs = Goal.objects.update_or_create(id="not-mine", defaults={"title": "Not yours"})[0]
    Stakeholder.objects.update_or_create(goal=theirs, user=other, defaults={"is_admin": True})
    Milestone.objects.update_or_create(
        id="theirs-1", defaults={"goal": theirs, "description": "Private", "order": 0}
    )
    unicode_goal = Goal.objects.update_or_create(id="ñandú 2026", defaults={"title": "Ñandú"})[0]
    Stakeholder.objects.update_or_create(
        goal=unicode_goal, user=demo, defaults={"is_supporter": True}
    )
    Milestone.objects.update_or_create(
        id="hito.1",
        defaults={"goal": unicode_goal, "description": "Primer «hito» ✓", "status": "failed"},
    )
    return issued.raw_key


if __name__ == "__main__":
    django.setup()
    print(seed())
