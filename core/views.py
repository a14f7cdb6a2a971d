from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import freshness
from core.audit import AccessKind
from core.audit import CountingRows
from core.audit import log_access
from core.exports import institutions_sheet
from core.exports import pedagogues_sheet
from core.filters import InstitutionPageFilter
from core.filters import PedagoguePageFilter
from core.forms import CategoryAwardForm
from core.forms import InstitutionForm
from core.forms import PedagogueForm
from core.forms import employment_formset_class
from core.fragments import fragment
from core.history import history_entries
from core.imports import ImportView
from core.listing import filtered
from core.listing import list_page
from core.models import CategoryAward
from core.models import Employment
from core.models import Institution
from core.models import Pedagogue
from core.nav import all_items
from core.pages import edit_page
from core.pages import editable_record
from core.pages import form_page
from core.record import record_sections
from core.roster import RosterImporter
from core.scoping import Role
from core.scoping import role_required
from core.scoping import roles_of
from core.services import deactivatable_institutions
from core.services import save_pedagogue_record
from core.todo import todo_items
from core.xlsx import workbook_response
from jobs.decorators import background_file


def may_create_institutions(user) -> bool:
    roles = roles_of(user)
    return roles.is_admin or bool(roles.municipality_ids_for(Role.METHODIST, Role.HEAD))


def may_create_pedagogues(user) -> bool:
    roles = roles_of(user)
    return may_create_institutions(user) or bool(roles.institution_ids_for(Role.SCHOOL))


@login_required
def home(request):
    roles = roles_of(request.user)
    sections = [item for item in all_items() if item.visible_to(roles)]
    # The to-do and the counts: a query per app, kept until a record changes (or the day or the language does).
    key = f"home:{request.user.pk}:{timezone.localdate()}:{get_language()}"
    todo = freshness.cached(f"{key}:todo", lambda: todo_items(request.user))
    context = {"sections": sections, "own_record": None, "counts": None, "todo": todo}
    if roles.pedagogue_id:
        context["own_record"] = Pedagogue.objects.for_user(request.user).filter(pk=roles.pedagogue_id).first()
    if roles.is_global or roles.municipality_ids or roles.institution_ids_for(Role.SCHOOL):
        context["counts"] = freshness.cached(f"{key}:counts", lambda: home_counts(request.user))
        context["own_institutions"] = Institution.objects.filter(pk__in=roles.institution_ids_for(Role.SCHOOL))
    return render(request, "core/home.html", context)


def home_counts(user) -> dict[str, int]:
    staff = Pedagogue.objects.for_user(user).filter(institution__isnull=False)
    return {
        "institutions": Institution.objects.for_user(user).active().count(),
        "pedagogues": staff.count(),
        "young": staff.young_specialists(timezone.localdate()).count(),
    }


@login_required
def my_record(request):
    """A teacher's shortcut to their own record."""
    pedagogue_id = roles_of(request.user).pedagogue_id
    if not pedagogue_id:
        messages.info(request, _("Your account is not linked to a pedagogue record. Ask your institution."))
        return redirect("core:home")
    return redirect("core:pedagogue-detail", pk=pedagogue_id)


# --- institutions -------------------------------------------------------------


def institution_rows(request):
    queryset = Institution.objects.for_user(request.user).select_related("municipality").annotate(
        staff_count=Count("staff")
    )
    return filtered(request, InstitutionPageFilter, queryset, "name")


@login_required
def institution_list(request):
    return list_page(request, "core/institution_list.html", lambda: institution_rows(request),
                     export="core:institution-export", context={"can_create": may_create_institutions(request.user)},
                     cached=True)


@login_required
@background_file(gettext_lazy("Institutions"))
def institution_export(request):
    filterset = institution_rows(request)
    return workbook_response("institutions.xlsx", [institutions_sheet(filterset.qs)])


@login_required
def institution_detail(request, pk: int):
    institution = get_object_or_404(Institution.objects.for_user(request.user).select_related("municipality"), pk=pk)
    staff = (
        Pedagogue.objects.for_user(request.user)
        .filter(institution=institution)
        .select_related("position")
        .order_by("last_name", "first_name", "middle_name")
    )
    return render(
        request,
        "core/institution_detail.html",
        {
            "institution": institution,
            "staff": staff,
            "can_edit": Institution.objects.editable_by(request.user).filter(pk=pk).exists(),
            "can_deactivate": deactivatable_institutions(request.user).filter(pk=pk).exists(),
            "history": history_entries(institution),
        },
    )


def _institution_form(request, instance: Institution | None):
    trail = [(reverse("core:institution-list"), _("Institutions"))]
    if instance:
        trail.append((instance.get_absolute_url(), instance.short_name))
    return edit_page(request, InstitutionForm(request.POST or None, instance=instance, user=request.user),
                     saved=lambda saved: _("The institution «{name}» is saved.").format(name=saved.short_name),
                     title=_("Edit the institution") if instance else _("New institution"),
                     back_url=trail[-1][0], breadcrumbs=trail, template="core/institution_form.html")


@role_required(allowed=may_create_institutions)
def institution_create(request):
    return _institution_form(request, None)


@login_required
def institution_edit(request, pk: int):
    return _institution_form(request, editable_record(request, Institution.objects.for_user(request.user), pk))


