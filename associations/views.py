from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case
from django.db.models import Count
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import Subquery
from django.db.models import When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.capabilities import Cap
from core.deletion import confirm_delete
from core.files import attachment_response
from core.history import history_entries
from core.imports import ImportView
from core.listing import filtered
from core.listing import list_page
from core.models import AcademicYear
from core.models import Municipality
from core.pages import edit_page
from core.pages import editable_record
from core.params import parse_id
from core.scoping import Role
from core.scoping import role_required
from core.scoping import roles_of
from core.xlsx import workbook_response
from jobs.decorators import background_file

from .exports import associations_sheet
from .exports import competitions_sheet
from .exports import products_sheet
from .exports import results_sheet
from .filters import AssociationPageFilter
from .filters import CompetitionPageFilter
from .filters import ParticipationPageFilter
from .filters import ProductPageFilter
from .forms import AssociationForm
from .forms import AttendanceForm
from .forms import CompetitionForm
from .forms import MeetingForm
from .forms import MembershipForm
from .forms import ParticipationForm
from .forms import PlanItemForm
from .forms import ProductForm
from .forms import data_municipalities
from .imports import ResultsImporter
from .models import WINNING_RESULTS
from .models import Association
from .models import Competition
from .models import Meeting
from .models import Membership
from .models import Participant
from .models import Participation
from .models import PlanItem
from .models import Product
from .models import Result
from .services import save_participation


def may_enter_data(user) -> bool:
    roles = roles_of(user)
    return roles.is_admin or bool(roles.municipality_ids_for(Role.METHODIST))


def editable_association(request, pk: int) -> Association:
    """Return the association if the user may see it (else 404) and edit it (else 403)."""
    return editable_record(request, Association.objects.for_user(request.user).select_related("municipality"), pk)


def editable_competition(request, pk: int) -> Competition:
    return editable_record(request, Competition.objects.for_user(request.user).select_related("municipality"), pk)


# --- Associations ------------------------------------------------------------------------------------


def count_of(queryset, field: str = "association") -> Subquery:
    """Return a correlated subquery counting the rows of ``queryset`` that point at the outer row."""
    rows = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows), 0)


def association_rows(request):
    # Counts come from subqueries: joining members, meetings and products at once multiplies rows.
    today = timezone.localdate()
    current = Membership.objects.filter(joined__lte=today).filter(Q(left__isnull=True) | Q(left__gte=today))
    queryset = (
        Association.objects.for_user(request.user)
        .select_related("leader__institution", "subject", "position", "municipality")
        .annotate(
            member_count=count_of(current),
            meeting_count=count_of(Meeting.objects.all()),
            product_count=count_of(Product.objects.all()),
        )
    )
    return filtered(request, AssociationPageFilter, queryset, "title")


@login_required
def association_list(request):
    return list_page(request, "associations/association_list.html", lambda: association_rows(request),
                     export="associations:association-export", context={"can_create": may_enter_data(request.user)},
                     cached=True)


@login_required
@background_file(gettext_lazy("Associations"))
def association_export(request):
    return workbook_response("associations.xlsx", [associations_sheet(association_rows(request).qs)])


@login_required
def association_detail(request, pk: int):
    association = get_object_or_404(
        Association.objects.for_user(request.user).select_related(
            "municipality", "leader__institution", "subject", "position"
        ),
        pk=pk,
    )
    today = timezone.localdate()
    years, year = association_years(request, association)
    meetings = association.meetings.annotate(
        present_count=Count("attendance", filter=Q(attendance__present=True))
    ).order_by("-date")
    plan_items = association.plan_items.select_related("year").order_by("planned_on")
    if year is not None:
        meetings = meetings.filter(date__range=(year.start, year.end))
        plan_items = plan_items.filter(year=year)
    return render(
        request,
        "associations/association_detail.html",
        {
            "association": association,
            "members": association.current_members(),
            "former_members": association.memberships.filter(left__lt=today).select_related("pedagogue__institution"),
            "years": years,
            "year": year,
            "plan_items": plan_items,
            "meetings": meetings,
            "products": association.products.prefetch_related("authors"),
            "can_edit": Association.objects.editable_by(request.user).filter(pk=pk).exists(),
            "history": history_entries(association),
        },
    )


