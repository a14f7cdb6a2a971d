from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case
from django.db.models import Q
from django.db.models import When
from django.http import FileResponse
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from config.routers import use_replica
from core.deletion import confirm_delete
from core.files import PDF_CONTENT_TYPE
from core.files import download
from core.listing import filtered
from core.listing import list_page
from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality
from core.pages import edit_page
from core.params import parse_id
from core.scoping import MUNICIPAL_ROLES
from core.scoping import PERSONAL_DATA_ROLES
from core.scoping import Role
from core.scoping import role_required
from core.scoping import roles_of
from core.xlsx import XLSX_CONTENT_TYPE
from core.xlsx import Column
from core.xlsx import Sheet
from core.xlsx import workbook_response
from jobs.decorators import background_file
from jobs.models import Job
from jobs.services import start as start_job
from monitoring import documents
from monitoring import exports
from monitoring import stored
from monitoring.api import governed
from monitoring.computation import Results
from monitoring.computation import as_number
from monitoring.computation import chart_years
from monitoring.computation import compute
from monitoring.computation import display
from monitoring.computation import scope_key
from monitoring.computation import series
from monitoring.filters import OrderPageFilter
from monitoring.filters import TaskPageFilter
from monitoring.forms import AssignmentFormSet
from monitoring.forms import CompletionForm
from monitoring.forms import DirectionForm
from monitoring.forms import ExtendForm
from monitoring.forms import FilterForm
from monitoring.forms import IssueForm
from monitoring.forms import OrderForm
from monitoring.forms import PassportForm
from monitoring.forms import RecommendationFormSet
from monitoring.forms import ReviewForm
from monitoring.forms import TargetForm
from monitoring.forms import to_form_target
from monitoring.forms import with_extra_row
from monitoring.models import Assignment
from monitoring.models import AssignmentFile
from monitoring.models import AssignmentStatus
from monitoring.models import Direction
from monitoring.models import IndicatorPassport
from monitoring.models import Order
from monitoring.models import ReportSnapshot
from monitoring.models import Target
from monitoring.registry import Better
from monitoring.registry import Unit
from monitoring.registry import registry
from monitoring.rendered import cached_fragment
from monitoring.services import accept_task
from monitoring.services import draft_order
from monitoring.services import extend_task
from monitoring.services import issue_order
from monitoring.services import measures_effect
from monitoring.services import previous_order
from monitoring.services import remind_task
from monitoring.services import report_task
from monitoring.services import return_task


def default_year() -> AcademicYear:
    """The last finished academic year: reports read complete years (the year form marks it as such), even when
    the head has already set targets for the years ahead."""
    today = timezone.localdate()
    current = today.year if today.month >= 9 else today.year - 1
    return (
        AcademicYear.objects.filter(start_year__lt=current).order_by("-start_year").first()
        or AcademicYear.objects.order_by("start_year").first()
    )


def current_year() -> AcademicYear:
    """The academic year in progress (targets are set for it and the next), else the last finished one."""
    return AcademicYear.objects.current() or default_year()


def selected_year(request, default=default_year) -> AcademicYear:
    value = request.GET.get("year", "")
    if value:
        try:
            return AcademicYear.objects.by_title(value)
        except AcademicYear.DoesNotExist:
            raise Http404(_("No such academic year.")) from None
    return default()


def user_municipality(request) -> Municipality:
    """Return the municipality the user works for (a global user may pick one with ?municipality=)."""
    roles = roles_of(request.user)
    if roles.is_global:
        choice = request.GET.get("municipality") or request.POST.get("municipality")
        queryset = Municipality.objects.all()
        municipality = queryset.filter(pk=parse_id(choice)).first() if parse_id(choice) else queryset.first()
    else:
        ids = roles.municipality_ids_for(*MUNICIPAL_ROLES)
        municipality = Municipality.objects.filter(pk__in=ids).order_by("pk").first()
    if municipality is None:
        raise PermissionDenied
    return municipality


