"""Monitoring demo: key flags, effect phrases, targets for the demo years, and an issued order for
the span's next-to-last year (2021/2022 in the base span, moved by ``ctx.shift``) with its assignments
(one done, the others overdue).

The targets are the department's: the five directions the seed order calls satisfactory
(training, associations, communities, School of the Young Teacher, competitions) meet them;
mentoring, innovation, expertise and banks do not. With the domain apps' demo data the
2022/2023 report then reads like the seed order: improvements in associations and mentoring,
innovation without positive dynamics.

Run after the other apps (it reads their indicators): when it finds no domain data yet it sets
the targets and leaves the order for the next ``seed_demo --apps monitoring``.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from core.models import AcademicYear
from core.models import Municipality
from monitoring.computation import indicator_values
from monitoring.models import Assignment
from monitoring.models import AssignmentStatus
from monitoring.models import IndicatorPassport
from monitoring.models import Order
from monitoring.models import Recommendation
from monitoring.models import Target
from monitoring.registry import registry
from monitoring.rendered import forget
from monitoring.services import build_snapshot
from monitoring.services import draft_order

# code: (target, tolerance or None); shares as fractions. Codes that are not registered are skipped.
TARGETS = {
    "training.share_completed_pd": ("0.33", None),
    "training.share_pd_requirement_met": ("0.60", None),
    "training.share_with_route": ("0.20", None),
    "core.share_first_or_highest_category": ("0.65", None),
    "associations.active_gmo": ("15", None),
    "associations.share_in_gmo": ("0.20", None),
    "associations.active_communities": ("9", None),
    "associations.share_in_communities": ("0.085", None),
    "mentoring.young_teacher_school_attendance": ("0.50", None),
    # Shares of a few percent: half a percentage point is already a change.
    "associations.share_in_competitions": ("0.06", "0.5"),
    "associations.share_in_regional_competitions": ("0.0075", "0.1"),
    "innovation.share_institutions_with_site": ("0.25", None),
    "innovation.pedagogues_in_projects": ("50", None),
    "mentoring.share_young_with_mentor": ("0.85", None),
    "mentoring.retention_1y": ("0.95", None),
    "core.share_under_35": ("0.35", None),
    "expertise.reviews_concluded": ("30", None),
    "expertise.share_concluded_on_time": ("0.95", None),
    "expertise.institutions_audited": ("5", None),
    "banks.items_published": ("70", None),
    "banks.items_recommended": ("20", None),
    "staffing.share_vacant": ("0.05", None),
    "staffing.share_submitted_on_time": ("0.90", None),
}

# The indicators a direction is judged by (the others keep their registry default).
KEY = {
    "innovation.share_institutions_with_site": True,
    "innovation.pedagogues_in_projects": False,
    "expertise.reviews_concluded": True,
    "expertise.share_concluded_on_time": True,
    "expertise.institutions_audited": False,
    "mentoring.share_young_with_mentor": True,
}

# How item 2 of the order names an improvement (the seed order's wording).
EFFECTS = {
    "associations.active_gmo": "количественный рост коллективных субъектов, включенных в систему муниципальной "
    "методической работы",
    "associations.gmo_products": "положительная динамика разрабатываемых методических продуктов",
    "associations.share_in_gmo": "ориентированность методических мероприятий на удовлетворение профессиональных "
    "потребностей педагогов",
    "mentoring.share_young_with_mentor": "обновление системы наставничества",
    "mentoring.pairs_active": "рост числа наставнических пар",
}

ORDER_YEAR = 2021  # of the base span 2018/2019 … 2022/2023; moved with ctx.shift like every date below
EXTRA_RECOMMENDATIONS = [
    "МБУ «МИМЦ» при планировании деятельности на {start} – {end} у.г. предусмотреть дальнейшее освоение "
    "современных подходов, ориентированность деятельности методистов на исследовательские, проектировочные "
    "функции, оказание помощи в выборе курсов на основе диагностики профессиональных дефицитов педагогов.",
]


def seed(ctx) -> None:
    try:
        _seed(ctx)
    finally:  # the bulk writes leave no history rows: the kept dashboard renderings would not know of them
        forget()


def _seed(ctx) -> None:
    city: Municipality = ctx.municipality
    IndicatorPassport.objects.sync()
    _passports(KEY, EFFECTS)
    _targets(ctx)
    year = AcademicYear.objects.get(start_year=ctx.shift(ORDER_YEAR))
    if Order.objects.filter(municipality=city, year=year).exists():
        ctx.log("monitoring: the demo order exists")
        return
    if not _domain_data(city, year):
        ctx.log(
            "monitoring: targets set; no domain data yet, run `seed_demo --apps monitoring` for the order"
        )
        return
    _order(ctx, city, year)


def _passports(keys: dict, effects: dict) -> None:
    changed = []
    for passport in IndicatorPassport.objects.filter(code__in=set(keys) | set(effects)):
        passport.is_key = keys.get(passport.code, passport.is_key)
        passport.effect = effects.get(passport.code, passport.effect)
        changed.append(passport)
    IndicatorPassport.objects.bulk_update(changed, ["is_key", "effect"])


def _targets(ctx) -> None:
    passports = {p.code: p for p in IndicatorPassport.objects.filter(code__in=TARGETS)}
    rows = [
        Target(
            passport=passports[code],
            year=year,
            value=Decimal(value),
            tolerance=Decimal(tolerance) if tolerance else None,
        )
        for year in ctx.years[1:]
        for code, (value, tolerance) in TARGETS.items()
        if code in passports
    ]
    Target.objects.bulk_create(rows, ignore_conflicts=True)


def _domain_data(city, year) -> bool:
    """True when some other app's indicator has a value for the city (its demo ran already)."""
    values = indicator_values(city, year, use_cache=False)
    return any(value for code, value in values.items() if not code.startswith("core.") and code in registry)


