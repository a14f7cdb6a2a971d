"""The staff roster import: one row per pedagogue, matched by full name and birth date
within the municipality, so re-importing the same file updates instead of duplicating."""

import datetime
import re
from decimal import Decimal

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history
from simple_history.utils import bulk_update_with_history

from core.imports import Directories
from core.imports import Importer
from core.imports import choice_index
from core.models import CATEGORY_RANK
from core.models import ON_TOP_OF_HIGHEST
from core.models import Category
from core.models import CategoryAward
from core.models import Employment
from core.models import Institution
from core.models import Pedagogue
from core.models import category_valid_until
from core.models import normalized_name
from core.xlsx import Column
from core.xlsx import ParsedRow

# Ways people write categories in rosters, beyond the labels themselves.
CATEGORY_ALIASES = {
    "без категории": Category.NONE,
    "нет": Category.NONE,
    "-": Category.NONE,
    "сзд": Category.CONFORMITY,
    "соответствие": Category.CONFORMITY,
    "соответствие занимаемой должности": Category.CONFORMITY,
    "первая": Category.FIRST,
    "первая категория": Category.FIRST,
    "1": Category.FIRST,
    "высшая": Category.HIGHEST,
    "высшая категория": Category.HIGHEST,
    "педагог-методист": Category.METHODIST,
    "педагог-наставник": Category.MENTOR,
}
BATCH = 500


def person_key(values: dict) -> tuple:
    return (
        normalized_name(values.get("last_name")),
        normalized_name(values.get("first_name")),
        normalized_name(values.get("middle_name")),
        values.get("birth_date"),
    )


