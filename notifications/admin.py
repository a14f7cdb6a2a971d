from core.admin import register
from notifications import models

register(models.Notification, history=False, list_display=["title", "user", "kind", "day", "read_at", "emailed_at"],
         list_filter=["kind", "day"], search_fields=["title", "user__username"], raw_id_fields=["user"])
register(models.Preference, list_display=["user", "kind", "channel"], list_filter=["kind", "channel"],
         raw_id_fields=["user"])