def association_years(request, association) -> tuple[list[AcademicYear], AcademicYear | None]:
    """Return the academic years of the association's activity and the one chosen (``?year=``),
    by default the current academic year, or (for an association that has closed) the latest with a meeting
    or a plan item."""
    end = association.ended or timezone.localdate()
    years = list(
        AcademicYear.objects.filter(
            start_year__gte=association.started.year - (association.started.month < 9),
            start_year__lte=end.year - (end.month < 9),
        ).order_by("-start_year")
    )
    wanted = request.GET.get("year", "")
    chosen = next((y for y in years if str(y.pk) == wanted), None)
    if chosen is None:
        chosen = next((y for y in years if y.contains(timezone.localdate())), None)
    if chosen is None:
        last_meeting = association.meetings.order_by("-date").values_list("date", flat=True).first()
        last_plan = association.plan_items.order_by("-planned_on").values_list("planned_on", flat=True).first()
        latest = max((day for day in (last_meeting, last_plan) if day), default=None)
        chosen = next((y for y in years if latest and y.contains(latest)), years[0] if years else None)
    return years, chosen


@role_required(Role.METHODIST)
def association_create(request):
    return edit_page(request, AssociationForm(request.POST or None, user=request.user),
                     saved=_("The association is saved."), title=_("New association"),
                     back_url=reverse("associations:association-list"))


@login_required
def association_edit(request, pk: int):
    association = editable_association(request, pk)
    deletable = roles_of(request.user).can(Cap.ENTER)  # a leader edits the association, the methodists delete it
    return edit_page(request, AssociationForm(request.POST or None, instance=association, user=request.user),
                     saved=_("The association is saved."), title=_("Edit the association"),
                     back_url=association.get_absolute_url(),
                     delete_url=reverse("associations:association-delete", args=[pk]) if deletable else "")


@role_required(Cap.ENTER)
def association_delete(request, pk: int):
    association = editable_association(request, pk)
    return confirm_delete(request, association, success_url=reverse("associations:association-list"))


def _child_form(request, association, form_class, instance, *, title, multipart=False, to_record=False):
    """A record of the association's page (a member, a plan item, a meeting, a product): saved, back to the
    association, or to the record's own page (``to_record``, a meeting)."""
    form = form_class(request.POST or None, request.FILES or None, instance=instance, association=association)
    return edit_page(
        request, form, saved=_("Saved."), success_url=None if to_record else association.get_absolute_url(),
        title=title, back_url=association.get_absolute_url(),
        breadcrumbs=[(association.get_absolute_url(), association.title)], multipart=multipart,
    )


@login_required
def membership_add(request, pk: int):
    association = editable_association(request, pk)
    return _child_form(request, association, MembershipForm, None, title=_("Add a member"))


@login_required
def membership_edit(request, pk: int, membership_pk: int):
    association = editable_association(request, pk)
    membership = get_object_or_404(association.memberships, pk=membership_pk)
    return _child_form(request, association, MembershipForm, membership, title=_("Edit the membership"))


def _delete_from(request, parent, record, **kwargs):
    """The confirmation page of a record shown on its parent's page (an association's or a competition's)."""
    back = parent.get_absolute_url()
    return confirm_delete(request, record, success_url=back, cancel_url=back, **kwargs)


@login_required
def membership_delete(request, pk: int, membership_pk: int):
    association = editable_association(request, pk)
    return _delete_from(request, association, get_object_or_404(association.memberships, pk=membership_pk))


@login_required
def plan_item_add(request, pk: int):
    association = editable_association(request, pk)
    return _child_form(request, association, PlanItemForm, None, title=_("Add a plan item"))


@login_required
def plan_item_edit(request, pk: int, item_pk: int):
    association = editable_association(request, pk)
    item = get_object_or_404(PlanItem.objects.filter(association=association), pk=item_pk)
    return _child_form(request, association, PlanItemForm, item, title=_("Edit the plan item"))


@login_required
def plan_item_delete(request, pk: int, item_pk: int):
    association = editable_association(request, pk)
    item = get_object_or_404(PlanItem.objects.filter(association=association), pk=item_pk)
    return _delete_from(request, association, item, done_message=_("The plan item is deleted."))


# --- Meetings ----------------------------------------------------------------------------------------


@login_required
def meeting_add(request, pk: int):
    association = editable_association(request, pk)
    return _child_form(
        request, association, MeetingForm, None, title=_("New meeting"), multipart=True,
        to_record=True,
    )


@login_required
def meeting_edit(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.for_user(request.user), pk=pk)
    association = editable_association(request, meeting.association_id)
    return _child_form(
        request, association, MeetingForm, meeting, title=_("Edit the meeting"), multipart=True,
        to_record=True,
    )


@login_required
def meeting_delete(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.for_user(request.user), pk=pk)
    association = editable_association(request, meeting.association_id)
    return confirm_delete(request, meeting, success_url=association.get_absolute_url())


