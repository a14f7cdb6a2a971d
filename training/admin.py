from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import inline
from training.models import (
    Activity,
    Answer,
    Block,
    Competency,
    Completion,
    Diagnosis,
    HourEntry,
    Module,
    Programme,
    Provider,
    Route,
    RouteItem,
    Statement,
)


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "type"]
    list_filter = ["type"]
    search_fields = ["name", "short_name"]


ModuleInline = inline(Module)


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "provider", "hours", "format", "federal_register", "is_active", "owner"]
    # The administrator keeps the regional programmes (no owner) and may hand one to a municipality.
    list_filter = ["provider__type", "format", "federal_register", "is_active", ("owner", admin.EmptyFieldListFilter),
                   "owner"]
    search_fields = ["title", "provider__name"]
    filter_horizontal = ["target_positions", "competencies"]
    readonly_fields = ["created_by"]
    inlines = [ModuleInline]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


CompetencyInline = inline(Competency)
StatementInline = inline(Statement)


@admin.register(Block)
class BlockAdmin(SimpleHistoryAdmin):
    list_display = ["title", "code", "order"]
    inlines = [CompetencyInline]


@admin.register(Competency)
class CompetencyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "block", "order"]
    list_filter = ["block"]
    inlines = [StatementInline]


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = ["text", "competency", "order"]
    list_filter = ["competency__block"]
    search_fields = ["text"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    filter_horizontal = ["competencies"]


@admin.register(Completion)
class CompletionAdmin(SimpleHistoryAdmin):
    list_display = ["pedagogue", "programme", "finished", "hours", "certificate_number"]
    list_filter = ["programme__provider__type"]
    search_fields = ["pedagogue__last_name", "certificate_number", "programme__title"]
    raw_id_fields = ["pedagogue"]


@admin.register(HourEntry)
class HourEntryAdmin(admin.ModelAdmin):
    list_display = ["pedagogue", "date", "hours", "kind", "title"]
    list_filter = ["kind"]
    raw_id_fields = ["pedagogue"]


AnswerInline = inline(Answer)


@admin.register(Diagnosis)
class DiagnosisAdmin(SimpleHistoryAdmin):
    list_display = ["pedagogue", "kind", "year", "started_at", "completed_at"]
    list_filter = ["kind", "year"]
    raw_id_fields = ["pedagogue"]
    inlines = [AnswerInline]


RouteItemInline = inline(RouteItem, fields=["kind", "title", "deadline", "status"])


@admin.register(Route)
class RouteAdmin(SimpleHistoryAdmin):
    list_display = ["pedagogue", "year", "created"]
    list_filter = ["year"]
    raw_id_fields = ["pedagogue", "diagnosis"]
    inlines = [RouteItemInline]
