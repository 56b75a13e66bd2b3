"""`make load`: sustained load on the real stack (gunicorn, PostgreSQL, Redis).

Seeds many users, each with a goal of 20 milestones and a key, starts gunicorn with
our gunicorn.conf.py (WEB_CONCURRENCY workers, default 4) against PostgreSQL and the
Redis rate limiter, and drives it with wrk across all keys and goals. Reports
requests, errors, latency percentiles and the most database connections seen.
Exits non-zero on any error.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import free_port, recreate_database, wrk_output  # noqa: E402


def seed(database_url: str, users: int) -> list[tuple[str, str]]:
    """`users` users, each a stakeholder of one goal of 20 milestones, each with one key."""
    import psycopg

    from apikeys import crypto

    keys = [crypto.generate_key() for _ in range(users)]
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            """
            INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,
                                   email, is_staff, is_active, date_joined)
            SELECT '!', false, 'load' || i, '', '', '', false, true, now()
            FROM generate_series(1, %(n)s) i
            """,
            {"n": users},
        )
        conn.execute(
            """
            INSERT INTO goals_goal (id, title, description, status, created_at, updated_at)
            SELECT 'lg' || i, 'Goal ' || i, '', 'pending', now(), now()
            FROM generate_series(1, %(n)s) i
            """,
            {"n": users},
        )
        conn.execute(
            """
            INSERT INTO goals_stakeholder (goal_id, user_id, is_admin, is_achiever,
                                           is_supporter, is_spectator, created_at)
            SELECT 'lg' || substr(u.username, 5), u.id, true, true, false, false, now()
            FROM auth_user u WHERE u.username LIKE 'load%%'
            """
        )
        conn.execute(
            """
            INSERT INTO goals_milestone (id, goal_id, description, status, "order", deadline,
                                         deleted_at, created_at, updated_at)
            SELECT 'lg' || g || '-' || m, 'lg' || g, 'Step ' || m, 'pending', m, NULL, NULL,
                   now(), now()
            FROM generate_series(1, %(n)s) g, generate_series(1, 20) m
            """,
            {"n": users},
        )
        with conn.cursor() as cursor:
            cursor.executemany(
                """
                INSERT INTO apikeys_apikey (id, user_id, name, prefix, hashed_key, scopes,
                                            created_at, updated_at)
                SELECT %s, id, 'load', %s, %s, '["milestones:read"]', now(), now()
                FROM auth_user WHERE username = %s
                """,
                [
                    (f"lk{i}", crypto.display_prefix(raw), crypto.hash_key(raw), f"load{i}")
                    for i, raw in enumerate(keys, start=1)
                ],
            )
        conn.execute("ANALYZE")
    return [(raw, f"lg{i}") for i, raw in enumerate(keys, start=1)]


def lua_script(pairs: list[tuple[str, str]]) -> str:
    entries = ",\n".join(f'{{"{key}", "{goal}"}}' for key, goal in pairs)
    return f"""
local targets = {{
{entries}
}}
local i = 0
function setup(thread) thread:set("offset", math.random(#targets)) end
function init(args) i = offset end
function request()
  i = i % #targets + 1
  local t = targets[i]
  return wrk.format("GET", "/api/v1/goals/" .. t[2] .. "/milestones",
                    {{["Authorization"] = "Bearer " .. t[1]}})
end
"""


class ConnectionWatch(threading.Thread):
    """Polls pg_stat_activity for the most connections the service held at once."""

    def __init__(self, database_url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.peak, self.limit, self.running = database_url, 0, 0, True

    def run(self) -> None:
        import psycopg

        name = self.url.rsplit("/", 1)[1]
        with psycopg.connect(self.url, autocommit=True) as conn:
            self.limit = int(conn.execute("SHOW max_connections").fetchone()[0])
            while self.running:
                count = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    [name],
                ).fetchone()[0]
                self.peak = max(self.peak, count)
                time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOAD_SECONDS", 60)))
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--users", type=int, default=4000)
    args = parser.parse_args()

    database_url = os.environ.get("LOAD_DATABASE_URL", "postgres://root@127.0.0.1:5432/strive_load")
    cache_url = os.environ.get("LOAD_CACHE_URL", "redis://127.0.0.1:6379/8")
    workers = os.environ.get("WEB_CONCURRENCY", "4")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "DJANGO_SETTINGS_MODULE": "strive.settings",
    }
    recreate_database(database_url)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    import django

    django.setup()
    pairs = seed(database_url, args.users)

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "strive.wsgi:application"],
        cwd=ROOT,
        env={**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": workers,
             "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "WARNING", "GUNICORN_LOG_LEVEL": "warning"},
        start_new_session=True,
    )  # fmt: skip
    watch = ConnectionWatch(database_url)
    try:
        time.sleep(2)
        watch.start()
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(lua_script(pairs))
            script.flush()
            output = wrk_output(
                f"http://127.0.0.1:{port}/",
                ["-s", script.name],
                seconds=args.seconds,
                connections=args.connections,
            )
    finally:
        watch.running = False
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    )
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)
    print(
        f"load: {args.seconds}s, {args.connections} connections, {workers} gunicorn workers, "
        f"{len(pairs)} keys and goals (20 milestones each), PostgreSQL + Redis"
    )
    print(f"requests {requests}  errors {errors}  req/s {rps}  p50 {p50}  p99 {p99}")
    print(f"database connections: peak {watch.peak} of max_connections {watch.limit}")
    return 1 if errors or watch.peak >= watch.limit else 0


if __name__ == "__main__":
    sys.exit(main())
