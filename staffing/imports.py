"""The Excel form of a submission: one row per needed post. Uploading replaces the draft's rows."""

from decimal import Decimal

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext_lazy

from core.imports import Directories
from core.imports import Importer
from core.imports import choice_index
from core.models import normalized_name
from core.xlsx import Column
from core.xlsx import ParsedRow
from staffing.models import Need
from staffing.models import Reason
from staffing.models import Submission
from staffing.models import Support
from staffing.services import replace_needs

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


class NeedsImporter(Directories, Importer):
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

    def template_choices(self) -> dict[str, list[str]]:
        return {
            "position": [p.name for p in self.positions.values()],
            "subject": [s.name for s in self.subjects.values()],
            "reason": [str(label) for label in Reason.labels],
            "support": [str(label) for label in Support.labels],
        }

    @cached_property
    def reasons(self) -> dict[str, str]:
        return choice_index(Reason, REASON_ALIASES)

    @cached_property
    def supports(self) -> dict[str, str]:
        return choice_index(Support, SUPPORT_ALIASES)

    def validate_row(self, row: ParsedRow) -> None:
        values, cleaned, col = row.values, row.cleaned, self.column
        cleaned["position"] = self.lookup(row, "position", self.positions,
                                          _("unknown position «{value}»; choose one from the list"))
        cleaned["subject"] = self.lookup(row, "subject", self.subjects,
                                         _("unknown subject «{value}»; choose one from the list"))
        cleaned["reason"] = self.lookup(row, "reason", self.reasons,
                                        _("unknown reason «{value}»; choose one from the list"))
        cleaned["support"] = self.lookup(row, "support", self.supports,
                                         _("unknown support «{value}»; choose one from the list")) or Support.NONE
        rates = values.get("rates")
        cleaned.update(
            rates=rates.quantize(Decimal("0.01")) if rates is not None else None,
            weekly_hours=values.get("weekly_hours"), vacant_since=values.get("vacant_since"),
            requirements=values.get("requirements") or "", contact=values.get("contact") or "",
        )
        need = Need(submission=self.submission, **{key: value for key, value in cleaned.items() if value is not None})
        # An amount that could not be read is not missing: the «give rates or hours» rule waits for a readable one.
        unread = row.failed(col["rates"]) or row.failed(col["weekly_hours"])
        self.check_instance(row, need, exclude=["rates"] if unread else ())
        row.action = "create"

    def lookup(self, row: ParsedRow, key: str, index: dict, message: str):
        """Return the directory entry a cell names (None for an empty cell), or name the unknown value."""
        value = row.values.get(key)
        if not value:
            return None
        found = index.get(normalized_name(value))
        if found is None:
            row.error(self.column[key], message.format(value=value))
        return found

    def write(self, rows: list[ParsedRow]) -> dict[str, int]:
        count = replace_needs(submission=self.submission, needs=[row.cleaned for row in rows], by=self.user)
        return {"created": count}
