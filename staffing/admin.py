from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import inline
from staffing.models import Campaign, Need, RegulatoryDocument, Submission


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality", "as_of", "year", "deadline", "status"]
    list_filter = ["status", "municipality", "year"]
    search_fields = ["title"]


NeedInline = inline(Need, autocomplete_fields=[], exclude=["posts"])


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["institution", "campaign", "status", "no_needs", "submitted_at"]
    list_filter = ["status", "campaign"]
    search_fields = ["institution__short_name", "campaign__title"]
    raw_id_fields = ["institution", "submitted_by", "reviewed_by"]
    inlines = [NeedInline]


@admin.register(RegulatoryDocument)
class RegulatoryDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "number", "date", "status", "municipality"]
    list_filter = ["status", "municipality"]
    search_fields = ["title", "number"]
