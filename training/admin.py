from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import inline
from core.admin import register
from training import models

register(models.Provider, list_display=["name", "short_name", "type"], list_filter=["type"],
         search_fields=["name", "short_name"])


@admin.register(models.Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "provider", "hours", "format", "federal_register", "is_active", "owner"]
    # The administrator keeps the regional programmes (no owner) and may hand one to a municipality.
    list_filter = ["provider__type", "format", "federal_register", "is_active", ("owner", admin.EmptyFieldListFilter),
                   "owner"]
    search_fields = ["title", "provider__name"]
    filter_horizontal = ["target_positions", "competencies"]
    readonly_fields = ["created_by"]
    inlines = [inline(models.Module)]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


register(models.Block, list_display=["title", "code", "order"], inlines=[inline(models.Competency)])
register(models.Competency, list_display=["title", "block", "order"], list_filter=["block"],
         inlines=[inline(models.Statement)])
register(models.Statement, list_display=["text", "competency", "order"], list_filter=["competency__block"],
         search_fields=["text"])
register(models.Activity, list_display=["title", "kind", "is_active"], list_filter=["kind", "is_active"],
         filter_horizontal=["competencies"])
register(models.Completion, list_display=["pedagogue", "programme", "finished", "hours", "certificate_number"],
         list_filter=["programme__provider__type"],
         search_fields=["pedagogue__last_name", "certificate_number", "programme__title"], raw_id_fields=["pedagogue"])
register(models.HourEntry, history=False, list_display=["pedagogue", "date", "hours", "kind", "title"],
         list_filter=["kind"], raw_id_fields=["pedagogue"])
register(models.Diagnosis, list_display=["pedagogue", "kind", "year", "started_at", "completed_at"],
         list_filter=["kind", "year"], raw_id_fields=["pedagogue"], inlines=[inline(models.Answer)])
register(models.Route, list_display=["pedagogue", "year", "created"], list_filter=["year"],
         raw_id_fields=["pedagogue", "diagnosis"],
         inlines=[inline(models.RouteItem, fields=["kind", "title", "deadline", "status"])])
