"""Excel exports of the core lists: the rows the user filtered, with the columns they see."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.xlsx import Column
from core.xlsx import Sheet


def institutions_sheet(institutions: QuerySet) -> Sheet:
    columns = [
        Column("short_name", _("Short name"), width=28),
        Column("name", _("Full name"), width=60),
        Column("type", _("Type"), width=34),
        Column("municipality", _("Municipality"), width=22),
        Column("director", _("Director"), width=30),
        Column("address", _("Address"), width=40),
        Column("phone", _("Phone"), width=18),
        Column("email", _("E-mail"), width=26),
        Column("staff", _("Current staff"), kind="int", width=12),
        Column("active", _("Active"), width=10),
    ]
    rows = (
        (
            item.short_name,
            item.name,
            item.get_type_display(),
            item.municipality.name,
            item.director,
            item.address,
            item.phone,
            item.email,
            item.staff_count,
            _("yes") if item.is_active else _("no"),
        )
        for item in institutions.select_related("municipality")
    )
    return Sheet(title=_("Institutions"), columns=columns, rows=rows)


def pedagogues_sheet(pedagogues: QuerySet) -> Sheet:
    today = timezone.localdate()
    columns = [
        Column("last_name", _("Last name"), width=18),
        Column("first_name", _("First name"), width=16),
        Column("middle_name", _("Patronymic"), width=18),
        Column("birth_date", _("Birth date"), kind="date", width=13),
        Column("age", _("Age"), kind="int", width=8),
        Column("institution", _("Institution"), width=26),
        Column("position", _("Position"), width=26),
        Column("subjects", _("Subjects"), width=30),
        Column("experience_start", _("Pedagogical experience since"), kind="date", width=14),
        Column("category", _("Qualification category"), width=24),
        Column("category_date", _("Category assigned on"), kind="date", width=14),
        Column("young", _("Young specialist"), width=12),
        Column("email", _("E-mail"), width=26),
        Column("phone", _("Phone"), width=18),
    ]
    rows = (
        (
            item.last_name,
            item.first_name,
            item.middle_name,
            item.birth_date,
            item.age_on(today),
            item.institution.short_name if item.institution else "",
            item.position.name if item.position else "",
            ", ".join(subject.name for subject in item.subjects.all()),
            item.experience_start,
            item.get_category_display(),
            item.category_date,
            _("yes") if item.is_young else "",
            item.email,
            item.phone,
        )
        for item in pedagogues.select_related("institution", "position").prefetch_related("subjects").with_young_flag(
            today
        )
    )
    return Sheet(title=_("Pedagogues"), columns=columns, rows=rows)
