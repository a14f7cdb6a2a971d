from django.conf import settings
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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from core.capabilities import Cap
from core.capabilities import roles_with
from core.deletion import confirm_delete
from core.listing import filtered
from core.listing import list_page
from core.pages import edit_page
from core.pdf import pdf_response
from core.scoping import Role
from core.scoping import role_required
from core.scoping import roles_of
from expertise import services
from expertise.exports import experts_xlsx
from expertise.exports import requests_xlsx
from expertise.filters import ExpertPageFilter
from expertise.filters import RequestPageFilter
from expertise.forms import AssignForm
from expertise.forms import ConcludeForm
from expertise.forms import ExpertForm
from expertise.forms import RequestForm
from expertise.forms import ReviewForm
from expertise.models import Action
from expertise.models import Assignment
from expertise.models import Criterion
from expertise.models import Expert
from expertise.models import ReviewRequest
from expertise.models import Status
from expertise.todo import pending_reviews
from jobs.decorators import background_file

MANAGERS = roles_with(Cap.DECIDE)


def _requests(user):
    return ReviewRequest.objects.for_user(user).select_related("institution")


def request_rows(request):
    return filtered(request, RequestPageFilter, _requests(request.user), "-submitted")


@login_required
def request_list(request):
    roles = roles_of(request.user)
    return list_page(
        request, "expertise/request_list.html", request_rows(request), export="expertise:request-export",
        context={"can_add": roles.has(Role.METHODIST, Role.HEAD, Role.SCHOOL, Role.TEACHER),
                 "is_expert": roles.has(Role.EXPERT), "is_manager": roles.has(*MANAGERS)},
    )


@login_required
@background_file(gettext_lazy("Review requests"))
def request_export(request):
    return requests_xlsx(request_rows(request).qs)


@role_required(Role.METHODIST, Role.HEAD, Role.SCHOOL, Role.TEACHER)
def request_create(request):
    return edit_page(request, RequestForm(request.POST or None, request.FILES or None, user=request.user),
                     save=lambda form: services.submit_request(by=request.user, **form.cleaned_data),
                     saved=_("The request is submitted."), title=_("New review request"),
                     back_url=reverse("expertise:request-list"), multipart=True)


@login_required
def request_detail(request, pk):
    review = get_object_or_404(_requests(request.user), pk=pk)
    manager = ReviewRequest.objects.manageable_by(request.user).filter(pk=pk).exists()
    officer = ReviewRequest.objects.concludable_by(request.user).filter(pk=pk).exists()
    assignments = list(
        review.assignments.select_related("expert__pedagogue__institution").prefetch_related("scores__criterion")
    )
    mine = [a for a in assignments if a.expert.user_id == request.user.pk and a.round == review.round]
    show_experts = review.experts_visible_to(request.user)
    show_reviews = manager or officer or roles_of(request.user).is_admin
    context = {
        "review": review, "manager": manager, "assignments": assignments if (show_experts or show_reviews) else [],
        "my_assignments": mine, "show_experts": show_experts, "show_reviews": show_reviews,
        "transitions": review.transitions.select_related("by"),
        "assign_form": AssignForm(request=review) if manager and review.can(Action.ASSIGN) else None,
        "conclude_form": ConcludeForm() if officer and review.can(Action.CONCLUDE) else None,
        "waits_for_officer": manager and not officer and review.can(Action.CONCLUDE),
        "can_resubmit": (manager or review.submitted_by_id == request.user.pk) and review.can(Action.RESUBMIT),
        "preview_score": services.combined_score(review) if review.status == Status.REVIEWED else None,
        "target": review.target,
    }
    return render(request, "expertise/request_detail.html", context)


@login_required
@background_file(gettext_lazy("Expert conclusion"))
def conclusion_pdf(request, pk):
    """The expert conclusion as a document: scores by criterion, the decision, the combined score."""
    review = get_object_or_404(_requests(request.user).filter(status=Status.CONCLUDED), pk=pk)
    assignments = list(review.current_assignments().filter(reviewed_at__isnull=False)
                       .select_related("expert__pedagogue").prefetch_related("scores"))
    criteria = {score.criterion_id for a in assignments for score in a.scores.all()}
    rows = []
    for criterion in Criterion.objects.filter(pk__in=criteria):
        values = [next((s.value for s in a.scores.all() if s.criterion_id == criterion.pk), None) for a in assignments]
        rows.append({"criterion": criterion, "values": values})
    context = {
        "review": review, "assignments": assignments, "rows": rows, "body_name": settings.PORTAL_BODY_NAME,
        "show_experts": review.experts_visible_to(request.user),
        "max_total": sum(row["criterion"].max_score for row in rows),
    }
    return pdf_response(f"conclusion-{review.pk}.pdf", "expertise/pdf/conclusion.html", context, request=request)


@login_required
@xframe_options_sameorigin  # the review sheet shows the PDF in a frame of the portal's own page
def request_file(request, pk):
    review = get_object_or_404(_requests(request.user).exclude(file=""), pk=pk)
    # ?inline=1 shows a PDF beside the review sheet; other formats are always downloaded
    inline = request.GET.get("inline") == "1" and review.file.name.lower().endswith(".pdf")
    try:
        response = FileResponse(review.file.open("rb"), as_attachment=not inline,
                                filename=review.file.name.rsplit("/", 1)[-1])
    except FileNotFoundError as exc:
        raise Http404 from exc
    if inline:
        response["Content-Security-Policy"] = "frame-ancestors 'self'"
    return response


