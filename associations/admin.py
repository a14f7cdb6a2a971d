from associations import models
from core.admin import inline
from core.admin import register

register(
    models.Association, list_display=["title", "kind", "municipality", "leader", "started", "ended"],
    list_filter=["kind", "municipality"], search_fields=["title"], raw_id_fields=["leader"],
    inlines=[inline(models.Membership, raw_id_fields=["pedagogue"]), inline(models.PlanItem)],
)
register(
    models.Meeting, list_display=["date", "topic", "association", "kind", "format"], list_filter=["kind", "format"],
    search_fields=["topic", "association__title"], date_hierarchy="date",
    inlines=[inline(models.Attendance, raw_id_fields=["pedagogue"])],
)
register(models.Product, list_display=["title", "type", "association", "created_on"], list_filter=["type"],
         search_fields=["title"], raw_id_fields=["authors"])
register(models.Competition, list_display=["title", "level", "year", "stage", "municipality", "starts"],
         list_filter=["level", "year", "municipality"], search_fields=["title", "organiser"])
register(models.Participation, list_display=["competition", "team_name", "nomination", "result"],
         list_filter=["result", "competition__level"], inlines=[inline(models.Participant, raw_id_fields=["pedagogue"])])