class RosterImporter(Directories, Importer):
    title = gettext_lazy("Roster")
    columns = (
        Column("last_name", gettext_lazy("Last name"), required=True, aliases=("Фамилия",), width=18),
        Column("first_name", gettext_lazy("First name"), required=True, aliases=("Имя",), width=16),
        Column("middle_name", gettext_lazy("Patronymic"), aliases=("Отчество",), width=18),
        Column("birth_date", gettext_lazy("Birth date"), kind="date", required=True, aliases=("Дата рождения",),
               width=14),
        Column("institution", gettext_lazy("Institution"), required=True,
               aliases=("Учреждение", "ОО", "Образовательная организация"), width=28),
        Column("position", gettext_lazy("Position"), required=True, aliases=("Должность",), width=26),
        Column("subjects", gettext_lazy("Subjects"), aliases=("Предметы", "Предмет"), width=30),
        Column("experience_start", gettext_lazy("Pedagogical experience since"), kind="date",
               aliases=("Педагогический стаж с", "Стаж с"), width=16),
        Column("category", gettext_lazy("Category"), aliases=("Категория", "Квалификационная категория"), width=24),
        Column("category_date", gettext_lazy("Category assigned on"), kind="date",
               aliases=("Дата присвоения категории", "Дата приказа о категории"), width=16),
        Column("category_order", gettext_lazy("Category order number"),
               aliases=("Номер приказа о категории", "Приказ о категории"), width=16),
        Column("rate", gettext_lazy("Rate"), kind="decimal", aliases=("Ставка", "Ставок"), width=10),
        Column("hired", gettext_lazy("Hired on"), kind="date", required=True, aliases=("Дата приёма",), width=14),
        Column("email", gettext_lazy("E-mail"), aliases=("E-mail", "Email", "Электронная почта"), width=26),
        Column("phone", gettext_lazy("Phone"), aliases=("Телефон",), width=18),
    )
    field_columns = {"order_date": "category_date", "valid_until": "category_date", "order_number": "category_order"}
    missing_messages = {"category_date": gettext_lazy("give the date of the order that awarded the category")}

    instructions = (
        gettext_lazy("One row per pedagogue. Columns marked with * in the portal are required."),
        gettext_lazy("Dates are written DD.MM.YYYY."),
        gettext_lazy("Institution: its short or full name, as in the portal."),
        gettext_lazy("Position, category: choose from the drop-down lists."),
        gettext_lazy("A category needs the date of its order; it is added to the pedagogue's category history "
                     "(valid five years). «Pedagogue-methodist» and «pedagogue-mentor» need a valid highest category."),
        gettext_lazy("Rate: the share of a full rate (ставка), 1 when empty."),
        gettext_lazy("Subjects: names from the directory, separated by commas."),
        gettext_lazy("A pedagogue already in the portal (same full name and birth date in the municipality) is updated."),
        gettext_lazy("A new institution in a row moves the pedagogue: the previous job is closed the day before."),
    )

    def template_choices(self) -> dict[str, list[str]]:
        return {"institution": [i.short_name for i in self.editable_institutions.values()],
                "position": [p.name for p in self.positions.values()],
                "category": [str(label) for label in Category.labels]}

    # --- directories, read once per import ---------------------------------

    @cached_property
    def editable_institutions(self) -> dict[int, Institution]:
        institutions = Institution.objects.editable_by(self.user).select_related("municipality")
        return {i.pk: i for i in institutions.order_by("short_name")}

    @cached_property
    def institution_names(self) -> dict[str, list[Institution]]:
        """Normalized short and full names → institutions; an admin may see one name in several cities."""
        index: dict[str, list[Institution]] = {}
        for institution in self.editable_institutions.values():
            for name in {normalized_name(institution.short_name), normalized_name(institution.name)}:
                index.setdefault(name, []).append(institution)
        return index

    @cached_property
    def foreign_institution_names(self) -> set[str]:
        """Names of the institutions outside the user's scope, to say why a name is refused."""
        editable = Institution.objects.editable_by(self.user).values("pk")
        return set(Institution.objects.exclude(pk__in=editable).name_index())

    @cached_property
    def categories(self) -> dict[str, str]:
        return choice_index(Category, CATEGORY_ALIASES)

    # --- validation --------------------------------------------------------

    def validate_row(self, row: ParsedRow) -> None:
        """Resolve the names of the row, then check the pedagogue, the job and the category award it describes
        with their models' rules (``Pedagogue.clean``, ``Employment.clean``, ``CategoryAward.clean``)."""
        values, cleaned, col = row.values, row.cleaned, self.column
        institution = None
        name = normalized_name(values["institution"])
        matches = self.institution_names.get(name, [])
        if len(matches) == 1:
            institution = matches[0]
        elif len(matches) > 1:
            row.error(col["institution"], _("«{value}» names institutions in several municipalities: {names}").format(
                value=values["institution"], names=", ".join(sorted(str(i.municipality) for i in matches))))
        elif name in self.foreign_institution_names:
            row.error(col["institution"], _("«{value}» is outside your scope: you may import only for {scope}.")
                      .format(value=values["institution"], scope=self.scope_label()))
        elif values["institution"]:
            row.error(col["institution"], _("unknown institution «{value}»").format(value=values["institution"]))
        cleaned["institution"] = institution

        position = self.positions.get(normalized_name(values["position"]))
        if position is None and values["position"]:
            row.error(col["position"], _("unknown position «{value}»").format(value=values["position"]))
        cleaned["position"] = position

        cleaned["subjects"] = []
        for part in re.split(r"[,;\n]", values.get("subjects") or ""):
            if not part.strip():
                continue
            subject = self.subjects.get(normalized_name(part))
            if subject is None:
                row.error(col["subjects"], _("unknown subject «{value}»").format(value=part.strip()))
            else:
                cleaned["subjects"].append(subject)

        category = None  # an empty cell: keep what the portal knows
        if values.get("category"):
            category = self.categories.get(normalized_name(values["category"]))
            if category is None:
                row.error(col["category"], _("unknown category «{value}»").format(value=values["category"]))
        cleaned["category"] = category

        person = Pedagogue(
            last_name=values["last_name"] or "", first_name=values["first_name"] or "",
            middle_name=values.get("middle_name") or "", birth_date=values["birth_date"], institution=institution,
            municipality_id=institution.municipality_id if institution else None, position=position,
            category=category or Category.NONE,
            # a date beside an unknown category is not «a date without a category»: the category is named already
            category_date=None if row.failed(col["category"]) else values.get("category_date"),
            **self.person_fields(row),
        )
        self.check_instance(row, person, fields={"municipality": "institution"})
        self.check_instance(row, Employment(pedagogue=person, institution=institution, position=position,
                                            hired=values["hired"], rate=Decimal("1") if values.get("rate") is None else values["rate"]))
        if category not in (None, Category.NONE):
            # «Pedagogue-methodist» and «-mentor» need the pedagogue's highest category: checked once the row
            # is matched to a registered pedagogue (validate_rows).
            self.check_instance(row, self.award(row, person), exclude=["category"])

    def award(self, row: ParsedRow, pedagogue: Pedagogue) -> CategoryAward:
        return CategoryAward(pedagogue=pedagogue, category=row.cleaned["category"],
                             order_date=row.values.get("category_date"),
                             order_number=row.values.get("category_order") or "")

    def scope_label(self) -> str:
        names = [i.short_name for i in self.editable_institutions.values()]
        if len(names) <= 3:
            return ", ".join(names) or _("no institution")
        return _("the institutions of your municipality")

    def validate_rows(self, rows: list[ParsedRow]) -> None:
        seen: dict[tuple, int] = {}
        for row in rows:
            key = person_key(row.values)
            if key in seen:
                row.error(None, _("duplicate of row {row} (same full name and birth date)").format(row=seen[key]))
            else:
                seen[key] = row.number
        # Rows with other problems are matched too, so a pedagogue of another school shows in the same round.
        valid = [row for row in rows if row.cleaned.get("institution") and row.values["birth_date"]]
        existing = self.existing_pedagogues(valid)
        editable = set(
            Pedagogue.objects.editable_by(self.user)
            .filter(pk__in=[p.pk for p in existing.values()])
            .values_list("pk", flat=True)
        )
        for row in valid:
            pedagogue = existing.get((row.cleaned["institution"].municipality_id, *person_key(row.values)))
            if pedagogue is None:
                row.action = "create"
            elif pedagogue.pk not in editable:
                row.error(
                    self.column["institution"],
                    _("this pedagogue works in another institution; ask the methodist to transfer them"),
                )
            else:
                row.cleaned["pedagogue"] = pedagogue
                row.action = "update"
        for row in rows:  # rare rows: one query each (CategoryAward.clean reads the highest category held)
            if row.cleaned.get("category") in ON_TOP_OF_HIGHEST and not row.failed(self.column["category_date"]):
                self.check_instance(row, self.award(row, row.cleaned.get("pedagogue") or Pedagogue()),
                                    exclude=["order_date", "valid_until"])

    def existing_pedagogues(self, rows: list[ParsedRow]) -> dict[tuple, Pedagogue]:
        """Return the pedagogues already registered, keyed by (municipality id, full name, birth date)."""
        if not rows:
            return {}
        candidates = Pedagogue.objects.filter(
            municipality_id__in={row.cleaned["institution"].municipality_id for row in rows},
            birth_date__in={row.values["birth_date"] for row in rows},
        )
        index = {}
        for pedagogue in candidates:
            key = person_key(
                {
                    "last_name": pedagogue.last_name,
                    "first_name": pedagogue.first_name,
                    "middle_name": pedagogue.middle_name,
                    "birth_date": pedagogue.birth_date,
                }
            )
            index[(pedagogue.municipality_id, *key)] = pedagogue
        return index

    # --- writing -----------------------------------------------------------
    # Bulk writes with their history rows: a roster of a thousand pedagogues is
    # written in a few dozen queries instead of several per row.

    def write(self, rows: list[ParsedRow]) -> dict[str, int]:
        creates = [row for row in rows if "pedagogue" not in row.cleaned]
        updates = [row for row in rows if "pedagogue" in row.cleaned]
        self.create_pedagogues(creates)
        changed = self.update_pedagogues(updates)
        changed += self.add_category_awards(updates, count_new_in=updates)
        self.add_category_awards(creates, sync=False)  # created with their current category already
        return {"created": len(creates), "updated": changed, "unchanged": len(updates) - changed}

    def person_fields(self, row: ParsedRow) -> dict:
        values = row.values
        return {
            "experience_start": values.get("experience_start"),
            "email": values.get("email") or "",
            "phone": values.get("phone") or "",
        }

    def create_pedagogues(self, rows: list[ParsedRow]) -> None:
        if not rows:
            return
        people = []
        for row in rows:
            values, institution = row.values, row.cleaned["institution"]
            fields = self.person_fields(row)
            if row.cleaned.get("category") not in (None, Category.NONE):
                day = values["category_date"]
                fields.update(category=row.cleaned["category"], category_date=day,
                              category_valid_until=category_valid_until(day))
            people.append(Pedagogue(
                last_name=values["last_name"], first_name=values["first_name"],
                middle_name=values.get("middle_name") or "", birth_date=values["birth_date"],
                municipality_id=institution.municipality_id, institution=institution,
                position=row.cleaned["position"], **fields,
            ))
        people = bulk_create_with_history(people, Pedagogue, batch_size=BATCH, default_user=self.user)
        Through = Pedagogue.subjects.through
        Through.objects.bulk_create(
            [Through(pedagogue_id=person.pk, subject_id=subject.pk)
             for person, row in zip(people, rows, strict=True) for subject in row.cleaned["subjects"]],
            batch_size=BATCH,
        )
        for person, row in zip(people, rows, strict=True):
            row.cleaned["pedagogue"] = person
        jobs = [
            Employment(pedagogue_id=person.pk, institution=row.cleaned["institution"],
                       position=row.cleaned["position"], hired=row.values["hired"],
                       rate=row.values.get("rate") or Decimal("1"))
            for person, row in zip(people, rows, strict=True)
        ]
        bulk_create_with_history(jobs, Employment, batch_size=BATCH, default_user=self.user)

    def update_pedagogues(self, rows: list[ParsedRow]) -> int:
        """Apply the rows to registered pedagogues; return how many changed.

        Empty cells keep what the portal knows (a re-import never erases data). The
        current job follows the row: the same institution updates the open
        employment, another one closes it the day before ``hired`` and opens a new one.
        """
        if not rows:
            return 0
        ids = [row.cleaned["pedagogue"].pk for row in rows]
        open_jobs = {
            job.pedagogue_id: job
            for job in Employment.objects.filter(pedagogue_id__in=ids, left__isnull=True).order_by("hired", "pk")
        }
        subjects: dict[int, set[int]] = {}
        for pedagogue_id, subject_id in Pedagogue.subjects.through.objects.filter(pedagogue_id__in=ids).values_list(
            "pedagogue_id", "subject_id"
        ):
            subjects.setdefault(pedagogue_id, set()).add(subject_id)

        people, people_fields, jobs, job_fields, new_jobs, new_subjects = [], set(), [], set(), [], []
        for row in rows:
            person: Pedagogue = row.cleaned["pedagogue"]
            institution, position, hired = row.cleaned["institution"], row.cleaned["position"], row.values["hired"]
            changed = set()
            for name, value in self.person_fields(row).items():
                if value not in (None, "") and getattr(person, name) != value:
                    setattr(person, name, value)
                    changed.add(name)
            job = open_jobs.get(person.pk)
            job_changed = False
            rate = row.values.get("rate")
            if job and job.institution_id == institution.pk:
                for name, value in (("position_id", position.pk), ("hired", hired), ("rate", rate)):
                    if value is None:
                        continue
                    if getattr(job, name) != value:
                        setattr(job, name, value)
                        job_fields.add(name.removesuffix("_id"))
                        job_changed = True
                if job_changed:
                    jobs.append(job)
            else:
                if job:
                    job.left = max(job.hired, hired - datetime.timedelta(days=1))
                    jobs.append(job)
                    job_fields.add("left")
                new_jobs.append(Employment(pedagogue=person, institution=institution, position=position, hired=hired,
                                           rate=rate or Decimal("1")))
                job_changed = True
            for name, value in (("institution_id", institution.pk), ("position_id", position.pk),
                                ("municipality_id", institution.municipality_id)):
                if getattr(person, name) != value:
                    setattr(person, name, value)
                    changed.add(name.removesuffix("_id"))
            if changed:
                people.append(person)
                people_fields |= changed
            wanted = {subject.pk for subject in row.cleaned["subjects"]}
            subjects_changed = bool(wanted) and wanted != subjects.get(person.pk, set())
            if subjects_changed:
                new_subjects.append((person, row.cleaned["subjects"]))
            row.cleaned["changed"] = bool(changed or job_changed or subjects_changed)

        if people:
            bulk_update_with_history(people, Pedagogue, sorted(people_fields), batch_size=BATCH,
                                     default_user=self.user)
        if jobs:
            bulk_update_with_history(jobs, Employment, sorted(job_fields), batch_size=BATCH, default_user=self.user)
        if new_jobs:
            bulk_create_with_history(new_jobs, Employment, batch_size=BATCH, default_user=self.user)
        for person, chosen in new_subjects:
            person.subjects.set(chosen)  # rare: keeps the m2m history of the change
        return sum(1 for row in rows if row.cleaned["changed"])

    def add_category_awards(self, rows: list[ParsedRow], count_new_in=(), sync: bool = True) -> int:
        """Add the rows' categories to the category history (once per pedagogue, category and order date);
        return how many rows of ``count_new_in`` that were unchanged otherwise got a new award."""
        rows = [row for row in rows if row.cleaned.get("category") not in (None, Category.NONE)]
        if not rows:
            return 0
        ids = {row.cleaned["pedagogue"].pk for row in rows}
        existing = set(CategoryAward.objects.filter(pedagogue_id__in=ids)
                       .values_list("pedagogue_id", "category", "order_date"))
        awards, newly_changed = [], 0
        for row in rows:
            key = (row.cleaned["pedagogue"].pk, row.cleaned["category"], row.values["category_date"])
            if key in existing:
                continue
            existing.add(key)
            awards.append(CategoryAward(pedagogue_id=key[0], category=key[1], order_date=key[2],
                                        order_number=row.values.get("category_order") or "",
                                        valid_until=category_valid_until(key[2])))
            if row in count_new_in and not row.cleaned.get("changed"):
                row.cleaned["changed"] = True
                newly_changed += 1
        bulk_create_with_history(awards, CategoryAward, batch_size=BATCH, default_user=self.user)
        if sync and awards:
            self.sync_categories({award.pedagogue_id for award in awards})
        return newly_changed

    def sync_categories(self, ids: set[int]) -> None:
        """``Pedagogue.sync_category`` for many pedagogues in a fixed number of queries."""
        last: dict[int, tuple] = {}
        for pk, category, day, until in CategoryAward.objects.filter(pedagogue_id__in=ids).values_list(
            "pedagogue_id", "category", "order_date", "valid_until"
        ):
            if pk not in last or (day, CATEGORY_RANK[category]) > (last[pk][1], CATEGORY_RANK[last[pk][0]]):
                last[pk] = (category, day, until)
        people = list(Pedagogue.objects.filter(pk__in=ids))
        for person in people:
            person.category, person.category_date, person.category_valid_until = last[person.pk]
        bulk_update_with_history(people, Pedagogue, ["category", "category_date", "category_valid_until"],
                                 batch_size=BATCH, default_user=self.user)
