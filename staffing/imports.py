"""The Excel form of a submission: one row per needed post. Uploading replaces the draft's rows."""

import datetime
from decimal import Decimal

from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.imports import Importer
from core.models import Position, Subject, normalized_name
from core.xlsx import Column, ParsedRow, template_bytes
from staffing.models import Reason, Submission, Support
from staffing.services import replace_needs

MAX_RATES = Decimal("10")
MAX_WEEKLY_HOURS = 60

# How people write reasons and support in spreadsheets, beyond the labels themselves.
REASON_ALIASES = {
    "пенсия": Reason.RETIREMENT, "выход на пенсию": Reason.RETIREMENT, "уход на пенсию": Reason.RETIREMENT,
    "декрет": Reason.MATERNITY, "декретный отпуск": Reason.MATERNITY,
    "отпуск по уходу за ребенком": Reason.MATERNITY, "рост контингента": Reason.GROWTH,
    "открытие классов": Reason.GROWTH, "открытие групп": Reason.GROWTH, "рост": Reason.GROWTH,
    "вакансия": Reason.VACANCY, "увольнение": Reason.VACANCY,
}
SUPPORT_ALIASES = {
    "нет": Support.NONE, "-": Support.NONE, "жилье": Support.HOUSING, "служебное жилье": Support.HOUSING,
    "компенсация": Support.COMPENSATION, "подъемные": Support.COMPENSATION,
    "жилье и компенсация": Support.HOUSING_AND_COMPENSATION, "жилье и подъемные": Support.HOUSING_AND_COMPENSATION,
    "другое": Support.OTHER,
}


def choice_index(choices: type, aliases: dict) -> dict[str, str]:
    """Return the choice values keyed by their normalized Russian and English labels, codes and aliases."""
    index = {normalized_name(key): value for key, value in aliases.items()}
    for language in ("ru", "en"):
        with translation.override(language):
            for value, label in choices.choices:
                index[normalized_name(str(label))] = value
    for value in choices.values:
        index[value] = value
    return index


