"""The milestone object, exactly the contract's keys in the contract's order."""

from rest_framework import serializers

from goals.models import Milestone
from strive.api.timestamps import TimestampField


class MilestoneSerializer(serializers.ModelSerializer):
    deadline = TimestampField()
    createdAt = TimestampField(source="created_at")
    updatedAt = TimestampField(source="updated_at")

    class Meta:
        model = Milestone
        fields = ["id", "description", "status", "order", "deadline", "createdAt", "updatedAt"]
        read_only_fields = fields
