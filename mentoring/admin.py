from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import inline
from mentoring import models


@admin.register(models.MentoringForm)
class MentoringFormAdmin(admin.ModelAdmin):
    list_display = ["name", "is_group", "order"]
    list_editable = ["is_group", "order"]


ParticipantInline = inline(models.Participant, raw_id_fields=["pedagogue"])
TaskInline = inline(models.Task)


@admin.register(models.Pair)
class PairAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "institution", "form", "start", "end"]
    list_filter = ["form", "institution__municipality"]
    raw_id_fields = ["institution", "programme", "created_by"]
    inlines = [ParticipantInline, TaskInline]


@admin.register(models.Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "institution", "start", "end"]
    raw_id_fields = ["institution", "curator"]
    search_fields = ["title"]


@admin.register(models.YoungSpecialistMark)
class YoungSpecialistMarkAdmin(SimpleHistoryAdmin):
    list_display = ["pedagogue", "is_young", "reason", "marked_at"]
    raw_id_fields = ["pedagogue", "marked_by"]


@admin.register(models.SupportRequest)
class SupportRequestAdmin(SimpleHistoryAdmin):
    list_display = ["topic", "requester_kind", "received_on", "closed_on"]
    raw_id_fields = ["institution", "pedagogue", "recorded_by"]


@admin.register(models.Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "topic", "municipality"]
    list_filter = ["kind", "municipality"]


@admin.register(models.Attestation)
class AttestationAdmin(SimpleHistoryAdmin):
    list_display = ["pedagogue", "category", "applied_on", "date", "result"]
    list_filter = ["category", "result"]
    raw_id_fields = ["pedagogue"]


@admin.register(models.AttestationSupport)
class AttestationSupportAdmin(SimpleHistoryAdmin):
    list_display = ["pedagogue", "date", "kind", "description"]
    raw_id_fields = ["pedagogue", "given_by"]


admin.site.register(models.Evaluation, SimpleHistoryAdmin)
