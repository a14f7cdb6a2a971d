from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "kind", "day", "read_at", "emailed_at"]
    list_filter = ["kind", "day"]
    search_fields = ["title", "user__username"]
    raw_id_fields = ["user"]


@admin.register(Preference)
class PreferenceAdmin(SimpleHistoryAdmin):
    list_display = ["user", "kind", "channel"]
    list_filter = ["kind", "channel"]
    raw_id_fields = ["user"]
