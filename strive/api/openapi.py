"""OpenAPI building blocks every endpoint shares: the error body, timestamps, the
error responses and headers of the contract, and the schema generator's hooks.

Endpoints are described from outside their views (see `goals/schema.py`), so the
hot path carries no schema code.
"""

import re

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse


def ref(component: str) -> dict:
    """A `$ref` to a schema under `components.schemas`."""
    return {"$ref": f"#/components/schemas/{component}"}


SCHEMAS = {
    "Error": {
        "type": "object",
        "description": 'Every error body, exactly one key: `{"error": "<message>"}`.',
        "properties": {"error": {"type": "string", "minLength": 1}},
        "required": ["error"],
        "additionalProperties": False,
    },
    "Timestamp": {
        "type": "string",
        "format": "date-time",
        "description": "UTC, ISO 8601, exactly three fractional digits and a `Z`.",
        "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$",
        "examples": ["2026-03-31T00:00:00.000Z"],
    },
}

# --- Error responses, with the contract's exact messages as examples --------------------
# Written out as the contract words them, not imported from the code that sends them:
# tests/strive/test_openapi_schema.py checks the live API answers exactly these.

MALFORMED = "Missing or invalid Authorization header. Use: Bearer <token>"
INVALID = "Invalid or revoked API key"
EXPIRED = "API key has expired"
RATE_LIMITED = "Rate limit exceeded. Try again later."
INTERNAL_ERROR = "Internal server error"
NOT_FOUND = "Not found"
ALLOWED_METHODS = "GET, HEAD"


def error_response(description: str, messages: dict[str, str]) -> OpenApiResponse:
    """A response whose body is `Error`, one named example per message it can carry."""
    return OpenApiResponse(
        response=ref("Error"),
        description=description,
        examples=[
            OpenApiExample(name, value={"error": message}, response_only=True)
            for name, message in messages.items()
        ],
    )


UNAUTHORIZED = error_response(
    "The key is missing, malformed, unknown, revoked, its user is inactive, or it expired "
    '(checked in that order). Carries `WWW-Authenticate: Bearer realm="api"`.',
    {"Missing or malformed": MALFORMED, "Unknown or revoked": INVALID, "Expired": EXPIRED},
)
TOO_MANY_REQUESTS = error_response(
    "The key's requests for this minute are spent. `Retry-After` says when to try again.",
    {"Rate limited": RATE_LIMITED},
)
METHOD_NOT_ALLOWED = error_response(
    "A method the endpoint lacks (only GET and HEAD exist), answered before authentication, "
    f"with `Allow: {ALLOWED_METHODS}`.",
    {"POST": 'Method "POST" not allowed.', "DELETE": 'Method "DELETE" not allowed.'},
)
SERVER_ERROR = error_response(
    "Anything unexpected; logged on the server, never a traceback.",
    {"Internal error": INTERNAL_ERROR},
)


def missing_scope_message(scope: str) -> str:
    return f"Missing required scopes: {scope}"


# --- Response headers ------------------------------------------------------------------

# Sent on every answer to a request whose key authenticated, once the rate limit counted it.
RATE_LIMITED_STATUSES = [200, 403, 404, 429]


def rate_limit_headers() -> list[OpenApiParameter]:
    """`X-RateLimit-*`, `Retry-After` (429), `WWW-Authenticate` (401, 403) and `Allow` (405).

    The rate-limit headers are marked required where a request always reaches the
    counter (200, 403, 429); a 404 may also come from a path no route matches, with no
    key read, so there they are optional. While the shared cache is unreachable the API
    answers without them (fail open, see the README).
    """
    counted = [
        ("X-RateLimit-Limit", "Requests allowed per key per minute."),
        ("X-RateLimit-Remaining", "Requests left in the current window."),
        ("X-RateLimit-Reset", "Unix time (seconds) when the current window ends."),
    ]
    headers = []
    for name, description in counted:
        headers.append(_header(name, description, [200, 403, 429], required=True, minimum=0))
        headers.append(_header(name, description, [404], required=False, minimum=0))
    headers += [
        _header("Retry-After", "Seconds until the window resets.", [429], required=True, minimum=1),
        _header(
            "WWW-Authenticate",
            'RFC 6750: `Bearer realm="api"` on every 401.',
            [401],
            required=True,
            schema={"type": "string", "pattern": "^Bearer "},
        ),
        _header(
            "WWW-Authenticate",
            "On a 403 for a missing scope: "
            '`Bearer error="insufficient_scope", scope="milestones:read"`.',
            [403],
            required=False,
            schema={"type": "string", "pattern": "^Bearer "},
        ),
        _header(
            "Allow",
            "The methods the endpoint has.",
            [405],
            required=True,
            schema={"type": "string", "enum": [ALLOWED_METHODS]},
        ),
    ]
    return headers


def _header(
    name: str,
    description: str,
    statuses: list[int],
    *,
    required: bool,
    minimum: int | None = None,
    schema: dict | None = None,
) -> OpenApiParameter:
    if schema is None:
        schema = {"type": "integer", "minimum": minimum}
    return OpenApiParameter(
        name,
        type=schema,
        location=OpenApiParameter.HEADER,
        description=description,
        required=required,
        response=statuses,
    )


# --- Generator pieces (wired in settings.SPECTACULAR_SETTINGS) ---------------------------


class ContractAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, minus its list wrapping.

    Our responses are envelopes (`{"data": [...]}`) that the descriptions spell out in
    full; drf-spectacular would otherwise wrap a list view's response in an array.
    """

    def _is_list_view(self, serializer=None) -> bool:
        return False


_DJANGO_KWARG = re.compile(r"\{([a-z]+(?:_[a-z]+)+)\}")
_REGEX_GROUP = re.compile(r"\(\?P<([a-z]+(?:_[a-z]+)+)>")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def contract_paths(endpoints: list, **kwargs) -> list:
    """Paths as the contract writes them: `/goals/{goalId}/milestones`, no trailing slash.

    Our routes take snake_case URL kwargs and answer with or without a trailing slash;
    the schema names each route once, with the contract's camelCase parameters.
    """
    result = []
    for path, path_regex, method, callback in endpoints:
        path = _DJANGO_KWARG.sub(lambda m: "{" + _camel(m[1]) + "}", path).rstrip("/")
        path_regex = _REGEX_GROUP.sub(lambda m: f"(?P<{_camel(m[1])}>", path_regex)
        result.append((path, path_regex, method, callback))
    return result


def add_shared_components(result: dict, **kwargs) -> dict:
    """Put the shared schemas (`Error`, `Timestamp`) under `components.schemas`."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(SCHEMAS)
    return result
