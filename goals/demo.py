"""The public docs' example as data: what `seed_demo` puts in the database."""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from apikeys import services
from apikeys.models import ApiKey
from apikeys.scopes import MILESTONES_READ
from goals.models import Goal, Milestone, Stakeholder

DEMO_USERNAME = "demo"
DEMO_GOAL_ID = "abc123"


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


DEMO_MILESTONES = [
    {
        "id": "ms001",
        "description": "Complete first 5K run",
        "status": "succeeded",
        "order": 0,
        "deadline": _utc("2026-03-31T00:00:00"),
        "created_at": _utc("2026-01-15T10:30:00"),
        "updated_at": _utc("2026-02-10T08:00:00"),
    },
    {
        "id": "ms002",
        "description": "Run a half marathon",
        "status": "pending",
        "order": 1,
        "deadline": _utc("2026-06-30T00:00:00"),
        "created_at": _utc("2026-01-15T10:35:00"),
        "updated_at": _utc("2026-01-15T10:35:00"),
    },
]


@transaction.atomic
def seed_demo() -> services.IssuedKey:
    """Put the demo user, goal and milestones exactly as documented; issue a fresh key.

    Idempotent: earlier demo keys are revoked and other active milestones on the
    demo goal are soft-deleted (restorable in the admin), so the documented
    example is what the demo key reads.
    """
    user, _ = get_user_model().objects.update_or_create(
        username=DEMO_USERNAME, defaults={"is_active": True}
    )
    goal, _ = Goal.objects.update_or_create(
        id=DEMO_GOAL_ID,
        defaults={
            "title": "Run a marathon",
            "description": "From the couch to 42.195 km.",
            "status": "pending",
            "deadline": _utc("2026-10-31T00:00:00"),
        },
    )
    Stakeholder.objects.update_or_create(
        goal=goal, user=user, defaults={"is_admin": True, "is_achiever": True}
    )
    now = timezone.now()
    demo_ids = [milestone["id"] for milestone in DEMO_MILESTONES]
    goal.milestones.active().exclude(id__in=demo_ids).update(deleted_at=now, updated_at=now)
    for fields in DEMO_MILESTONES:
        Milestone.objects.update_or_create(
            id=fields["id"],
            defaults={"goal": goal, "deleted_at": None, **fields},
        )
        # auto_now overrides updated_at on save; set the documented value afterwards.
        Milestone.objects.filter(id=fields["id"]).update(updated_at=fields["updated_at"])
    for api_key in ApiKey.objects.filter(user=user, revoked_at__isnull=True):
        services.revoke_api_key(api_key)
    return services.issue_api_key(user=user, scopes=[MILESTONES_READ], name="demo")
