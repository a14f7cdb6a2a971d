"""The training sections of the pedagogue's page: PD (completions, diagnosis, route) and the
hour account with every ledger line and the activity it came from."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Pedagogue
from core.record import RecordSection
from training.hours import source_urls
from training.models import AccountStatus
from training.models import Completion
from training.models import Diagnosis
from training.models import HourEntry
from training.models import HourKind
from training.models import Route
from training.models import with_hour_account

LEDGER_ON_PAGE = 30


def sections(pedagogue, user) -> list[RecordSection]:
    if not Pedagogue.objects.visible_to(user, pedagogue.pk):
        return []
    account = with_hour_account(Pedagogue.objects.filter(pk=pedagogue.pk), timezone.localdate()).values(
        "window_hours", "last_pd", "pd_status").first()
    diagnosis = (Diagnosis.objects.for_user(user).completed().filter(pedagogue=pedagogue)
                 .order_by("-completed_at").first())
    route = (Route.objects.for_user(user).filter(pedagogue=pedagogue).select_related("year").with_progress()
             .order_by("-year__start_year").first())
    completions = list(Completion.objects.for_user(user).filter(pedagogue=pedagogue)
                       .select_related("programme", "module"))
    deficit_count = len(diagnosis.deficient_competencies()) if diagnosis else 0
    context = {
        "account": account,
        "norm": settings.PD_NORM_HOURS,
        "window_years": settings.PD_WINDOW_YEARS,
        "completions": completions[:20],
        "diagnosis": diagnosis,
        "deficit_count": deficit_count,
        "route": route,
    }
    facts = [
        (_("PD hours in the last {years} years").format(years=settings.PD_WINDOW_YEARS),
         "{hours} / {norm} ({status})".format(hours=_number(account["window_hours"]), norm=settings.PD_NORM_HOURS,
                                              status=AccountStatus(account["pd_status"]).label)),
        (_("Last PD"), account["last_pd"] or "—"),
    ]
    if diagnosis:
        facts.append((_("Latest diagnosis"), _("{day}, {count} deficits").format(
            day=timezone.localtime(diagnosis.completed_at).strftime("%d.%m.%Y"), count=deficit_count)))
    if route:
        facts.append((_("Individual route"), _("{year}: {accepted} of {total} items accepted").format(
            year=route.year, accepted=route.items_accepted, total=route.items_total)))
    result = [RecordSection(
        key="training", title=_("Professional development"), template="training/record_section.html",
        context=context, order=10, facts=facts,
        headers=[_("Programme"), _("Module"), _("Hours"), _("Started"), _("Finished"), _("Certificate")],
        rows=[(c.programme.title, c.module.title if c.module else "", c.hours, c.started, c.finished,
               c.certificate_number) for c in completions],
    )]
    ledger = list(HourEntry.objects.filter(pedagogue=pedagogue).order_by("-date", "pk"))
    if ledger:
        links = source_urls(ledger[:LEDGER_ON_PAGE], user)
        for entry in ledger[:LEDGER_ON_PAGE]:
            entry.source_link = links.get(entry.pk, "")
        by_kind: dict[str, float] = {}
        for entry in ledger:
            by_kind[entry.kind] = by_kind.get(entry.kind, 0) + entry.hours
        result.append(RecordSection(
            key="hours", title=_("Hour account"), template="training/record_hours.html",
            context={"entries": ledger[:LEDGER_ON_PAGE], "total": len(ledger),
                     "by_kind": [(HourKind(kind).label, hours) for kind, hours in sorted(by_kind.items())]},
            order=11,
            facts=[(HourKind(kind).label, _number(hours)) for kind, hours in sorted(by_kind.items())],
            headers=[_("Date"), _("Source"), _("Activity"), _("Hours")],
            rows=[(e.date, HourKind(e.kind).label, e.title, e.hours) for e in ledger],
        ))
    return result


def _number(value) -> str:
    text = f"{value:.1f}" if value is not None else "0"
    return text[:-2] if text.endswith(".0") else text
