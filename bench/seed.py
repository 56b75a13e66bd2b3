"""Seeds a realistic PostgreSQL database for the benchmark, in bulk SQL (generate_series)."""

from dataclasses import dataclass

from django.db import connection

from apikeys import services
from apikeys.scopes import MILESTONES_READ
from goals.models import Goal, Stakeholder


@dataclass(frozen=True)
class Scale:
    users: int
    goals: int
    milestones: int
    keys: int


FULL = Scale(users=5_000, goals=5_000, milestones=50_000, keys=1_000)
SMOKE = Scale(users=200, goals=200, milestones=2_000, keys=1_000)


def seed_background(scale: Scale) -> None:
    """Users, goals, stakeholders, keys and milestones that the benchmark does not read."""
    with connection.cursor() as cursor:
        statements = [
            """
            INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,
                                   email, is_staff, is_active, date_joined)
            SELECT '!', false, 'load' || i, '', '', '', false, true, now()
            FROM generate_series(1, %(users)s) i
            """,
            """
            INSERT INTO goals_goal (id, title, description, status, deadline, created_at,
                                    updated_at)
            SELECT 'g' || i, 'Goal ' || i, '', 'pending', NULL, now(), now()
            FROM generate_series(1, %(goals)s) i
            """,
            """
            INSERT INTO goals_stakeholder (goal_id, user_id, is_admin, is_achiever,
                                           is_supporter, is_spectator, created_at)
            SELECT 'g' || g, u.first_id + (g + shift) %% %(users)s, shift = 0, shift = 0,
                   shift <> 0, false, now()
            FROM generate_series(1, %(goals)s) g,
                 (VALUES (0), (7)) AS s(shift),
                 (SELECT min(id) AS first_id FROM auth_user WHERE username LIKE 'load%%') u
            """,
            """
            INSERT INTO goals_milestone (id, goal_id, description, status, "order", deadline,
                                         deleted_at, created_at, updated_at)
            SELECT 'm' || i, 'g' || (1 + i %% %(goals)s), 'Milestone ' || i, 'pending',
                   i / %(goals)s, now() + interval '30 days',
                   CASE WHEN i %% 10 = 0 THEN now() END, now(), now()
            FROM generate_series(1, %(milestones)s) i
            """,
        ]
        params = {"users": scale.users, "goals": scale.goals, "milestones": scale.milestones}
        for statement in statements:
            cursor.execute(statement, params)
    add_keys(0, scale.keys)


def add_keys(start: int, count: int) -> None:
    """`count` more keys spread over the load users (hash-like unique values)."""
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")  # a million rows outlast the API's limit
        cursor.execute(
            """
            INSERT INTO apikeys_apikey (id, user_id, name, prefix, hashed_key, scopes,
                                        expires_at, revoked_at, last_used_at, created_at,
                                        updated_at)
            SELECT 'k' || i, u.first_id + i %% u.n, '', 'sk_live_' || substr(h, 1, 8), h,
                   '["milestones:read"]', NULL, NULL, NULL, now(), now()
            FROM (SELECT i, md5(i::text) || md5('k' || i::text) AS h
                  FROM generate_series(%(start)s + 1, %(start)s + %(count)s) i) k,
                 (SELECT min(id) AS first_id, count(*) AS n
                  FROM auth_user WHERE username LIKE 'load%%') u
            """,
            {"start": start, "count": count},
        )
        cursor.execute("ANALYZE")


def seed_measured(sizes: list[int]) -> tuple[str, dict[int, str]]:
    """The benchmark's own user, key and goals of `sizes` milestones; returns (raw key, goals)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create(username="bench")
    goals = {}
    for size in sizes:
        goal = Goal.objects.create(id=f"bench-{size}", title=f"{size} milestones")
        Stakeholder.objects.create(goal=goal, user=user, is_achiever=True)
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO goals_milestone (id, goal_id, description, status, "order",
                                             deadline, deleted_at, created_at, updated_at)
                SELECT %(goal)s || '-' || i, %(goal)s, 'Step ' || i || ' of the plan',
                       (ARRAY['pending', 'succeeded', 'failed'])[1 + i %% 3], i / 3,
                       CASE WHEN i %% 4 = 0 THEN NULL
                            ELSE timestamptz '2026-06-01' + i * interval '1 hour' END,
                       NULL, timestamptz '2026-01-01' + i * interval '1 minute',
                       timestamptz '2026-02-01' + i * interval '1 second'
                FROM generate_series(1, %(size)s) i
                """,
                {"goal": goal.id, "size": size},
            )
        goals[size] = goal.id
    issued = services.issue_api_key(user=user, scopes=[MILESTONES_READ], name="bench")
    return issued.raw_key, goals
