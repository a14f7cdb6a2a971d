
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models import Exists
from django.db.models import Max
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.deletion import confirm_delete
from core.files import attachment_response
from core.history import history_entries
from core.imports import ImportView
from core.listing import filtered
from core.listing import list_page
from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.pages import edit_page
from core.pages import editable_record
from core.pages import form_page
from core.pages import record_views
from core.params import parse_id
from core.scoping import MUNICIPAL_ROLES
from core.scoping import PERSONAL_DATA_ROLES
from core.scoping import Role
from core.scoping import role_required
from core.scoping import roles_of
from core.xlsx import workbook_response
from jobs.decorators import background_file
from mentoring import exports
from mentoring.filters import AttestationFilter
from mentoring.filters import DueFilter
from mentoring.filters import PairFilter
from mentoring.filters import ProgrammeFilter
from mentoring.filters import SessionFilter
from mentoring.filters import SupportRequestFilter
from mentoring.filters import YoungSpecialistFilter
from mentoring.forms import AttendanceForm
from mentoring.forms import AttestationForm
from mentoring.forms import AttestationSupportForm
from mentoring.forms import EffectEvaluationForm
from mentoring.forms import PairForm
from mentoring.forms import ProcessEvaluationForm
from mentoring.forms import ProgrammeForm
from mentoring.forms import SessionForm
from mentoring.forms import SupportRequestForm
from mentoring.forms import TaskDoneForm
from mentoring.forms import TaskForm
from mentoring.forms import YoungSpecialistMarkForm
from mentoring.imports import PairImporter
from mentoring.models import Attestation
from mentoring.models import AttestationResult
from mentoring.models import AttestationSupport
from mentoring.models import Evaluation
from mentoring.models import Pair
from mentoring.models import Participant
from mentoring.models import Programme
from mentoring.models import Session
from mentoring.models import SupportRequest
from mentoring.models import Task
from mentoring.models import YoungSpecialistMark
from mentoring.models import attestation_due_q
from mentoring.models import can_edit_municipal
from mentoring.models import category_expires
from mentoring.models import mentor_loads
from mentoring.models import young_specialist_q
from mentoring.retention import HORIZONS
from mentoring.retention import retention_table
from mentoring.services import save_pair
from mentoring.services import set_attendance
from mentoring.stats import attendance_rates
from mentoring.stats import mentors_of
from mentoring.stats import young_specialists


def may_edit_pairs(user) -> bool:
    return Institution.objects.editable_by(user).exists()


_form_page = partial(form_page, template="mentoring/form.html")  # with the mentoring tabs
_edit_page = partial(edit_page, template="mentoring/form.html")


# --- young specialists -------------------------------------------------------


def young_rows(request):
    """Return the filtered young specialists (now, or in the academic year ``?year=``), the period in
    which their mentors count and the period of their School of the Young Teacher visits."""
    people, period, visits = young_specialists(request.user, request.GET.get("year"), timezone.localdate())
    people = people.select_related("institution", "position", "young_specialist_mark")
    data = request.GET.copy()
    data.setdefault("sort", "name")
    filterset = YoungSpecialistFilter(data, queryset=people, request=request, period=period)
    return filterset, period, visits


@role_required(*PERSONAL_DATA_ROLES)
def young_list(request):
    filterset, period, visits = young_rows(request)

    def context(page):
        page.object_list = people = list(page.object_list)
        return {"people": people, "mentors": mentors_of([p.pk for p in people], *period),
                "rates": attendance_rates(people, *visits), "tab": "young"}

    return list_page(request, "mentoring/young_list.html", filterset, export="mentoring:young-export",
                     context=context)


@role_required(*PERSONAL_DATA_ROLES)
@background_file(gettext_lazy("Young specialists"))
def young_export(request):
    filterset, period, visits = young_rows(request)
    people = list(filterset.qs)
    sheet = exports.young_sheet(people, mentors_of([p.pk for p in people], *period),
                                attendance_rates(people, *visits), period[0])
    return workbook_response("young-specialists.xlsx", [sheet])


