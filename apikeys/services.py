"""Issuing, revoking and finding keys: the one path used by commands, admin and tests."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apikeys import crypto
from apikeys.models import ApiKey
from apikeys.scopes import KNOWN_SCOPES
from strive.ids import could_exist

MAX_ACTIVE_KEYS_PER_USER = 10
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiKeyError(Exception):
    """A refusal with a message fit to show an operator or a staff member."""


@dataclass(frozen=True)
class IssuedKey:
    api_key: ApiKey
    raw_key: str  # shown once, to whoever asked for it; never stored


def check_can_issue(
    user: AbstractBaseUser,
    scopes: Iterable[str],
    expires_at: datetime | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Validate an issuance; returns the scopes, de-duplicated, or raises ApiKeyError."""
    now = now or timezone.now()
    scopes = list(dict.fromkeys(scopes))
    if not scopes:
        raise ApiKeyError("Give at least one scope.")
    unknown = [scope for scope in scopes if scope not in KNOWN_SCOPES]
    if unknown:
        raise ApiKeyError(
            f"Unknown scope(s): {', '.join(unknown)}. Known scopes: {', '.join(KNOWN_SCOPES)}."
        )
    if expires_at is not None:
        if timezone.is_naive(expires_at):
            raise ApiKeyError("The expiry needs a time zone (for example a trailing Z).")
        if expires_at <= now:
            raise ApiKeyError("The expiry must be in the future.")
    if not user.is_active:
        raise ApiKeyError(f"User {user.get_username()!r} is inactive.")
    if ApiKey.objects.filter(user=user).active(now).count() >= MAX_ACTIVE_KEYS_PER_USER:
        raise ApiKeyError(
            f"User {user.get_username()!r} already has {MAX_ACTIVE_KEYS_PER_USER} active keys; "
            "revoke one first."
        )
    return scopes


def issue_api_key(
    *,
    user: AbstractBaseUser,
    scopes: Iterable[str],
    name: str = "",
    expires_at: datetime | None = None,
) -> IssuedKey:
    """Create a key for `user`. The raw key is in the result and nowhere else."""
    with transaction.atomic():
        # Lock the user row so two concurrent issuances cannot both pass the limit.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        scopes = check_can_issue(user, scopes, expires_at)
        raw_key = crypto.generate_key()
        api_key = ApiKey.objects.create(
            user=user,
            name=name,
            scopes=scopes,
            expires_at=expires_at,
            prefix=crypto.display_prefix(raw_key),
            hashed_key=crypto.hash_key(raw_key),
        )
    return IssuedKey(api_key=api_key, raw_key=raw_key)


def revoke_api_key(api_key: ApiKey) -> bool:
    """Revoke now; True if this call revoked it, False if it already was."""
    updated = ApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), updated_at=timezone.now()
    )
    api_key.refresh_from_db(fields=["revoked_at", "updated_at"])
    return bool(updated)


def find_api_key(id_or_prefix: str) -> ApiKey:
    """The key with this ID or display prefix; ApiKeyError if none or ambiguous."""
    matches = []
    if could_exist(id_or_prefix):
        matches = list(ApiKey.objects.filter(Q(pk=id_or_prefix) | Q(prefix=id_or_prefix))[:2])
    if not matches:
        raise ApiKeyError(f"No API key with ID or prefix {id_or_prefix!r}.")
    if len(matches) > 1:
        raise ApiKeyError(f"Prefix {id_or_prefix!r} matches several keys; use the key's ID.")
    return matches[0]


def record_use(api_key: ApiKey, now: datetime) -> None:
    """Set `last_used_at`, at most once a minute per key (no write on most requests)."""
    last = api_key.last_used_at
    if last is not None and now - last < LAST_USED_RESOLUTION:
        return
    # The condition makes concurrent workers write at most once per minute too.
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION)
    ApiKey.objects.filter(stale, pk=api_key.pk).update(last_used_at=now)
    api_key.last_used_at = now