@login_required
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(
        Meeting.objects.for_user(request.user).select_related("association__municipality"), pk=pk
    )
    attendance = meeting.attendance.select_related("pedagogue__institution")
    return render(
        request,
        "associations/meeting_detail.html",
        {
            "meeting": meeting,
            "association": meeting.association,
            "attendance": attendance,
            "present_count": sum(1 for row in attendance if row.present),
            "can_edit": Association.objects.editable_by(request.user).filter(pk=meeting.association_id).exists(),
            "history": history_entries(meeting),
        },
    )


@login_required
def meeting_attendance(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.for_user(request.user).select_related("association"), pk=pk)
    editable_association(request, meeting.association_id)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        present = form.save()
        messages.success(request, _("Attendance is saved: {count} present.").format(count=present))
        return redirect(meeting)
    return render(request, "associations/attendance_form.html", {"form": form, "meeting": meeting})


@login_required
def meeting_minutes(request, pk: int):
    return attachment_response(get_object_or_404(Meeting.objects.for_user(request.user), pk=pk).minutes)


# --- Products ----------------------------------------------------------------------------------------


@login_required
def product_file(request, pk: int):
    return attachment_response(get_object_or_404(Product.objects.for_user(request.user), pk=pk).file)


def product_rows(request):
    queryset = Product.objects.for_user(request.user).select_related("association__municipality").prefetch_related("authors")
    return filtered(request, ProductPageFilter, queryset, "-created")


@login_required
def product_list(request):
    return list_page(request, "associations/product_list.html", product_rows(request),
                     export="associations:product-export")


@login_required
@background_file(gettext_lazy("Methodical products"))
def product_export(request):
    return workbook_response("products.xlsx", [products_sheet(product_rows(request).qs)])


@login_required
def product_add(request, pk: int):
    association = editable_association(request, pk)
    return _child_form(request, association, ProductForm, None, title=_("New methodical product"), multipart=True)


@login_required
def product_edit(request, pk: int, product_pk: int):
    association = editable_association(request, pk)
    product = get_object_or_404(association.products, pk=product_pk)
    return _child_form(
        request, association, ProductForm, product, title=_("Edit the methodical product"), multipart=True
    )


@login_required
def product_delete(request, pk: int, product_pk: int):
    association = editable_association(request, pk)
    return _delete_from(request, association, get_object_or_404(association.products, pk=product_pk))


# What kind of bank item each kind of product becomes.
BANK_KINDS = {
    "recommendations": "methodical",
    "lesson": "lesson",
    "programme": "methodical",
    "manual": "manual",
    "collection": "methodical",
    "case": "methodical",
    "digital": "network",
    "other": "other",
}


@require_POST
@login_required
def product_to_bank(request, pk: int, product_pk: int):
    """Send a product to the bank of information and educational resources as a draft its authors complete."""
    from banks.models import Bank
    from banks.services import send_to_bank

    association = editable_association(request, pk)
    product = get_object_or_404(association.products.prefetch_related("authors__institution"), pk=product_pk)
    if not product.file and not product.url:
        messages.error(request, _("Attach a file or a link to the product first."))
        return redirect(association)
    authors = list(product.authors.all())
    institution = next((a.institution for a in authors if a.institution_id), None) or (
        association.leader.institution if association.leader_id and association.leader.institution_id else None
    )
    year = AcademicYear.objects.containing(product.created_on)
    if institution is None or year is None:
        messages.error(request, _("Name the product's authors (or the association's leader) first: a bank item "
                                  "belongs to an institution."))
        return redirect(association)
    item, created = send_to_bank(
        source=product, bank=Bank.RESOURCES, kind=BANK_KINDS.get(product.type, "other"), title=product.title,
        description=product.description, authors=", ".join(a.full_name for a in authors) or association.title,
        institution=institution, year=year, file=product.file, url=product.url, by=request.user,
        keywords=association.title,
    )
    if created:
        product.bank_ref = request.build_absolute_uri(item.get_absolute_url())
        product.save(update_fields=["bank_ref"])
        messages.success(request, _("The product is in the bank as a draft."))
    return redirect(item)


# --- Competitions ------------------------------------------------------------------------------------


@login_required
def entry_document(request, pk: int):
    return attachment_response(get_object_or_404(Participation.objects.for_user(request.user), pk=pk).document)



def competition_rows(request):
    queryset = Competition.objects.for_user(request.user).select_related("year").annotate(
        entry_count=count_of(Participation.objects.all(), "competition"),
        winner_count=count_of(Participation.objects.filter(result__in=WINNING_RESULTS), "competition"),
    )
    return filtered(request, CompetitionPageFilter, queryset, "-starts")


@login_required
def competition_list(request):
    return list_page(request, "associations/competition_list.html", competition_rows(request),
                     export="associations:competition-export", context={"can_create": may_enter_data(request.user)})


@login_required
@background_file(gettext_lazy("Competitions"))
def competition_export(request):
    return workbook_response("competitions.xlsx", [competitions_sheet(competition_rows(request).qs)])