def dashboard_scope(request) -> tuple[Municipality | None, Institution | None]:
    """Return (municipality, institution) of the dashboard: a school user only ever gets its own institution."""
    roles = roles_of(request.user)
    requested = request.GET.get("institution", "")
    if requested and parse_id(requested) is None:
        raise BadRequest(_("An institution id is a number."))
    if roles.is_global or roles.municipality_ids_for(*MUNICIPAL_ROLES):
        if requested:
            institution = get_object_or_404(
                Institution.objects.for_user(request.user).select_related("municipality"), pk=requested
            )
            return institution.municipality, institution
        return user_municipality(request), None
    own = Institution.objects.filter(pk__in=roles.institution_ids_for(Role.SCHOOL)).select_related(
        "municipality"
    )
    institution = get_object_or_404(own, pk=requested) if requested else own.first()
    if institution is None:
        raise PermissionDenied
    return institution.municipality, institution


def records_url(code: str, institution: Institution, year: AcademicYear) -> str | None:
    """Return the link to the records behind an institution's value (the indicator's own, or the staff list)."""
    item = registry.get(code)
    if item.records_url is not None:
        return item.records_url(institution, year)
    if code.startswith("core."):
        try:
            return reverse("core:pedagogue-list") + "?" + urlencode({"institution": institution.pk})
        except NoReverseMatch:
            return None
    # An app's indicators without their own link open the app's list filtered by the institution (and the year).
    app = code.split(".", 1)[0]
    if app in RECORD_LISTS:
        url_name, with_year = RECORD_LISTS[app]
        params = {"institution": institution.pk} | ({"year": year.pk} if with_year and year else {})
        try:
            return reverse(url_name) + "?" + urlencode(params)
        except NoReverseMatch:
            return None
    return None


# app → (the list that shows an institution's records, whether it filters by the academic year's id)
RECORD_LISTS = {
    "mentoring": ("mentoring:pair-list", True),
    "innovation": ("innovation:project-list", True),
    "expertise": ("expertise:request-list", False),
    "banks": ("banks:item-list", True),
}


def data_lists(code: str, user) -> list[tuple[str, str]]:
    """Return (title, url) of the menu pages of the indicator's app the user may open: where its data are kept."""
    from core.nav import all_items

    app = code.split(".", 1)[0]
    roles = roles_of(user)
    found = []
    for nav_item in all_items():
        if nav_item.url_name.split(":", 1)[0] == app and nav_item.visible_to(roles):
            try:
                found.append((str(nav_item.title), reverse(nav_item.url_name)))
            except NoReverseMatch:
                continue
    return found


def dashboard_body(scope, year: AcademicYear, institution_type: str, state: stored.State) -> str:
    """Render the dashboard's directions, tables and charts (the same for every user who may see the scope)
    from the stored values ``state`` of the chart's years."""
    results = compute(scope, year, state=state)
    if isinstance(scope, Institution):
        results.keep_meaningful_for_institution()
    years, values = series(scope, year, state=state)
    charts = [
        {
            "code": item.code,
            "title": item.title,
            "unit": item.unit,
            "values": values.get(item.code, []),
            "rows": list(
                zip(years, [display(v, item.unit) for v in values.get(item.code, [])], strict=False)
            ),
        }
        for item in results.indicators
    ]
    by_code = {chart["code"]: chart for chart in charts}
    # Each direction with its charts: the key indicators' charts shown, the others folded (a lookup by code, not
    # a template loop over every chart for every indicator).
    sections = [
        {
            "direction": direction,
            "shown": [
                by_code[i.code] for i in direction.indicators if i.is_key or not direction.key_indicators
            ],
            "folded": [
                by_code[i.code] for i in direction.indicators if direction.key_indicators and not i.is_key
            ],
        }
        for direction in results.directions
        if direction.indicators
    ]
    context = {
        "year": year,
        "results": results,
        "sections": sections,
        "chart_data": {
            "years": years,
            "charts": [{k: c[k] for k in ("code", "title", "unit", "values")} for c in charts],
        },
        "institution_type": institution_type,
        "is_municipal": not isinstance(scope, Institution),
    }
    if not isinstance(scope, Institution):
        # The last step of the МУКО cycle: last year's measures and what their directions did this year.
        context["last_order"] = previous_order(scope, year)
        context["effects"] = measures_effect(context["last_order"], results)
    return render_to_string("monitoring/includes/dashboard_body.html", context)


