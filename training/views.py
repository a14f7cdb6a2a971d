import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models import Q
from django.http import FileResponse
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.audit import AccessKind
from core.audit import CountingRows
from core.audit import log_access
from core.deletion import confirm_delete
from core.history import history_entries
from core.imports import ImportView
from core.listing import filtered
from core.listing import list_page
from core.models import AcademicYear
from core.models import Pedagogue
from core.pages import edit_page
from core.pages import editable_record
from core.pages import form_page
from core.pdf import pdf_response
from core.scoping import Role
from core.scoping import roles_of
from core.xlsx import workbook_response
from jobs.decorators import background_file
from training import exports
from training.filters import AccountPageFilter
from training.filters import CompletionPageFilter
from training.filters import DiagnosisPageFilter
from training.filters import ProgrammePageFilter
from training.filters import RoutePageFilter
from training.forms import CompletionForm
from training.forms import DeadlineForm
from training.forms import DiagnosisForm
from training.forms import EvidenceForm
from training.forms import ExternalDiagnosisStartForm
from training.forms import ModuleFormSet
from training.forms import OwnItemForm
from training.forms import ProgrammeForm
from training.forms import ProviderForm
from training.forms import ReviewForm
from training.imports import CompletionImporter
from training.models import Block
from training.models import Completion
from training.models import DeficitLevel
from training.models import Diagnosis
from training.models import DiagnosisKind
from training.models import ItemStatus
from training.models import Programme
from training.models import Provider
from training.models import Route
from training.models import RouteItem
from training.models import Statement
from training.models import deficit_level
from training.models import may_manage
from training.models import owner_for
from training.models import suggestions
from training.models import window_start
from training.models import with_hour_account
from training.services import add_suggestion
from training.services import create_route
from training.services import review_item
from training.services import save_answers
from training.services import start_diagnosis
from training.services import submit_evidence


def _require_manager(user) -> None:
    if not may_manage(user):
        raise PermissionDenied


def _sees_staff(user) -> bool:
    roles = roles_of(user)
    return roles.is_global or bool(roles.municipality_ids) or bool(roles.institution_ids_for(Role.SCHOOL))


# --- catalogue ----------------------------------------------------------------------------------


def programme_rows(request):
    queryset = Programme.objects.select_related("provider").annotate(completion_count=Count("completions"))
    return filtered(request, ProgrammePageFilter, queryset, "title")


@login_required
def programme_list(request):
    filterset = programme_rows(request)
    return list_page(request, "training/programme_list.html", filterset, rows=filterset.qs.prefetch_related("competencies"),
                     export="training:programme-export", context={"can_edit": may_manage(request.user)})


@login_required
@background_file(gettext_lazy("PD programmes"))
def programme_export(request):
    return workbook_response("programmes.xlsx", [exports.programmes_sheet(programme_rows(request).qs)])


@login_required
def programme_detail(request, pk: int):
    programme = get_object_or_404(Programme.objects.select_related("provider"), pk=pk)
    completions = Completion.objects.for_user(request.user).filter(programme=programme)
    return render(request, "training/programme_detail.html", {
        "programme": programme,
        "modules": programme.modules.all(),
        "competencies": programme.competencies.select_related("block"),
        "positions": programme.target_positions.all(),
        "completion_count": completions.count(),
        # A shared catalogue: every municipality uses the programme, its owner changes it.
        "can_edit": Programme.objects.editable_by(request.user).filter(pk=pk).exists(),
        "history": history_entries(programme) if may_manage(request.user) else None,
    })


def _programme_form(request, instance: Programme | None):
    _require_manager(request.user)
    data = request.POST if request.method == "POST" else None
    form = ProgrammeForm(data, instance=instance)
    modules = ModuleFormSet(data, instance=instance or Programme(), prefix="modules")
    if data is not None and form.is_valid():
        modules.instance = form.instance
        if modules.is_valid():
            if instance is None:
                form.instance.owner_id = owner_for(request.user)
                form.instance.created_by = request.user
            programme = form.save()
            modules.instance = programme
            modules.save()
            messages.success(request, _("The programme «{title}» is saved.").format(title=programme.title))
            return redirect(programme)
    title = _("Edit the programme") if instance else _("New programme")
    return render(request, "training/programme_form.html",
                  {"form": form, "modules": modules, "programme": instance, "title": title})


