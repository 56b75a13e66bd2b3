"""The base every API view set extends."""

from rest_framework import exceptions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from strive import routers


class ApiViewSet(viewsets.GenericViewSet):
    """Read-only view set that runs the contract's checks in the contract's order.

    DRF checks permissions before throttles; the contract wants the rate limit
    (429) before the scope and stakeholder checks (403), so `initial` is
    reordered here. A method the route lacks is refused before authentication:
    it is a fact about the route, not about the caller.
    """

    http_method_names = ["get", "head"]
    pagination_class = None

    def dispatch(self, request, *args, **kwargs):
        # The API's reads may go to a read replica (strive.routers); nothing else's do.
        with routers.api_reads():
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request: Request, *args, **kwargs) -> None:
        if request.method.lower() not in self.action_map:
            raise exceptions.MethodNotAllowed(request.method)
        self.format_kwarg = self.get_format_suffix(**kwargs)
        request.accepted_renderer, request.accepted_media_type = self.perform_content_negotiation(
            request
        )
        request.version, request.versioning_scheme = self.determine_version(
            request, *args, **kwargs
        )
        self.perform_authentication(request)
        self.check_throttles(request)
        self.check_permissions(request)

    def finalize_response(self, request: Request, response: Response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        rate_limit = getattr(request, "rate_limit", None)
        if rate_limit is not None:
            for header, value in rate_limit.headers().items():
                response[header] = value
        return response
