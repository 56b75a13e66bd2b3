"""Staff issue, inspect and revoke keys in the admin; the raw key is shown exactly once."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from apikeys import crypto
from apikeys.models import ApiKey
from tests.factories import ApiKeyFactory, UserFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/apikeys/apikey/add/"
LIST_URL = "/admin/apikeys/apikey/"


def add_form(user, **overrides) -> dict:
    return {
        "user": user.pk,
        "name": "zapier",
        "scopes": ["milestones:read", "goals:read"],
        "expires_at_0": "",
        "expires_at_1": "",
        **overrides,
    }


def test_add_page_offers_every_scope_as_a_checkbox(admin_client):
    page = admin_client.get(ADD_URL).content.decode()

    for scope in ["goals:read", "milestones:read", "posts:write", "supports:read"]:
        assert f'type="checkbox" name="scopes" value="{scope}"' in page


def test_issuing_shows_the_raw_key_once_and_stores_only_the_hash(admin_client):
    owner = UserFactory(username="carol")

    response = admin_client.post(ADD_URL, add_form(owner))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = ApiKey.objects.get()
    page = response.content.decode()
    (raw_key,) = set(re.findall(r"sk_live_[0-9a-f]{64}", page))
    assert crypto.hash_key(raw_key) == key.hashed_key
    assert "it will not be shown again" in page
    assert (key.user, key.name, key.scopes) == (owner, "zapier", ["milestones:read", "goals:read"])
    for url in [LIST_URL, f"{LIST_URL}{key.pk}/change/", f"{LIST_URL}?q={key.prefix}"]:
        later = admin_client.get(url).content.decode()
        assert raw_key not in later
        assert key.hashed_key not in later
        assert key.prefix in later


def test_issuing_with_an_expiry(admin_client):
    owner = UserFactory()

    admin_client.post(ADD_URL, add_form(owner, expires_at_0="2099-05-01", expires_at_1="10:00:00"))

    assert ApiKey.objects.get().expires_at.isoformat() == "2099-05-01T10:00:00+00:00"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"scopes": []}, "This field is required."),
        ({"scopes": ["admin:all"]}, "Select a valid choice."),
        ({"expires_at_0": "2001-01-01", "expires_at_1": "00:00:00"}, "must be in the future"),
    ],
)
def test_issuing_refusals_show_the_form_again_and_create_nothing(admin_client, overrides, message):
    response = admin_client.post(ADD_URL, add_form(UserFactory(), **overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert ApiKey.objects.count() == 0


def test_issuing_past_the_active_key_limit_is_refused(admin_client):
    owner = UserFactory(username="dave")
    ApiKeyFactory.create_batch(10, user=owner)

    response = admin_client.post(ADD_URL, add_form(owner))

    assert "already has 10 active keys" in response.content.decode()
    assert ApiKey.objects.count() == 10


def test_change_page_lets_staff_rename_but_not_touch_the_secret(admin_client):
    key = ApiKeyFactory(name="old name")

    page = admin_client.get(f"{LIST_URL}{key.pk}/change/").content.decode()
    admin_client.post(f"{LIST_URL}{key.pk}/change/", {"name": "new name"})

    key.refresh_from_db()
    assert 'name="name"' in page
    assert 'name="scopes"' not in page
    assert "hashed" not in page.lower()
    assert key.name == "new name"


def test_revoke_action(admin_client):
    keep, revoke = ApiKeyFactory(), ApiKeyFactory()

    admin_client.post(LIST_URL, {"action": "revoke_selected", "_selected_action": [revoke.pk]})

    keep.refresh_from_db()
    revoke.refresh_from_db()
    assert keep.revoked_at is None
    assert revoke.revoked_at is not None


def test_keys_cannot_be_deleted_only_revoked(admin_client):
    key = ApiKeyFactory()

    response = admin_client.post(f"{LIST_URL}{key.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert ApiKey.objects.filter(pk=key.pk).exists()


@pytest.mark.parametrize(("status", "expected"), [("active", 0), ("revoked", 1), ("expired", 2)])
def test_status_filter(admin_client, status, expected):
    keys = [
        ApiKeyFactory(name="key-active"),
        ApiKeyFactory(name="key-revoked", revoked_at=timezone.now()),
        ApiKeyFactory(name="key-expired", expires_at=timezone.now() - timedelta(minutes=1)),
    ]

    page = admin_client.get(f"{LIST_URL}?status={status}").content.decode()

    shown = [key.prefix in page for key in keys]
    assert shown == [i == expected for i in range(3)]