@role_required(*PERSONAL_DATA_ROLES)
def mark_list(request):
    marks = YoungSpecialistMark.objects.filter(
        pedagogue__in=Pedagogue.objects.for_user(request.user)
    ).select_related("pedagogue", "pedagogue__institution", "marked_by").order_by("pedagogue__last_name")
    form = None
    if may_edit_pairs(request.user):
        instance = None
        if request.method == "POST":
            instance = YoungSpecialistMark.objects.filter(
                pedagogue__in=Pedagogue.objects.editable_by(request.user), pedagogue_id=request.POST.get("pedagogue")
            ).first()
        form = YoungSpecialistMarkForm(request.POST or None, instance=instance, user=request.user,
                                       initial={"pedagogue": request.GET.get("pedagogue")})
        if request.method == "POST" and form.is_valid():
            mark = form.save(commit=False)
            mark.marked_by = request.user
            mark.save()
            messages.success(request, _("The mark for {name} is saved.").format(name=mark.pedagogue.full_name))
            return redirect("mentoring:mark-list")
    elif request.method == "POST":
        raise PermissionDenied
    return list_page(request, "mentoring/mark_list.html", rows=marks, context={"form": form, "tab": "young"})


# --- programmes --------------------------------------------------------------


def programme_rows(request):
    queryset = Programme.objects.for_user(request.user).select_related("institution", "curator").annotate(
        pair_count=Count("pairs"))
    return filtered(request, ProgrammeFilter, queryset, "-start")


@role_required(*PERSONAL_DATA_ROLES)
def programme_list(request):
    return list_page(request, "mentoring/programme_list.html", programme_rows(request),
                     export="mentoring:programme-export",
                     context={"can_create": may_edit_pairs(request.user), "tab": "programmes"})


@role_required(*PERSONAL_DATA_ROLES)
@background_file(gettext_lazy("Mentoring programmes"))
def programme_export(request):
    return workbook_response("mentoring-programmes.xlsx", [exports.programmes_sheet(programme_rows(request).qs)])


@role_required(*PERSONAL_DATA_ROLES)
def programme_regulation(request, pk: int):
    return attachment_response(get_object_or_404(Programme.objects.for_user(request.user), pk=pk).regulation)


@role_required(*PERSONAL_DATA_ROLES)
def programme_detail(request, pk: int):
    programme = get_object_or_404(Programme.objects.for_user(request.user).select_related("institution", "curator"),
                                  pk=pk)
    pairs = programme.pairs.select_related("form").prefetch_related("participants__pedagogue")
    return render(request, "mentoring/programme_detail.html", {
        "programme": programme, "pairs": pairs, "tab": "programmes",
        "can_edit": Programme.objects.editable_by(request.user).filter(pk=pk).exists(),
        "history": history_entries(programme),
    })


def _programme_form(request, instance):
    form = ProgrammeForm(request.POST or None, request.FILES or None, instance=instance, user=request.user)
    return _edit_page(request, form,
                      saved=lambda saved: _("The programme «{title}» is saved.").format(title=saved.title),
                      title=_("Edit the mentoring programme") if instance else _("New mentoring programme"),
                      back_url=instance.get_absolute_url() if instance else reverse("mentoring:programme-list"),
                      multipart=True,
                      delete_url=reverse("mentoring:programme-delete", args=[instance.pk]) if instance else "")


@role_required(*PERSONAL_DATA_ROLES, allowed=may_edit_pairs)
def programme_create(request):
    return _programme_form(request, None)


def editable_programme(request, pk: int) -> Programme:
    return editable_record(request, Programme.objects.for_user(request.user), pk)


@role_required(*PERSONAL_DATA_ROLES)
def programme_edit(request, pk: int):
    return _programme_form(request, editable_programme(request, pk))


@role_required(*PERSONAL_DATA_ROLES)
def programme_delete(request, pk: int):
    """The pairs of a deleted programme stay, without a programme (the confirmation page lists them)."""
    programme = editable_programme(request, pk)
    return confirm_delete(request, programme, success_url=reverse("mentoring:programme-list"))


# --- pairs -------------------------------------------------------------------