@login_required
def request_delete(request, pk):
    """Who submitted a request deletes it until a review is submitted; then it is kept and the page says why."""
    review = get_object_or_404(_requests(request.user), pk=pk)
    if review.submitted_by_id != request.user.pk:
        raise PermissionDenied
    return confirm_delete(request, review, success_url=reverse("expertise:request-list"),
                          kept=services.kept_because(review))


def _managed(request, pk) -> ReviewRequest:
    return get_object_or_404(ReviewRequest.objects.manageable_by(request.user), pk=pk)


def _refused(request, review, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)
    return redirect(review)


@require_POST
@role_required(*MANAGERS)
def request_assign(request, pk):
    review = _managed(request, pk)
    form = AssignForm(request.POST, request=review)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(review)
    try:
        services.assign_experts(request=review, experts=form.cleaned_data["experts"],
                                deadline=form.cleaned_data["deadline"], by=request.user)
    except ValidationError as exc:
        return _refused(request, review, exc)
    messages.success(request, _("The experts are assigned."))
    return redirect(review)


@require_POST
@role_required(*MANAGERS)
def request_conclude(request, pk):
    review = get_object_or_404(_requests(request.user), pk=pk)
    if not ReviewRequest.objects.concludable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied(_("The conclusion is given by the expert council's chair or secretary."))
    form = ConcludeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a conclusion."))
        return redirect(review)
    try:
        services.conclude_request(request=review, decision=form.cleaned_data["decision"],
                                  conclusion=form.cleaned_data["conclusion"], by=request.user,
                                  concluded_on=form.cleaned_data["concluded_on"])
    except ValidationError as exc:
        return _refused(request, review, exc)
    messages.success(request, _("The conclusion is given."))
    return redirect(review)


@require_POST
@login_required
def request_resubmit(request, pk):
    review = get_object_or_404(
        ReviewRequest.objects.manageable_by(request.user) | ReviewRequest.objects.filter(submitted_by=request.user),
        pk=pk,
    )
    try:
        services.resubmit_request(request=review, by=request.user, note=request.POST.get("note", ""))
    except ValidationError as exc:
        return _refused(request, review, exc)
    messages.success(request, _("The request is submitted for a new review round."))
    return redirect(review)


@role_required(Role.EXPERT)
def review_form(request, pk):
    """The expert fills the review form of one of their assignments."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("request", "expert"), pk=pk, expert__user=request.user
    )
    review = assignment.request
    if assignment.is_done or not review.can(Action.REVIEW) or assignment.round != review.round:
        messages.error(request, _("This review can no longer be filled in."))
        return redirect(review)
    form = ReviewForm(request.POST or None, criteria=review.criteria())
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_review(assignment=assignment, scores=form.scores(), comment=form.cleaned_data["comment"],
                                   recommendation=form.cleaned_data["recommendation"],
                                   reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                for message in exc.messages:
                    form.add_error(None, message)
        else:
            messages.success(request, _("Your review is saved. Thank you!"))
            return redirect("expertise:queue")
    context = {"form": form, "review": review, "assignment": assignment, "target": review.target,
               "inline_file": bool(review.file) and review.file.name.lower().endswith(".pdf")}
    return render(request, "expertise/review_form.html", context)


@role_required(Role.EXPERT)
def queue(request):
    """The expert's own queue: what is assigned to them, open first."""
    assignments = (
        Assignment.objects.filter(expert__user=request.user)
        .select_related("request__institution")
        .order_by("reviewed_at", "request__deadline", "-assigned_at")
    )
    pending = list(pending_reviews(request.user).select_related("request__institution")
                   .order_by("request__deadline", "-assigned_at"))  # the home page counts the same list
    done = [a for a in assignments if a.is_done]
    return render(request, "expertise/queue.html", {"pending": pending, "done": done})




def expert_rows(request):
    experts = (
        Expert.objects.for_user(request.user)
        .select_related("pedagogue__institution")
        .annotate(reviews_done=Count("assignments", filter=Q(assignments__reviewed_at__isnull=False)))
    )
    return filtered(request, ExpertPageFilter, experts, "name")


@role_required(*MANAGERS)
def expert_list(request):
    return list_page(request, "expertise/expert_list.html", expert_rows(request),
                     export="expertise:expert-export", context={"can_add": roles_of(request.user).has(Role.METHODIST)})


@role_required(*MANAGERS)
@background_file(gettext_lazy("Register of experts"))
def expert_export(request):
    return experts_xlsx(expert_rows(request).qs)


@role_required(Role.METHODIST)
def expert_edit(request, pk=None):
    expert = get_object_or_404(Expert.objects.for_user(request.user), pk=pk) if pk else Expert()
    return edit_page(request, ExpertForm(request.POST or None, instance=expert, user=request.user),
                     saved=_("The register of experts is updated."), success_url=reverse("expertise:expert-list"),
                     title=_("Expert"), back_url=reverse("expertise:request-list"), multipart=True,
                     delete_url=reverse("expertise:expert-delete", args=[pk]) if pk else "")


@role_required(Role.METHODIST)
def expert_delete(request, pk):
    """An entry made by mistake goes; an expert with assignments stays (the page names them): end the entry's
    period («in the register until») instead."""
    expert = get_object_or_404(Expert.objects.for_user(request.user).select_related("pedagogue"), pk=pk)
    return confirm_delete(request, expert, success_url=reverse("expertise:expert-list"))