@role_required(*PERSONAL_DATA_ROLES)
def dashboard(request):
    municipality, institution = dashboard_scope(request)
    year = selected_year(request)
    institution_type = request.GET.get("institution_type", "")
    filters = FilterForm(initial={"year": year, "institution_type": institution_type})
    scope = institution or municipality
    with use_replica():
        # The stored values of the chart's years (the previous year among them): two queries, never a computation
        # while a worker exists; the rendering is kept (cache, then database) until one of them is recomputed or
        # what rates them changes.
        state = stored.read(scope, chart_years(year))
        # Our own template's output; the cache and the database hand back a plain str.
        body = mark_safe(
            cached_fragment(
                f"dashboard:{scope_key(scope)}:{year.pk}:{institution_type}:{get_language()}",
                lambda: dashboard_body(scope, year, institution_type, state),
                stamp=state.stamp,
            )
        )  # noqa: S308
    institutions = Institution.objects.none()
    if institution is None:
        institutions = Institution.objects.for_user(request.user).in_scope(municipality).active()
        if institution_type:
            institutions = institutions.filter(type=institution_type)
    roles = roles_of(request.user)
    context = {
        "municipality": municipality,
        "institution": institution,
        "year": year,
        "previous_year": year.previous(),
        "filters": filters,
        "body": body,
        "values_state": state,
        "institutions": institutions,
        "institution_type": institution_type,
        "is_municipal": institution is None,
        "can_edit_targets": roles.has(Role.HEAD),
        "can_see_municipality": roles.has(*MUNICIPAL_ROLES),
        # A regional head or an admin picks the municipality.
        "municipalities": Municipality.objects.all() if roles.is_global else None,
    }
    return render(request, "monitoring/dashboard.html", context)


@role_required(*MUNICIPAL_ROLES)
def indicator_detail(request, code: str):
    """Why did it change: the indicator by institution for this year and last, sorted by contribution."""
    if code not in registry:
        raise Http404(_("No such indicator."))
    item = registry.get(code)
    municipality = user_municipality(request)
    year = selected_year(request)
    previous_year = year.previous()
    institution_type = request.GET.get("institution_type", "")
    with use_replica():  # the stored values and breakdowns of both years (the worker computed them)
        state = stored.read(municipality, [year, previous_year], breakdowns=item.breakdown is not None)
        results = compute(municipality, year, state=state)
        now = state.entries[year.pk].breakdown(code) if item.breakdown is not None else {}
        before = (
            state.entries[previous_year.pk].breakdown(code)
            if item.breakdown is not None and previous_year
            else {}
        )
    result = results.indicator(code)
    institutions = Institution.objects.for_user(request.user).filter(municipality=municipality)
    if institution_type:
        institutions = institutions.filter(type=institution_type)
    rows = []
    if item.breakdown is not None:
        sign = -1 if item.better == Better.DOWN else 1
        for institution in institutions.filter(pk__in=set(now) | set(before)):
            value, previous = as_number(now.get(institution.pk)), as_number(before.get(institution.pk))
            change = None if value is None or previous is None else value - previous
            rows.append(
                {
                    "institution": institution,
                    "value": display(value, item.unit),
                    "previous": display(previous, item.unit),
                    "change": change,
                    "change_display": _change_text(change, item.unit),
                    "improved": None if not change else (change * sign > 0),
                    "value_url": records_url(code, institution, year),
                    "previous_url": records_url(code, institution, previous_year) if previous_year else None,
                }
            )
        # The schools that moved the value most in the direction it moved come first.
        total = (as_number(result.value) or 0) - (as_number(result.previous) or 0) if result else 0
        direction = -1 if total < 0 else 1
        rows.sort(
            key=lambda row: (
                row["change"] is None,
                -(row["change"] or 0) * direction,
                str(row["institution"]),
            )
        )
    if request.GET.get("format") == "xlsx":
        columns = [
            Column("institution", _("Institution"), width=40),
            Column("previous", previous_year.title if previous_year else _("Previous year"), width=14),
            Column("value", year.title, width=14),
            Column("change", _("Change since last year"), width=14),
        ]
        return workbook_response(
            f"breakdown-{code}-{year.start_year}.xlsx",
            [
                Sheet(
                    str(item.title)[:31],
                    columns,
                    [[str(r["institution"]), r["previous"], r["value"], r["change_display"]] for r in rows],
                )
            ],
        )
    context = {
        "item": item,
        "data_lists": data_lists(code, request.user),
        "has_breakdown": item.breakdown is not None,
        "result": result,
        "year": year,
        "previous_year": previous_year,
        "rows": rows,
        "filters": FilterForm(initial={"year": year, "institution_type": institution_type}),
        "passport": IndicatorPassport.objects.filter(code=code).first(),
        "values_state": state,
    }
    return render(request, "monitoring/indicator_detail.html", context)