@login_required
def programme_create(request):
    return _programme_form(request, None)


@login_required
def programme_edit(request, pk: int):
    return _programme_form(request, editable_record(
        request, Programme.objects.all(), pk,
        _("The programme belongs to another municipality: you use it, its owner changes it.")))


@login_required
def programme_delete(request, pk: int):
    """The owner's methodists delete a programme nobody completed (completions keep it: the page names them)."""
    _require_manager(request.user)
    programme = get_object_or_404(Programme.objects.editable_by(request.user), pk=pk)
    return confirm_delete(request, programme, success_url=reverse("training:programme-list"))


@login_required
def provider_list(request):
    providers = Provider.objects.annotate(programme_count=Count("programmes")).order_by("name")
    return list_page(request, "training/provider_list.html", rows=providers, context={"can_edit": may_manage(request.user)})


@login_required
def provider_form(request, pk: int | None = None):
    _require_manager(request.user)
    instance = get_object_or_404(Provider, pk=pk) if pk else None
    providers = reverse("training:provider-list")
    return edit_page(request, ProviderForm(request.POST or None, instance=instance),
                     saved=lambda saved: _("The provider «{name}» is saved.").format(name=saved.name),
                     title=_("Edit the provider") if instance else _("New provider"),
                     back_url=providers, success_url=providers,
                     delete_url=reverse("training:provider-delete", args=[pk]) if pk else "")


@login_required
def provider_delete(request, pk: int):
    """A provider whose programmes are recorded is kept (the page names them)."""
    _require_manager(request.user)
    provider = get_object_or_404(Provider, pk=pk)
    return confirm_delete(request, provider, success_url=reverse("training:provider-list"))


# --- completions --------------------------------------------------------------------------------


def completion_rows(request):
    queryset = Completion.objects.for_user(request.user).select_related(
        "pedagogue", "pedagogue__institution", "programme", "programme__provider", "module"
    )
    return filtered(request, CompletionPageFilter, queryset, "-finished")


@login_required
def completion_list(request):
    return list_page(request, "training/completion_list.html", lambda: completion_rows(request),
                     export="training:completion-export", context={"can_edit": may_manage(request.user)}, cached=True)


@login_required
@background_file(gettext_lazy("Completions"))
def completion_export(request):
    return workbook_response("pd-completions.xlsx", [exports.completions_sheet(completion_rows(request).qs)])


def _completion_form(request, instance: Completion | None):
    _require_manager(request.user)
    form = CompletionForm(request.POST or None, instance=instance or Completion(created_by=request.user),
                          user=request.user)
    completions = reverse("training:completion-list")
    return edit_page(request, form, saved=lambda saved: _("The completion of {name} is saved: {hours} h.").format(
                         name=saved.pedagogue.full_name, hours=saved.hours),
                     title=_("Edit the completion") if instance else _("New completion"),
                     back_url=completions, success_url=completions,
                     delete_url=reverse("training:completion-delete", args=[instance.pk]) if instance else "")


@login_required
def completion_create(request):
    return _completion_form(request, None)


@login_required
def completion_edit(request, pk: int):
    completion = get_object_or_404(Completion.objects.for_user(request.user), pk=pk)
    return _completion_form(request, completion)


@login_required
def completion_delete(request, pk: int):
    _require_manager(request.user)
    completion = get_object_or_404(Completion.objects.for_user(request.user), pk=pk)
    return confirm_delete(
        request, completion, success_url=reverse("training:completion-list"),
        cancel_url=reverse("training:completion-edit", args=[pk]),
        done_message=_("The completion is deleted; its hours are removed from the account."),
    )


CompletionImportView = ImportView.of(CompletionImporter, title=gettext_lazy("Import a provider's list of completions"),
                                     list_url_name="training:completion-list",
                                     template_filename="pd-completions-template.xlsx", allowed=may_manage)


