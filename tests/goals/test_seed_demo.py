"""`seed_demo`: the documented example, a working key, and idempotence."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from apikeys.models import ApiKey
from goals.models import Goal, Milestone, Stakeholder
from tests.contract import PUBLIC_EXAMPLE
from tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def curl_parts(output: str) -> tuple[str, str]:
    line = output.strip().splitlines()[-1]
    match = re.fullmatch(r'curl -H "Authorization: Bearer (sk_live_[0-9a-f]{64})" (\S+)', line)
    assert match, line
    return match.group(1), match.group(2)


def test_curl_line_reads_the_public_example():
    key, url = curl_parts(seed())

    assert url == "http://127.0.0.1:8000/api/v1/goals/abc123/milestones"
    response = APIClient().get(url.removeprefix("http://127.0.0.1:8000"),
                               headers={"Authorization": f"Bearer {key}"})  # fmt: skip
    assert response.json() == PUBLIC_EXAMPLE


def test_base_url_option_shapes_the_curl_line():
    _, url = curl_parts(seed("--base-url", "http://localhost:9000/"))

    assert url == "http://localhost:9000/api/v1/goals/abc123/milestones"


def test_running_twice_restores_the_example_and_revokes_the_earlier_key():
    first_key, _ = curl_parts(seed())
    Milestone.objects.filter(id="ms001").update(description="edited", deleted_at=timezone.now())
    MilestoneFactory(goal_id="abc123", id="extra")

    second_key, _ = curl_parts(seed())

    assert Goal.objects.filter(id="abc123").count() == 1
    assert Stakeholder.objects.filter(goal_id="abc123", user__username="demo").count() == 1
    active = Milestone.objects.active().filter(goal_id="abc123").values_list("id", flat=True)
    assert sorted(active) == ["ms001", "ms002"]
    assert ApiKey.objects.filter(user__username="demo").active().count() == 1
    client = APIClient()
    url = "/api/v1/goals/abc123/milestones"
    old = client.get(url, headers={"Authorization": f"Bearer {first_key}"})
    new = client.get(url, headers={"Authorization": f"Bearer {second_key}"})
    assert old.status_code == 401
    assert new.json() == PUBLIC_EXAMPLE
