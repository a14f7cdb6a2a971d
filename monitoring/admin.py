from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import inline
from monitoring.models import (
    Assignment,
    AssignmentEvent,
    Direction,
    IndicatorPassport,
    Order,
    Recommendation,
    ReportSnapshot,
    Target,
)


@admin.register(Direction)
class DirectionAdmin(SimpleHistoryAdmin):
    list_display = ["order", "code", "title"]
    list_display_links = ["code"]
    list_editable = ["order", "title"]


TargetInline = inline(Target)


@admin.register(IndicatorPassport)
class PassportAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "direction", "unit", "better", "is_key", "is_registered"]
    list_filter = ["direction", "is_key", "is_registered"]
    list_editable = ["is_key"]
    search_fields = ["code", "title"]
    readonly_fields = ["code", "title", "direction", "unit", "better", "rule", "source"]
    inlines = [TargetInline]


@admin.register(ReportSnapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ["year", "municipality", "created_at", "created_by"]
    readonly_fields = ["municipality", "year", "data", "created_at", "created_by"]


RecommendationInline = inline(Recommendation, stacked=True)
AssignmentInline = inline(Assignment, stacked=True)


@admin.register(Order)
class OrderAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "year", "municipality", "status"]
    list_filter = ["status", "year"]
    inlines = [RecommendationInline, AssignmentInline]


AssignmentEventInline = inline(
    AssignmentEvent, readonly_fields=["kind", "comment", "previous_term", "new_term", "by", "at"],
    can_delete=False,
)


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    """The tasks of issued orders with their execution steps (reports, acceptance, returns, extensions)."""

    list_display = ["__str__", "order", "status", "deadline", "term"]
    list_filter = ["status"]
    search_fields = ["text", "addressee"]
    raw_id_fields = ["order", "responsible", "follower"]
    inlines = [AssignmentEventInline]