# --- hour account -------------------------------------------------------------------------------


def account_day(request) -> datetime.date:
    try:
        day = parse_date(request.GET.get("on") or "")
    except ValueError:  # well formed but impossible, e.g. 2021-13-45: the filter is ignored like a malformed one
        day = None
    return day or timezone.localdate()


def account_rows(request):
    on = account_day(request)
    queryset = with_hour_account(
        Pedagogue.objects.for_user(request.user).filter(institution__isnull=False).select_related(
            "institution", "position"), on)
    data = request.GET.copy()
    data.setdefault("sort", "name")
    data["on"] = on.isoformat()  # shown in the filter bar, so applying a filter keeps the day
    return AccountPageFilter(data, queryset=queryset, request=request), on


@login_required
def account_list(request):
    if not _sees_staff(request.user):
        raise PermissionDenied
    filterset, on = account_rows(request)
    counts = filterset.qs.order_by().aggregate(
        total=Count("pk"),
        met=Count("pk", filter=Q(pd_status="norm_met")),
        progress=Count("pk", filter=Q(pd_status="in_progress")),
        overdue=Count("pk", filter=Q(pd_status="overdue")),
        nothing=Count("pk", filter=Q(pd_status="nothing")),
    )
    return list_page(request, "training/account_list.html", filterset, export="training:account-export", context={
        "on": on, "counts": counts, "window_from": window_start(on) + datetime.timedelta(days=1),
        "norm": _norm(), "can_import": may_manage(request.user),
    })


def _norm() -> int:
    from django.conf import settings

    return settings.PD_NORM_HOURS


@login_required
@background_file(gettext_lazy("Hour account"))
def account_export(request):
    if not _sees_staff(request.user):
        raise PermissionDenied
    filterset, on = account_rows(request)
    return workbook_response(f"pd-hours-{on:%Y-%m-%d}.xlsx", [exports.account_sheet(filterset.qs, on)])


# --- diagnosis ----------------------------------------------------------------------------------


def _own_pedagogue(request) -> Pedagogue:
    pedagogue_id = roles_of(request.user).pedagogue_id
    if not pedagogue_id:
        raise PermissionDenied
    return Pedagogue.objects.get(pk=pedagogue_id)


def results_table(diagnoses: list[Diagnosis]) -> list[dict]:
    """Rows per block and competency with the mean and deficit level of each diagnosis (newest first)."""
    means = [d.competency_means() for d in diagnoses]
    block_means = [d.block_means() for d in diagnoses]
    rows = []
    for block in Block.objects.prefetch_related("competencies"):
        rows.append({
            "block": block, "competency": None,
            "cells": [_cell(m.get(block.pk)) for m in block_means],
        })
        for competency in block.competencies.all():
            cells = [_cell(m.get(competency.pk)) for m in means]
            closed = (len(cells) > 1 and cells[-1]["level"] not in (None, DeficitLevel.NONE)
                      and cells[0]["level"] == DeficitLevel.NONE)
            rows.append({"block": block, "competency": competency, "cells": cells, "closed": closed})
    return rows


def _cell(mean) -> dict:
    level = deficit_level(mean)
    return {"mean": mean, "level": level, "label": DeficitLevel(level).label if level else ""}


@login_required
def my_diagnoses(request):
    pedagogue = _own_pedagogue(request)
    diagnoses = Diagnosis.objects.filter(pedagogue=pedagogue).select_related("year")
    return render(request, "training/my_diagnoses.html", {"pedagogue": pedagogue, "diagnoses": diagnoses})


@login_required
@require_POST
def diagnosis_start(request):
    pedagogue = _own_pedagogue(request)
    diagnosis = start_diagnosis(pedagogue=pedagogue, kind=DiagnosisKind.SELF, by=request.user)
    return redirect("training:diagnosis-take", pk=diagnosis.pk)


def _may_fill(user, diagnosis: Diagnosis) -> bool:
    if diagnosis.kind == DiagnosisKind.SELF:
        return roles_of(user).pedagogue_id == diagnosis.pedagogue_id
    return may_manage(user)