def pair_rows(request):
    queryset = (
        Pair.objects.for_user(request.user)
        .select_related("institution", "form")
        .prefetch_related(Prefetch("participants", Participant.objects.select_related("pedagogue")))
        .with_progress()
    )
    return filtered(request, PairFilter, queryset, "-start")


def _loads(pairs) -> dict[int, int]:
    return mentor_loads({p.pk for pair in pairs for p in pair.mentors})


@role_required(*PERSONAL_DATA_ROLES, Role.TEACHER)
def pair_list(request):
    return list_page(request, "mentoring/pair_list.html", pair_rows(request), export="mentoring:pair-export",
                     context=lambda page: {"loads": _loads(page.object_list),
                                           "can_create": may_edit_pairs(request.user), "tab": "pairs"})


@role_required(*PERSONAL_DATA_ROLES, Role.TEACHER)
@background_file(gettext_lazy("Mentoring pairs"))
def pair_export(request):
    pairs = list(pair_rows(request).qs)
    return workbook_response("mentoring-pairs.xlsx", [exports.pairs_sheet(pairs, _loads(pairs))])


@role_required(*PERSONAL_DATA_ROLES, Role.TEACHER)
def pair_detail(request, pk: int):
    pair = get_object_or_404(
        Pair.objects.for_user(request.user).select_related("institution", "form", "programme").prefetch_related(
            Prefetch("participants", Participant.objects.select_related("pedagogue", "pedagogue__institution"))),
        pk=pk,
    )
    can_edit = Pair.objects.editable_by(request.user).filter(pk=pk).exists()
    task_form = TaskForm(request.POST or None, prefix="task") if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if task_form.is_valid():
            task = task_form.save(commit=False)
            task.pair = pair
            task.save()
            messages.success(request, _("The task «{title}» is added.").format(title=task.title))
            return redirect(pair)
    evaluation = Evaluation.objects.filter(pair=pair).first() or Evaluation(pair=pair)
    return render(request, "mentoring/pair_detail.html", {
        "pair": pair, "tasks": pair.tasks.all(), "task_form": task_form, "done_form": TaskDoneForm(prefix="done"),
        "evaluation_parts": evaluation.parts, "loads": mentor_loads([p.pk for p in pair.mentors]), "can_edit": can_edit,
        "can_mark": can_edit or may_mark_tasks(request.user, pair.pk),
        "history": history_entries(pair), "tab": "pairs",
    })


def _pair_form(request, instance):
    form = PairForm(request.POST or None, instance=instance, user=request.user)
    return _edit_page(request, form, saved=_("The mentoring pair is saved."),
                      save=lambda form: save_pair(pair=form.save(commit=False), mentors=form.cleaned_data["mentors"],
                                                  mentees=form.cleaned_data["mentees"], by=request.user),
                      title=_("Edit the mentoring pair") if instance else _("New mentoring pair"),
                      back_url=instance.get_absolute_url() if instance else reverse("mentoring:pair-list"))


PairImportView = ImportView.of(PairImporter, title=gettext_lazy("Import mentoring pairs"),
                               list_url_name="mentoring:pair-list", template_filename="mentoring-pairs-template.xlsx",
                               allowed=may_edit_pairs)


@role_required(*PERSONAL_DATA_ROLES, allowed=may_edit_pairs)
def pair_create(request):
    return _pair_form(request, None)


@role_required(*PERSONAL_DATA_ROLES)
def pair_edit(request, pk: int):
    return _pair_form(request, editable_record(request, Pair.objects.for_user(request.user), pk))


@role_required(*PERSONAL_DATA_ROLES)
def pair_delete(request, pk: int):
    pair = get_object_or_404(Pair.objects.editable_by(request.user), pk=pk)
    return confirm_delete(request, pair, success_url=reverse("mentoring:pair-list"))


def may_mark_tasks(user, pair_id: int) -> bool:
    """The curator side (who may edit the pair) and the pair's own mentors and mentees mark tasks done."""
    if Pair.objects.editable_by(user).filter(pk=pair_id).exists():
        return True
    pedagogue_id = roles_of(user).pedagogue_id
    return bool(pedagogue_id) and Participant.objects.filter(pair_id=pair_id, pedagogue_id=pedagogue_id).exists()


