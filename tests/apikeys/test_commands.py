"""Contract section 7: the operators' commands and what the database holds after them."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from apikeys import crypto
from apikeys.models import ApiKey
from tests.factories import ApiKeyFactory, UserFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_issue_prints_the_raw_key_as_last_line_and_stores_only_its_hash():
    UserFactory(username="alice")

    output = run("issue_api_key", "alice", "--scopes", "milestones:read,goals:read", "--name", "ci")

    raw_key = output.rstrip("\n").splitlines()[-1]
    assert crypto.is_well_formed(raw_key)
    key = ApiKey.objects.get()
    assert key.hashed_key == crypto.hash_key(raw_key)
    assert key.prefix == raw_key[:16]
    assert key.scopes == ["milestones:read", "goals:read"]
    assert key.name == "ci"
    assert key.user.username == "alice"
    assert key.expires_at is None
    assert raw_key not in "".join(str(v) for v in ApiKey.objects.values().get().values())


def test_issue_with_expiry():
    UserFactory(username="alice")

    run(
        "issue_api_key", "alice", "--scopes", "milestones:read", "--expires-at", "2099-01-31T12:00Z"
    )

    assert ApiKey.objects.get().expires_at.isoformat() == "2099-01-31T12:00:00+00:00"


def test_issue_expiry_without_zone_is_utc():
    UserFactory(username="alice")

    run("issue_api_key", "alice", "--scopes", "milestones:read", "--expires-at", "2099-01-31")

    assert ApiKey.objects.get().expires_at.isoformat() == "2099-01-31T00:00:00+00:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "--scopes", "milestones:read"], "No user 'nobody'."),
        (["alice", "--scopes", "milestones:read,admin:all"], "Unknown scope(s): admin:all."),
        (["alice", "--scopes", ","], "Give at least one scope."),
        (
            ["alice", "--scopes", "milestones:read", "--expires-at", "2001-01-01T00:00:00Z"],
            "The expiry must be in the future.",
        ),
    ],
)
def test_issue_refusals_create_nothing(args, message):
    UserFactory(username="alice")

    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run("issue_api_key", *args)

    assert ApiKey.objects.count() == 0


def test_issue_refuses_a_malformed_expiry():
    UserFactory(username="alice")

    with pytest.raises(CommandError, match="not an ISO 8601 time"):
        run("issue_api_key", "alice", "--scopes", "milestones:read", "--expires-at", "next week")

    assert ApiKey.objects.count() == 0


def test_issue_refuses_an_inactive_user():
    UserFactory(username="alice", is_active=False)

    with pytest.raises(CommandError, match="inactive"):
        run("issue_api_key", "alice", "--scopes", "milestones:read")

    assert ApiKey.objects.count() == 0


def test_issue_refuses_an_eleventh_active_key_but_not_after_one_is_gone():
    alice = UserFactory(username="alice")
    keys = ApiKeyFactory.create_batch(10, user=alice)
    ApiKeyFactory(user=alice, revoked_at=timezone.now())
    ApiKeyFactory(user=alice, expires_at=timezone.now() - timedelta(days=1))

    with pytest.raises(CommandError, match="already has 10 active keys"):
        run("issue_api_key", "alice", "--scopes", "milestones:read")
    assert ApiKey.objects.count() == 12

    ApiKey.objects.filter(pk=keys[0].pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    run("issue_api_key", "alice", "--scopes", "milestones:read")
    assert ApiKey.objects.count() == 13


@pytest.mark.parametrize("by", ["pk", "prefix"])
def test_revoke_by_id_or_prefix(by):
    key = ApiKeyFactory()

    output = run("revoke_api_key", getattr(key, by))

    key.refresh_from_db()
    assert key.revoked_at is not None
    assert output == f"Revoked API key {key.pk} ({key.prefix}).\n"


def test_revoking_twice_is_harmless_and_keeps_the_first_time():
    key = ApiKeyFactory()
    run("revoke_api_key", key.pk)
    key.refresh_from_db()
    first = key.revoked_at

    output = run("revoke_api_key", key.pk)

    key.refresh_from_db()
    assert key.revoked_at == first
    assert "already revoked" in output


def test_revoke_unknown_key_is_an_error():
    with pytest.raises(CommandError, match="No API key with ID or prefix 'nope'"):
        run("revoke_api_key", "nope")


def test_revoke_ambiguous_prefix_is_an_error_and_revokes_nothing():
    ApiKeyFactory(prefix="sk_live_aaaaaaaa")
    ApiKeyFactory(prefix="sk_live_aaaaaaaa")

    with pytest.raises(CommandError, match="matches several keys"):
        run("revoke_api_key", "sk_live_aaaaaaaa")

    assert ApiKey.objects.revoked().count() == 0


def test_list_shows_a_table_without_hash_or_raw_key():
    alice = UserFactory(username="alice")
    active = ApiKeyFactory(user=alice, name="laptop")
    revoked = ApiKeyFactory(user=alice, name="old", revoked_at=timezone.now())
    expired = ApiKeyFactory(user=alice, expires_at=timezone.now() - timedelta(days=1))
    other = ApiKeyFactory(user__username="bob")

    output = run("list_api_keys", "--user", "alice")

    lines = output.splitlines()
    assert lines[0].split() == [
        "ID", "PREFIX", "USER", "NAME", "SCOPES", "STATUS", "EXPIRES", "LAST", "USED", "CREATED"
    ]  # fmt: skip
    assert len(lines) == 4
    by_id = {line.split()[0]: line.split() for line in lines[1:]}
    assert by_id[active.pk][1:6] == [active.prefix, "alice", "laptop", "milestones:read", "active"]
    assert by_id[revoked.pk][5] == "revoked"
    assert by_id[expired.pk][5] == "expired"
    assert other.pk not in output
    for key in (active, revoked, expired):
        assert key.hashed_key not in output
        assert key.raw_key not in output


def test_list_for_unknown_user_is_an_error():
    with pytest.raises(CommandError, match="No user 'ghost'"):
        run("list_api_keys", "--user", "ghost")


def test_list_with_no_keys_says_so():
    assert run("list_api_keys") == "No API keys.\n"
