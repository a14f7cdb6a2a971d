from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import CharField
from django.db.models import DecimalField
from django.db.models import OuterRef
from django.db.models import Subquery
from django.db.models import Sum
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.db.models.functions import Concat
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from core.deletion import confirm_delete
from core.files import attachment_response
from core.history import history_entries
from core.imports import ImportView
from core.listing import filtered
from core.listing import list_page
from core.listing import paginate
from core.models import Institution
from core.pages import edit_page
from core.pages import record_views
from core.scoping import MUNICIPAL_ROLES
from core.scoping import PERSONAL_DATA_ROLES
from core.scoping import Role
from core.scoping import role_required
from core.scoping import roles_of
from core.xlsx import workbook_response
from jobs.decorators import background_file
from staffing.exports import campaigns_sheet
from staffing.exports import completeness_sheet
from staffing.exports import documents_sheet
from staffing.exports import summary_sheets
from staffing.filters import STATUS_CHOICES
from staffing.filters import CampaignFilter
from staffing.filters import CompletenessFilter
from staffing.filters import DocumentFilter
from staffing.forms import CampaignForm
from staffing.forms import DocumentForm
from staffing.forms import EnteredSubmissionForm
from staffing.forms import NeedFormSet
from staffing.forms import ReturnForm
from staffing.forms import SubmissionForm
from staffing.imports import NeedsImporter
from staffing.models import NOT_STARTED
from staffing.models import Campaign
from staffing.models import CampaignStatus
from staffing.models import Need
from staffing.models import RegulatoryDocument
from staffing.models import Submission
from staffing.models import SubmissionStatus
from staffing.services import enter_on_behalf
from staffing.services import return_submission
from staffing.services import save_submission
from staffing.summary import AGE_GROUPS
from staffing.summary import CampaignSummary


def _school_ids(user) -> set[int]:
    return roles_of(user).institution_ids_for(Role.SCHOOL)


def _user_name(user) -> str:
    return user.get_full_name() or user.username


def _is_manager_of(user, campaign: Campaign) -> bool:
    return Campaign.objects.managed_by(user).filter(pk=campaign.pk).exists()


# --- campaigns ------------------------------------------------------------------------------------


@role_required(*PERSONAL_DATA_ROLES)
def campaign_list(request):
    filterset = filtered(request, CampaignFilter, Campaign.objects.for_user(request.user).select_related("year"),
                          "-as_of")
    schools = list(Institution.objects.filter(pk__in=_school_ids(request.user)))

    def context(page):
        own = {}
        if schools:
            for submission in Submission.objects.for_user(request.user).filter(
                campaign__in=[c.pk for c in page], institution__in=schools
            ):
                own[submission.campaign_id] = submission
        for campaign in page:
            campaign.own_submission = own.get(campaign.pk)
            campaign.own_institution = next((s for s in schools if campaign.requires(s)), None)
        return {"is_school": bool(schools), "can_create": roles_of(request.user).has(*MUNICIPAL_ROLES)}

    return list_page(request, "staffing/campaign_list.html", filterset, export="staffing:campaign-export",
                     context=context)


@role_required(*PERSONAL_DATA_ROLES)
@background_file(gettext_lazy("Campaigns"))
def campaign_export(request):
    filterset = filtered(request, CampaignFilter, Campaign.objects.for_user(request.user), "-as_of")
    return workbook_response("staffing-campaigns.xlsx", [campaigns_sheet(filterset.qs)])


def _campaign_form(request, instance: Campaign | None):
    form = CampaignForm(request.POST or None, instance=instance or Campaign(created_by=request.user), user=request.user)
    trail = [(reverse("staffing:campaign-list"), _("Staffing needs"))]
    if instance:
        trail.append((instance.get_absolute_url(), instance.title))
    return edit_page(request, form, saved=lambda saved: _("The campaign «{title}» is saved.").format(title=saved.title),
                     title=_("Edit the campaign") if instance else _("New staffing campaign"),
                     back_url=trail[-1][0], breadcrumbs=trail,
                     delete_url=reverse("staffing:campaign-delete", args=[instance.pk]) if instance else "")


