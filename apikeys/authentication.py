"""Bearer API key authentication."""

import re

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from apikeys import crypto, selectors, services

MALFORMED = "Missing or invalid Authorization header. Use: Bearer <token>"
INVALID = "Invalid or revoked API key"
EXPIRED = "API key has expired"

# RFC 7235 credentials: the scheme (case-insensitive), spaces, the token. Tabs and blanks
# around are tolerated; no other whitespace (NBSP, line breaks...) separates anything.
_BEARER_CREDENTIALS = re.compile(r"[ \t]*bearer[ \t]+(\S+)[ \t]*", re.IGNORECASE | re.ASCII)


class ApiKeyAuthentication(BaseAuthentication):
    """Turns `Authorization: Bearer sk_live_...` into `(user, ApiKey)`, or a 401."""

    def authenticate(self, request: Request) -> tuple:
        token = self._bearer_token(request.META.get("HTTP_AUTHORIZATION", ""))
        api_key = selectors.key_by_hash(crypto.hash_key(token))
        if api_key is None or api_key.revoked_at is not None or not api_key.user.is_active:
            raise AuthenticationFailed(INVALID)
        now = timezone.now()
        if api_key.is_expired(now):
            raise AuthenticationFailed(EXPIRED)
        services.record_use(api_key, now)
        return api_key.user, api_key

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'

    @staticmethod
    def _bearer_token(header: str) -> str:
        credentials = _BEARER_CREDENTIALS.fullmatch(header)
        if credentials is None or not crypto.is_well_formed(credentials[1]):
            raise AuthenticationFailed(MALFORMED)
        return credentials[1]
