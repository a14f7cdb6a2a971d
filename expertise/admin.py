from core.admin import inline
from core.admin import register
from expertise import models

register(models.TypeSettings, list_display=["type", "experts_visible_to_authors"])
register(models.CouncilOfficer, list_display=["user", "duty", "municipality", "since", "until"],
         list_filter=["duty", "municipality"], autocomplete_fields=["user"])
register(models.Criterion, list_display=["title", "type", "max_score", "order", "is_active"],
         list_filter=["type", "is_active"], list_editable=["order", "is_active"])
register(models.Expert, list_display=["pedagogue", "specialisations", "active_from", "active_to", "user"],
         raw_id_fields=["pedagogue", "user"], search_fields=["pedagogue__last_name", "specialisations"])
# Read-mostly: the workflow moves through the portal's pages so every step is logged.
register(
    models.ReviewRequest, list_display=["title", "type", "institution", "status", "decision", "deadline", "concluded_on"],
    list_filter=["type", "status", "decision"], search_fields=["title", "authors"],
    readonly_fields=["status", "decision", "combined_score", "concluded_on", "round"],
    raw_id_fields=["institution", "submitted_by"],
    inlines=[
        inline(models.Assignment, readonly_fields=["expert", "round", "total", "max_total", "reviewed_at", "assigned_by"],
               can_delete=False),
        inline(models.Transition, readonly_fields=["action", "from_status", "to_status", "by", "at", "note"],
               can_delete=False),
    ],
)
