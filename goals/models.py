"""Goal, Milestone and Stakeholder (contract section 6)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from strive.ids import ID_MAX_LENGTH, new_id
from strive.models import TimeStampedModel


class Status(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class Goal(TimeStampedModel):
    """Something a user wants to achieve, broken into milestones."""

    id = models.CharField(primary_key=True, max_length=ID_MAX_LENGTH, default=new_id)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    deadline = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class MilestoneQuerySet(models.QuerySet):
    def active(self) -> "MilestoneQuerySet":
        return self.filter(deleted_at__isnull=True)


class Milestone(TimeStampedModel):
    """A step on a goal's roadmap. Soft-deleted when `deleted_at` is set."""

    id = models.CharField(primary_key=True, max_length=ID_MAX_LENGTH, default=new_id)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    description = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    order = models.PositiveIntegerField(default=0, help_text="Position on the roadmap, from 0.")
    deadline = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when soft-deleted; empty means active."
    )

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["goal", "order", "created_at", "id"]
        indexes = [
            # The list endpoint: a goal's active milestones, already in API order.
            models.Index(
                fields=["goal", "order", "created_at", "id"],
                condition=Q(deleted_at__isnull=True),
                name="milestone_active_order_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_active(self) -> bool:
        return self.deleted_at is None


class Stakeholder(models.Model):
    """A user's roles on a goal. Any row means the user is a stakeholder."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="stakeholders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stakeholdings"
    )
    is_admin = models.BooleanField(default=False)
    is_achiever = models.BooleanField(default=False)
    is_supporter = models.BooleanField(default=False)
    is_spectator = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # Also the index for the stakeholder check (goal, user).
            models.UniqueConstraint(fields=["goal", "user"], name="stakeholder_goal_user_unique"),
            models.CheckConstraint(
                condition=Q(is_admin=True)
                | Q(is_achiever=True)
                | Q(is_supporter=True)
                | Q(is_spectator=True),
                name="stakeholder_has_a_role",
                violation_error_message="A stakeholder needs at least one role.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.goal}"
