"""Staff admin for goals, milestones and stakeholders."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from goals.models import Goal, Milestone, Stakeholder


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = ["id", "description", "status", "order", "deadline", "deleted_at"]
    ordering = ["order", "created_at", "id"]
    extra = 0


class StakeholderInline(admin.TabularInline):
    model = Stakeholder
    fields = ["user", "is_admin", "is_achiever", "is_supporter", "is_spectator"]
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "id", "status", "deadline", "created_at"]
    list_filter = ["status"]
    search_fields = ["id", "title", "description"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MilestoneInline, StakeholderInline]

    def save_model(self, request: HttpRequest, obj: Goal, form, change: bool) -> None:
        if not change:
            # Django's inline formsets blank a new parent's default-generated primary key
            # (so it is generated again on save), which would drop the ID staff typed.
            obj.pk = form.cleaned_data["id"]
        super().save_model(request, obj, form, change)


class ActiveFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", "Active"), ("deleted", "Deleted")]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(deleted_at__isnull=True)
        if self.value() == "deleted":
            return queryset.filter(deleted_at__isnull=False)
        return queryset


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["description", "id", "goal", "status", "order", "deadline", "is_active"]
    list_filter = ["status", ActiveFilter]
    list_select_related = ["goal"]
    search_fields = ["id", "description", "goal__id", "goal__title"]
    autocomplete_fields = ["goal"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["soft_delete", "restore"]

    @admin.display(boolean=True, description="Active")
    def is_active(self, milestone: Milestone) -> bool:
        return milestone.is_active

    @admin.action(description="Soft-delete selected milestones")
    def soft_delete(self, request: HttpRequest, queryset: QuerySet[Milestone]) -> None:
        now = timezone.now()
        count = queryset.filter(deleted_at__isnull=True).update(deleted_at=now, updated_at=now)
        self.message_user(request, f"Soft-deleted {count} milestone(s).", messages.SUCCESS)

    @admin.action(description="Restore selected milestones")
    def restore(self, request: HttpRequest, queryset: QuerySet[Milestone]) -> None:
        now = timezone.now()
        count = queryset.filter(deleted_at__isnull=False).update(deleted_at=None, updated_at=now)
        self.message_user(request, f"Restored {count} milestone(s).", messages.SUCCESS)


@admin.register(Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = ["user", "goal", "is_admin", "is_achiever", "is_supporter", "is_spectator"]
    list_filter = ["is_admin", "is_achiever", "is_supporter", "is_spectator"]
    list_select_related = ["user", "goal"]
    search_fields = ["user__username", "user__email", "goal__id", "goal__title"]
    autocomplete_fields = ["goal", "user"]
    readonly_fields = ["created_at"]
