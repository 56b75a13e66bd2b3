"""Scope checks: the key must carry every scope the view declares in `required_scopes`."""

from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission


class InsufficientScope(PermissionDenied):
    """403 that names the missing scopes, with the RFC 6750 `WWW-Authenticate` header."""

    def __init__(self, missing: list[str]) -> None:
        scopes = " ".join(missing)
        super().__init__(f"Missing required scopes: {', '.join(missing)}")
        # DRF's exception handler turns `auth_header` into `WWW-Authenticate`.
        self.auth_header = f'Bearer error="insufficient_scope", scope="{scopes}"'


class HasScope(BasePermission):
    """Allows the request when the API key carries all of `view.required_scopes`."""

    def has_permission(self, request, view) -> bool:
        granted = request.auth.scopes
        missing = [scope for scope in view.required_scopes if scope not in granted]
        if missing:
            raise InsufficientScope(missing)
        return True
