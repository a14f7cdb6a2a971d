"""Excel import of a bank catalogue a methodist keeps (one row per material, network
resources by link): each row becomes a draft, or a published item when the column says so."""

from functools import cached_property

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from banks.models import Bank
from banks.models import Item
from banks.models import ItemStatus
from banks.models import Kind
from core.imports import Directories
from core.imports import Importer
from core.models import AcademicYear
from core.models import Institution
from core.models import normalized_name
from core.xlsx import Column
from core.xlsx import ParsedRow


class ItemImporter(Directories, Importer):
    title = gettext_lazy("Bank items")
    columns = (
        Column("bank", gettext_lazy("Bank"), required=True, aliases=("Банк",), width=40, choices=Bank.labels),
        Column("title", gettext_lazy("Title"), required=True, aliases=("Название", "Наименование"), width=50),
        Column("authors", gettext_lazy("Authors"), required=True, aliases=("Авторы", "Автор", "Авторы (ФИО)"), width=30),
        Column("institution", gettext_lazy("Institution"), required=True, aliases=("Учреждение", "ОО"), width=25),
        Column("subject", gettext_lazy("Subject area"), aliases=("Предметная область", "Предмет"), width=22),
        Column("kind", gettext_lazy("Type"), required=True, aliases=("Вид", "Тип"), width=25, choices=Kind.labels),
        Column("year", gettext_lazy("Academic year"), required=True, aliases=("Учебный год", "Год"), width=12),
        Column("url", gettext_lazy("Link"), required=True, aliases=("Ссылка", "URL", "Адрес"), width=40),
        Column("description", gettext_lazy("Description"), aliases=("Описание", "Аннотация"), width=40),
        Column("keywords", gettext_lazy("Keywords"), aliases=("Ключевые слова",), width=30),
        Column("publish", gettext_lazy("Publish"), kind="bool", aliases=("Опубликовать",), width=12, choices=("да", "нет")),
    )

    instructions = (
        gettext_lazy("One row per material; files are attached afterwards on the item's page, network resources by link."),
        gettext_lazy("Bank and type: one of the values of the drop-down lists."),
        gettext_lazy("Institution: its short or full name. Academic year: written 2021/2022."),
        gettext_lazy("Publish: «да» publishes the row at once (without an expert review); otherwise it becomes a draft."),
        gettext_lazy("A material of a past academic year is published on the last day of that year."),
        gettext_lazy("A row with the same title and institution as an existing item is skipped."),
    )

    @cached_property
    def institutions(self) -> dict[str, Institution]:
        return Institution.objects.editable_by(self.user).name_index()

    @cached_property
    def existing(self) -> set[tuple[str, int]]:
        ids = {i.pk for i in self.institutions.values()}
        return {(normalized_name(t), i) for t, i in Item.objects.filter(institution_id__in=ids).values_list("title", "institution_id")}

    def validate_row(self, row: ParsedRow) -> None:
        values, column = row.values, self.column
        banks = {normalized_name(label): value for value, label in Bank.choices}
        kinds = {normalized_name(label): value for value, label in Kind.choices}
        bank = banks.get(normalized_name(values["bank"]))
        if not bank and values["bank"]:
            row.error(column["bank"], _("choose a bank from the list"))
        kind = kinds.get(normalized_name(values["kind"]))
        if not kind and values["kind"]:
            row.error(column["kind"], _("choose a type from the list"))
        institution = self.institutions.get(normalized_name(values["institution"]))
        if not institution and values["institution"]:
            row.error(column["institution"], _("«{name}» is not an institution you may edit").format(
                name=values["institution"]))
        subject = None
        if values.get("subject"):
            subject = self.subjects.get(normalized_name(values["subject"]))
            if not subject:
                row.error(column["subject"], _("«{name}» is not in the directory of subjects").format(
                    name=values["subject"]))
        year = None
        if values["year"]:
            try:
                year = AcademicYear.objects.by_title(str(values["year"]))
            except AcademicYear.DoesNotExist:
                row.error(column["year"], _("«{value}» is not an academic year").format(value=values["year"]))
        publish = bool(values.get("publish"))
        # A past year's material is published on its year's last day, so it counts in its own year.
        published_on = min(timezone.localdate(), year.end) if publish and year else None
        item = Item(
            bank=bank or "", kind=kind or "", title=values["title"] or "", authors=values["authors"] or "",
            institution=institution, municipality_id=institution.municipality_id if institution else None,
            subject=subject, year=year, url=values["url"] or "", description=values.get("description") or "",
            keywords=values.get("keywords") or "", status=ItemStatus.PUBLISHED if publish else ItemStatus.DRAFT,
            published_on=published_on, created_by=self.user,
        )
        # The link, the lengths, the publication date: Item's own rules, as in the item form.
        self.check_instance(row, item, fields={NON_FIELD_ERRORS: "url", "published_on": "publish",
                                               "municipality": "institution"})
        if not row.ok:
            return
        row.cleaned = {"item": item}
        row.action = "skip" if (normalized_name(values["title"]), institution.pk) in self.existing else "create"

    def validate_rows(self, rows: list[ParsedRow]) -> None:
        seen: dict[tuple, int] = {}
        for row in rows:
            if not row.ok or row.action != "create":
                continue
            key = (normalized_name(row.values["title"]), row.cleaned["item"].institution_id)
            if key in seen:
                row.error(self.column["title"], _("the same material is in row {row}").format(row=seen[key]))
            seen.setdefault(key, row.number)

    def write(self, rows: list[ParsedRow]) -> dict[str, int]:
        items = [row.cleaned["item"] for row in rows if row.action == "create"]
        Item.objects.bulk_create(items)
        Item.history.bulk_history_create(items)
        return {"created": len(items), "skipped": sum(1 for row in rows if row.action == "skip")}
