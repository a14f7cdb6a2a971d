"""The list of completions a PD provider sends: one row per pedagogue and course.

Pedagogues are matched by full name and institution (any employment there, so a
pedagogue who moved since is still found); a row that matches nobody or several
pedagogues is named in the preview for the methodist to fix in the file. A row
already recorded (same pedagogue, programme and dates) is refused with the
recorded completion named, so nobody's hours are doubled and nothing is dropped silently.
"""

from collections import defaultdict

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext_lazy

from core.duplicates import already_recorded_text
from core.imports import Importer
from core.models import Employment
from core.models import Institution
from core.models import normalized_name
from core.xlsx import Column
from core.xlsx import ParsedRow
from training.models import Completion
from training.models import Programme
from training.models import post_hours_bulk


def split_full_name(text: str) -> tuple[str, str, str]:
    parts = normalized_name(text).split()
    if len(parts) < 2:
        return ("", "", "")
    return (parts[0], parts[1], " ".join(parts[2:]))


class CompletionImporter(Importer):
    title = gettext_lazy("PD completions")
    columns = (
        Column("full_name", pgettext_lazy("person", "Full name"), required=True, aliases=("ФИО", "Ф.И.О.", "ФИО слушателя"),
               width=34),
        Column("institution", gettext_lazy("Institution"), required=True,
               aliases=("Учреждение", "ОО", "Место работы", "Образовательная организация"), width=28),
        Column("position", gettext_lazy("Position"), aliases=("Должность",), width=22),
        Column("programme", gettext_lazy("Programme"), required=True,
               aliases=("Программа", "Название программы", "Наименование программы", "Курс"), width=50),
        Column("hours", gettext_lazy("Hours"), kind="int", required=True, aliases=("Часы", "Кол-во часов", "Объём"),
               width=10),
        Column("started", gettext_lazy("Start date"), kind="date", required=True,
               aliases=("Дата начала", "Начало обучения"), width=14),
        Column("finished", gettext_lazy("End date"), kind="date", required=True,
               aliases=("Дата окончания", "Окончание обучения"), width=14),
        Column("certificate_number", gettext_lazy("Certificate number"),
               aliases=("Номер удостоверения", "№ удостоверения", "Удостоверение"), width=22),
    )

    instructions = (
        gettext_lazy("One row per pedagogue and course, as the provider's list gives it."),
        gettext_lazy("Full name: last name, first name and patronymic as in the portal."),
        gettext_lazy("Institution: its short or full name; the pedagogue is looked for among those who work or worked there."),
        gettext_lazy("Programme: its title as in the portal's catalogue."),
        gettext_lazy("Dates are written DD.MM.YYYY."),
        gettext_lazy("A row already recorded (same pedagogue, programme and dates) is refused and names the recorded one: "
                     "remove it from the file."),
    )

    # --- directories, read once per import ---------------------------------

    @cached_property
    def institutions(self) -> dict[str, Institution]:
        return Institution.objects.editable_by(self.user).name_index()

    @cached_property
    def people(self) -> dict[tuple, dict[int, str]]:
        """(last, first, middle, institution id) → {pedagogue id: current position name}."""
        index: dict[tuple, dict[int, str]] = defaultdict(dict)
        ids = {institution.pk for institution in self.institutions.values()}
        rows = Employment.objects.filter(institution_id__in=ids).values_list(
            "pedagogue_id", "institution_id", "pedagogue__last_name", "pedagogue__first_name",
            "pedagogue__middle_name", "pedagogue__position__name",
        )
        for pedagogue_id, institution_id, last, first, middle, position in rows:
            key = (normalized_name(last), normalized_name(first), normalized_name(middle), institution_id)
            index[key][pedagogue_id] = normalized_name(position)
        return index

    @cached_property
    def programmes(self) -> dict[str, list[Programme]]:
        index: dict[str, list[Programme]] = defaultdict(list)
        for programme in Programme.objects.select_related("provider"):
            index[normalized_name(programme.title)].append(programme)
        return index

    @cached_property
    def recorded(self) -> dict[tuple, Completion]:
        """The completions already recorded for the people of the file, by (pedagogue, programme, dates)."""
        pedagogue_ids = {pk for matches in self.people.values() for pk in matches}
        return {
            (c.pedagogue_id, c.programme_id, c.started, c.finished): c
            for c in Completion.objects.filter(pedagogue_id__in=pedagogue_ids).select_related("pedagogue", "programme")
        }

    # --- validation ---------------------------------------------------------

    def validate_row(self, row: ParsedRow) -> None:
        values = row.values
        column = self.column
        institution = self.institutions.get(normalized_name(values["institution"]))
        if institution is None and values["institution"]:
            row.error(column["institution"],
                      _("«{name}» is not an institution you may enter data for.").format(name=values["institution"]))
        last, first, middle = split_full_name(values["full_name"] or "")
        if not last and values["full_name"]:
            row.error(column["full_name"], _("Write the last name and the first name (and the patronymic)."))
        if institution is not None and last:
            matches = self.people.get((last, first, middle, institution.pk), {})
            if len(matches) > 1 and values.get("position"):
                wanted = normalized_name(values["position"])
                matches = {pk: position for pk, position in matches.items() if position == wanted} or matches
            if not matches:
                row.error(column["full_name"], _("No pedagogue «{name}» works or worked in {institution}.").format(
                    name=values["full_name"], institution=institution.short_name))
            elif len(matches) > 1:
                row.error(column["full_name"], _(
                    "{count} pedagogues «{name}» in {institution}: give the position to tell them apart."
                ).format(count=len(matches), name=values["full_name"], institution=institution.short_name))
            else:
                row.cleaned["pedagogue_id"] = next(iter(matches))
        candidates = self.programmes.get(normalized_name(values["programme"]), [])
        if len(candidates) == 1:
            row.cleaned["programme"] = candidates[0]
        elif candidates:
            row.error(column["programme"], _("Several programmes are called «{title}»: {providers}.").format(
                title=values["programme"], providers=", ".join(str(p.provider) for p in candidates)))
        elif values["programme"]:
            row.error(column["programme"], _("«{title}» is not in the catalogue of programmes.").format(
                title=values["programme"]))
        completion = Completion(
            pedagogue_id=row.cleaned.get("pedagogue_id"), programme=row.cleaned.get("programme"),
            started=values["started"], finished=values["finished"], hours=values["hours"],
            certificate_number=values["certificate_number"] or "",
        )
        # Hours within the programme's, dates in order and not in the future: Completion.clean, as in the form.
        self.check_instance(row, completion)
        if row.ok:
            key = (row.cleaned["pedagogue_id"], row.cleaned["programme"].pk, values["started"], values["finished"])
            row.cleaned["key"] = key
            existing = self.recorded.get(key)
            if existing is not None:
                # A duplicate is never saved silently: the row names the completion already in the portal.
                row.error(column["full_name"], already_recorded_text(existing))
            else:
                row.action = "create"

    def validate_rows(self, rows: list[ParsedRow]) -> None:
        seen: dict[tuple, int] = {}
        for row in rows:
            key = row.cleaned.get("key")
            if not row.ok or key is None:
                continue
            if key in seen:
                row.error(self.column["full_name"], _("The same completion is already in row {row}.").format(
                    row=seen[key]))
            else:
                seen[key] = row.number

    def write(self, rows: list[ParsedRow]) -> dict[str, int]:
        completions = [
            Completion(
                pedagogue_id=row.cleaned["pedagogue_id"],
                programme=row.cleaned["programme"],
                started=row.values["started"],
                finished=row.values["finished"],
                hours=row.values["hours"],
                certificate_number=row.values["certificate_number"] or "",
                created_by=self.user,
            )
            for row in rows
            if row.action == "create"
        ]
        created = []
        for completion in completions:  # one by one: every completion also gets its history row
            completion.save_base(raw=False)
            created.append(completion)
        post_hours_bulk(created)
        return {"create": len(created)}
