"""Excel import of mentoring pairs: one row per pair or group, people matched by full name
among the staff the user may edit; re-importing the same file creates nothing new."""

from collections import defaultdict

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.duplicates import already_recorded_text
from core.imports import Importer
from core.models import Institution
from core.models import Pedagogue
from core.models import normalized_name
from core.xlsx import Column
from core.xlsx import ParsedRow
from mentoring.models import MentoringForm
from mentoring.models import Pair
from mentoring.models import Participant
from mentoring.models import ParticipantRole
from mentoring.services import FAR_FUTURE
from mentoring.services import overlapping_pair
from mentoring.services import save_pair

SEPARATORS = (";", "\n")


def split_names(text: str) -> list[str]:
    for separator in SEPARATORS[1:]:
        text = text.replace(separator, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]


class PairImporter(Importer):
    title = gettext_lazy("Mentoring pairs")
    columns = (
        Column("institution", gettext_lazy("Institution"), required=True, aliases=("Учреждение", "ОО"), width=24),
        Column("mentors", gettext_lazy("Mentors"), required=True, aliases=("Наставник", "Наставники"), width=34),
        Column("mentees", gettext_lazy("Mentees"), required=True, aliases=("Наставляемый", "Наставляемые"),
               width=34),
        Column("form", gettext_lazy("Form"), required=True, aliases=("Форма наставничества",), width=30),
        Column("start", gettext_lazy("Start"), kind="date", required=True, aliases=("Начало",), width=13),
        Column("end", gettext_lazy("End"), kind="date", aliases=("Окончание",), width=13),
        Column("order_number", gettext_lazy("Head's order No."), aliases=("Номер приказа",), width=14),
        Column("order_date", gettext_lazy("Head's order date"), kind="date", aliases=("Дата приказа",), width=14),
    )

    instructions = (
        gettext_lazy("One row per pair or group. Dates are written DD.MM.YYYY."),
        gettext_lazy("Mentors and mentees: full names (last, first, patronymic) as in the portal; several are separated "
                     "by semicolons."),
        gettext_lazy("Institution and form: choose from the drop-down lists."),
        gettext_lazy("A row identical to a pair already in the portal (institution, start, mentors, mentees) is skipped."),
    )

    def template_choices(self) -> dict[str, list[str]]:
        return {"institution": [i.short_name for i in self.institutions.values()],
                "form": [f.name for f in self.forms.values()]}

    @cached_property
    def institutions(self) -> dict[int, Institution]:
        return {i.pk: i for i in Institution.objects.editable_by(self.user).order_by("short_name")}

    @cached_property
    def institution_names(self) -> dict[str, Institution]:
        return Institution.objects.filter(pk__in=list(self.institutions)).name_index()

    @cached_property
    def forms(self) -> dict[str, MentoringForm]:
        return {normalized_name(f.name): f for f in MentoringForm.objects.all()}

    @cached_property
    def people(self) -> dict[str, list[Pedagogue]]:
        index = defaultdict(list)
        staff = Pedagogue.objects.editable_by(self.user).filter(institution__isnull=False)
        for pedagogue in staff.only("pk", "last_name", "first_name", "middle_name", "institution_id"):
            index[normalized_name(pedagogue.full_name)].append(pedagogue)
        return index

    @cached_property
    def existing(self) -> set[tuple]:
        members = defaultdict(lambda: (set(), set()))
        rows = Participant.objects.filter(pair__institution__in=list(self.institutions)).values_list(
            "pair_id", "pair__institution_id", "pair__start", "pedagogue_id", "role")
        for pair_id, institution_id, start, pedagogue_id, role in rows:
            key = (pair_id, institution_id, start)
            members[key][0 if role == ParticipantRole.MENTOR else 1].add(pedagogue_id)
        return {(institution_id, start, frozenset(mentors), frozenset(mentees))
                for (_pk, institution_id, start), (mentors, mentees) in members.items()}

    def _people(self, row: ParsedRow, key: str) -> list[Pedagogue]:
        found = []
        for name in split_names(row.values[key] or ""):
            matches = self.people.get(normalized_name(name), [])
            if not matches:
                row.error(self.column[key], _("no pedagogue «{name}» among the staff you may edit").format(name=name))
            elif len(matches) > 1:
                row.error(self.column[key], _("several pedagogues are named «{name}»; create this pair on the "
                                              "portal").format(name=name))
            else:
                found.append(matches[0])
        return found

    def validate_row(self, row: ParsedRow) -> None:
        values, cleaned, col = row.values, row.cleaned, self.column
        institution = self.institution_names.get(normalized_name(values["institution"]))
        if institution is None and values["institution"]:
            row.error(col["institution"], _("unknown institution «{value}» or outside your scope").format(
                value=values["institution"]))
        form = self.forms.get(normalized_name(values["form"]))
        if form is None and values["form"]:
            row.error(col["form"], _("unknown form «{value}»").format(value=values["form"]))
        mentors, mentees = self._people(row, "mentors"), self._people(row, "mentees")
        pair = Pair(institution=institution, form=form, start=values["start"], end=values["end"],
                    order_number=values["order_number"] or "", order_date=values["order_date"])
        self.check_instance(row, pair.with_people(mentors, mentees))  # the pair form's rules: Pair.clean()
        if not row.ok:
            return
        cleaned.update(institution=institution, form=form, mentors=mentors, mentees=mentees, pair=pair)
        key = (institution.pk, values["start"], frozenset(p.pk for p in mentors), frozenset(p.pk for p in mentees))
        cleaned["key"] = key
        row.action = "unchanged" if key in self.existing else "created"
        if row.action == "created":
            existing = overlapping_pair(mentors=mentors, mentees=mentees, start=values["start"], end=values["end"])
            if existing is not None:
                row.error(None, _("the same mentors and mentees already form a pair over these dates: {pair}").format(
                    pair=already_recorded_text(existing)))

    def validate_rows(self, rows: list[ParsedRow]) -> None:
        """Two rows of the same mentors and mentees over overlapping dates are one pair twice (save_pair would
        refuse the second in the middle of the write)."""
        seen: dict[tuple, list[ParsedRow]] = defaultdict(list)
        for row in rows:
            key = row.cleaned.get("key")
            if key is None:
                continue
            people = key[2:]
            start, end = row.values["start"], row.values["end"] or FAR_FUTURE
            earlier = next((other for other in seen[people] if other.values["start"] <= end
                            and start <= (other.values["end"] or FAR_FUTURE)), None)
            if earlier is not None:
                row.error(None, _("the same pair is in row {number}").format(number=earlier.number))
            else:
                seen[people].append(row)

    def write(self, rows: list[ParsedRow]) -> dict[str, int]:
        created = 0
        for row in rows:
            if row.action != "created":
                continue
            cleaned = row.cleaned
            save_pair(pair=cleaned["pair"], mentors=cleaned["mentors"], mentees=cleaned["mentees"], by=self.user)
            created += 1
        return {"created": created, "unchanged": sum(1 for row in rows if row.action == "unchanged")}
