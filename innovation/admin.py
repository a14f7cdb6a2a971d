from core.admin import inline
from core.admin import register
from innovation import models

register(
    models.Project, list_display=["title", "topic", "institution", "level", "status", "start", "end"],
    list_filter=["level", "status", "municipality"], search_fields=["title", "topic", "institution__short_name"],
    raw_id_fields=["institution"], filter_horizontal=["partners"],
    inlines=[inline(models.Stage), inline(models.Participant, raw_id_fields=["pedagogue", "institution"]),
             inline(models.Product)],
)
