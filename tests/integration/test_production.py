"""The service as it runs for real: gunicorn workers sharing PostgreSQL and Redis, and faults."""

import time
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
    away_from_minute_boundary()

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(lambda _: get(server.url + MILESTONES, key), range(200)))

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

    assert before == [200, 200, 200, 429]
    assert [a.status for a in during] == [200] * 5
    assert all("X-RateLimit-Remaining" not in a.headers for a in during)
    assert during[0].json()["data"][0]["id"] == "ms001"
    assert after[-1] == 429  # counting again (a fresh Redis starts the window afresh)
    assert server.log().count("Rate limiting is off") == 1  # once a minute, not per request
    print(f"redis outage: recovery after restart {recovery:.2f}s")


def test_database_outage_is_503_and_recovers_without_restart(database, start_server):
    key = seed(database.url)
    proxy = TcpProxy(database.host, database.port)
    proxy.start()
    proxied_url = database.url.replace(f":{database.port}/", f":{proxy.port}/")
    server = start_server({"DATABASE_URL": proxied_url}, workers=2)
    assert get(server.url + MILESTONES, key).status == 200

    proxy.stop()
    status = get(server.url + "/status")
    api = [get(server.url + MILESTONES, key) for _ in range(4)]
    proxy.start()
    recovery = wait_for(lambda: get(server.url + MILESTONES, key).status == 200)

    assert status.status == 503
    assert status.json()["status"] == "unavailable"
    for answer in api:
        assert answer.status == 503
        assert answer.json() == {"error": "Service unavailable"}
        assert answer.headers["Retry-After"] == "5"
        assert answer.headers["Content-Type"] == "application/json"
    assert get(server.url + "/status").status == 200
    assert "Traceback" not in server.log()
    print(f"database outage: recovery after the database returned {recovery:.2f}s")
    proxy.stop()


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
    print(f"stuck query answered 503 after {waited:.2f}s")