def _editable_task(request, pk: int, *, participants_too: bool = False) -> Task:
    task = get_object_or_404(Task.objects.filter(pair__in=Pair.objects.for_user(request.user)), pk=pk)
    allowed = may_mark_tasks(request.user, task.pair_id) if participants_too else \
        Pair.objects.editable_by(request.user).filter(pk=task.pair_id).exists()
    if not allowed:
        raise PermissionDenied
    return task


@require_POST
@role_required(*PERSONAL_DATA_ROLES, Role.TEACHER)
def task_done(request, pk: int):
    task = _editable_task(request, pk, participants_too=True)
    form = TaskDoneForm(request.POST, instance=task, prefix="done")
    if form.is_valid():
        form.save()
        messages.success(request, _("The task «{title}» is marked done.").format(title=task.title))
    else:
        errors = "; ".join(str(e) for field_errors in form.errors.values() for e in field_errors)
        messages.error(request, _("The task is not marked done: {errors}").format(errors=errors))
    return redirect(task.pair)


@require_POST
@role_required(*PERSONAL_DATA_ROLES)
def task_reopen(request, pk: int):
    task = _editable_task(request, pk)
    task.done_on = None
    task.save(update_fields=["done_on"])
    messages.success(request, _("The task «{title}» is open again.").format(title=task.title))
    return redirect(task.pair)


def _evaluation(request, pk: int, form_class, title: str):
    pair = editable_record(request, Pair.objects.for_user(request.user), pk)
    evaluation = Evaluation.objects.filter(pair=pair).first() or Evaluation(pair=pair)
    return _edit_page(request, form_class(request.POST or None, instance=evaluation),
                      saved=_("The evaluation is saved."), title=f"{title}: {pair}", back_url=pair.get_absolute_url(),
                      success_url=pair.get_absolute_url())


@role_required(*PERSONAL_DATA_ROLES)
def evaluation_process(request, pk: int):
    return _evaluation(request, pk, ProcessEvaluationForm, _("Evaluation of the process"))


@role_required(*PERSONAL_DATA_ROLES)
def evaluation_effect(request, pk: int):
    return _evaluation(request, pk, EffectEvaluationForm, _("Evaluation of the effect"))


# --- targeted support --------------------------------------------------------


def support_rows(request):
    queryset = SupportRequest.objects.for_user(request.user).select_related("institution", "pedagogue")
    return filtered(request, SupportRequestFilter, queryset, "-received")


@role_required(*MUNICIPAL_ROLES)
def support_list(request):
    return list_page(request, "mentoring/support_list.html", support_rows(request), export="mentoring:support-export",
                     context={"can_create": can_edit_municipal(request.user), "tab": "support"})


@role_required(*MUNICIPAL_ROLES)
@background_file(gettext_lazy("Support requests"))
def support_export(request):
    return workbook_response("support-requests.xlsx", [exports.support_sheet(support_rows(request).qs)])


def _support_form(request, instance):
    form = SupportRequestForm(request.POST or None, instance=instance or SupportRequest(recorded_by=request.user),
                              user=request.user)
    requests = reverse("mentoring:support-list")
    return _edit_page(request, form, saved=_("The support request is saved."),
                      title=_("Support request") if instance else _("New support request"),
                      back_url=requests, success_url=requests,
                      delete_url=reverse("mentoring:support-delete", args=[instance.pk]) if instance else "")


support_create, support_update, support_delete = record_views(
    _support_form, lambda user: SupportRequest.objects.for_user(user), roles=MUNICIPAL_ROLES,
    allowed=can_edit_municipal, list_url="mentoring:support-list", edit_url="mentoring:support-update")


# --- School of the Young Teacher and supervision -----------------------------


def session_rows(request):
    queryset = Session.objects.for_user(request.user).annotate(attended=Count("attendance"))
    return filtered(request, SessionFilter, queryset, "-date")