@login_required
def diagnosis_take(request, pk: int):
    diagnosis = get_object_or_404(Diagnosis.objects.for_user(request.user).select_related("pedagogue"), pk=pk)
    if not _may_fill(request.user, diagnosis):
        raise PermissionDenied
    if diagnosis.is_completed:
        return redirect(diagnosis)
    statements = list(Statement.objects.select_related("competency", "competency__block"))
    initial = dict(diagnosis.answers.values_list("statement_id", "score"))
    form = DiagnosisForm(request.POST or None, statements=statements, initial_scores=initial)
    if request.method == "POST" and form.is_valid():
        finish = "finish" in request.POST
        try:
            save_answers(diagnosis=diagnosis, scores=form.scores(), finish=finish)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            if finish:
                messages.success(request, _("The diagnosis is completed. Here are your results."))
                return redirect(diagnosis)
            messages.success(request, _("Your answers are saved; you can continue later."))
            return redirect("training:diagnosis-take", pk=diagnosis.pk)
    answered = len(initial) if not form.is_bound else len(form.scores()) if form.is_valid() else len(initial)
    return render(request, "training/diagnosis_take.html", {
        "diagnosis": diagnosis, "form": form, "answered": answered, "total": len(statements),
    })


@login_required
def diagnosis_detail(request, pk: int):
    diagnosis = get_object_or_404(
        Diagnosis.objects.for_user(request.user).select_related("pedagogue", "year", "recorded_by"), pk=pk)
    if not diagnosis.is_completed:
        if _may_fill(request.user, diagnosis):
            return redirect("training:diagnosis-take", pk=pk)
        raise Http404
    earlier = list(
        Diagnosis.objects.completed().filter(pedagogue=diagnosis.pedagogue, completed_at__lt=diagnosis.completed_at)
        .select_related("year").order_by("-completed_at")[:2]
    )
    columns = [diagnosis, *earlier]
    rows = results_table(columns)
    deficits = [row for row in rows if row["competency"] and row["cells"][0]["level"] != DeficitLevel.NONE]
    log_access(request, "training.diagnosis", kind=AccessKind.VIEW, rows=1, object_id=diagnosis.pk)
    return render(request, "training/diagnosis_detail.html", {
        "diagnosis": diagnosis, "columns": columns, "rows": rows, "deficits": deficits,
        "is_own": roles_of(request.user).pedagogue_id == diagnosis.pedagogue_id,
    })


def diagnosis_rows(request):
    if not _sees_staff(request.user):
        raise PermissionDenied
    queryset = Diagnosis.objects.for_user(request.user).completed().select_related(
        "pedagogue", "pedagogue__institution", "year")
    return filtered(request, DiagnosisPageFilter, queryset, "-completed")


@login_required
@background_file(gettext_lazy("Diagnoses"))
def diagnosis_export(request):
    sheet = exports.diagnoses_sheet(diagnosis_rows(request).qs)
    sheet.rows = counted = CountingRows(sheet.rows)
    response = workbook_response("diagnoses.xlsx", [sheet])
    log_access(request, "training.diagnosis", kind=AccessKind.EXPORT, rows=counted.count)
    return response


@login_required
def diagnosis_list(request):
    return list_page(request, "training/diagnosis_list.html", diagnosis_rows(request),
                     export="training:diagnosis-export", context={"can_record": may_manage(request.user)},
                     log="training.diagnosis")


@login_required
def diagnosis_external(request):
    _require_manager(request.user)
    form = ExternalDiagnosisStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        diagnosis = start_diagnosis(pedagogue=form.cleaned_data["pedagogue"], kind=DiagnosisKind.EXTERNAL,
                                    by=request.user)
        diagnosis.note = form.cleaned_data["note"]
        diagnosis.save(update_fields=["note"])
        return redirect("training:diagnosis-take", pk=diagnosis.pk)
    return form_page(request, form, title=_("Record an external diagnosis"), back_url=reverse("training:diagnosis-list"),
                     submit=_("Continue to the ratings"))


# --- routes -------------------------------------------------------------------------------------