@role_required(*MUNICIPAL_ROLES)
def campaign_create(request):
    return _campaign_form(request, None)


@role_required(*MUNICIPAL_ROLES)
def campaign_edit(request, pk: int):
    return _campaign_form(request, get_object_or_404(Campaign.objects.managed_by(request.user), pk=pk))


@role_required(*MUNICIPAL_ROLES)
def campaign_delete(request, pk: int):
    """A campaign entered by mistake goes with the schools' drafts; one with a submitted answer is closed instead."""
    campaign = get_object_or_404(Campaign.objects.managed_by(request.user), pk=pk)
    if campaign.submissions.exclude(status=SubmissionStatus.DRAFT).exists():
        messages.error(request, _("Institutions have submitted their answers: close the campaign instead."))
        return redirect(campaign)
    return confirm_delete(request, campaign, success_url=reverse("staffing:campaign-list"))


@require_POST
@role_required(*MUNICIPAL_ROLES)
def campaign_status(request, pk: int):
    """Close an open campaign, or reopen a closed one."""
    campaign = get_object_or_404(Campaign.objects.managed_by(request.user), pk=pk)
    if campaign.is_open:
        campaign.status = CampaignStatus.CLOSED
        messages.success(request, _("The campaign is closed: institutions can no longer change their answers."))
    else:
        campaign.status = CampaignStatus.REOPENED
        messages.success(request, _("The campaign is reopened."))
    campaign.save(update_fields=["status"])
    return redirect(campaign)


def completeness_rows(request, campaign: Campaign):
    """Return the bound filterset over the institutions that must answer, with their submission's state."""
    submission = Submission.objects.filter(campaign=campaign, institution=OuterRef("pk"))
    posts = (
        Need.objects.filter(submission__campaign=campaign, submission__institution=OuterRef("pk"))
        .values("submission").annotate(total=Sum("posts")).values("total")
    )
    queryset = campaign.required_institutions().annotate(
        submission_status=Coalesce(Subquery(submission.values("status")), Value(NOT_STARTED)),
        submitted_at=Subquery(submission.values("submitted_at")),
        no_needs=Subquery(submission.values("no_needs")),
        review_comment=Subquery(submission.values("review_comment")),
        submitted_by_full=Subquery(submission.values(full=Concat(
            "submitted_by__first_name", Value(" "), "submitted_by__last_name", output_field=CharField()))),
        submitted_by_username=Subquery(submission.values("submitted_by__username")),
        posts=Subquery(posts, output_field=DecimalField(max_digits=8, decimal_places=2)),
    )
    return filtered(request, CompletenessFilter, queryset, "name")


def _named(institutions):
    for institution in institutions:
        full = (institution.submitted_by_full or "").strip()
        institution.submitted_by_name = full or institution.submitted_by_username or ""
        yield institution


@role_required(*PERSONAL_DATA_ROLES)
def campaign_detail(request, pk: int):
    """The completeness page: each institution's status. A school goes to its own submission."""
    campaign = get_object_or_404(Campaign.objects.for_user(request.user).select_related("year", "municipality"),
                                 pk=pk)
    if not roles_of(request.user).has(*MUNICIPAL_ROLES):
        own = next((i for i in Institution.objects.filter(pk__in=_school_ids(request.user)) if campaign.requires(i)),
                   None)
        if own is None:
            raise Http404
        return redirect("staffing:submission-detail", campaign_pk=campaign.pk, institution_pk=own.pk)
    filterset = completeness_rows(request, campaign)
    page = paginate(request, filterset.qs)
    summary = CampaignSummary(campaign)
    counts = dict.fromkeys([key for key, _label in STATUS_CHOICES], 0)
    for status in campaign.required_institutions().annotate(
        s=Coalesce(Subquery(Submission.objects.filter(campaign=campaign, institution=OuterRef("pk")).values("status")),
                   Value(NOT_STARTED))
    ).values_list("s", flat=True):
        counts[status] += 1
    labels = dict(STATUS_CHOICES)
    return render(request, "staffing/campaign_detail.html", {
        "campaign": campaign, "filter": filterset, "page": _page_named(page), "totals": summary.totals,
        "status_counts": [(key, labels[key], counts[key]) for key in counts], "status_labels": labels,
        "can_manage": _is_manager_of(request.user, campaign), "history": history_entries(campaign),
    })


