"""Import of competition results from Excel (preview → confirm → one transaction).

One row per participant. Rows naming the same competition, nomination and team
form one team entry. The competition is found by title, level, academic year and
stage in the importing municipality, or created. «Диплом I/II/III степени» and
«2 место»/«3 место» are recorded as a prize-winner, «1 место» as a winner.
"""

import re
from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.duplicates import already_recorded_text
from core.imports import Importer
from core.imports import choice_index
from core.models import AcademicYear
from core.models import Pedagogue
from core.models import normalized_name
from core.xlsx import Column
from core.xlsx import ParsedRow

from .models import Competition
from .models import Level
from .models import Participant
from .models import Participation
from .models import Result


def parse_result(text: str) -> str | None:
    """Return the Result value of a result as people write it, or None."""
    text = normalized_name(text).replace("ё", "е")
    if not text:
        return None
    if "диплом" in text or "степени" in text:
        return Result.PRIZE_WINNER
    place = re.match(r"^(\d)\s*(-?е|-?ое)?\s*место$", text)
    if place:
        return Result.WINNER if place.group(1) == "1" else Result.PRIZE_WINNER
    aliases = {
        "победитель": Result.WINNER, "призер": Result.PRIZE_WINNER, "лауреат": Result.LAUREATE,
        "участник": Result.PARTICIPANT, "гран-при": Result.WINNER, "абсолютный победитель": Result.WINNER,
    }
    if text in aliases:
        return aliases[text]
    return choice_index(Result).get(text)


# The words of Russian documents, whatever the interface language and its catalogue.
RUSSIAN_LEVELS = {
    "школьный": Level.SCHOOL, "муниципальный": Level.MUNICIPAL, "городской": Level.MUNICIPAL,
    "межмуниципальный": Level.INTERMUNICIPAL, "региональный": Level.REGIONAL, "краевой": Level.REGIONAL,
    "межрегиональный": Level.INTERREGIONAL, "всероссийский": Level.FEDERAL, "федеральный": Level.FEDERAL,
    "международный": Level.INTERNATIONAL,
}


def parse_level(text: str) -> str | None:
    text = normalized_name(text)
    text = re.sub(r"\s*(уровень|уровня|этап)$", "", text).strip()
    return RUSSIAN_LEVELS.get(text) or choice_index(Level).get(text)


