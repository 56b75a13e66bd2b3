"""Real servers for the integration tests: gunicorn, PostgreSQL, Redis.

These tests need PostgreSQL (DATABASE_URL) and, for some, Redis on 127.0.0.1:6379.
Without them they are skipped, unless INTEGRATION=require (as CI sets), where a
missing service is a failure rather than a silent skip.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import environ
import psycopg
import pytest
import redis

from tests.integration.http import get

ROOT = Path(__file__).resolve().parents[2]
# The shared Redis is only ever added to (counters under fresh random key ids, which
# expire within a minute); INTEGRATION_REDIS_URL picks another database index.
SHARED_REDIS = os.environ.get("INTEGRATION_REDIS_URL", "redis://127.0.0.1:6379/9")


def _unavailable(reason: str) -> None:
    if os.environ.get("INTEGRATION") == "require":
        pytest.fail(f"integration test needs {reason}")
    pytest.skip(f"needs {reason}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Database:
    url: str
    host: str
    port: int
    name: str

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.url, autocommit=True)


@pytest.fixture
def database() -> Iterator[Database]:
    """A fresh, migrated PostgreSQL database of its own, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        _unavailable("PostgreSQL in DATABASE_URL")
    config = environ.Env.db_url_config(url)
    name = f"strive_it_{uuid.uuid4().hex[:8]}"
    admin_url = re.sub(r"/[^/]*$", "/postgres", url)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db = Database(
        url=re.sub(r"/[^/]*$", f"/{name}", url),
        host=config["HOST"] or "127.0.0.1",
        port=int(config["PORT"] or 5432),
        name=name,
    )
    manage("migrate", "--noinput", env={"DATABASE_URL": db.url})
    yield db
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def seed(database_url: str) -> str:
    """`seed_demo` into the database; returns the demo key."""
    output = manage("seed_demo", env={"DATABASE_URL": database_url})
    return re.search(r"sk_live_[0-9a-f]{64}", output).group(0)


@pytest.fixture
def shared_redis() -> str:
    try:
        redis.Redis.from_url(SHARED_REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        _unavailable("Redis on 127.0.0.1:6379")
    return SHARED_REDIS


@dataclass
class PrivateRedis:
    """A redis-server of the test's own, which it may kill and start again on the same port."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(50):
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError("private redis-server did not start")

    def pause(self) -> None:
        """SIGSTOP: the port still accepts connections, but nothing ever answers."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None:
            self.resume()
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        _unavailable("redis-server")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text()

    def json_log(self) -> list[dict]:
        """The JSON lines the workers logged (gunicorn's own lines are plain text)."""
        return [json.loads(line) for line in self.log().splitlines() if line.startswith("{")]


@pytest.fixture
def start_server(tmp_path):
    """Starts gunicorn (our gunicorn.conf.py) with the given environment; stops it after."""
    servers: list[Server] = []

    def start(env: dict[str, str], workers: int = 2) -> Server:
        port = free_port()
        log_path = tmp_path / f"gunicorn-{port}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "strive.wsgi:application"],
            cwd=ROOT,
            env={
                **os.environ,
                "HOST": "127.0.0.1",
                "PORT": str(port),
                "WEB_CONCURRENCY": str(workers),
                "ALLOWED_HOSTS": "127.0.0.1",
                **env,
            },
            stdout=log_path.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        server = Server(url=f"http://127.0.0.1:{port}", process=process, log_path=log_path)
        servers.append(server)
        # Ready once a worker answers, not merely once the port accepts (workers boot
        # after the master binds, slowly on a busy machine).
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            try:
                get(server.url + "/status", timeout=5)
                return server
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start:\n{server.log()}")

    yield start
    for server in servers:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=30)