@role_required(*MUNICIPAL_ROLES)
def direction_ranking(request, code: str):
    """Рейтинг учреждений: the municipality's institutions ranked on one direction, the rule beside each rank."""
    from monitoring import ranking

    direction = get_object_or_404(Direction, code=code)
    municipality = user_municipality(request)
    year = selected_year(request)
    previous_year = year.previous()
    years = [year, previous_year] if previous_year else [year]
    with use_replica():
        state = stored.read(municipality, years, breakdowns=True)
        results = compute(municipality, year, state=state)
    result = next(d for d in results.directions if d.code == code)
    codes = [item.code for item in result.indicators if registry.get(item.code).breakdown is not None]
    now = {c: state.entries[year.pk].breakdown(c) for c in codes}
    before = {c: state.entries[previous_year.pk].breakdown(c) for c in codes} if previous_year else {}
    institutions = Institution.objects.for_user(request.user).in_scope(municipality).active()
    places, indicators = ranking.rank(result, institutions, now, before)
    context = {
        "direction": direction,
        "result": result,
        "year": year,
        "places": places,
        "indicators": indicators,
        "rule": ranking.RULE,
        "dashboard_url": f"{reverse('monitoring:dashboard')}?{urlencode({'year': year.title})}",
        "filters": FilterForm(initial={"year": year}),
        "directions": Direction.objects.ordered(),
    }
    return render(request, "monitoring/ranking.html", context)


def _change_text(change, unit: str) -> str:
    if change is None:
        return "—"
    if unit == Unit.SHARE:
        return _("{value} p.p.").format(value=f"{change * 100:+.1f}".replace(".", ","))
    return f"{change:+g}".replace(".", ",")


# --- settings: directions, passports, targets -------------------------------------------------------------


@role_required(Role.HEAD)
def passports(request):
    IndicatorPassport.objects.registered_by_code()
    context = {
        "directions": Direction.objects.ordered().prefetch_related("passports"),
    }
    return render(request, "monitoring/passports.html", context)


def _passports_form(request, form_class, record, *, saved: str, title: str, **context):
    """Edit a record of the passports page (a direction, an indicator's passport) and go back to it."""
    passports = reverse("monitoring:passports")
    return edit_page(request, form_class(request.POST or None, instance=record), saved=saved, title=title,
                     back_url=passports, success_url=passports, template="monitoring/simple_form.html", **context)


