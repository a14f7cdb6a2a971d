from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import inline
from expertise.models import (
    Assignment,
    CouncilOfficer,
    Criterion,
    Expert,
    ReviewRequest,
    Transition,
    TypeSettings,
)


@admin.register(TypeSettings)
class TypeSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["type", "experts_visible_to_authors"]


@admin.register(CouncilOfficer)
class CouncilOfficerAdmin(SimpleHistoryAdmin):
    list_display = ["user", "duty", "municipality", "since", "until"]
    list_filter = ["duty", "municipality"]
    autocomplete_fields = ["user"]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "type", "max_score", "order", "is_active"]
    list_filter = ["type", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = ["pedagogue", "specialisations", "active_from", "active_to", "user"]
    raw_id_fields = ["pedagogue", "user"]
    search_fields = ["pedagogue__last_name", "specialisations"]


AssignmentInline = inline(
    Assignment, readonly_fields=["expert", "round", "total", "max_total", "reviewed_at", "assigned_by"],
    can_delete=False,
)
TransitionInline = inline(
    Transition, readonly_fields=["action", "from_status", "to_status", "by", "at", "note"],
    can_delete=False,
)


@admin.register(ReviewRequest)
class ReviewRequestAdmin(SimpleHistoryAdmin):
    """Read-mostly: the workflow moves through the portal's pages so every step is logged."""

    list_display = ["title", "type", "institution", "status", "decision", "deadline", "concluded_on"]
    list_filter = ["type", "status", "decision"]
    search_fields = ["title", "authors"]
    readonly_fields = ["status", "decision", "combined_score", "concluded_on", "round"]
    raw_id_fields = ["institution", "submitted_by"]
    inlines = [AssignmentInline, TransitionInline]
