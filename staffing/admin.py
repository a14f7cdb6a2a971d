from core.admin import inline
from core.admin import register
from staffing import models

register(models.Campaign, list_display=["title", "municipality", "as_of", "year", "deadline", "status"],
         list_filter=["status", "municipality", "year"], search_fields=["title"])
register(
    models.Submission, list_display=["institution", "campaign", "status", "no_needs", "submitted_at"],
    list_filter=["status", "campaign"], search_fields=["institution__short_name", "campaign__title"],
    raw_id_fields=["institution", "submitted_by", "reviewed_by"],
    inlines=[inline(models.Need, autocomplete_fields=[], exclude=["posts"])],
)
register(models.RegulatoryDocument, list_display=["title", "number", "date", "status", "municipality"],
         list_filter=["status", "municipality"], search_fields=["title", "number"])