@role_required(Role.HEAD)
def direction_edit(request, pk: int):
    direction = get_object_or_404(Direction, pk=pk)
    return _passports_form(request, DirectionForm, direction, saved=_("The direction is saved."), title=direction.title)


@role_required(Role.HEAD)
def passport_edit(request, pk: int):
    passport = get_object_or_404(IndicatorPassport, pk=pk)
    return _passports_form(request, PassportForm, passport, saved=_("The indicator passport is saved."),
                           title=passport.display_title, passport=passport)


@role_required(Role.HEAD)
def targets(request):
    """The head's form: target and tolerance of every indicator for one year, the current one by default."""
    year = selected_year(request, default=current_year)
    IndicatorPassport.objects.registered_by_code()
    passports_list = list(IndicatorPassport.objects.registered().select_related("direction"))
    current = {t.passport_id: t for t in Target.objects.filter(year=year)}
    inherited = Target.objects.effective_for(year)
    forms = []
    for passport in passports_list:
        target = current.get(passport.pk) or inherited.get(passport.code)
        initial = {
            "target": to_form_target(passport, target.value) if target else None,
            "tolerance": target.tolerance if target else None,
        }
        forms.append(
            TargetForm(request.POST or None, prefix=f"t{passport.pk}", passport=passport, initial=initial)
        )
    if request.method == "POST":
        if all(form.is_valid() for form in forms):
            with transaction.atomic():
                for form in forms:
                    value = form.cleaned_data["target"]
                    if value is None:
                        Target.objects.filter(passport=form.passport, year=year).delete()
                        continue
                    Target.objects.update_or_create(
                        passport=form.passport,
                        year=year,
                        defaults={"value": value, "tolerance": form.cleaned_data["tolerance"]},
                    )
            messages.success(request, _("Targets for {year} are saved.").format(year=year))
            return redirect(reverse("monitoring:targets") + "?" + urlencode({"year": year.title}))
        messages.error(request, _("Please correct the errors below."))
    context = {"year": year, "forms": forms, "filters": FilterForm(initial={"year": year}),
               "is_current": year == AcademicYear.objects.current()}
    return render(request, "monitoring/targets.html", context)


# --- the yearly report ------------------------------------------------------------------------------------


@role_required(*MUNICIPAL_ROLES)
def reports(request):
    municipality = user_municipality(request)
    year = selected_year(request)
    if request.method == "POST":
        if not roles_of(request.user).has(Role.HEAD):
            raise PermissionDenied
        # A background job (jobs app): inline without a broker (the snapshot page at once, as before),
        # otherwise the job page shows the progress and then goes to the snapshot.
        job = start_job(
            "monitoring.build_report",
            user=request.user,
            params={"municipality": municipality.pk, "year": year.pk, "language": get_language()},
            label="{title}: {year}".format(title=_("The yearly report"), year=year),
        )
        if job.status == Job.Status.DONE and job.result_url:
            messages.success(request, _("The report for {year} is built and frozen.").format(year=year))
            return redirect(job.result_url)
        return redirect(job)
    snapshots = (
        ReportSnapshot.objects.for_user(request.user)
        .filter(municipality=municipality)
        .select_related("year", "created_by")
    )
    return list_page(request, "monitoring/reports.html", rows=snapshots, context={
        "year": year, "filters": FilterForm(initial={"year": year}), "municipality": municipality,
    })


def _snapshot(request, pk: int) -> ReportSnapshot:
    return get_object_or_404(
        ReportSnapshot.objects.for_user(request.user).select_related("year", "municipality"), pk=pk
    )


@role_required(*MUNICIPAL_ROLES)
def report_detail(request, pk: int):
    snapshot = _snapshot(request, pk)
    results = Results.from_json(snapshot.data)
    orders = snapshot.orders.all()
    last_order = previous_order(snapshot.municipality, snapshot.year)
    context = {
        "snapshot": snapshot,
        "results": results,
        "orders": orders,
        "last_order": last_order,
        "effects": measures_effect(last_order, results),
    }
    return render(request, "monitoring/report_detail.html", context)