@role_required(*MUNICIPAL_ROLES)
def session_list(request):
    return list_page(request, "mentoring/session_list.html", session_rows(request), export="mentoring:session-export",
                     context={"can_create": can_edit_municipal(request.user), "tab": "sessions"})


@role_required(*MUNICIPAL_ROLES)
@background_file(gettext_lazy("Sessions"))
def session_export(request):
    return workbook_response("sessions.xlsx", [exports.sessions_sheet(session_rows(request).qs)])


@role_required(*MUNICIPAL_ROLES)
def session_detail(request, pk: int):
    session = get_object_or_404(Session.objects.for_user(request.user), pk=pk)
    can_edit = can_edit_municipal(request.user)
    present = Pedagogue.objects.filter(session_attendance__session=session)
    candidates = (
        Pedagogue.objects.for_user(request.user)
        .filter(municipality=session.municipality, institution__isnull=False)
        .filter(Q(young_specialist_q(session.date)) | Q(pk__in=present.values("pk")))
        .select_related("institution")
        .order_by("institution__sort_key", "last_name", "first_name")
    )
    form = AttendanceForm(request.POST or None, queryset=candidates,
                          initial={"attendees": list(present.values_list("pk", flat=True))})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            count = set_attendance(session=session, attendees=form.cleaned_data["attendees"])
            messages.success(request, _("Attendance is saved: {count} present.").format(count=count))
            return redirect(session)
    return render(request, "mentoring/session_detail.html", {
        "session": session, "form": form, "present": present.select_related("institution"), "can_edit": can_edit,
        "history": history_entries(session), "tab": "sessions",
    })


def _session_form(request, instance):
    return _edit_page(request, SessionForm(request.POST or None, instance=instance, user=request.user),
                      saved=_("The session is saved."), title=_("Edit the session") if instance else _("New session"),
                      back_url=instance.get_absolute_url() if instance else reverse("mentoring:session-list"))


session_create, session_edit, session_delete = record_views(
    _session_form, lambda user: Session.objects.for_user(user), roles=MUNICIPAL_ROLES, allowed=can_edit_municipal,
    list_url="mentoring:session-list")


# --- retention ----------------------------------------------------------------


def _retention_scope(request):
    """Return (scope, institutions to choose from) for the user: a school its own institution."""
    roles = roles_of(request.user)
    institutions = Institution.objects.for_user(request.user).natural()
    chosen = request.GET.get("institution")
    if parse_id(chosen):
        return get_object_or_404(institutions, pk=parse_id(chosen)), institutions
    municipalities = Municipality.objects.filter(pk__in=roles.municipality_ids) if not roles.is_global \
        else Municipality.objects.all()
    chosen_city = request.GET.get("municipality")
    if parse_id(chosen_city):
        return get_object_or_404(municipalities, pk=parse_id(chosen_city)), institutions
    municipality = municipalities.order_by("name").first()
    if municipality is None:
        school = institutions.first()
        if school is None:
            raise PermissionDenied
        return school, institutions
    return municipality, institutions


def _first_year() -> int | None:
    # Cohorts before the first academic year of the directory predate the employment history kept here.
    return AcademicYear.objects.values_list("start_year", flat=True).order_by("start_year").first()


@role_required(*PERSONAL_DATA_ROLES)
def retention(request):
    scope, institutions = _retention_scope(request)
    rows = retention_table(scope, first_year=_first_year())
    chart = {
        "labels": [row.title for row in rows],
        "datasets": [
            {"label": _("after {n} y.").format(n=n),
             "data": [float(row.share(n) * 100) if row.share(n) is not None else None for row in rows]}
            for n in HORIZONS
        ],
        "yTitle": _("retained, %"),
    }
    return render(request, "mentoring/retention.html", {
        "scope": scope, "rows": rows, "institutions": institutions, "horizons": HORIZONS,
        "is_institution": isinstance(scope, Institution), "chart": chart,
        "tab": "retention",
    })