class ResultsImporter(Importer):
    title = gettext_lazy("Competition results")
    columns = [
        Column("competition", gettext_lazy("Competition"), required=True, aliases=("Конкурс", "Название конкурса"), width=36),
        Column("level", gettext_lazy("Level"), required=True, aliases=("Уровень",),
               choices=["школьный", "муниципальный", "межмуниципальный", "региональный", "межрегиональный",
                        "всероссийский", "международный"], width=18),
        Column("year", gettext_lazy("Academic year"), required=True, aliases=("Учебный год", "Год"), width=12),
        Column("stage", gettext_lazy("Stage"), aliases=("Этап",), width=18),
        Column("organiser", gettext_lazy("Organiser"), aliases=("Организатор",), width=24),
        Column("starts", gettext_lazy("Starts"), kind="date", aliases=("Дата", "Дата проведения", "Дата начала"), width=14),
        Column("last_name", gettext_lazy("Last name"), required=True, aliases=("Фамилия",), width=18),
        Column("first_name", gettext_lazy("First name"), required=True, aliases=("Имя",), width=16),
        Column("middle_name", gettext_lazy("Patronymic"), aliases=("Отчество",), width=18),
        Column("institution", gettext_lazy("Institution"), aliases=("ОУ", "Учреждение", "Образовательная организация"),
               width=22),
        Column("nomination", gettext_lazy("Nomination"), aliases=("Номинация",), width=22),
        Column("team", gettext_lazy("Team"), aliases=("Команда",), width=18),
        Column("result", gettext_lazy("Result"), required=True, aliases=("Результат",),
               choices=["победитель", "призёр", "лауреат", "участник", "диплом I степени", "диплом II степени",
                        "диплом III степени"], width=18),
    ]
    instructions = [
        gettext_lazy("One row per participant. For a team, give every member a row with the same team name."),
        gettext_lazy("Level: школьный, муниципальный, межмуниципальный, региональный, межрегиональный, "
                     "всероссийский or международный."),
        gettext_lazy("Academic year as 2021/2022. Result: победитель, призёр, лауреат or участник; "
                     "«диплом I/II/III степени» is recorded as призёр."),
        gettext_lazy("Pedagogues are found by full name among the municipality's pedagogues; give the institution "
                     "when two have the same name."),
        gettext_lazy("A competition that is not in the portal yet is created (its start defaults to 1 September)."),
        gettext_lazy("A pedagogue already entered in the competition is refused with the entry named: change "
                     "the result on the entry's page."),
    ]

    def __init__(self, *, user, municipality, **context):
        super().__init__(user=user, municipality=municipality, **context)
        self.municipality = municipality
        self._people: dict[str, list[Pedagogue]] | None = None
        self._years = {year.start_year: year for year in AcademicYear.objects.all()}
        self._competitions = {
            (c.year_id, normalized_name(c.title), c.level, normalized_name(c.stage)): c
            for c in Competition.objects.filter(municipality=municipality)
        }

    def people(self) -> dict[str, list[Pedagogue]]:
        if self._people is None:
            index = defaultdict(list)
            for pedagogue in Pedagogue.objects.filter(municipality=self.municipality).select_related("institution"):
                index[normalized_name(pedagogue.full_name)].append(pedagogue)
                index[normalized_name(f"{pedagogue.last_name} {pedagogue.first_name}")].append(pedagogue)
            self._people = index
        return self._people

    def validate_row(self, row: ParsedRow) -> None:
        values = row.values
        level = parse_level(values["level"]) if values["level"] else None
        if level is None and values["level"]:
            row.error(self.column["level"], _("unknown level «{value}»").format(value=values["level"]))
        result = parse_result(values["result"]) if values["result"] else None
        if result is None and values["result"]:
            row.error(self.column["result"], _("unknown result «{value}»").format(value=values["result"]))
        head = str(values["year"] or "").replace("–", "/").replace("-", "/").split("/")[0].strip()
        year = self._years.get(int(head)) if head.isascii() and head.isdigit() else None
        if year is None and values["year"]:
            row.error(self.column["year"], _("unknown academic year «{value}»").format(value=values["year"]))
        pedagogue = self.find_pedagogue(row) if values["last_name"] and values["first_name"] else None
        competition = Competition(
            municipality=self.municipality, title=values["competition"] or "", level=level or "", year=year,
            stage=values["stage"] or "", organiser=values["organiser"] or "",
            starts=values["starts"] or (year.start if year else None),
        )
        # Without a year there is no start to check: the unknown year is named already.
        self.check_instance(row, competition, fields={"title": "competition"},
                            exclude=() if competition.starts else ["starts"])
        self.check_instance(row, Participation(nomination=values["nomination"] or "", team_name=values["team"] or "",
                                               result=result or Result.PARTICIPANT))
        if not row.ok:
            return
        competition_key = (year.pk, normalized_name(values["competition"]), level, normalized_name(values["stage"]))
        row.cleaned.update(
            level=level, result=result, year=year, pedagogue=pedagogue, competition_key=competition_key,
            entry_key=(competition_key, normalized_name(values["nomination"]), normalized_name(values["team"])),
        )
        existing = self._competitions.get(competition_key)
        entry = existing and Participant.objects.filter(competition=existing, pedagogue=pedagogue).select_related(
            "participation__competition").first()
        if entry:
            # One entry per person per competition: a row about a person already entered is refused with the
            # entry named, as the entry form does (change the result on the entry's page).
            row.error(self.column["last_name"], already_recorded_text(entry.participation))
        else:
            row.action = "create"

    def find_pedagogue(self, row: ParsedRow) -> Pedagogue | None:
        values = row.values
        name = " ".join(part for part in (values["last_name"], values["first_name"], values["middle_name"]) if part)
        found = list({p.pk: p for p in self.people().get(normalized_name(name), [])}.values())
        if values["institution"]:
            wanted = normalized_name(values["institution"])
            found = [
                p for p in found
                if p.institution_id and wanted in (normalized_name(p.institution.short_name),
                                                   normalized_name(p.institution.name))
            ]
        if not found:
            row.error(self.column["last_name"], _("no pedagogue «{name}» in the municipality").format(name=name))
            return None
        if len(found) > 1:
            row.error(
                self.column["institution"],
                _("{count} pedagogues are named «{name}»; give the institution").format(count=len(found), name=name),
            )
            return None
        return found[0]

    def validate_rows(self, rows: list[ParsedRow]) -> None:
        seen: dict[tuple, int] = {}
        team_results: dict[tuple, tuple[str, int]] = {}
        for row in rows:
            if not row.ok:
                continue
            person_key = (row.cleaned["competition_key"], row.cleaned["pedagogue"].pk)
            if person_key in seen:  # one entry per person per competition, whatever the nomination
                row.error(
                    self.column["last_name"],
                    _("the same participant and nomination are already in row {row}").format(row=seen[person_key]),
                )
                continue
            seen[person_key] = row.number
            if row.values["team"]:
                entry_key = row.cleaned["entry_key"]
                first = team_results.setdefault(entry_key, (row.cleaned["result"], row.number))
                if first[0] != row.cleaned["result"]:
                    row.error(
                        self.column["result"],
                        _("the team's result differs from row {row}").format(row=first[1]),
                    )

    def write(self, rows: list[ParsedRow]) -> dict[str, int]:
        counts = {"create": 0}
        entries: dict[tuple, Participation] = {}
        for row in rows:
            values, cleaned = row.values, row.cleaned
            competition = self._competitions.get(cleaned["competition_key"])
            if competition is None:
                year = cleaned["year"]
                competition = Competition.objects.create(
                    municipality=self.municipality, title=values["competition"], level=cleaned["level"], year=year,
                    stage=values["stage"] or "", organiser=values["organiser"] or "",
                    starts=values["starts"] or year.start,
                )
                self._competitions[cleaned["competition_key"]] = competition
            pedagogue = cleaned["pedagogue"]
            nomination = values["nomination"] or ""
            entry = entries.get(cleaned["entry_key"]) if values["team"] else None
            if entry is None:
                entry = Participation.objects.create(
                    competition=competition, nomination=nomination, team_name=values["team"] or "",
                    result=cleaned["result"],
                )
                if values["team"]:
                    entries[cleaned["entry_key"]] = entry
            Participant.objects.create(participation=entry, pedagogue=pedagogue, institution_id=pedagogue.institution_id)
            counts["create"] += 1
        return counts
