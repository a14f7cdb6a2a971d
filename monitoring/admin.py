from core.admin import inline
from core.admin import register
from monitoring import models

register(models.Direction, list_display=["order", "code", "title"], list_display_links=["code"],
         list_editable=["order", "title"])
register(
    models.IndicatorPassport, list_display=["code", "title", "direction", "unit", "better", "is_key", "is_registered"],
    list_filter=["direction", "is_key", "is_registered"], list_editable=["is_key"], search_fields=["code", "title"],
    readonly_fields=["code", "title", "direction", "unit", "better", "rule", "source"], inlines=[inline(models.Target)],
)
register(models.ReportSnapshot, history=False, list_display=["year", "municipality", "created_at", "created_by"],
         readonly_fields=["municipality", "year", "data", "created_at", "created_by"])
register(
    models.Order, list_display=["__str__", "year", "municipality", "status"], list_filter=["status", "year"],
    inlines=[inline(models.Recommendation, stacked=True), inline(models.Assignment, stacked=True)],
)
# The tasks of issued orders with their execution steps (reports, acceptance, returns, extensions).
register(
    models.Assignment, list_display=["__str__", "order", "status", "deadline", "term"], list_filter=["status"],
    search_fields=["text", "addressee"], raw_id_fields=["order", "responsible", "follower"],
    inlines=[inline(models.AssignmentEvent, readonly_fields=["kind", "comment", "previous_term", "new_term", "by", "at"],
                    can_delete=False)],
)