@login_required
def institution_active(request, pk: int):
    """Institutions are deactivated, not deleted (history, reports and past records refer to them): GET shows what
    deactivating means, POST switches it (an inactive one is activated again the same way)."""
    institution = get_object_or_404(Institution.objects.for_user(request.user), pk=pk)
    if not deactivatable_institutions(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    if request.method == "POST":
        institution.is_active = not institution.is_active
        institution.save(update_fields=["is_active"])
        done = _("«{name}» is active again.") if institution.is_active else _("«{name}» is deactivated.")
        messages.success(request, done.format(name=institution.short_name))
        return redirect(institution)
    staff = Pedagogue.objects.filter(institution=institution).count()
    return render(request, "core/institution_active.html", {"institution": institution, "staff": staff})


# --- pedagogues ---------------------------------------------------------------


def pedagogue_rows(request):
    queryset = Pedagogue.objects.for_user(request.user)
    return filtered(request, PedagoguePageFilter, queryset, "name")


@login_required
def pedagogue_list(request):
    def rows(filterset):
        return (filterset.qs.select_related("institution", "position").prefetch_related("subjects")
                .with_young_flag(timezone.localdate()))

    may_create = may_create_pedagogues(request.user)
    return list_page(request, "core/pedagogue_list.html", lambda: pedagogue_rows(request), rows=rows, export="core:pedagogue-export",
                     context={"can_create": may_create, "can_import": may_create}, cached=True, log="core.pedagogue")


@login_required
@background_file(gettext_lazy("Pedagogues"))
def pedagogue_export(request):
    filterset = pedagogue_rows(request)
    sheet = pedagogues_sheet(filterset.qs)
    sheet.rows = counted = CountingRows(sheet.rows)
    response = workbook_response("pedagogues.xlsx", [sheet])
    log_access(request, "core.pedagogue", kind=AccessKind.EXPORT, rows=counted.count)
    return response


@login_required
def pedagogue_detail(request, pk: int):
    today = timezone.localdate()
    pedagogue = get_object_or_404(
        Pedagogue.objects.for_user(request.user)
        .select_related("institution", "position", "municipality")
        .with_young_flag(today),
        pk=pk,
    )
    log_access(request, "core.pedagogue", kind=AccessKind.VIEW, rows=1, object_id=pedagogue.pk)
    # The record is the same until a record changes (core.fragments): the scope check and the log above stay.
    body = fragment(request, "core:pedagogue-detail")
    if body.html is not None:
        return render(request, "core/pedagogue_detail.html", {"pedagogue": pedagogue, "body": body})
    Pedagogue.objects.visible_to(request.user, pedagogue.pk, known=True)  # the sections need not ask again
    return render(
        request,
        "core/pedagogue_detail.html",
        {
            "pedagogue": pedagogue,
            "body": body,
            "today": today,
            "age": pedagogue.age_on(today),
            "experience": pedagogue.experience_years_on(today),
            "young_specialist": pedagogue.is_young,
            "employments": pedagogue.employments.select_related("institution", "position").order_by("-hired"),
            "category_awards": pedagogue.category_awards.all(),
            "sections": record_sections(pedagogue, request.user),
            "history": history_entries(
                pedagogue,
                related=Employment.history.filter(pedagogue_id=pedagogue.pk).select_related("institution"),
                label=lambda record: _("Employment: {institution}").format(institution=record.institution),
            ),
            "can_edit": Pedagogue.objects.editable_by(request.user).filter(pk=pk).exists(),
        },
    )


def _pedagogue_form(request, instance: Pedagogue | None):
    formset_class = employment_formset_class()
    data = request.POST if request.method == "POST" else None
    form = PedagogueForm(data, instance=instance, user=request.user)
    employments = formset_class(data, instance=instance or Pedagogue(), user=request.user, prefix="jobs")
    if data is not None and form.is_valid() and employments.is_valid():
        pedagogue = save_pedagogue_record(form=form, employments=employments)
        messages.success(request, _("The record of {name} is saved.").format(name=pedagogue.full_name))
        return redirect(pedagogue)
    title = _("Edit the pedagogue") if instance else _("New pedagogue")
    return render(
        request,
        "core/pedagogue_form.html",
        {"form": form, "employments": employments, "pedagogue": instance, "title": title},
    )


@role_required(allowed=may_create_pedagogues)
def pedagogue_create(request):
    return _pedagogue_form(request, None)


@login_required
def pedagogue_edit(request, pk: int):
    return _pedagogue_form(request, _editable_pedagogue(request, pk))


def _editable_pedagogue(request, pk: int) -> Pedagogue:
    return editable_record(request, Pedagogue.objects.for_user(request.user), pk)


@login_required
def category_award_create(request, pk: int):
    """Add a category award (order date and number) to the pedagogue's category history."""
    pedagogue = _editable_pedagogue(request, pk)
    form = CategoryAwardForm(request.POST or None, pedagogue=pedagogue)
    if request.method == "POST" and form.is_valid():
        award = form.save()
        messages.success(request, _("The category «{award}» is added.").format(award=award))
        return redirect(pedagogue)
    return form_page(request, form, title=_("Add a qualification category"), back_url=pedagogue.get_absolute_url(),
                     breadcrumbs=[(reverse("core:pedagogue-list"), _("Pedagogues")),
                                  (pedagogue.get_absolute_url(), pedagogue.full_name)],
                     template="core/category_award_form.html")


@login_required
def category_award_delete(request, pk: int, award_pk: int):
    pedagogue = _editable_pedagogue(request, pk)
    award = get_object_or_404(CategoryAward, pk=award_pk, pedagogue=pedagogue)
    if request.method != "POST":
        return redirect(pedagogue)
    award.delete()
    messages.success(request, _("The category «{award}» is deleted.").format(award=award))
    return redirect(pedagogue)


RosterImportView = ImportView.of(RosterImporter, title=gettext_lazy("Import the staff roster"),
                                 list_url_name="core:pedagogue-list", template_filename="roster-template.xlsx",
                                 allowed=may_create_pedagogues)


@never_cache
@require_GET
def healthz(request):
    """Return JSON with the database status; 503 when the database does not answer."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        database = f"error: {exc.__class__.__name__}"
    status = 200 if database == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": database}, status=status)

