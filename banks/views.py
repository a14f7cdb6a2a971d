from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from banks import services
from banks.exports import items_xlsx
from banks.filters import ItemPageFilter
from banks.filters import ShowcaseFilter
from banks.filters import facets
from banks.forms import ItemForm
from banks.imports import ItemImporter
from banks.models import Bank
from banks.models import Item
from banks.models import ItemStatus
from core.deletion import confirm_delete
from core.history import history_entries
from core.imports import ImportView
from core.listing import filtered
from core.listing import list_page
from core.listing import sorted_by
from core.pages import edit_page
from core.scoping import Role
from core.scoping import role_required
from core.scoping import roles_of
from jobs.decorators import background_file

AUTHORS = (Role.METHODIST, Role.SCHOOL, Role.TEACHER)


def _items(queryset):
    return queryset.select_related("institution", "subject", "year")


def item_rows(request):
    return filtered(request, ItemPageFilter, _items(Item.objects.for_user(request.user)), "-created")


@login_required
def item_list(request):
    return list_page(
        request, "banks/item_list.html", item_rows(request), export="banks:item-export",
        context={"can_add": roles_of(request.user).has(*AUTHORS), "banks": Bank.choices,
                 "can_import": roles_of(request.user).has(Role.METHODIST)},
    )


@login_required
@background_file(gettext_lazy("Bank items"))
def item_export(request):
    return items_xlsx(item_rows(request).qs)


@login_required
def item_file(request, pk):
    item = get_object_or_404(Item.objects.for_user(request.user).exclude(file=""), pk=pk)
    return _file_response(item)


def _file_response(item):
    try:
        return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1])
    except FileNotFoundError as exc:
        raise Http404 from exc


@login_required
def item_detail(request, pk):
    item = get_object_or_404(_items(Item.objects.for_user(request.user)), pk=pk)
    roles = roles_of(request.user)
    can_edit = Item.objects.editable_by(request.user).filter(pk=pk).exists()
    can_publish = roles.is_admin or (
        roles.has(Role.METHODIST) and item.municipality_id in roles.municipality_ids_for(Role.METHODIST)
    )
    from expertise.models import ReviewRequest

    reviews = ReviewRequest.objects.for_user(request.user).filter(pk__in=item.reviews.values("pk"))
    return render(request, "banks/item_detail.html", {
        "item": item, "can_edit": can_edit and item.status == ItemStatus.DRAFT, "can_submit": can_edit,
        "can_publish": can_publish, "reviews": reviews, "history": history_entries(item),
        "author_pedagogues": item.author_pedagogues.all(),
    })


@role_required(*AUTHORS)
def item_edit(request, pk=None):
    if pk:
        item = get_object_or_404(Item.objects.editable_by(request.user), pk=pk)
        if item.status != ItemStatus.DRAFT:
            messages.error(request, _("Only a draft can be edited."))
            return redirect(item)
    else:
        item = Item(created_by=request.user, bank=request.GET.get("bank", "") if request.GET.get("bank") in Bank.values else "")
    form = ItemForm(request.POST or None, request.FILES or None, instance=item, user=request.user)
    return edit_page(request, form, saved=_("The bank item is saved as a draft."),
                     title=_("Edit the bank item") if pk else _("New bank item"), multipart=True,
                     back_url=item.get_absolute_url() if pk else reverse("banks:item-list"),
                     submit=_("Save as a draft"), form_id="item-form",
                     delete_url=reverse("banks:item-delete", args=[pk]) if pk else "")


@role_required(*AUTHORS)
def item_delete(request, pk):
    """Authors delete a draft, as they edit it; a submitted or published item is withdrawn, not deleted."""
    item = get_object_or_404(Item.objects.editable_by(request.user), pk=pk)
    if item.status != ItemStatus.DRAFT:
        messages.error(request, _("Only a draft can be deleted."))
        return redirect(item)
    return confirm_delete(request, item, success_url=reverse("banks:item-list"))


def _act(request, pk, action, success: str, *, publisher: bool = False, **options):
    item = get_object_or_404(Item.objects.editable_by(request.user) if not publisher else Item.objects.all(), pk=pk)
    if publisher:
        roles = roles_of(request.user)
        if not (roles.is_admin or item.municipality_id in roles.municipality_ids_for(Role.METHODIST)):
            raise Http404
    try:
        result = action(item=item, by=request.user, **options)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(item)
    messages.success(request, success)
    return result


@require_POST
@role_required(*AUTHORS)
def item_submit(request, pk):
    result = _act(request, pk, services.submit_for_review, _("The item is sent to the expert council."))
    if hasattr(result, "status_code"):
        return result
    # The methodist goes on to assign experts; an author sees the request.
    return redirect(result)


@require_POST
@role_required(Role.METHODIST)
def item_publish(request, pk):
    try:
        day = forms.DateField(required=False).clean(request.POST.get("published_on") or None)
    except ValidationError:
        messages.error(request, _("Give the publication date as a date."))
        return redirect("banks:item-detail", pk=pk)
    result = _act(request, pk, services.publish, _("The item is published."), publisher=True, on=day)
    return result if hasattr(result, "status_code") else redirect(result)


@require_POST
@role_required(Role.METHODIST)
def item_unpublish(request, pk):
    result = _act(request, pk, services.unpublish, _("The item is withdrawn from publication."), publisher=True)
    return result if hasattr(result, "status_code") else redirect(result)


ItemImportView = ImportView.of(ItemImporter, title=gettext_lazy("Import bank items from Excel"),
                               list_url_name="banks:item-list", template_filename="bank-items-template.xlsx",
                               allowed=lambda user: roles_of(user).has(Role.METHODIST))


# --- the public showcase: no login, published items only, no personal data beyond authors ---------

SHOWCASE_SORTS = {"published": ("published_on",), "title": ("title",), "year": ("year__start_year",)}


def showcase(request):
    queryset = _items(Item.objects.published())
    filterset = ShowcaseFilter(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs
    relevance = ("-search_rank", "-pk") if request.GET.get("q") and "search_rank" in rows.query.annotations else None
    rows, sort = sorted_by(request, rows, SHOWCASE_SORTS, "-published", unsorted=relevance)
    return list_page(request, "banks/showcase.html", filterset, rows=rows, sort=sort, per_page=20,
                     context={"facets": facets(filterset.qs), "banks": Bank.choices})


def showcase_detail(request, pk):
    item = get_object_or_404(_items(Item.objects.published()), pk=pk)
    return render(request, "banks/showcase_detail.html", {"item": item})


def showcase_file(request, pk):
    item = get_object_or_404(Item.objects.published().exclude(file=""), pk=pk)
    return _file_response(item)
