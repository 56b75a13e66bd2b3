"""All test factories, in one place."""

from datetime import UTC, datetime

import factory
from django.contrib.auth import get_user_model

from apikeys import crypto
from apikeys.models import ApiKey
from apikeys.scopes import MILESTONES_READ
from goals.models import Goal, Milestone, Stakeholder


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    title = factory.Sequence(lambda n: f"Goal {n}")


class MilestoneFactory(factory.django.DjangoModelFactory):
    """Pass `updated_at=` to pin it: `auto_now` would overwrite it on save."""

    class Meta:
        model = Milestone

    goal = factory.SubFactory(GoalFactory)
    description = factory.Sequence(lambda n: f"Milestone {n}")
    order = factory.Sequence(lambda n: n)
    created_at = factory.Sequence(lambda n: datetime(2026, 1, 1, 12, 0, n % 60, tzinfo=UTC))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        updated_at = kwargs.pop("updated_at", None)
        milestone = super()._create(model_class, *args, **kwargs)
        if updated_at is not None:
            model_class.objects.filter(pk=milestone.pk).update(updated_at=updated_at)
            milestone.updated_at = updated_at
        return milestone


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    goal = factory.SubFactory(GoalFactory)
    user = factory.SubFactory(UserFactory)
    is_achiever = True


class ApiKeyFactory(factory.django.DjangoModelFactory):
    """A stored key; the raw key is on the instance as `raw_key` (tests only)."""

    class Meta:
        model = ApiKey

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"key-{n}")
    scopes = factory.LazyFunction(lambda: [MILESTONES_READ])
    raw_key = factory.LazyFunction(crypto.generate_key)
    prefix = factory.LazyAttribute(lambda key: crypto.display_prefix(key.raw_key))
    hashed_key = factory.LazyAttribute(lambda key: crypto.hash_key(key.raw_key))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        raw_key = kwargs.pop("raw_key")
        api_key = super()._create(model_class, *args, **kwargs)
        api_key.raw_key = raw_key
        return api_key
