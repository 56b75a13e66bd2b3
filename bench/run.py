"""`make bench`: our list endpoint against the framework-free reference, side by side.

Both run under gunicorn with 2 sync workers on the same PostgreSQL database; wrk drives
them in alternating rounds. The script first checks that both answer the same bytes.
`--smoke` is the short version CI runs: it proves the benchmark still works and that
the answers match, and asserts nothing about time.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://root@127.0.0.1:5432/strive_bench"
SIZES = [1, 20, 100, 500, 2000]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="short run for CI")
    parser.add_argument("--duration", type=int, default=None, help="seconds per wrk round")
    parser.add_argument("--rounds", type=int, default=None, help="alternating rounds per size")
    parser.add_argument("--connections", type=int, default=8)
    return parser.parse_args()


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(app: str, env: dict[str, str]):
    port = free_port()
    command = [
        str(ROOT / ".venv/bin/gunicorn"), app, "--workers", "2", "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--chdir", str(ROOT),
    ]  # fmt: skip
    # The access log (one JSON line per request) is part of the cost; keep it, off screen.
    log = open(ROOT / "artifacts" / f"bench-{app.split('.')[0]}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"{app} did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def fetch(url: str, key: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request) as response:
        return response.status, response.read()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_output(url: str, extra: list[str], seconds: int, connections: int) -> str:
    """Runs wrk (2 threads) and returns what it printed."""
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    return subprocess.run(
        [*command, *extra, url], capture_output=True, text=True, check=True
    ).stdout


def wrk(url: str, key: str, duration: int, connections: int) -> dict[str, float]:
    output = wrk_output(url, ["-H", f"Authorization: Bearer {key}"], duration, connections)

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * _UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def compare(ours: str, ref: str, key: str, path: str, args, rounds: int) -> dict:
    """Alternate rounds so drift on the machine hits both sides alike; keep medians."""
    results: dict[str, list[dict]] = {"ours": [], "ref": []}
    for _ in range(rounds):
        results["ours"].append(wrk(ours + path, key, args.duration, args.connections))
        results["ref"].append(wrk(ref + path, key, args.duration, args.connections))
    summary = {}
    for side, runs in results.items():
        summary[side] = {
            metric: statistics.median(run[metric] for run in runs)
            for metric in ("rps", "p50", "p99")
        }
        summary[side]["errors"] = sum(run["errors"] for run in runs)
    return summary


def queries_per_request(key: str, path: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {key}")
    client.get(path)  # the first use may record last_used_at
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def main() -> int:
    args = parse_args()
    args.duration = args.duration or (1 if args.smoke else 5)
    rounds = args.rounds or (1 if args.smoke else 3)
    sizes = [1, 20] if args.smoke else SIZES
    large_keys = 10_000 if args.smoke else 1_000_000
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: `make bench` installs it (apt-get install wrk)")

    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DEBUG": "false",
        "RATE_LIMIT_PER_MINUTE": "1000000000",
        "CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "strive.settings",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    recreate_database(db_url)
    (ROOT / "artifacts").mkdir(exist_ok=True)

    import django
    from django.core.management import call_command

    django.setup()
    from bench import seed

    call_command("migrate", verbosity=0)
    scale = seed.SMOKE if args.smoke else seed.FULL
    print(f"seeding {scale} ...", flush=True)
    seed.seed_background(scale)
    key, goals = seed.seed_measured(sizes)
    from django.db import connection

    connection.close()  # the servers must not share this process's connection

    rows = []
    with (
        gunicorn("strive.wsgi:application", env) as ours,
        gunicorn("bench.reference:application", env) as ref,
    ):
        for size, goal_id in goals.items():
            path = f"/api/v1/goals/{goal_id}/milestones"
            ours_answer, ref_answer = fetch(ours + path, key), fetch(ref + path, key)
            if ours_answer != ref_answer:
                print(f"MISMATCH for {size} milestones:\n ours {ours_answer[1][:300]!r}\n"
                      f" ref  {ref_answer[1][:300]!r}")  # fmt: skip
                return 1
        print(f"answers byte-equal for {len(goals)} goals", flush=True)
        queries = queries_per_request(key, f"/api/v1/goals/{goals[20]}/milestones")
        for size, goal_id in goals.items():
            summary = compare(ours, ref, key, f"/api/v1/goals/{goal_id}/milestones", args, rounds)
            rows.append((size, summary))
            print(f"  measured {size} milestones", flush=True)
        path20 = f"/api/v1/goals/{goals[20]}/milestones"
        small = compare(ours, ref, key, path20, args, rounds)
        seed.add_keys(scale.keys, large_keys - scale.keys)
        connection.close()
        large = compare(ours, ref, key, path20, args, rounds)

    errors = sum(s[side]["errors"] for _, s in rows for side in ("ours", "ref"))
    print()
    print(f"wrk: {args.connections} connections, {args.duration}s x {rounds} alternating rounds; "
          "gunicorn 2 sync workers each; PostgreSQL")  # fmt: skip
    print(f"{'milestones':>10} | {'ours req/s':>10} {'p50 ms':>7} {'p99 ms':>7} | "
          f"{'ref req/s':>10} {'p50 ms':>7} {'p99 ms':>7} | {'ratio':>5}")  # fmt: skip
    for size, s in rows:
        o, r = s["ours"], s["ref"]
        ratio = o["rps"] / r["rps"]
        print(f"{size:>10} | {o['rps']:>10.0f} {o['p50']:>7.2f} {o['p99']:>7.2f} | "
              f"{r['rps']:>10.0f} {r['p50']:>7.2f} {r['p99']:>7.2f} | {ratio:>5.2f}")  # fmt: skip
    print(f"SQL queries per steady-state list request (ours): {queries}")
    for label, s in ((f"{scale.keys:,} keys", small), (f"{large_keys:,} keys", large)):
        print(f"20 milestones with {label:>16}: ours p50 {s['ours']['p50']:.2f} ms "
              f"p99 {s['ours']['p99']:.2f} ms {s['ours']['rps']:.0f} req/s | "
              f"ref p50 {s['ref']['p50']:.2f} ms {s['ref']['rps']:.0f} req/s")  # fmt: skip
    print(f"non-2xx answers during the run: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
