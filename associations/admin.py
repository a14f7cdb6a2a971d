from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import inline

from .models import (
    Association,
    Attendance,
    Competition,
    Meeting,
    Membership,
    Participant,
    Participation,
    PlanItem,
    Product,
)

MembershipInline = inline(Membership, raw_id_fields=["pedagogue"])
PlanItemInline = inline(PlanItem)


@admin.register(Association)
class AssociationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "municipality", "leader", "started", "ended"]
    list_filter = ["kind", "municipality"]
    search_fields = ["title"]
    raw_id_fields = ["leader"]
    inlines = [MembershipInline, PlanItemInline]


AttendanceInline = inline(Attendance, raw_id_fields=["pedagogue"])


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["date", "topic", "association", "kind", "format"]
    list_filter = ["kind", "format"]
    search_fields = ["topic", "association__title"]
    date_hierarchy = "date"
    inlines = [AttendanceInline]


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ["title", "type", "association", "created_on"]
    list_filter = ["type"]
    search_fields = ["title"]
    raw_id_fields = ["authors"]


@admin.register(Competition)
class CompetitionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "level", "year", "stage", "municipality", "starts"]
    list_filter = ["level", "year", "municipality"]
    search_fields = ["title", "organiser"]


ParticipantInline = inline(Participant, raw_id_fields=["pedagogue"])


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["competition", "team_name", "nomination", "result"]
    list_filter = ["result", "competition__level"]
    inlines = [ParticipantInline]