def _route_for(request, pk: int) -> Route:
    return get_object_or_404(Route.objects.for_user(request.user).select_related(
        "pedagogue", "pedagogue__institution", "year", "diagnosis"), pk=pk)


def _is_owner(user, route: Route) -> bool:
    return roles_of(user).pedagogue_id == route.pedagogue_id


@login_required
def my_route(request):
    pedagogue = _own_pedagogue(request)
    year = AcademicYear.objects.current()
    route = Route.objects.filter(pedagogue=pedagogue, year=year).first()
    if route:
        return redirect(route)
    if request.method == "POST":
        try:
            route = create_route(pedagogue=pedagogue, year=year, goal=request.POST.get("goal", "")[:2000])
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Your route for {year} is created. Pick items from the suggestions.").format(
                year=year))
            return redirect(route)
    diagnosis = Diagnosis.objects.completed().filter(pedagogue=pedagogue).order_by("-completed_at").first()
    earlier = Route.objects.filter(pedagogue=pedagogue).select_related("year").with_progress()
    return render(request, "training/my_route.html",
                  {"year": year, "diagnosis": diagnosis, "earlier": earlier, "pedagogue": pedagogue})


@login_required
def route_detail(request, pk: int):
    route = _route_for(request, pk)
    items = list(route.items.select_related("programme", "reviewed_by").prefetch_related("competencies"))
    accepted = sum(1 for item in items if item.status == ItemStatus.ACCEPTED)
    deficits = route.diagnosis.deficient_competencies() if route.diagnosis_id else set()
    covered = {c.pk for item in items for c in item.competencies.all()}
    is_owner = _is_owner(request.user, route)
    context = {
        "route": route,
        "items": items,
        "accepted": accepted,
        "percent": round(100 * accepted / len(items)) if items else 0,
        "is_owner": is_owner,
        "is_tutor": may_manage(request.user),
        "deficit_rows": [],
        "uncovered": deficits - covered,
        "own_form": OwnItemForm(route=route) if is_owner else None,
        "review_form": ReviewForm(),
    }
    if route.diagnosis_id:
        later = route.later_diagnosis()
        columns = [later, route.diagnosis] if later else [route.diagnosis]
        context["later"] = later
        context["columns"] = columns
        context["deficit_rows"] = [row for row in results_table(columns)
                                   if row["competency"] and row["competency"].pk in deficits]
    if is_owner:
        context["suggestions"] = suggestions(
            deficits,
            exclude_programmes=[i.programme_id for i in items if i.programme_id],
            exclude_activities=[i.activity_id for i in items if i.activity_id],
        )
    return render(request, "training/route_detail.html", context)


def _owned_route(request, pk: int) -> Route:
    route = _route_for(request, pk)
    if not _is_owner(request.user, route):
        raise PermissionDenied
    return route


@login_required
@require_POST
def route_add_suggestion(request, pk: int):
    route = _owned_route(request, pk)
    deficits = route.diagnosis.deficient_competencies() if route.diagnosis_id else set()
    key = request.POST.get("key", "")
    match = next((s for s in suggestions(deficits, limit=100) if s.key == key), None)
    if match is None:
        messages.error(request, _("This suggestion is no longer available."))
        return redirect(route)
    deadline = parse_date(request.POST.get("deadline") or "") or None
    if deadline and not route.year.start <= deadline <= route.year.end:
        messages.error(request, _("The deadline must fall within the academic year {year}.").format(year=route.year))
        return redirect(route)
    add_suggestion(route=route, suggestion=match, deadline=deadline)
    messages.success(request, _("«{title}» is added to your route.").format(title=match.title))
    return redirect(route)


@login_required
def route_add_item(request, pk: int):
    route = _owned_route(request, pk)
    return edit_page(request, OwnItemForm(request.POST or None, route=route),
                     saved=lambda item: _("«{title}» is added to your route.").format(title=item.title),
                     title=_("Add an own item"), back_url=route.get_absolute_url(), success_url=route.get_absolute_url())


def _item_for(request, pk: int) -> RouteItem:
    return get_object_or_404(
        RouteItem.objects.filter(route__in=Route.objects.for_user(request.user)).select_related(
            "route", "route__pedagogue", "route__year"), pk=pk)