def _document_view(title, record, build, stem, extension: str, content_type: str):
    """The view of a report's or an order's document for the municipality's staff, made in the background:
    ``build(record(request, pk))`` as the file ``<stem(record)>.<extension>``."""

    @role_required(*MUNICIPAL_ROLES)
    @background_file(title)
    def document(request, pk: int):
        obj = record(request, pk)
        return download(build(obj), f"{stem(obj)}.{extension}", content_type)

    return document


def _report_stem(snapshot: ReportSnapshot) -> str:
    return documents.file_stem(snapshot.year)


def _note_stem(snapshot: ReportSnapshot) -> str:
    return documents.file_stem(snapshot.year, "note")


report_xlsx = _document_view(gettext_lazy("The yearly report"), _snapshot, exports.report_workbook, _report_stem,
                             "xlsx", XLSX_CONTENT_TYPE)
report_pdf = _document_view(gettext_lazy("The yearly report"), _snapshot, exports.report_pdf, _report_stem,
                            "pdf", PDF_CONTENT_TYPE)
# The analytical note (аналитическая справка) of a report, as an editable Word file and as PDF.
note_docx = _document_view(gettext_lazy("Analytical note"), _snapshot, documents.note_docx, _note_stem,
                           "docx", documents.DOCX_CONTENT_TYPE)
note_pdf = _document_view(gettext_lazy("Analytical note"), _snapshot, documents.note_pdf, _note_stem,
                          "pdf", PDF_CONTENT_TYPE)


# --- the order --------------------------------------------------------------------------------------------


@require_POST
@role_required(Role.HEAD)
def order_create(request, pk: int):
    snapshot = _snapshot(request, pk)
    order = draft_order(snapshot=snapshot, by=request.user)
    messages.success(
        request, _("The draft order is created from the report. Edit it and add the assignments.")
    )
    return redirect("monitoring:order-edit", pk=order.pk)


def order_rows(request):
    queryset = Order.objects.for_user(request.user).select_related("year", "municipality")
    return filtered(request, OrderPageFilter, queryset, "-date")


@role_required(*MUNICIPAL_ROLES)
def orders(request):
    return list_page(request, "monitoring/orders.html", lambda: order_rows(request), export="monitoring:order-export",
                     cached=True)


@role_required(*MUNICIPAL_ROLES)
@background_file(gettext_lazy("Orders"))
def order_export(request):
    columns = [
        Column("number", _("Number"), width=12),
        Column("date", _("Date"), kind="date", width=14),
        Column("year", _("Year"), width=12),
        Column("status", _("Status"), width=14),
        Column("title", _("Title"), width=60),
    ]
    rows = [[o.number, o.date, o.year.title, o.get_status_display(), o.title] for o in order_rows(request).qs]
    return workbook_response("orders.xlsx", [Sheet(_("Orders"), columns, rows)])


def _order(request, pk: int) -> Order:
    return get_object_or_404(
        Order.objects.for_user(request.user).select_related("year", "municipality", "snapshot"), pk=pk
    )


def _draft_order(view):
    """A page that changes the head's order (``view(request, order)``): an issued one is not changed; the head
    is sent back to it with the reason."""

    @role_required(Role.HEAD)
    @wraps(view)
    def page(request, pk: int):
        order = _order(request, pk)
        if order.is_issued:
            messages.error(request, _("The order is issued and can no longer be changed."))
            return redirect(order)
        return view(request, order)

    return page


def _order_page(request, order: Order, issue_form: IssueForm, *, status: int = 200):
    context = {
        **documents.document_context(order),
        "assignments": order.assignments.select_related("responsible", "follower"),
        "can_edit": not order.is_issued and roles_of(request.user).has(Role.HEAD),
        "issue_form": issue_form,
        "needs_confirmation": bool(issue_form.warnings),
        "today": timezone.localdate(),
        "history": order.history.select_related("history_user")[:20],
    }
    return render(request, "monitoring/order_detail.html", context, status=status)


