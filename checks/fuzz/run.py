"""`make fuzz`: schemathesis over the whole schema, against gunicorn serving seeded data.

A fresh database (PostgreSQL by default, as in production) gets migrated and seeded
(checks/fuzz/seed.py); gunicorn serves it with a rate limit high enough not to get in
the way; schemathesis loads /api/v1/schema and runs every phase (examples, coverage,
fuzzing with positive and negative data, stateful through the schema's links) with every
check, sending the seeded key as a header. The run fails when schemathesis finds
anything, when fewer than --min-cases cases ran, when the server answered any 5xx, or
when the server logged an error. Reports land in artifacts/fuzz/.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from checks.server import ARTIFACTS, ROOT, fresh_database, gunicorn, manage, server_env

DEFAULT_DATABASE_URL = "postgres://root@127.0.0.1:5432/strive_fuzz"
OUT = ARTIFACTS / "fuzz"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("FUZZ_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="dropped and recreated (default: $FUZZ_DATABASE_URL or %(default)s)",
    )
    parser.add_argument("--max-examples", type=int, default=300, help="per operation and phase")
    parser.add_argument("--min-cases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=None, help="to replay a run")
    return parser.parse_args()


def seed_data(env: dict[str, str]) -> str:
    """Migrate and seed; returns the demo key."""
    manage(env, "migrate", "--noinput")
    result = subprocess.run(
        [sys.executable, "-m", "checks.fuzz.seed"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def run_schemathesis(base_url: str, key: str, env: dict[str, str], args) -> dict:
    for old in OUT.glob("schemathesis.*"):
        old.unlink()
    command = [
        str(Path(sys.executable).parent / "schemathesis"), "run", f"{base_url}/api/v1/schema",
        "--header", f"Authorization: Bearer {key}",
        "--checks", "all",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--mode", "all",
        "--max-examples", str(args.max_examples),
        "--report", "json,junit,ndjson",
        "--report-ndjson-path", str(OUT / "schemathesis.ndjson"),
        "--report-json-path", str(OUT / "schemathesis.json"),
        "--report-junit-path", str(OUT / "schemathesis.junit.xml"),
        "--no-color",
    ]  # fmt: skip
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    hooks_env = {**env, "SCHEMATHESIS_HOOKS": "checks.fuzz.hooks"}
    result = subprocess.run(command, cwd=ROOT, env=hooks_env, check=False)
    report = json.loads((OUT / "schemathesis.json").read_text())
    report["exit_code"] = result.returncode
    return report


def served_statuses(access_log: Path) -> Counter:
    """Status codes of the API requests gunicorn answered (schema and /status left out)."""
    statuses = Counter()
    for line in access_log.read_text(errors="replace").splitlines():
        status, _, path = line.partition(" ")
        if path.startswith("/api/v1/goals"):
            statuses[status] += 1
    return statuses


def case_breakdown(ndjson: Path) -> tuple[Counter, Counter]:
    """Cases by (phase, mode) and check results by (check, status), from the event log."""
    cases, checks = Counter(), Counter()
    for line in ndjson.read_text().splitlines():
        recorder = json.loads(line).get("ScenarioFinished", {}).get("recorder", {})
        for case in recorder.get("cases", {}).values():
            meta = case["value"].get("meta") or {}
            cases[meta["phase"]["name"], meta["generation"]["mode"]] += 1
        for results in recorder.get("checks", {}).values():
            checks.update((result["name"], result["status"]) for result in results)
    return cases, checks


def distinct_paths(access_log: Path) -> int:
    lines = access_log.read_text(errors="replace").splitlines()
    return len({line.partition(" ")[2] for line in lines if " /api/v1/goals" in line})


def main() -> int:
    args = parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    fresh_database(args.database_url)
    env = server_env(args.database_url, RATE_LIMIT_PER_MINUTE="1000000000")
    key = seed_data(env)
    access_log, server_log = OUT / "access.log", OUT / "server.log"
    access_log.unlink(missing_ok=True)
    server_log.unlink(missing_ok=True)

    started = time.monotonic()
    server_flags = ["--access-logfile", str(access_log), "--access-logformat", "%(s)s %(U)s"]
    with gunicorn(env, server_log, extra_flags=server_flags) as base_url:
        report = run_schemathesis(base_url, key, env, args)
    elapsed = time.monotonic() - started

    cases = report["test_cases"]["generated"]
    statuses = served_statuses(access_log)
    server_errors = {s: n for s, n in statuses.items() if s.startswith("5")}
    logged = re.findall(r"^.*(?:Traceback|\bERROR\b).*$", server_log.read_text(), re.M)

    print(f"\nfuzz: {cases} cases generated (seed {report['seed']}), "
          f"{sum(statuses.values())} API requests served in {elapsed:.1f} s")  # fmt: skip
    print("fuzz: statuses served: " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
    print(f"fuzz: {distinct_paths(access_log)} distinct API paths requested")
    by_phase, checks = case_breakdown(OUT / "schemathesis.ndjson")
    print("fuzz: cases by phase: " + ", ".join(f"{p} {m}: {n}" for (p, m), n in by_phase.items()))
    names = sorted({name for name, _ in checks})
    print(
        f"fuzz: {sum(checks.values())} check results over {len(names)} checks: {', '.join(names)}"
    )
    problems = []
    if report["exit_code"] != 0:
        problems.append(f"schemathesis exited {report['exit_code']} (see its output above)")
    if cases < args.min_cases:
        problems.append(f"only {cases} cases, fewer than {args.min_cases}")
    if server_errors:
        problems.append(f"the server answered 5xx: {server_errors}")
    if logged:
        problems.append("the server logged errors:\n  " + "\n  ".join(logged[:20]))
    for problem in problems:
        print(f"fuzz: FAILED: {problem}")
    if not problems:
        print("fuzz: passed, no 5xx, every response conforming to the schema")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