def _page_named(page):
    page.object_list = list(_named(page.object_list))
    return page


@role_required(*MUNICIPAL_ROLES)
@background_file(gettext_lazy("Completeness"))
def campaign_completeness_export(request, pk: int):
    campaign = get_object_or_404(Campaign.objects.for_user(request.user), pk=pk)
    filterset = completeness_rows(request, campaign)
    sheet = completeness_sheet(campaign, _named(filterset.qs), dict(STATUS_CHOICES))
    return workbook_response(f"staffing-completeness-{campaign.pk}.xlsx", [sheet])


@role_required(*MUNICIPAL_ROLES)
def campaign_summary(request, pk: int):
    campaign = get_object_or_404(Campaign.objects.for_user(request.user).select_related("year"), pk=pk)
    summary = CampaignSummary(campaign)
    rows = summary.position_comparison[:15]
    chart = {
        "labels": [row["position"] for row in rows],
        "current": [float(row["posts"]) for row in rows],
        "previous": [float(row["previous"]) for row in rows] if summary.previous else None,
        "current_label": campaign.title,
        "previous_label": summary.previous.campaign.title if summary.previous else "",
        "axis_label": pgettext("staffing", "Rates"),
    }
    chart_height = f"{len(rows) * 2 + 4}rem"
    return render(request, "staffing/campaign_summary.html", {
        "chart": chart, "chart_height": chart_height,
        "campaign": campaign, "summary": summary, "totals": summary.totals, "age_groups": AGE_GROUPS,
        "previous": summary.previous, "previous_totals": summary.previous.totals if summary.previous else None,
    })


@role_required(*MUNICIPAL_ROLES)
@background_file(pgettext_lazy("staffing", "Summary"))
def campaign_summary_export(request, pk: int):
    campaign = get_object_or_404(Campaign.objects.for_user(request.user), pk=pk)
    return workbook_response(f"staffing-summary-{campaign.pk}.xlsx", summary_sheets(CampaignSummary(campaign)))


# --- submissions ----------------------------------------------------------------------------------


class SubmissionAccess:
    """What the user may do with one institution's answer to one campaign (404 when they may not see it)."""

    def __init__(self, request, campaign_pk: int, institution_pk: int):
        user = request.user
        if not roles_of(user).has(*PERSONAL_DATA_ROLES):
            raise PermissionDenied
        self.user = user
        self.campaign = get_object_or_404(Campaign.objects.for_user(user).select_related("year"), pk=campaign_pk)
        self.institution = get_object_or_404(Institution.objects.for_user(user), pk=institution_pk)
        self.submission = (
            Submission.objects.for_user(user).filter(campaign=self.campaign, institution=self.institution)
            .select_related("submitted_by", "reviewed_by").first()
        )
        if self.submission is None and not self.campaign.requires(self.institution):
            raise Http404

    @cached_property
    def is_school(self) -> bool:
        roles = roles_of(self.user)
        return roles.is_admin or self.institution.pk in roles.institution_ids_for(Role.SCHOOL)

    @property
    def can_edit(self) -> bool:
        """The institution itself, while the campaign is open and the answer is a draft or returned."""
        if not self.is_school or not self.campaign.is_open:
            return False
        return self.submission is None or self.submission.is_editable

    @property
    def can_submit(self) -> bool:
        return self.can_edit and self.submission is not None and (
            self.submission.no_needs or self.submission.needs.exists()
        )

    @cached_property
    def can_enter(self) -> bool:
        """A methodist (head, admin) of the campaign may enter an answer the institution sent on paper, in any
        year, while the institution has not submitted it itself."""
        return _is_manager_of(self.user, self.campaign) and (
            self.submission is None or self.submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
        )

    @cached_property
    def can_review(self) -> bool:
        return (
            self.submission is not None
            and self.submission.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)
            and _is_manager_of(self.user, self.campaign)
        )

    def draft(self) -> Submission:
        """Return the submission, unsaved if the institution has not started."""
        return self.submission or Submission(campaign=self.campaign, institution=self.institution)

    def require_edit(self) -> None:
        if not self.can_edit:
            # The portal's 403 page shows this reason and the way back to the answer.
            raise PermissionDenied(_("The answer is submitted or the campaign is closed: it can no longer be changed."))