@role_required(*MUNICIPAL_ROLES)
def order_detail(request, pk: int):
    order = _order(request, pk)
    initial = {"signatory_position": order.signatory_position, "date": timezone.localdate()}
    return _order_page(request, order, IssueForm(order=order, initial=initial))


@role_required(Role.HEAD)
def order_delete(request, pk: int):
    """The head deletes a draft with its measures and assignments (as the API does); an issued order is kept."""
    order = get_object_or_404(governed(request.user, Order.objects.for_user(request.user)), pk=pk)
    kept = _("The order is issued and can no longer be changed.") if order.is_issued else ""
    return confirm_delete(request, order, success_url=reverse("monitoring:orders"), kept=kept)


@_draft_order
def order_edit(request, order: Order):
    data = request.POST or None
    # «Add a sub-item» / «Add an assignment» without JavaScript: the page comes back with one more empty row and
    # nothing saved (with JavaScript the buttons add the row in place).
    adding = request.POST.get("add") if data else None
    if adding in ("rec", "asg"):
        data = with_extra_row(data, adding)
    form = OrderForm(data, instance=order)
    kwargs = {"instance": order, "form_kwargs": {"municipality": order.municipality}}
    recommendations = RecommendationFormSet(data, prefix="rec", **kwargs)
    assignments = AssignmentFormSet(data, prefix="asg", **kwargs)
    if adding in ("rec", "asg"):
        context = {"order": order, "form": form, "recommendations": recommendations, "assignments": assignments}
        return render(request, "monitoring/order_edit.html", context)
    if request.method == "POST":
        if form.is_valid() and recommendations.is_valid() and assignments.is_valid():
            with transaction.atomic():
                form.save()
                recommendations.save()
                assignments.save()
            messages.success(request, _("The draft order is saved."))
            return redirect(order)
        messages.error(request, _("Please correct the errors below."))
    context = {"order": order, "form": form, "recommendations": recommendations, "assignments": assignments}
    return render(request, "monitoring/order_edit.html", context)


@require_POST
@_draft_order
def order_issue(request, order: Order):
    form = IssueForm(request.POST, order=order)
    if not form.is_valid():
        return _order_page(request, order, form, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k != "confirm"}
    issue_order(order=order, by=request.user, **data)
    messages.success(request, _("The order is issued; its assignments are now tasks."))
    return redirect(order)


# The order as PDF and as an editable Word file with the same numbered items (an ASCII file name: order_stem).
order_pdf = _document_view(gettext_lazy("Order"), _order, exports.order_pdf, documents.order_stem,
                           "pdf", PDF_CONTENT_TYPE)
order_docx = _document_view(gettext_lazy("Order"), _order, documents.order_docx, documents.order_stem,
                            "docx", documents.DOCX_CONTENT_TYPE)


# --- tasks ------------------------------------------------------------------------------------------------


def _showing_all(request) -> bool:
    """``?all=1`` from the municipality's roles: every assignment of the municipality, not only the user's."""
    return request.GET.get("all") == "1" and roles_of(request.user).has(*MUNICIPAL_ROLES)


def task_rows(request):
    """The user's tasks (or, for the municipality's roles with ?all=1, every assignment), filtered and sorted."""
    queryset = (
        Assignment.objects.for_user(request.user).tasks().select_related("order", "order__year", "responsible")
        .annotate(status_rank=Case(*(When(status=status, then=rank) for rank, status in enumerate(AssignmentStatus))))
    )
    if not _showing_all(request):
        queryset = queryset.filter(Q(responsible=request.user) | Q(follower=request.user))
    return filtered(request, TaskPageFilter, queryset, "status")