def _own_item(request, pk: int) -> RouteItem:
    """An item of the user's own route (the owner adds evidence and removes own items): 403 for others."""
    item = _item_for(request, pk)
    if not _is_owner(request.user, item.route):
        raise PermissionDenied
    return item


@login_required
def item_evidence(request, pk: int):
    item = _own_item(request, pk)
    if not item.editable:
        messages.info(request, _("The item is accepted and cannot be changed."))
        return redirect(item.route)
    form = EvidenceForm(request.POST or None, request.FILES or None, item=item)
    deadline_form = DeadlineForm(request.POST or None, instance=item, prefix="d")
    if request.method == "POST" and form.is_valid() and deadline_form.is_valid():
        try:
            submit_evidence(item=item, file=form.cleaned_data.get("file"), link=form.cleaned_data.get("link") or "",
                            note=form.cleaned_data.get("note") or "")
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            if deadline_form.has_changed():
                deadline_form.save()
            messages.success(request, _("The evidence is sent to the tutor."))
            return redirect(item.route)
    return render(request, "training/item_evidence.html", {"item": item, "form": form, "deadline_form": deadline_form})


@login_required
@require_POST
def item_review(request, pk: int):
    item = _item_for(request, pk)
    if not may_manage(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(item.route)
    try:
        review_item(item=item, accept=form.cleaned_data["decision"] == "accept",
                    comment=form.cleaned_data["comment"], by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        if item.status == ItemStatus.ACCEPTED:
            messages.success(request, _("«{title}» is accepted.").format(title=item.title))
        else:
            messages.success(request, _("«{title}» is returned with your comment.").format(title=item.title))
    return redirect(item.route)


@login_required
def item_file(request, pk: int):
    """Serve an evidence file to those who may see the route (media files are not public)."""
    item = _item_for(request, pk)
    if not item.evidence_file:
        raise Http404
    return FileResponse(item.evidence_file.open("rb"), as_attachment=True,
                        filename=item.evidence_file.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def item_delete(request, pk: int):
    item = _own_item(request, pk)
    if not item.editable:
        messages.error(request, _("An accepted item cannot be removed."))
    else:
        item.delete()
        messages.success(request, _("The item is removed from your route."))
    return redirect(item.route)


@login_required
@background_file(gettext_lazy("Individual route"))
def route_pdf(request, pk: int):
    route = _route_for(request, pk)
    items = route.items.prefetch_related("competencies")
    accepted, total = route.progress()
    deficits = []
    if route.diagnosis_id:
        means = route.diagnosis.competency_means()
        from training.models import Competency

        deficits = [
            {"competency": c, "mean": means[c.pk], "label": DeficitLevel(deficit_level(means[c.pk])).label}
            for c in Competency.objects.filter(pk__in=route.diagnosis.deficient_competencies()).select_related("block")
        ]
    return pdf_response(f"route-{route.pk}.pdf", "training/route_pdf.html", {
        "route": route, "items": items, "accepted": accepted, "total": total, "deficits": deficits,
        "today": timezone.localdate(),
    }, request=request)


@login_required
def route_list(request):
    if not _sees_staff(request.user):
        raise PermissionDenied
    queryset = Route.objects.for_user(request.user).select_related(
        "pedagogue", "pedagogue__institution", "year").with_progress().annotate(
        to_review=Count("items", filter=Q(items__status=ItemStatus.SUBMITTED), distinct=True))
    return list_page(request, "training/route_list.html", filtered(request, RoutePageFilter, queryset, "name"),
                     export="training:route-export")


@login_required
@background_file(gettext_lazy("Individual routes"))
def route_export(request):
    if not _sees_staff(request.user):
        raise PermissionDenied
    queryset = Route.objects.for_user(request.user).select_related(
        "pedagogue", "pedagogue__institution", "year").with_progress()
    filterset = filtered(request, RoutePageFilter, queryset, "name")
    return workbook_response("routes.xlsx", [exports.routes_sheet(filterset.qs)])