@role_required(*PERSONAL_DATA_ROLES)
@background_file(gettext_lazy("Retention of young specialists"))
def retention_export(request):
    scope, _institutions = _retention_scope(request)
    caption = _("Retention of young specialists: {scope}").format(scope=scope)
    return workbook_response("retention.xlsx", [exports.retention_sheet(retention_table(scope, first_year=_first_year()), caption)])


# --- attestation --------------------------------------------------------------


def attestation_rows(request):
    queryset = Attestation.objects.for_user(request.user).select_related("pedagogue", "pedagogue__institution")
    return filtered(request, AttestationFilter, queryset, "-date")


@role_required(*PERSONAL_DATA_ROLES)
def attestation_list(request):
    return list_page(request, "mentoring/attestation_list.html", attestation_rows(request),
                     export="mentoring:attestation-export",
                     context={"can_create": can_edit_municipal(request.user), "tab": "attestation"})


@role_required(*PERSONAL_DATA_ROLES)
@background_file(gettext_lazy("Attestations"))
def attestation_export(request):
    return workbook_response("attestations.xlsx", [exports.attestations_sheet(attestation_rows(request).qs)])


def _attestation_form(request, instance):
    form = AttestationForm(request.POST or None, instance=instance, user=request.user,
                           initial={"pedagogue": request.GET.get("pedagogue")})
    attestations = reverse("mentoring:attestation-list")
    return _edit_page(request, form, saved=_("The attestation record is saved."),
                      title=_("Attestation record") if instance else _("New attestation record"),
                      back_url=attestations, success_url=attestations,
                      delete_url=reverse("mentoring:attestation-delete", args=[instance.pk]) if instance else "")


attestation_create, attestation_edit, attestation_delete = record_views(
    _attestation_form, lambda user: Attestation.objects.for_user(user).select_related("pedagogue"),
    roles=MUNICIPAL_ROLES, allowed=can_edit_municipal, list_url="mentoring:attestation-list",
    edit_url="mentoring:attestation-edit")


def due_rows(request):
    today = timezone.localdate()
    filterset = filtered(request, DueFilter, Pedagogue.objects.for_user(request.user), "category_date")
    pending = Attestation.objects.filter(pedagogue=OuterRef("pk"), result=AttestationResult.PENDING)
    support = AttestationSupport.objects.filter(pedagogue=OuterRef("pk")).order_by().values("pedagogue")
    rows = (
        filterset.qs.filter(institution__isnull=False)
        .filter(attestation_due_q(today, filterset.within_days))
        .select_related("institution")
        # Subqueries rather than joins: computed only for the page's rows.
        .annotate(support_count=Coalesce(Subquery(support.annotate(n=Count("pk")).values("n")), 0),
                  last_support=Subquery(support.annotate(last=Max("date")).values("last")),
                  has_pending=Exists(pending))
    )
    return filterset, rows


@role_required(*PERSONAL_DATA_ROLES)
def due_list(request):
    filterset, rows = due_rows(request)

    def context(page):
        page.object_list = list(page.object_list)
        for pedagogue in page.object_list:
            pedagogue.expires = category_expires(pedagogue)
        return {"today": timezone.localdate(), "can_edit": can_edit_municipal(request.user), "tab": "due"}

    return list_page(request, "mentoring/due_list.html", filterset, rows=rows, export="mentoring:due-export",
                     context=context)


@role_required(*PERSONAL_DATA_ROLES)
@background_file(gettext_lazy("Due for attestation"))
def due_export(request):
    _filterset, rows = due_rows(request)
    return workbook_response("attestation-due.xlsx", [exports.due_sheet(rows)])


@role_required(*MUNICIPAL_ROLES, allowed=can_edit_municipal)
def attestation_support_create(request):
    form = AttestationSupportForm(request.POST or None, user=request.user,
                                  initial={"pedagogue": request.GET.get("pedagogue")})
    if request.method == "POST" and form.is_valid():
        support = form.save(commit=False)
        support.given_by = request.user
        support.save()
        messages.success(request, _("The support given to {name} is recorded.").format(
            name=support.pedagogue.full_name))
        return redirect("mentoring:due-list")
    return _form_page(request, form, title=_("Support in preparing for attestation"),
                      back_url=reverse("mentoring:due-list"))