@login_required
def tasks(request):
    context = {"show_all": _showing_all(request), "can_show_all": roles_of(request.user).has(*MUNICIPAL_ROLES)}
    return list_page(request, "monitoring/tasks.html", lambda: task_rows(request), export="monitoring:task-export",
                     context=context, cached=True)


@login_required
@background_file(gettext_lazy("Tasks"))
def task_export(request):
    columns = [
        Column("order", _("Order"), width=22),
        Column("responsible", _("Responsible"), width=28),
        Column("text", _("Assignment"), width=60),
        Column("deadline", _("Deadline"), width=24),
        Column("status", _("Status"), width=14),
    ]
    rows = [[str(a.order), a.who, a.text, a.term_display, a.get_status_display()] for a in task_rows(request).qs]
    return workbook_response("tasks.xlsx", [Sheet(_("Tasks"), columns, rows)])


TASK_ACTIONS = ("accept", "return", "extend", "remind")


@login_required
def task_detail(request, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.for_user(request.user)
        .tasks()
        .select_related("order", "order__issued_by", "responsible", "follower", "measure"),
        pk=pk,
    )
    can_report = assignment.may_report(request.user)
    can_control = assignment.may_control(request.user)
    action = request.POST.get("action", "report") if request.method == "POST" else None
    form = CompletionForm(request.POST or None, request.FILES or None) if action in (None, "report") else CompletionForm()
    review = ReviewForm(request.POST if action in ("accept", "return") else None)
    extend = ExtendForm(request.POST if action == "extend" else None, prefix="extend")
    if action == "report":
        if not can_report:
            raise PermissionDenied
        if form.is_valid():
            with transaction.atomic():
                report_task(task=assignment, by=request.user, comment=form.cleaned_data["comment"])
                for upload in form.cleaned_data["files"]:
                    AssignmentFile.objects.create(assignment=assignment, file=upload)
            messages.success(request, _("The completion report is saved; the issuer of the order will review it."))
            return redirect(assignment)
    elif action in TASK_ACTIONS:
        if not can_control:
            raise PermissionDenied
        done = _control_task(request, assignment, action, review, extend)
        if done:
            return redirect(assignment)
    context = {
        "assignment": assignment,
        "form": form,
        "review_form": review,
        "extend_form": extend,
        "can_report": can_report,
        "can_control": can_control,
        "events": assignment.events.select_related("by"),
        "today": timezone.localdate(),
    }
    return render(request, "monitoring/task_detail.html", context)


def _control_task(request, assignment: Assignment, action: str, review: ReviewForm, extend: ExtendForm) -> bool:
    """Run the issuer's action on a task; return True when it is done (errors go to the messages or the form)."""
    try:
        if action == "remind":
            if remind_task(task=assignment, by=request.user):
                messages.success(request, _("The reminder is sent."))
            else:
                messages.info(request, _("No reminder sent: the task is not open, or one was sent today."))
            return True
        if action == "extend":
            if not extend.is_valid():
                return False
            extend_task(
                task=assignment,
                by=request.user,
                reason=extend.cleaned_data["reason"],
                deadline=extend.cleaned_data["deadline"],
                term=extend.cleaned_data["term"],
            )
            messages.success(request, _("The term is extended."))
            return True
        if not review.is_valid():
            return False
        comment = review.cleaned_data["comment"]
        if action == "accept":
            accept_task(task=assignment, by=request.user, comment=comment)
            messages.success(request, _("The task is accepted as done."))
        else:
            return_task(task=assignment, by=request.user, comment=comment)
            messages.success(request, _("The task is returned to the executor."))
        return True
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False


@login_required
def task_file(request, pk: int, file_pk: int):
    """Serve a completion file to those who may see its task (media files are not public)."""
    assignment = get_object_or_404(Assignment.objects.for_user(request.user).tasks(), pk=pk)
    attachment = get_object_or_404(assignment.files, pk=file_pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
