"""A live Strive server for the checks: a fresh database, management commands, gunicorn.

Everything runs as an operator would run it: `manage.py` for setup, gunicorn (our own
flags, whatever gunicorn.conf.py says) for serving, HTTP for everything else.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"


def server_env(database_url: str, **overrides: str) -> dict[str, str]:
    """The environment for commands and gunicorn: our database, no DEBUG, plus overrides."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "strive.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "PYTHONPATH": str(ROOT),
        **overrides,
    }


def fresh_database(database_url: str) -> None:
    """Drop and recreate a PostgreSQL database, or delete a SQLite file."""
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    import psycopg

    server, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict[str, str], *args: str) -> str:
    """Run `manage.py ARGS` against the server's database; its stdout."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr}")
    return result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(
    env: dict[str, str], log_path: Path, workers: int = 2, extra_flags: list[str] = ()
) -> Iterator[str]:
    """Serve the project with gunicorn on a free loopback port; yields the base URL.

    The server's own log (errors, tracebacks) goes to `log_path` for the caller to read.
    """
    port = _free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "gunicorn", "strive.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync",
        "--timeout", "30", "--graceful-timeout", "5", "--chdir", str(ROOT),
        "--log-level", "info", "--error-logfile", str(log_path), "--capture-output",
        *_no_control_socket(),
        *extra_flags,
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url, process)
        yield base_url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _no_control_socket() -> list[str]:
    """Newer gunicorns open a control socket at one fixed path per user; ours needs none."""
    from gunicorn.config import KNOWN_SETTINGS

    known = {flag for setting in KNOWN_SETTINGS for flag in setting.cli or []}
    return ["--no-control-socket"] if "--no-control-socket" in known else []


def _wait_until_up(base_url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/status", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {base_url} within {timeout} s")
