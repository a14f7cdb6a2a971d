from django.contrib import admin

from jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "label", "kind", "owner", "status", "progress", "attempts", "created", "finished")
    list_filter = ("status", "kind", "created")
    search_fields = ("label", "owner__username", "filename", "error")
    date_hierarchy = "created"
    list_select_related = ("owner",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