def _moment(ctx, day: datetime.date, hour: int) -> datetime.datetime:
    """A moment of the demo's history: the base span's day moved to the demo's years, at the hour."""
    return timezone.make_aware(datetime.datetime.combine(ctx.shift(day), datetime.time(hour)))


def _order(ctx, city, year) -> None:
    head, methodist, school = (ctx.users.get(name) for name in ("head", "methodist", "school"))
    snapshot = build_snapshot(municipality=city, year=year, by=head)
    snapshot.created_at = _moment(ctx, datetime.date(2022, 6, 20), 10)
    type(snapshot).objects.filter(pk=snapshot.pk).update(created_at=snapshot.created_at)
    order = draft_order(snapshot=snapshot, by=head)
    # The centre's planning measure opens item 3, as 3.1 does in the seed order; its director answers for it.
    Recommendation.objects.bulk_create(
        Recommendation(
            order=order, position=0, text=text.format(start=year.start_year + 1, end=year.start_year + 2),
            responsible=methodist, term=f"в течение {year.start_year + 1}–{year.start_year + 2} учебного года",
        )
        for text in EXTRA_RECOMMENDATIONS
    )
    reported = ctx.shift(datetime.date(2022, 8, 29))
    done = {
        "status": AssignmentStatus.DONE,
        "completed_at": _moment(ctx, datetime.date(2022, 8, 29), 15),
        "comment": f"Рекомендации доведены до сотрудников на совещании {reported:%d.%m.%Y}, план мероприятий утверждён.",
    }
    assignments = [  # items 4–6: who answers, by when, as the order names them, what, and how far it went
        Assignment(
            order=order, position=position, responsible=responsible, deadline=ctx.shift(deadline), addressee=addressee,
            text=text, **state,
        )
        for position, (responsible, deadline, addressee, text, state) in enumerate([
            (methodist, datetime.date(2022, 9, 1), "Гилязутдиновой А.М., директору МБУ «МИМЦ»",
             "обеспечить информирование сотрудников учреждения с рекомендациями и обеспечить их реализацию", done),
            (head, datetime.date(2022, 12, 1), "Безруких Н.В., ведущему специалисту ОО",
             "обновить локальную нормативную базу по выявлению кадровых потребностей образовательных учреждений", {}),
            (school or methodist, datetime.date(2022, 10, 15), "Захаровой Е.В., заместителю директора СШ № 1",
             "обеспечить участие педагогов в работе городских методических объединений", {}),
        ], start=1)
    ]
    Assignment.objects.bulk_create(assignments)
    # Issued through the model, so that every item 3 measure becomes a task as in real use; the dates are the
    # demo's history.
    order.issue(
        number="87",
        date=ctx.shift(datetime.date(2022, 6, 24)),
        signatory_position="Начальник отдела образования\nадминистрации г. Лесосибирска",
        signatory_name="Егорова О.Ю.",
        by=head,
    )
    Order.objects.filter(pk=order.pk).update(issued_at=_moment(ctx, datetime.date(2022, 6, 24), 12))
    # The first measure was reported and accepted; the others are in progress.
    first = order.assignments.filter(measure__isnull=False).order_by("position", "pk").first()
    if first is not None:
        Assignment.objects.filter(pk=first.pk).update(
            status=AssignmentStatus.DONE,
            completed_at=_moment(ctx, datetime.date(2023, 5, 30), 15),
            comment="Мероприятия плана выполнены, отчёт рассмотрен на методическом совете.",
        )
    _next_year_draft(ctx, city, year, head)
    ctx.log(f"monitoring: order No. 87 for {year} with {len(assignments)} assignments")


def _next_year_draft(ctx, city, year, head) -> None:
    """A draft for the year after the issued order: its report opens with the effect of that order's measures."""
    following = AcademicYear.objects.filter(start_year=year.start_year + 1).first()
    if following is None or not _domain_data(city, following):
        return
    snapshot = build_snapshot(municipality=city, year=following, by=head)
    draft_order(snapshot=snapshot, by=head)
    ctx.log(f"monitoring: a draft order for {following} with the effect of last year's measures")