@login_required
def competition_detail(request, pk: int):
    competition = get_object_or_404(
        Competition.objects.for_user(request.user).select_related("year", "municipality"), pk=pk
    )
    # A school sees only the entries of its staff, even in a competition it can open.
    entries = (
        Participation.objects.for_user(request.user)
        .filter(competition=competition)
        .prefetch_related(Prefetch("participants", Participant.objects.select_related("pedagogue", "institution")))
    )
    return render(
        request,
        "associations/competition_detail.html",
        {
            "competition": competition,
            "entries": entries,
            "can_edit": Competition.objects.editable_by(request.user).filter(pk=pk).exists(),
            "history": history_entries(competition),
        },
    )


@role_required(Role.METHODIST)
def competition_create(request):
    return edit_page(request, CompetitionForm(request.POST or None, user=request.user),
                     saved=_("The competition is saved."), title=_("New competition"),
                     back_url=reverse("associations:competition-list"))


@login_required
def competition_edit(request, pk: int):
    competition = editable_competition(request, pk)
    return edit_page(request, CompetitionForm(request.POST or None, instance=competition, user=request.user),
                     saved=_("The competition is saved."), title=_("Edit the competition"),
                     back_url=competition.get_absolute_url(),
                     delete_url=reverse("associations:competition-delete", args=[pk]))


@role_required(Cap.ENTER)
def competition_delete(request, pk: int):
    competition = editable_competition(request, pk)
    return confirm_delete(request, competition, success_url=reverse("associations:competition-list"))


def _entry_form(request, competition, entry):
    form = ParticipationForm(request.POST or None, request.FILES or None, instance=entry, competition=competition)
    return edit_page(
        request, form, saved=_("Saved."), success_url=competition.get_absolute_url(),
        save=lambda form: save_participation(participation=form.save(commit=False),
                                             pedagogues=form.cleaned_data["participants"]),
        title=_("Edit the entry") if entry else _("New entry"), back_url=competition.get_absolute_url(),
        breadcrumbs=[(competition.get_absolute_url(), competition.title)], multipart=True,
    )


@login_required
def entry_add(request, pk: int):
    return _entry_form(request, editable_competition(request, pk), None)


@login_required
def entry_edit(request, pk: int, entry_pk: int):
    competition = editable_competition(request, pk)
    return _entry_form(request, competition, get_object_or_404(competition.entries, pk=entry_pk))


@login_required
def entry_delete(request, pk: int, entry_pk: int):
    competition = editable_competition(request, pk)
    return _delete_from(request, competition, get_object_or_404(competition.entries, pk=entry_pk))


def result_rows(request):
    queryset = (
        Participation.objects.for_user(request.user)
        .annotate(result_rank=result_rank())
        .select_related("competition__year")
        .prefetch_related(Prefetch("participants", Participant.objects.select_related("pedagogue", "institution")))
    )
    return filtered(request, ParticipationPageFilter, queryset, "-year")


@login_required
def result_list(request):
    return list_page(request, "associations/result_list.html", result_rows(request), export="associations:result-export")


@login_required
@background_file(gettext_lazy("Competition results"))
def result_export(request):
    return workbook_response("competition-results.xlsx", [results_sheet(result_rows(request).qs)])


def result_rank() -> Case:
    """Winner first, then prize-winner, laureate, participant (for sorting by result)."""
    return Case(*(When(result=value, then=rank) for rank, value in enumerate(Result.values)), default=len(Result.values))


class ResultsImportView(ImportView):
    importer_class = ResultsImporter
    title = gettext_lazy("Import competition results")
    back_url_name = "associations:competition-list"
    success_url_name = "associations:result-list"
    template_filename = "competition-results.xlsx"

    def allowed(self, request) -> bool:
        return may_enter_data(request.user)

    def municipality(self) -> Municipality:
        choices = data_municipalities(self.request.user)
        wanted = self.request.GET.get("municipality") or self.request.POST.get("municipality")
        if parse_id(wanted):
            found = choices.filter(pk=parse_id(wanted)).first()
            if found:
                return found
        found = choices.order_by("name").first()
        if found is None:
            raise PermissionDenied
        return found

    def get_importer_kwargs(self) -> dict:
        return {"municipality": self.municipality()}


@login_required
def meetings_without_attendance(request):
    """The meetings of this academic year, already held, whose attendance the user should mark."""
    meetings = (
        Meeting.objects.filter(association__in=Association.objects.editable_by(request.user))
        .without_attendance(timezone.localdate())
        .select_related("association")
        .order_by("date", "pk")
    )
    return list_page(request, "associations/meetings_without_attendance.html", rows=meetings)
