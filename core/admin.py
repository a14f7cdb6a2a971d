from django import forms
from django.contrib import admin
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from core.audit import AccessLog
from core.audit import Erasure
from core.audit import erase_person
from core.models import AcademicYear
from core.models import CategoryAward
from core.models import Employment
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.models import Position
from core.models import RoleAssignment
from core.models import Subject
from core.xlsx import Column
from core.xlsx import Sheet
from core.xlsx import workbook_response


def inline(model, *, stacked: bool = False, **options) -> type[admin.options.InlineModelAdmin]:
    """The inline of ``model`` on its parent's admin page, named ``<Model>Inline``: the rows that exist and no empty
    ones (``extra = 0``), tabular unless ``stacked``, with the other ``options`` (``raw_id_fields``, ...)."""
    kind = admin.StackedInline if stacked else admin.TabularInline
    return type(f"{model.__name__}Inline", (kind,), {"model": model, "extra": 0, **options})


def register(model, *, history: bool = True, **options) -> type[admin.ModelAdmin]:
    """Register ``model`` on the admin site with a ``<Model>Admin`` made of ``options`` (``list_display``,
    ``list_filter``, ``search_fields``, ``raw_id_fields``, ``inlines``, ...): a ``SimpleHistoryAdmin`` (the
    record's change history) unless ``history=False``. An admin with methods of its own stays a class."""
    base = SimpleHistoryAdmin if history else admin.ModelAdmin
    module = f"{model._meta.app_config.name}.admin"
    model_admin = type(f"{model.__name__}Admin", (base,), {"__module__": module, **options})
    admin.site.register(model, model_admin)
    return model_admin


register(Municipality, history=False, list_display=["name", "code", "kind", "counts_other_institutions"],
         search_fields=["name"])
register(Institution, list_display=["short_name", "type", "subordination", "municipality", "is_active"],
         list_filter=["type", "subordination", "municipality", "is_active"], search_fields=["name", "short_name"])


@admin.register(Pedagogue)
class PedagogueAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "institution", "position", "category"]
    list_filter = ["category", "municipality"]
    search_fields = ["last_name", "first_name", "middle_name"]
    autocomplete_fields = ["institution", "user"]
    readonly_fields = ["category", "category_date", "category_valid_until"]
    inlines = [inline(CategoryAward), inline(Employment, autocomplete_fields=["institution"])]
    actions = ["erase_personal_data"]

    @admin.action(description=gettext_lazy("Erase personal data on the person's request (152-ФЗ)"))
    def erase_personal_data(self, request, queryset):
        """Ask for the reason, then anonymise each chosen record (``core.audit.erase_person``)."""
        form = ErasureForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            done = 0
            for pedagogue in queryset:
                try:
                    erase_person(pedagogue=pedagogue, by=request.user, reason=form.cleaned_data["reason"])
                except ValidationError as exc:
                    self.message_user(request, "; ".join(exc.messages), messages.ERROR)
                    return None
                done += 1
            self.message_user(request, _("Personal data of {count} pedagogue(s) erased.").format(count=done),
                              messages.SUCCESS)
            return None
        return TemplateResponse(request, "admin/core/pedagogue/erase.html", {
            **self.admin_site.each_context(request),
            "title": _("Erase personal data"),
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The person's request: its number and date."),
    )


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    list_display = ["erased_at", "pedagogue", "erased_by", "reason"]
    date_hierarchy = "erased_at"
    readonly_fields = ["pedagogue", "erased_at", "erased_by", "reason"]

    def has_add_permission(self, request) -> bool:
        return False  # an erasure is made by the action on pedagogues, with its reason

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "kind", "what", "object_id", "rows", "path", "ip"]
    list_filter = ["kind", "what", ("at", admin.DateFieldListFilter), "user"]
    search_fields = ["username", "path", "ip"]
    date_hierarchy = "at"
    list_select_related = False
    actions = ["export_xlsx"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Export the chosen entries to Excel"))
    def export_xlsx(self, request, queryset):
        columns = [
            Column("at", _("When"), width=20), Column("username", _("User name"), width=20),
            Column("kind", _("Kind"), width=22), Column("what", _("What"), width=22),
            Column("object_id", _("Record id"), kind="int", width=10), Column("rows", _("Rows"), kind="int", width=8),
            Column("path", _("Address"), width=60), Column("ip", _("IP address"), width=16),
        ]
        kinds = dict(AccessLog._meta.get_field("kind").choices)
        rows = (
            (entry.at.strftime("%Y-%m-%d %H:%M:%S"), entry.username, str(kinds.get(entry.kind, entry.kind)),
             entry.what, entry.object_id, entry.rows, entry.path, entry.ip or "")
            for entry in queryset.order_by("-at").iterator()
        )
        return workbook_response("access-log.xlsx", [Sheet(_("Access log"), columns, rows)])


register(AcademicYear, history=False, list_display=["title", "start", "end"])
register(Position, history=False, list_display=["name", "is_pedagogical", "norm_hours", "order"],
         list_editable=["norm_hours", "order"], search_fields=["name"])
register(Subject, history=False, search_fields=["name"])
register(RoleAssignment, list_display=["user", "role", "municipality", "institution"],
         list_filter=["role", "municipality"], autocomplete_fields=["user", "institution"])
