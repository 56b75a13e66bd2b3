"""A key-issuing form sent twice (a reload of the page showing the key) issues one key."""

import re

import pytest

from apikeys.admin import ALREADY_ISSUED
from apikeys.models import ApiKey
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/apikeys/apikey/add/"
RAW_KEY = re.compile(r"sk_live_[0-9a-f]{64}")


def issuing_form(admin_client, user) -> dict:
    page = admin_client.get(ADD_URL).content.decode()
    (token,) = re.findall(r'type="hidden" name="issuance" value="([^"]+)"', page)
    return {
        "user": user.pk, "name": "zapier", "scopes": ["milestones:read"],
        "expires_at_0": "", "expires_at_1": "", "issuance": token,
    }  # fmt: skip


def test_resending_the_same_form_issues_nothing_and_says_so(admin_client):
    form = issuing_form(admin_client, UserFactory())
    first = admin_client.post(ADD_URL, form)

    again = admin_client.post(ADD_URL, form, follow=True)

    assert RAW_KEY.search(first.content.decode())
    assert ApiKey.objects.count() == 1
    assert again.redirect_chain == [(ADD_URL, 302)]
    assert ALREADY_ISSUED in again.content.decode()
    assert not RAW_KEY.search(again.content.decode())


def test_each_rendered_form_issues_its_own_key(admin_client):
    user = UserFactory()
    forms = [issuing_form(admin_client, user) for _ in range(2)]

    for form in forms:
        assert admin_client.post(ADD_URL, form).status_code == 200

    assert forms[0]["issuance"] != forms[1]["issuance"]
    assert ApiKey.objects.filter(user=user).count() == 2