@role_required(*PERSONAL_DATA_ROLES)
def submission_detail(request, campaign_pk: int, institution_pk: int):
    access = SubmissionAccess(request, campaign_pk, institution_pk)
    submission = access.submission
    needs = submission.needs.select_related("position", "subject") if submission else []
    return render(request, "staffing/submission_detail.html", {
        "access": access, "campaign": access.campaign, "institution": access.institution,
        "submission": submission, "needs": needs, "total_posts": submission.total_posts() if submission else 0,
        "return_form": ReturnForm(), "history": history_entries(submission) if submission else [],
        "submitted_by": _user_name(submission.submitted_by) if submission and submission.submitted_by else "—",
    })


def _answer_forms(request, access, form_class):
    """The answer's form (``form_class``) and its needs on the draft, bound to a POST; ``no_needs``: the answer
    says «No staffing needs»."""
    submission = access.draft()
    data = request.POST if request.method == "POST" else None
    no_needs = bool(data and data.get("no_needs"))
    form = form_class(data, instance=submission)
    needs = NeedFormSet(data, instance=submission, prefix="needs", no_needs=no_needs)
    return data, form, needs, no_needs


def _answer_page(request, access, form, needs, **context):
    return render(request, "staffing/submission_form.html", {
        "access": access, "campaign": access.campaign, "institution": access.institution, "form": form,
        "needs": needs, **context,
    })


@role_required(Role.SCHOOL)
def submission_edit(request, campaign_pk: int, institution_pk: int):
    access = SubmissionAccess(request, campaign_pk, institution_pk)
    access.require_edit()
    data, form, needs, _no_needs = _answer_forms(request, access, SubmissionForm)
    if data is not None and form.is_valid() and needs.is_valid():
        save_submission(form=form, needs=needs)
        messages.success(request, _("The draft is saved. Submit it when it is complete."))
        if data.get("more"):
            return redirect("staffing:submission-edit", campaign_pk=campaign_pk, institution_pk=institution_pk)
        return redirect("staffing:submission-detail", campaign_pk=campaign_pk, institution_pk=institution_pk)
    return _answer_page(request, access, form, needs)


@role_required(*MUNICIPAL_ROLES)
def submission_enter(request, campaign_pk: int, institution_pk: int):
    """The methodist enters the institution's answer on its behalf, with the date it was received."""
    access = SubmissionAccess(request, campaign_pk, institution_pk)
    if not access.can_enter:
        raise PermissionDenied
    data, form, needs, no_needs = _answer_forms(request, access, EnteredSubmissionForm)
    if data is not None and form.is_valid() and needs.is_valid():
        if not no_needs and not needs.kept():
            messages.error(request, _("List the needs or mark «No staffing needs» before submitting."))
        else:
            enter_on_behalf(form=form, needs=needs, by=request.user)
            messages.success(request, _("The answer is entered on behalf of {school}; the institution is notified.")
                             .format(school=access.institution.short_name))
            return redirect("staffing:submission-detail", campaign_pk=campaign_pk, institution_pk=institution_pk)
    return _answer_page(request, access, form, needs, on_behalf=True)


