from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.deletion import confirm_delete
from core.history import history_entries
from core.listing import filtered
from core.listing import list_page
from core.models import Institution
from core.pages import edit_page
from core.scoping import Role
from core.scoping import role_required
from core.scoping import roles_of
from innovation.exports import projects_xlsx
from innovation.filters import ProjectPageFilter
from innovation.forms import ParticipantForm
from innovation.forms import ProductForm
from innovation.forms import ProjectForm
from innovation.forms import StageForm
from innovation.models import Participant
from innovation.models import Product
from innovation.models import Project
from innovation.models import Stage
from jobs.decorators import background_file

EDITORS = (Role.METHODIST, Role.SCHOOL)


def _projects(user):
    return (
        Project.objects.for_user(user)
        .select_related("institution")
        .annotate(participant_count=Count("participants", distinct=True), product_count=Count("products", distinct=True))
    )


def project_rows(request):
    return filtered(request, ProjectPageFilter, _projects(request.user).prefetch_related("partners"), "-start")


@login_required
def project_list(request):
    return list_page(request, "innovation/project_list.html", project_rows(request),
                     export="innovation:project-export", context={"can_add": roles_of(request.user).has(*EDITORS)})


@login_required
@background_file(gettext_lazy("Innovation sites"))
def project_export(request):
    return projects_xlsx(project_rows(request).qs)


@login_required
def project_detail(request, pk):
    project = get_object_or_404(_projects(request.user), pk=pk)
    can_edit = Project.objects.editable_by(request.user).filter(pk=pk).exists()
    return render(request, "innovation/project_detail.html", {
        "project": project,
        "can_edit": can_edit,
        "stages": project.stages.all(),
        "participants": project.participants.select_related("pedagogue", "institution"),
        "products": project.products.select_related("year"),
        "partners": project.partners.all(),
        "history": history_entries(project),
        "bank_items": _bank_items_by_product(project),
        "reviews": _reviews(request.user, project),
    })


def _bank_items_by_product(project) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from banks.models import Item

    items = Item.objects.filter(
        source_type=ContentType.objects.get_for_model(Product), source_id__in=project.products.values("pk")
    )
    return {item.source_id: item for item in items}


def _reviews(user, project):
    from django.contrib.contenttypes.models import ContentType

    from expertise.models import ReviewRequest

    return ReviewRequest.objects.for_user(user).filter(
        target_type=ContentType.objects.get_for_model(Project), target_id=project.pk
    )


def _editable(request, pk) -> Project:
    return get_object_or_404(Project.objects.editable_by(request.user), pk=pk)


@role_required(*EDITORS)
def project_edit(request, pk=None):
    project = _editable(request, pk) if pk else Project(created_by=request.user)
    return _edit_page(request, ProjectForm(request.POST or None, instance=project, user=request.user),
                      _("The innovation site is saved."), _("Innovation site"), project if pk else None)


def _child_form(request, pk, form_class, model, child_pk, title, **form_kwargs):
    project = _editable(request, pk)
    instance = get_object_or_404(model, pk=child_pk, project=project) if child_pk else model(project=project)
    form = form_class(request.POST or None, request.FILES or None, instance=instance, **form_kwargs)
    return _edit_page(request, form, _("Saved."), title, project, success_url=project.get_absolute_url())


def _edit_page(request, form, saved, title, project, **page):
    """A form of a site or of a site's stage, participant or product: under the list and the site."""
    sites = reverse("innovation:project-list")
    trail = [(sites, _("Innovation sites"))] + ([(project.get_absolute_url(), project.title)] if project else [])
    return edit_page(request, form, saved=saved, title=title, back_url=trail[-1][0], breadcrumbs=trail,
                     multipart=True, **page)


@role_required(*EDITORS)
def stage_edit(request, pk, stage_pk=None):
    return _child_form(request, pk, StageForm, Stage, stage_pk, _("Stage"))


@role_required(*EDITORS)
def participant_edit(request, pk, participant_pk=None):
    project = _editable(request, pk)
    return _child_form(request, pk, ParticipantForm, Participant, participant_pk, _("Participant"),
                       project=project, user=request.user)


@role_required(*EDITORS)
def product_edit(request, pk, product_pk=None):
    return _child_form(request, pk, ProductForm, Product, product_pk, _("Product"))


@role_required(*EDITORS)
def project_delete(request, pk):
    """Delete a site the user may edit with its stages, participants and products (the page lists them)."""
    project = _editable(request, pk)
    return confirm_delete(request, project, success_url=reverse("innovation:project-list"))


CHILDREN = {"stage": Stage, "participant": Participant, "product": Product}


@role_required(*EDITORS)
def child_delete(request, pk, child_pk, kind):
    """Delete a stage, participant or product of a site the user may edit, behind the confirmation page."""
    project = _editable(request, pk)
    record = get_object_or_404(CHILDREN[kind], pk=child_pk, project=project)
    return confirm_delete(request, record, success_url=project.get_absolute_url(),
                          cancel_url=project.get_absolute_url())


@require_POST
@role_required(*EDITORS)
def product_to_bank(request, pk, product_pk):
    """Send a product to the bank of products-projects as a draft the authors can complete."""
    from banks.services import send_to_bank

    project = _editable(request, pk)
    product = get_object_or_404(Product, pk=product_pk, project=project)
    if not product.file and not product.url:
        messages.error(request, _("Attach a file or a link to the product first."))
        return redirect(project)
    item, created = send_to_bank(
        source=product, title=product.title, description=product.description or project.topic,
        authors=product.authors or project.institution.short_name, institution=project.institution,
        year=product.year, file=product.file, url=product.url, by=request.user,
        keywords=_("innovation site") + ", " + project.get_level_display(),
    )
    if created:
        messages.success(request, _("The product is in the bank as a draft."))
    return redirect(item)


@require_POST
@role_required(*EDITORS)
def project_to_review(request, pk):
    """Send the site's project to the expert council (a request of type "pedagogical project")."""
    from expertise.models import RequestType
    from expertise.services import open_review_for
    from expertise.services import submit_request

    project = _editable(request, pk)
    review = open_review_for(project)
    if review is None:
        review = submit_request(
            type=RequestType.PROJECT, title=project.topic[:400], institution=project.institution, by=request.user,
            description=project.goal, authors=project.institution.short_name, target=project,
        )
        messages.success(request, _("The project is sent to the expert council."))
    return redirect(review)


@login_required
def stage_file(request, pk, stage_pk, which):
    """Download a stage's planned or actual report, for users who may see the project."""
    project = get_object_or_404(Project.objects.for_user(request.user), pk=pk)
    stage = get_object_or_404(Stage, pk=stage_pk, project=project)
    file = {"planned": stage.planned_report, "actual": stage.actual_report}.get(which)
    if not file:
        raise Http404
    try:
        return FileResponse(file.open("rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1])
    except FileNotFoundError as exc:
        raise Http404 from exc


@login_required
def institution_projects(request, institution_pk):
    """The innovation projects an institution leads or takes part in (for the institution's page)."""
    institution = get_object_or_404(Institution.objects.for_user(request.user), pk=institution_pk)
    projects = _projects(request.user).involving(institution).order_by("-start")
    return render(request, "innovation/institution_projects.html", {"institution": institution, "projects": projects})