class NeedsImporter(Importer):
    title = gettext_lazy("Staffing needs")
    columns = (
        Column("position", pgettext_lazy("staffing form", "Position"), required=True, aliases=("Должность", "Position"), width=30),
        Column("subject", pgettext_lazy("staffing form", "Subject"), aliases=("Предмет", "Предмет (дисциплина)", "Subject"), width=26),
        Column("rates", pgettext_lazy("staffing form", "Number of rates"), kind="decimal",
               aliases=("Количество ставок", "Ставки", "Ставок", "Кол-во ставок", "Rates", "Number of rates"), width=12),
        Column("weekly_hours", pgettext_lazy("staffing form", "Weekly hours"), kind="int",
               aliases=("Часов в неделю", "Часы", "Нагрузка, часов в неделю", "Недельная нагрузка", "Hours", "Weekly hours"),
               width=12),
        Column("reason", pgettext_lazy("staffing form", "Reason"), required=True,
               aliases=("Причина", "Причина потребности", "Reason"), width=30),
        Column("vacant_since", pgettext_lazy("staffing form", "Vacant since"), kind="date",
               aliases=("Вакантна с", "Вакансия с", "Дата возникновения вакансии", "Vacant since"), width=14),
        Column("support", pgettext_lazy("staffing form", "Offered support"),
               aliases=("Меры поддержки", "Предлагаемые меры поддержки", "Support", "Offered support"), width=28),
        Column("requirements", pgettext_lazy("staffing form", "Requirements"),
               aliases=("Требования", "Требования к кандидату", "Requirements"), width=36),
        Column("contact", pgettext_lazy("staffing form", "Contact"),
               aliases=("Контактное лицо", "Контакт", "Контакты", "Contact"), width=28),
    )
    column = {c.key: c for c in columns}
    validate_incomplete_rows = True

    def __init__(self, *, user, submission: Submission, **context):
        """``submission`` may be unsaved (not started yet): it is created when the upload is confirmed."""
        super().__init__(user=user, **context)
        self.submission = submission

    @property
    def instructions(self) -> list[str]:
        campaign = self.submission.campaign
        return [
            _("Staffing needs of {institution} for the campaign «{campaign}».").format(
                institution=self.submission.institution.name, campaign=campaign.title),
            _("Deadline: {date}.").format(date=campaign.deadline.strftime("%d.%m.%Y")),
            _("One row per needed post. Position and reason are required; choose them from the drop-down lists."),
            _("Give the number of rates (for example 1 or 0,5) or the weekly hours; hours are counted as rates "
              "at 18 hours a week."),
            _("Subject: for teachers, choose from the drop-down list; leave empty for other positions."),
            _("Dates are written DD.MM.YYYY."),
            _("Uploading the file replaces every row of your draft. If you need nobody, do not upload a file: "
              "mark «No staffing needs» on the portal."),
            _("Leave the header row as it is. Blank rows and a title above the header are ignored."),
        ]

    def template(self) -> bytes:
        choices = {
            "position": [p.name for p in self.positions.values()],
            "subject": [s.name for s in self.subjects.values()],
            "reason": [str(label) for label in Reason.labels],
            "support": [str(label) for label in Support.labels],
        }
        columns = [
            Column(c.key, str(c.header), kind=c.kind, required=c.required, width=c.width, choices=choices.get(c.key))
            for c in self.columns
        ]
        return template_bytes(columns, title=str(self.title), instructions=self.instructions)

    @cached_property
    def positions(self) -> dict[str, Position]:
        return {normalized_name(p.name): p for p in Position.objects.all()}

    @cached_property
    def subjects(self) -> dict[str, Subject]:
        return {normalized_name(s.name): s for s in Subject.objects.all()}

    @cached_property
    def reasons(self) -> dict[str, str]:
        return choice_index(Reason, REASON_ALIASES)

    @cached_property
    def supports(self) -> dict[str, str]:
        return choice_index(Support, SUPPORT_ALIASES)

    def validate_row(self, row: ParsedRow) -> None:
        values, cleaned, col = row.values, row.cleaned, self.column
        position = self.positions.get(normalized_name(values["position"]))
        if position is None and not row.failed(col["position"]):
            row.error(col["position"], _("unknown position «{value}»; choose one from the list").format(
                value=values["position"]))
        cleaned["position"] = position

        subject = None
        if values.get("subject"):
            subject = self.subjects.get(normalized_name(values["subject"]))
            if subject is None:
                row.error(col["subject"], _("unknown subject «{value}»; choose one from the list").format(
                    value=values["subject"]))
        cleaned["subject"] = subject

        rates, hours = values.get("rates"), values.get("weekly_hours")
        if rates is None and hours is None and not row.failed(col["rates"]) and not row.failed(col["weekly_hours"]):
            row.error(col["rates"], _("give the number of rates or the weekly hours"))
        if rates is not None and not (Decimal("0") < rates <= MAX_RATES):
            row.error(col["rates"], _("the number of rates must be more than 0 and at most {max}").format(
                max=MAX_RATES))
        if hours is not None and not (0 < hours <= MAX_WEEKLY_HOURS):
            row.error(col["weekly_hours"], _("the weekly hours must be from 1 to {max}").format(
                max=MAX_WEEKLY_HOURS))
        cleaned["rates"] = rates.quantize(Decimal("0.01")) if rates is not None else None
        cleaned["weekly_hours"] = hours

        reason = self.reasons.get(normalized_name(values["reason"]))
        if reason is None and not row.failed(col["reason"]):
            row.error(col["reason"], _("unknown reason «{value}»; choose one from the list").format(
                value=values["reason"]))
        cleaned["reason"] = reason

        support = Support.NONE
        if values.get("support"):
            support = self.supports.get(normalized_name(values["support"]))
            if support is None:
                row.error(col["support"], _("unknown support «{value}»; choose one from the list").format(
                    value=values["support"]))
        cleaned["support"] = support

        since = values.get("vacant_since")
        latest = self.submission.campaign.as_of + datetime.timedelta(days=366)
        if since and since > latest:
            row.error(col["vacant_since"], _("the date is more than a year after the campaign's date"))
        cleaned["vacant_since"] = since
        for key in ("requirements", "contact"):
            text = values.get(key) or ""
            limit = 500 if key == "requirements" else 200
            if len(text) > limit:
                row.error(col[key], _("the text is longer than {limit} characters").format(limit=limit))
            cleaned[key] = text
        row.action = "create"

    def write(self, rows: list[ParsedRow]) -> dict[str, int]:
        count = replace_needs(submission=self.submission, needs=[row.cleaned for row in rows], by=self.user)
        return {"created": count}
