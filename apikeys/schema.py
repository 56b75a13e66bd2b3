"""Bearer API keys in the OpenAPI schema: the security scheme and each endpoint's scopes."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

SCHEME_NAME = "bearerAuth"


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    """`Authorization: Bearer sk_live_...`; an endpoint requires its view's `required_scopes`.

    OpenAPI 3.1 lets a non-OAuth security requirement list the roles it needs, so the
    scope sits in each operation's `security` as well as in its description.
    """

    target_class = "apikeys.authentication.ApiKeyAuthentication"
    name = SCHEME_NAME

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "sk_live_<64 lowercase hex>",
            "description": (
                "A personal API key, `sk_live_` followed by 64 lowercase hex characters, "
                "sent as `Authorization: Bearer <key>` (the scheme is case-insensitive). "
                "Keys carry scopes; this API needs `milestones:read`."
            ),
        }

    def get_security_requirement(self, auto_schema) -> dict:
        return {SCHEME_NAME: list(getattr(auto_schema.view, "required_scopes", []))}
