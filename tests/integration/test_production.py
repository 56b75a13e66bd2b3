"""The service as it runs for real: gunicorn workers sharing PostgreSQL and Redis, and faults."""

import os
import signal
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.integration.conftest import seed
from tests.integration.http import get
from tests.integration.tcp_proxy import TcpProxy

pytestmark = pytest.mark.integration

MILESTONES = "/api/v1/goals/abc123/milestones"


def wait_for(condition, timeout: float = 20, interval: float = 0.1) -> float:
    """Seconds until `condition()` held; fails the test after `timeout`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            pytest.fail(f"condition not met within {timeout}s")
        time.sleep(interval)
    return time.monotonic() - started


def away_from_minute_boundary(margin: float = 8) -> None:
    """The rate-limit window is the clock minute; keep a burst inside one window."""
    second = time.time() % 60
    if second > 60 - margin:
        time.sleep(60 - second + 0.5)


def test_rate_limit_is_exact_across_four_workers(database, shared_redis, start_server):
    key = seed(database.url)
    server = start_server(
        {"DATABASE_URL": database.url, "CACHE_URL": shared_redis, "RATE_LIMIT_PER_MINUTE": "60"},
        workers=4,
    )
    assert get(server.url + "/status").status == 200
    away_from_minute_boundary(margin=20)

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(lambda _: get(server.url + MILESTONES, key), range(200)))

    assert len({a.headers["X-RateLimit-Reset"] for a in answers}) == 1  # all in one window
    ok = [a for a in answers if a.status == 200]
    refused = [a for a in answers if a.status == 429]
    assert (len(ok), len(refused)) == (60, 140), sorted(a.status for a in answers)
    # Every count from 1 to 60 was handed out exactly once: no two workers saw the same.
    assert sorted(int(a.headers["X-RateLimit-Remaining"]) for a in ok) == list(range(60))
    for answer in refused:
        assert answer.json() == {"error": "Rate limit exceeded. Try again later."}
        assert answer.headers["X-RateLimit-Limit"] == "60"
        assert answer.headers["X-RateLimit-Remaining"] == "0"
        assert 1 <= int(answer.headers["Retry-After"]) <= 60
        assert int(answer.headers["X-RateLimit-Reset"]) % 60 == 0
    served_by = {line["pid"] for line in server.json_log() if line.get("path") == MILESTONES}
    assert len(served_by) >= 2  # the counter really was shared between processes
    print(f"exact count: 200 concurrent requests, limit 60, served by {len(served_by)} of 4 "
          f"workers -> {len(ok)} x 200, {len(refused)} x 429")  # fmt: skip


def test_redis_outage_fails_open_then_limiting_resumes(database, private_redis, start_server):
    key = seed(database.url)
    server = start_server(
        {
            "DATABASE_URL": database.url,
            "CACHE_URL": private_redis.url,
            "RATE_LIMIT_PER_MINUTE": "3",
        },
        workers=1,
    )
    away_from_minute_boundary(margin=15)
    before = [get(server.url + MILESTONES, key).status for _ in range(4)]

    private_redis.stop()
    during = [get(server.url + MILESTONES, key) for _ in range(5)]
    private_redis.start()
    recovery = wait_for(lambda: "X-RateLimit-Limit" in get(server.url + MILESTONES, key).headers)
    after = [get(server.url + MILESTONES, key).status for _ in range(4)]

    # Up but silent: each request waits out the socket timeout (0.5 s), never the
    # client's 10 s; without the timeout the answers would not come at all.
    private_redis.pause()
    started = time.monotonic()
    hanging = [get(server.url + MILESTONES, key) for _ in range(3)]
    hanging_seconds = (time.monotonic() - started) / len(hanging)
    private_redis.resume()

    assert before == [200, 200, 200, 429]
    assert [a.status for a in during] == [200] * 5
    assert all("X-RateLimit-Remaining" not in a.headers for a in during)
    assert during[0].json()["data"][0]["id"] == "ms001"
    assert after[-1] == 429  # counting again (a fresh Redis starts the window afresh)
    assert [a.status for a in hanging] == [200] * 3
    assert server.log().count("Rate limiting is off") == 1  # once a minute, not per request
    assert "Traceback" not in server.log()
    print(f"redis stopped: answers {[a.status for a in during]}, no X-RateLimit headers; "
          f"limiting back {recovery:.2f}s after Redis restarted ({after}); "
          f"redis hanging: 200 in {hanging_seconds:.2f}s each")  # fmt: skip


def test_database_outage_is_503_and_recovers_without_restart(database, start_server):
    key = seed(database.url)
    proxy = TcpProxy(database.host, database.port)
    proxy.start()
    proxied_url = database.url.replace(f":{database.port}/", f":{proxy.port}/")
    server = start_server({"DATABASE_URL": proxied_url}, workers=2)
    staff_session = {"Cookie": "sessionid=" + "a" * 32}  # makes the admin read the database
    assert get(server.url + MILESTONES, key).status == 200
    assert get(server.url + "/admin/", headers=staff_session).status == 302

    proxy.stop()
    started = time.monotonic()
    status = get(server.url + "/status")
    api = [get(server.url + MILESTONES, key) for _ in range(4)]
    admin = get(server.url + "/admin/", headers=staff_session)
    outage_seconds = (time.monotonic() - started) / 6
    proxy.start()
    recovery = wait_for(lambda: get(server.url + MILESTONES, key).status == 200)

    assert status.status == 503
    assert status.json()["status"] == "unavailable"
    for answer in api:
        assert answer.status == 503
        assert answer.json() == {"error": "Service unavailable"}
        assert answer.headers["Retry-After"] == "5"
        assert answer.headers["Content-Type"] == "application/json"
    assert (admin.status, admin.body, admin.headers["Retry-After"]) == (
        503,
        b"Service unavailable",
        "5",
    )
    assert get(server.url + "/status").status == 200
    assert "Traceback" not in server.log()
    print(f"database down: /status {status.status} {status.json()['status']}, API "
          f"{[a.status for a in api]} {api[0].json()} Retry-After 5, admin {admin.status}, "
          f"{outage_seconds * 1000:.0f} ms each; back {recovery:.2f}s after the database "
          f"returned")  # fmt: skip
    proxy.stop()


def test_replica_outage_is_503_and_recovers_without_restart(database, start_server):
    key = seed(database.url)
    proxy = TcpProxy(database.host, database.port)
    proxy.start()
    replica_url = database.url.replace(f":{database.port}/", f":{proxy.port}/")
    server = start_server({"DATABASE_URL": database.url, "DATABASE_REPLICA_URL": replica_url})
    assert get(server.url + MILESTONES, key).status == 200

    proxy.stop()
    status = get(server.url + "/status")
    api = get(server.url + MILESTONES, key)
    bad_key = get(server.url + MILESTONES, "sk_live_" + "0" * 64)  # the primary still answers
    proxy.start()
    recovery = wait_for(lambda: get(server.url + MILESTONES, key).status == 200)

    assert status.status == 503
    assert (api.status, api.json(), api.headers["Retry-After"]) == (
        503,
        {"error": "Service unavailable"},
        "5",
    )
    assert bad_key.status == 401
    assert "Traceback" not in server.log()
    print(f"replica down: /status {status.status}, API {api.status}, a bad key still 401; "
          f"back {recovery:.2f}s after the replica returned")  # fmt: skip
    proxy.stop()


def test_graceful_restart_drops_no_request(database, start_server):
    key = seed(database.url)
    server = start_server(
        {"DATABASE_URL": database.url, "RATE_LIMIT_PER_MINUTE": "1000000"}, workers=2
    )
    statuses: list[int | str] = []
    done = threading.Event()

    def drive() -> None:
        while not done.is_set():
            try:
                statuses.append(get(server.url + MILESTONES, key).status)
            except OSError as error:  # a dropped connection is a failure too
                statuses.append(repr(error))

    assert get(server.url + MILESTONES, key).status == 200
    clients = [threading.Thread(target=drive, daemon=True) for _ in range(4)]
    for client in clients:
        client.start()
    try:
        wait_for(lambda: len(statuses) >= 20, timeout=30)
        os.kill(server.process.pid, signal.SIGHUP)  # new workers up, then the old ones finish
        wait_for(lambda: server.log().count("Booting worker") >= 4, timeout=30)
        after_reload = len(statuses)
        wait_for(lambda: len(statuses) >= after_reload + 20, timeout=30)
    finally:
        done.set()
        for client in clients:
            client.join()

    assert set(statuses) == {200}, Counter(statuses)
    print(f"graceful restart (SIGHUP): {len(statuses)} requests, all 200")


def test_stuck_query_times_out_as_503(database, start_server):
    key = seed(database.url)
    server = start_server({"DATABASE_URL": database.url, "DB_STATEMENT_TIMEOUT_MS": "500"})
    assert get(server.url + MILESTONES, key).status == 200

    with database.connect() as locker:
        locker.execute("BEGIN")
        locker.execute("LOCK TABLE goals_stakeholder IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        stuck = get(server.url + MILESTONES, key)
        waited = time.monotonic() - started
        locker.execute("ROLLBACK")
    after = get(server.url + MILESTONES, key)

    assert stuck.status == 503
    assert stuck.json() == {"error": "Service unavailable"}
    assert 0.4 < waited < 5
    assert after.status == 200
    print(f"stuck query (table locked, DB_STATEMENT_TIMEOUT_MS=500): {stuck.status} "
          f"{stuck.json()} after {waited:.2f}s; next request {after.status}")  # fmt: skip
