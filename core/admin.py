from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.models import (
    AcademicYear,
    CategoryAward,
    Employment,
    Institution,
    Municipality,
    Pedagogue,
    Position,
    RoleAssignment,
    Subject,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "counts_other_institutions"]
    search_fields = ["name"]


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "type", "subordination", "municipality", "is_active"]
    list_filter = ["type", "subordination", "municipality", "is_active"]
    search_fields = ["name", "short_name"]


class EmploymentInline(admin.TabularInline):
    model = Employment
    extra = 0
    autocomplete_fields = ["institution"]


class CategoryAwardInline(admin.TabularInline):
    model = CategoryAward
    extra = 0


@admin.register(Pedagogue)
class PedagogueAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "institution", "position", "category"]
    list_filter = ["category", "municipality"]
    search_fields = ["last_name", "first_name", "middle_name"]
    autocomplete_fields = ["institution", "user"]
    readonly_fields = ["category", "category_date", "category_valid_until"]
    inlines = [CategoryAwardInline, EmploymentInline]


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["title", "start", "end"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "is_pedagogical", "norm_hours", "order"]
    list_editable = ["norm_hours", "order"]
    search_fields = ["name"]


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "municipality", "institution"]
    list_filter = ["role", "municipality"]
    autocomplete_fields = ["user", "institution"]
