"""Excel import of a bank catalogue a methodist keeps (one row per material, network
resources by link): each row becomes a draft, or a published item when the column says so."""

from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from banks.models import Bank, Item, ItemStatus, Kind
from core.imports import Importer
from core.models import AcademicYear, Institution, Subject, normalized_name
from core.xlsx import Column, ParsedRow


class ItemImporter(Importer):
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
    column = {c.key: c for c in columns}

    @property
    def instructions(self) -> list[str]:
        return [
            _("One row per material; files are attached afterwards on the item's page, network resources by link."),
            _("Bank and type: one of the values of the drop-down lists."),
            _("Institution: its short or full name. Academic year: written 2021/2022."),
            _("Publish: «да» publishes the row at once (without an expert review); otherwise it becomes a draft."),
            _("A row with the same title and institution as an existing item is skipped."),
        ]

    @cached_property
    def institutions(self) -> dict[str, Institution]:
        return Institution.objects.editable_by(self.user).name_index()

    @cached_property
    def subjects(self) -> dict[str, Subject]:
        return {normalized_name(s.name): s for s in Subject.objects.all()}

    @cached_property
    def existing(self) -> set[tuple[str, int]]:
        ids = {i.pk for i in self.institutions.values()}
        return {(normalized_name(t), i) for t, i in Item.objects.filter(institution_id__in=ids).values_list("title", "institution_id")}

    def validate_row(self, row: ParsedRow) -> None:
        values = row.values
        banks = {normalized_name(label): value for value, label in Bank.choices}
        kinds = {normalized_name(label): value for value, label in Kind.choices}
        bank = banks.get(normalized_name(values["bank"]))
        if not bank:
            row.error(self.column["bank"], _("choose a bank from the list"))
        kind = kinds.get(normalized_name(values["kind"]))
        if not kind:
            row.error(self.column["kind"], _("choose a type from the list"))
        institution = self.institutions.get(normalized_name(values["institution"]))
        if not institution:
            row.error(self.column["institution"], _("«{name}» is not an institution you may edit").format(
                name=values["institution"]))
        subject = None
        if values.get("subject"):
            subject = self.subjects.get(normalized_name(values["subject"]))
            if not subject:
                row.error(self.column["subject"], _("«{name}» is not in the directory of subjects").format(
                    name=values["subject"]))
        try:
            year = AcademicYear.objects.by_title(str(values["year"]))
        except AcademicYear.DoesNotExist:
            year = None
            row.error(self.column["year"], _("«{value}» is not an academic year").format(value=values["year"]))
        url = values["url"] or ""
        if not url.startswith(("http://", "https://")):
            row.error(self.column["url"], _("a link starts with http:// or https://"))
        if not row.ok:
            return
        row.cleaned = {"bank": bank, "kind": kind, "institution": institution, "subject": subject, "year": year}
        row.action = "skip" if (normalized_name(values["title"]), institution.pk) in self.existing else "create"

    def validate_rows(self, rows: list[ParsedRow]) -> None:
        seen: dict[tuple, int] = {}
        for row in rows:
            if not row.ok or row.action != "create":
                continue
            key = (normalized_name(row.values["title"]), row.cleaned["institution"].pk)
            if key in seen:
                row.error(self.column["title"], _("the same material is in row {row}").format(row=seen[key]))
            seen.setdefault(key, row.number)

    def write(self, rows: list[ParsedRow]) -> dict[str, int]:
        today = timezone.localdate()
        items = []
        for row in rows:
            if row.action != "create":
                continue
            values, cleaned = row.values, row.cleaned
            publish = bool(values.get("publish"))
            items.append(Item(
                bank=cleaned["bank"], kind=cleaned["kind"], title=values["title"][:400], authors=values["authors"][:400],
                institution=cleaned["institution"], municipality_id=cleaned["institution"].municipality_id,
                subject=cleaned["subject"], year=cleaned["year"], url=values["url"],
                description=values.get("description") or "", keywords=(values.get("keywords") or "")[:400],
                status=ItemStatus.PUBLISHED if publish else ItemStatus.DRAFT, published_on=today if publish else None,
                created_by=self.user,
            ))
        Item.objects.bulk_create(items)
        Item.history.bulk_history_create(items)
        return {"created": len(items), "skipped": sum(1 for row in rows if row.action == "skip")}
