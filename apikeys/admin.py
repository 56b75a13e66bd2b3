"""Staff admin for API keys: issue (raw key shown once), list, revoke. Never the hash."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from apikeys import services
from apikeys.forms import IssueApiKeyForm
from apikeys.models import ApiKey

# Issuance tokens already used in this session, newest last (see `add_view`).
USED_ISSUANCES = "apikeys.used_issuances"
ALREADY_ISSUED = (
    "That form was already sent: its key was issued and shown once. Nothing new was issued; "
    "add another key if you need one."
)


class KeyStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", "Active"), ("revoked", "Revoked"), ("expired", "Expired")]

    def queryset(self, request, queryset):
        now = timezone.now()
        return {
            "active": lambda: queryset.active(now),
            "revoked": lambda: queryset.revoked(),
            "expired": lambda: queryset.expired(now),
        }.get(self.value(), lambda: queryset)()


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = [
        "prefix", "name", "user", "scope_list", "status", "expires_at", "last_used_at", "created_at"
    ]  # fmt: skip
    list_filter = [KeyStatusFilter]
    list_select_related = ["user"]
    search_fields = ["id", "prefix", "name", "user__username"]
    actions = ["revoke_selected"]
    add_form = IssueApiKeyForm
    # Never `hashed_key`: it is not a secret in itself, but it is nobody's business.
    readonly_fields = [
        "id", "prefix", "user", "scope_list", "status", "expires_at",
        "revoked_at", "last_used_at", "created_at", "updated_at",
    ]  # fmt: skip
    fields = [*readonly_fields[:2], "name", *readonly_fields[2:]]

    @admin.display(description="Scopes")
    def scope_list(self, api_key: ApiKey) -> str:
        return ", ".join(api_key.scopes)

    @admin.display(description="Status")
    def status(self, api_key: ApiKey) -> str:
        return api_key.status()

    def has_delete_permission(self, request: HttpRequest, obj: ApiKey | None = None) -> bool:
        return False  # revoke instead: the row is the audit trail

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return self.fields if obj else ["user", "name", "scopes", "expires_at", "issuance"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def add_view(self, request: HttpRequest, form_url="", extra_context=None):
        """Refuse a form sent twice (a browser reload re-posts it) instead of issuing again."""
        token = request.POST.get("issuance") if request.method == "POST" else None
        if token and token in request.session.get(USED_ISSUANCES, []):
            self.message_user(request, ALREADY_ISSUED, messages.WARNING)
            return HttpResponseRedirect(request.path)
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj: ApiKey, form, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        issued = services.issue_api_key(
            user=obj.user, scopes=obj.scopes, name=obj.name, expires_at=obj.expires_at
        )
        obj.pk = issued.api_key.pk
        obj.refresh_from_db()
        # On the request, not on this ModelAdmin: one instance serves every request.
        request.issued_raw_key = issued.raw_key

    def response_add(self, request: HttpRequest, obj: ApiKey, post_url_continue=None):
        """Show the raw key in this response, and only here: no redirect, no stored message."""
        raw_key = request.issued_raw_key
        if token := request.POST.get("issuance"):
            used = request.session.get(USED_ISSUANCES, [])
            request.session[USED_ISSUANCES] = [*used[-19:], token]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "API key issued",
            "api_key": obj,
            "raw_key": raw_key,
        }
        response = TemplateResponse(request, "admin/apikeys/apikey/issued.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Revoke selected API keys")
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        revoked = sum(services.revoke_api_key(api_key) for api_key in queryset)
        self.message_user(request, f"Revoked {revoked} API key(s).", messages.SUCCESS)
