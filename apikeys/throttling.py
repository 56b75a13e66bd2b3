"""Per-key rate limit: a fixed one-minute window counted in Django's cache."""

import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger("strive.ratelimit")

WINDOW_SECONDS = 60
_warned_at = 0.0


@dataclass(frozen=True)
class RateLimit:
    """Where a key stands in the current window."""

    limit: int
    count: int
    reset_at: int  # Unix seconds when the window ends

    @property
    def allowed(self) -> bool:
        return self.count <= self.limit

    def retry_after(self, now: float) -> int:
        return max(1, math.ceil(self.reset_at - now))

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.limit - self.count)),
            "X-RateLimit-Reset": str(self.reset_at),
        }


def hit(key_id: str, limit: int, now: float) -> RateLimit:
    """Count one request for the key in the current window."""
    window = int(now // WINDOW_SECONDS)
    count = _increment(f"ratelimit:{key_id}:{window}")
    return RateLimit(limit=limit, count=count, reset_at=(window + 1) * WINDOW_SECONDS)


def _increment(cache_key: str) -> int:
    """Add one to the window's counter and return it, atomically across processes."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # One round trip, one MULTI/EXEC: the counter and its expiry, never a
        # read-then-write race between workers or hosts.
        key = backend.make_and_validate_key(cache_key)
        client = backend._cache.get_client(key, write=True)
        with client.pipeline(transaction=True) as pipe:
            count, _ = pipe.incr(key).expire(key, WINDOW_SECONDS + 1, nx=True).execute()
        return count
    # Local memory (and memcached): `add` creates, `incr` is atomic in the backend.
    backend.add(cache_key, 0, timeout=WINDOW_SECONDS + 1)
    try:
        return backend.incr(cache_key)
    except ValueError:  # expired between add and incr
        backend.set(cache_key, 1, timeout=WINDOW_SECONDS + 1)
        return 1


class ApiKeyRateThrottle(BaseThrottle):
    """Counts requests per API key; refuses past `RATE_LIMIT_PER_MINUTE`.

    If the cache is unreachable the request is let through (fail open) and a
    warning is logged at most once a minute: an outage of the counter should
    not become an outage of the API.
    """

    def allow_request(self, request, view) -> bool:
        self.now = time.time()
        try:
            self.rate_limit = hit(request.auth.pk, settings.RATE_LIMIT_PER_MINUTE, self.now)
        except Exception as error:
            _warn_cache_down(self.now, error)
            return True
        request.rate_limit = self.rate_limit
        return self.rate_limit.allowed

    def wait(self) -> int:
        return self.rate_limit.retry_after(self.now)


def _warn_cache_down(now: float, error: Exception) -> None:
    global _warned_at
    if now - _warned_at >= WINDOW_SECONDS:
        _warned_at = now
        # An outage is expected: one line. Anything else may be a bug: its traceback.
        logger.warning(
            "Rate limiting is off: the cache is unreachable (%s: %s)",
            type(error).__name__,
            next(iter(str(error).strip().splitlines()), ""),
            exc_info=not isinstance(error, RedisError | OSError),
        )
