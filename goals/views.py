"""The milestones endpoints."""

from rest_framework import mixins
from rest_framework.exceptions import NotFound

from apikeys.permissions import HasScope
from apikeys.scopes import MILESTONES_READ
from apikeys.throttling import ApiKeyRateThrottle
from goals import selectors
from goals.models import Milestone
from goals.permissions import IsGoalStakeholder
from goals.serializers import MilestoneSerializer
from strive.api.views import ApiViewSet


class MilestoneViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """`GET /goals/{goalId}/milestones[/{milestoneId}]`."""

    serializer_class = MilestoneSerializer
    throttle_classes = [ApiKeyRateThrottle]
    permission_classes = [HasScope, IsGoalStakeholder]
    required_scopes = [MILESTONES_READ]
    lookup_url_kwarg = "milestone_id"

    def get_queryset(self):
        return selectors.active_milestones(self.kwargs["goal_id"])

    def get_object(self) -> Milestone:
        milestone = selectors.active_milestone(self.kwargs["goal_id"], self.kwargs["milestone_id"])
        if milestone is None:
            raise NotFound("Milestone not found")
        return milestone