@require_POST
@role_required(Role.SCHOOL)
def submission_submit(request, campaign_pk: int, institution_pk: int):
    access = SubmissionAccess(request, campaign_pk, institution_pk)
    access.require_edit()
    if not access.can_submit:
        messages.error(request, _("List the needs or mark «No staffing needs» before submitting."))
    else:
        access.submission.submit(by=request.user)
        messages.success(request, _("The submission is sent to the methodical centre."))
    return redirect("staffing:submission-detail", campaign_pk=campaign_pk, institution_pk=institution_pk)


@require_POST
@role_required(*MUNICIPAL_ROLES)
def submission_review(request, campaign_pk: int, institution_pk: int):
    """Accept the submission, or return it with a comment."""
    access = SubmissionAccess(request, campaign_pk, institution_pk)
    if not access.can_review:
        raise PermissionDenied
    target = access.submission.get_absolute_url()
    if request.POST.get("action") == "accept":
        access.submission.accept(by=request.user)
        messages.success(request, _("The submission is accepted."))
        return redirect(target)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write what the institution should correct."))
        return redirect(target)
    return_submission(submission=access.submission, by=request.user, comment=form.cleaned_data["comment"])
    messages.success(request, _("The submission is returned to the institution."))
    return redirect(target)


class SubmissionUploadView(ImportView):
    importer_class = NeedsImporter
    title = gettext_lazy("Upload the staffing needs from Excel")
    success_url_name = "staffing:submission-detail"
    template_filename = "staffing-needs.xlsx"

    def allowed(self, request) -> bool:
        try:
            self.access = SubmissionAccess(request, self.kwargs["campaign_pk"], self.kwargs["institution_pk"])
        except PermissionDenied:
            return False
        return self.access.can_edit

    def get_importer_kwargs(self) -> dict:
        return {"submission": self.access.draft()}

    def render_page(self, **context):
        context["title"] = f"{self.title}: {self.access.institution.short_name}"
        return super().render_page(**context)


# --- regulatory documents ---------------------------------------------------------------------------


def document_rows(request):
    return filtered(request, DocumentFilter, RegulatoryDocument.objects.for_user(request.user), "-date")


@role_required(*PERSONAL_DATA_ROLES)
def document_file(request, pk: int):
    return attachment_response(get_object_or_404(RegulatoryDocument.objects.for_user(request.user), pk=pk).file)


@role_required(*PERSONAL_DATA_ROLES)
def document_list(request):
    return list_page(request, "staffing/document_list.html", document_rows(request), export="staffing:document-export",
                     context={"can_create": roles_of(request.user).has(*MUNICIPAL_ROLES),
                              "editable": set(RegulatoryDocument.objects.managed_by(request.user)
                                              .values_list("pk", flat=True))})


@role_required(*PERSONAL_DATA_ROLES)
@background_file(gettext_lazy("Regulatory documents"))
def document_export(request):
    return workbook_response("staffing-documents.xlsx", [documents_sheet(document_rows(request).qs)])


def _document_form(request, instance: RegulatoryDocument | None):
    form = DocumentForm(request.POST or None, request.FILES or None, instance=instance, user=request.user)
    documents = reverse("staffing:document-list")
    return edit_page(request, form, saved=lambda saved: _("The document «{title}» is saved.").format(title=saved.title),
                     title=_("Edit the document") if instance else _("New regulatory document"),
                     back_url=documents, success_url=documents, breadcrumbs=[(documents, _("Regulatory documents"))],
                     multipart=True, history=history_entries(instance) if instance else None,
                     delete_url=reverse("staffing:document-delete", args=[instance.pk]) if instance else "")


document_create, document_edit, document_delete = record_views(
    _document_form, lambda user: RegulatoryDocument.objects.managed_by(user), roles=MUNICIPAL_ROLES,
    list_url="staffing:document-list")
