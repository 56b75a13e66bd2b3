"""The milestones endpoints in the OpenAPI schema, described from outside the view.

`MilestoneViewSchema` tells drf-spectacular what `goals.views.MilestoneViewSet`
answers; `add_milestone_components` adds the milestone object and the link from the
list to one milestone. The 200 examples are the public docs' example, built from the
data `seed_demo` stores, so the schema shows what the demo key really reads.
"""

from drf_spectacular.extensions import OpenApiViewExtension
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from apikeys.scopes import MILESTONES_READ
from goals.demo import DEMO_GOAL_ID, DEMO_MILESTONES
from goals.models import Status
from strive.api import openapi
from strive.api.openapi import ref
from strive.api.timestamps import format_timestamp

MILESTONE_NOT_FOUND = "Milestone not found"
NOT_A_STAKEHOLDER = "You are not a stakeholder of this goal"
PATH_SEGMENT = "^[^/]+$"

SCHEMAS = {
    "Milestone": {
        "type": "object",
        "description": "A step on a goal's roadmap. Exactly these keys.",
        "properties": {
            "id": {"type": "string", "description": "Opaque ID.", "examples": ["ms001"]},
            "description": {"type": "string"},
            "status": {"type": "string", "enum": list(Status.values)},
            "order": {
                "type": "integer",
                "minimum": 0,
                "description": "Position on the goal's roadmap, from 0.",
            },
            "deadline": {"oneOf": [ref("Timestamp"), {"type": "null"}]},
            "createdAt": ref("Timestamp"),
            "updatedAt": ref("Timestamp"),
        },
        "required": ["id", "description", "status", "order", "deadline", "createdAt", "updatedAt"],
        "additionalProperties": False,
    },
    "MilestoneList": {
        "type": "object",
        "properties": {"data": {"type": "array", "items": ref("Milestone")}},
        "required": ["data"],
        "additionalProperties": False,
    },
    "MilestoneDetail": {
        "type": "object",
        "properties": {"data": ref("Milestone")},
        "required": ["data"],
        "additionalProperties": False,
    },
}


def _wire(milestone: dict) -> dict:
    return {
        "id": milestone["id"],
        "description": milestone["description"],
        "status": milestone["status"],
        "order": milestone["order"],
        "deadline": format_timestamp(milestone["deadline"]),
        "createdAt": format_timestamp(milestone["created_at"]),
        "updatedAt": format_timestamp(milestone["updated_at"]),
    }


# The public docs' example: what `GET /goals/abc123/milestones[/ms001]` returns after seed_demo.
LIST_EXAMPLE = {"data": [_wire(milestone) for milestone in DEMO_MILESTONES]}
DETAIL_EXAMPLE = {"data": _wire(DEMO_MILESTONES[0])}

GOAL_ID = OpenApiParameter(
    "goalId",
    str,
    OpenApiParameter.PATH,
    description="The ID of the goal. Any path segment; one that matches nothing is a 403.",
    pattern=PATH_SEGMENT,
    examples=[OpenApiExample("Demo goal", value=DEMO_GOAL_ID)],
)
MILESTONE_ID = OpenApiParameter(
    "milestoneId",
    str,
    OpenApiParameter.PATH,
    description="The ID of the milestone. Any path segment; one that matches nothing is a 404.",
    pattern=PATH_SEGMENT,
    examples=[OpenApiExample("First demo milestone", value=DEMO_MILESTONES[0]["id"])],
)

FORBIDDEN = openapi.error_response(
    "The key lacks the `milestones:read` scope (with "
    '`WWW-Authenticate: Bearer error="insufficient_scope", scope="milestones:read"`), '
    "or the key's user holds no role on the goal, also when the goal does not exist.",
    {
        "Missing scope": openapi.missing_scope_message(MILESTONES_READ),
        "Not a stakeholder": NOT_A_STAKEHOLDER,
    },
)
LIST_NOT_FOUND = openapi.error_response(
    "The path matches no route (for example an empty or slash-holding `goalId`).",
    {"Unknown path": openapi.NOT_FOUND},
)
DETAIL_NOT_FOUND = openapi.error_response(
    "No active milestone with that ID in that goal: it never existed, was deleted, or "
    "belongs to another goal. Also any path that matches no route.",
    {"Milestone not found": MILESTONE_NOT_FOUND, "Unknown path": openapi.NOT_FOUND},
)


def _responses(ok: OpenApiResponse, not_found: OpenApiResponse) -> dict:
    """Every answer the contract defines, in status order."""
    return {
        200: ok,
        401: openapi.UNAUTHORIZED,
        403: FORBIDDEN,
        404: not_found,
        405: openapi.METHOD_NOT_ALLOWED,
        429: openapi.TOO_MANY_REQUESTS,
        500: openapi.SERVER_ERROR,
    }


list_milestones = extend_schema(
    operation_id="listMilestones",
    summary="List milestones",
    description=(
        "All active milestones of the goal, ordered by `order`, then `createdAt`, then `id`. "
        '`{"data": []}` when there are none. Checks run in the contract\'s order: '
        "authentication (401), rate limit (429), scope (403), stakeholder (403)."
    ),
    tags=["Milestones"],
    parameters=[GOAL_ID, *openapi.rate_limit_headers()],
    responses=_responses(
        OpenApiResponse(
            ref("MilestoneList"),
            "The goal's active milestones.",
            examples=[OpenApiExample("Public docs example", value=LIST_EXAMPLE)],
        ),
        LIST_NOT_FOUND,
    ),
)
get_milestone = extend_schema(
    operation_id="getMilestone",
    summary="Get milestone",
    description=(
        "One active milestone of the goal. Checks run in the contract's order: "
        "authentication (401), rate limit (429), scope (403), stakeholder (403), "
        "milestone (404)."
    ),
    tags=["Milestones"],
    parameters=[GOAL_ID, MILESTONE_ID, *openapi.rate_limit_headers()],
    responses=_responses(
        OpenApiResponse(
            ref("MilestoneDetail"),
            "The milestone.",
            examples=[OpenApiExample("Public docs example", value=DETAIL_EXAMPLE)],
        ),
        DETAIL_NOT_FOUND,
    ),
)


class MilestoneViewSchema(OpenApiViewExtension):
    """Describes `MilestoneViewSet` without touching it."""

    target_class = "goals.views.MilestoneViewSet"

    def view_replacement(self):
        @extend_schema_view(list=list_milestones, retrieve=get_milestone)
        class DescribedMilestoneViewSet(self.target_class):
            pass

        return DescribedMilestoneViewSet


def add_milestone_components(result: dict, **kwargs) -> dict:
    """The milestone schemas, and the OpenAPI link from a list to one of its milestones."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(SCHEMAS)
    list_ok = result["paths"]["/api/v1/goals/{goalId}/milestones"]["get"]["responses"]["200"]
    list_ok["links"] = {
        "GetFirstMilestone": {
            "operationId": "getMilestone",
            "parameters": {
                "goalId": "$request.path.goalId",
                "milestoneId": "$response.body#/data/0/id",
            },
            "description": "The first milestone of the list, by its `id`.",
        }
    }
    return result
