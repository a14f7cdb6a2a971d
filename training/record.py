"""The training section of the pedagogue's page: hour account, completions, diagnosis, route."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Pedagogue
from core.record import RecordSection
from training.models import Completion, Diagnosis, Route, with_hour_account


def sections(pedagogue, user) -> list[RecordSection]:
    if not Pedagogue.objects.for_user(user).filter(pk=pedagogue.pk).exists():
        return []
    account = with_hour_account(Pedagogue.objects.filter(pk=pedagogue.pk), timezone.localdate()).values(
        "window_hours", "last_pd", "pd_status").first()
    diagnosis = (Diagnosis.objects.for_user(user).completed().filter(pedagogue=pedagogue)
                 .order_by("-completed_at").first())
    route = (Route.objects.for_user(user).filter(pedagogue=pedagogue).select_related("year").with_progress()
             .order_by("-year__start_year").first())
    completions = list(Completion.objects.for_user(user).filter(pedagogue=pedagogue)
                       .select_related("programme", "module")[:20])
    context = {
        "account": account,
        "norm": settings.PD_NORM_HOURS,
        "window_years": settings.PD_WINDOW_YEARS,
        "completions": completions,
        "diagnosis": diagnosis,
        "deficit_count": len(diagnosis.deficient_competencies()) if diagnosis else 0,
        "route": route,
    }
    return [RecordSection(key="training", title=_("Professional development"),
                          template="training/record_section.html", context=context, order=10)]
