from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from innovation.models import Participant, Product, Project, Stage


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ["pedagogue", "institution"]


class ProductInline(admin.TabularInline):
    model = Product
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "topic", "institution", "level", "status", "start", "end"]
    list_filter = ["level", "status", "municipality"]
    search_fields = ["title", "topic", "institution__short_name"]
    raw_id_fields = ["institution"]
    filter_horizontal = ["partners"]
    inlines = [StageInline, ParticipantInline, ProductInline]
