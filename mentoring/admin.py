from core.admin import inline
from core.admin import register
from mentoring import models

register(models.MentoringForm, history=False, list_display=["name", "is_group", "order"],
         list_editable=["is_group", "order"])
register(
    models.Pair, list_display=["__str__", "institution", "form", "start", "end"],
    list_filter=["form", "institution__municipality"], raw_id_fields=["institution", "programme", "created_by"],
    inlines=[inline(models.Participant, raw_id_fields=["pedagogue"]), inline(models.Task)],
)
register(models.Programme, list_display=["title", "institution", "start", "end"],
         raw_id_fields=["institution", "curator"], search_fields=["title"])
register(models.YoungSpecialistMark, list_display=["pedagogue", "is_young", "reason", "marked_at"],
         raw_id_fields=["pedagogue", "marked_by"])
register(models.SupportRequest, list_display=["topic", "requester_kind", "received_on", "closed_on"],
         raw_id_fields=["institution", "pedagogue", "recorded_by"])
register(models.Session, list_display=["date", "kind", "topic", "municipality"], list_filter=["kind", "municipality"])
register(models.Attestation, list_display=["pedagogue", "category", "applied_on", "date", "result"],
         list_filter=["category", "result"], raw_id_fields=["pedagogue"])
register(models.AttestationSupport, list_display=["pedagogue", "date", "kind", "description"],
         raw_id_fields=["pedagogue", "given_by"])
register(models.Evaluation)
