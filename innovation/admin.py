from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import inline
from innovation.models import Participant, Product, Project, Stage

StageInline = inline(Stage)
ParticipantInline = inline(Participant, raw_id_fields=["pedagogue", "institution"])
ProductInline = inline(Product)


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "topic", "institution", "level", "status", "start", "end"]
    list_filter = ["level", "status", "municipality"]
    search_fields = ["title", "topic", "institution__short_name"]
    raw_id_fields = ["institution"]
    filter_horizontal = ["partners"]
    inlines = [StageInline, ParticipantInline, ProductInline]
