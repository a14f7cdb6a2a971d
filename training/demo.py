"""Demo data of training: providers, a catalogue of programmes, completions growing year on
year (and continuing to today so the hour account is alive), diagnoses and routes.

At region scale the completions cover every municipality (they feed the hour-account
benchmark); diagnoses and routes, with their many answers, only the demo city.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

PROVIDERS = [
    ("Красноярский краевой институт повышения квалификации работников образования", "КК ИПК", "institute",
     "https://kipk.ru"),
    ("Центр непрерывного повышения профессионального мастерства педагогических работников Красноярского края",
     "ЦНППМ Красноярского края", "cnppm", "https://cnppm.kipk.ru"),
    ("Сибирский федеральный университет", "СФУ", "university", "https://www.sfu-kras.ru"),
    ("Лесосибирский педагогический институт — филиал СФУ", "ЛПИ — филиал СФУ", "university", "https://lpi.sfu-kras.ru"),
    ("ООО «Центр онлайн-обучения «Инфоурок»", "Инфоурок", "other", ""),
]

# (title, provider short name, hours, format, federal register, [(block, competency order)], [module hours])
PROGRAMMES = [
    ("Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя", "ЦНППМ Красноярского края", 36,
     "distance", True, [("legal", 1), ("methodical", 1)], []),
    ("Школа современного учителя. Развитие читательской и естественно-научной грамотности",
     "ЦНППМ Красноярского края", 100, "blended", True, [("subject", 3), ("methodical", 1)], [36, 36, 28]),
    ("Формирование функциональной грамотности обучающихся", "КК ИПК", 72, "blended", False,
     [("subject", 3), ("methodical", 2)], [36, 36]),
    ("Цифровая образовательная среда: ФГИС «Моя школа» в работе педагога", "ЦНППМ Красноярского края", 36,
     "distance", True, [("methodical", 3)], []),
    ("Обучение детей с ОВЗ в условиях инклюзивного образования", "СФУ", 72, "full_time", False,
     [("psychological", 2), ("psychological", 1)], []),
    ("Подготовка обучающихся к государственной итоговой аттестации по математике", "КК ИПК", 72, "blended",
     False, [("subject", 2), ("subject", 1)], []),
    ("Формирующее оценивание в современной школе", "ЦНППМ Красноярского края", 48, "full_time", False,
     [("methodical", 2)], []),
    ("Наставничество в образовательной организации: роли и инструменты", "КК ИПК", 36, "distance", True,
     [("communicative", 2)], []),
    ("Профилактика деструктивного поведения обучающихся", "Инфоурок", 36, "distance", False,
     [("psychological", 3)], []),
    ("Организация воспитательной работы и классное руководство", "КК ИПК", 72, "blended", True,
     [("psychological", 3), ("legal", 2)], [36, 36]),
    ("Эффективная коммуникация с родителями (законными представителями)", "Инфоурок", 24, "distance", False,
     [("communicative", 1)], []),
    ("Правовые основы профессиональной деятельности педагога", "Инфоурок", 18, "distance", False,
     [("legal", 1), ("legal", 2)], []),
    ("Проектная и исследовательская деятельность обучающихся", "ЛПИ — филиал СФУ", 72, "full_time", False,
     [("methodical", 1), ("psychological", 1)], []),
    ("Реализация ФОП ДО: современные подходы к дошкольному образованию", "КК ИПК", 72, "blended", True,
     [("legal", 1), ("psychological", 1)], []),
    ("Методика преподавания русского языка: трудные вопросы", "ЛПИ — филиал СФУ", 108, "full_time", False,
     [("subject", 1), ("subject", 2)], [36, 36, 36]),
    ("Психолого-педагогическое сопровождение одарённых детей", "ЦНППМ Красноярского края", 48, "blended", False,
     [("psychological", 1), ("subject", 1)], []),
    ("Профессиональные сообщества педагогов: сетевое взаимодействие", "ЦНППМ Красноярского края", 24,
     "distance", True, [("communicative", 2)], []),
]

ACTIVITIES = [
    ("event", "Городской семинар «Функциональная грамотность на уроке»", [("subject", 3)]),
    ("event", "Методический марафон «Цифровой урок»", [("methodical", 3)]),
    ("event", "Педагогическая мастерская «Формирующее оценивание»", [("methodical", 2)]),
    ("event", "Городская конференция «Инклюзия: опыт и решения»", [("psychological", 2)]),
    ("self_education", "Изучение ФОП ООО и методических рекомендаций к ней", [("legal", 1)]),
    ("self_education", "Цикл вебинаров «Родительское собрание нового формата»", [("communicative", 1)]),
    ("self_education", "Банк заданий ФИПИ по функциональной грамотности: решение и разбор", [("subject", 3),
                                                                                          ("subject", 2)]),
    ("self_education", "Чтение: Д. Уильям «Встроенное формирующее оценивание»", [("methodical", 2)]),
]

# Share of the staff completing PD in each academic year of the demo span, and the CNPPM's part of them.
COMPLETION_RATE = [0.22, 0.26, 0.30, 0.34, 0.38]
AFTER_SPAN_RATE = 0.36
BEFORE_SPAN_YEARS, BEFORE_SPAN_RATE = 3, 0.2
CNPPM_WEIGHT = [0.15, 0.22, 0.30, 0.38, 0.45]
FEDERAL_WEIGHT = [0.15, 0.2, 0.25, 0.3, 0.35]  # of the courses taken elsewhere than at the CNPPM
DIAGNOSIS_RATE = [0.03, 0.08, 0.18, 0.30, 0.40]
ROUTE_RATE = [0.0, 0.05, 0.14, 0.25, 0.34]
ROUTE_DONE = [0.0, 0.40, 0.50, 0.60, 0.65]


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert plain value tuples with ``executemany``: the ORM's per-object work dominates at region scale."""
    from django.db import connection

    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start:start + 5000])


def _post_ledger() -> None:
    """Write the ledger lines of every completion that has none, in one INSERT … SELECT."""
    from django.db import connection

    from training.models import Completion

    source_type = ContentType.objects.get_for_model(Completion).pk
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO training_hourentry (pedagogue_id, date, hours, kind, title, source_type_id, source_id) "
            "SELECT c.pedagogue_id, c.finished, c.hours, "
            "CASE WHEN c.module_id IS NULL THEN 'course' ELSE 'module' END, "
            "SUBSTR(COALESCE(m.title, p.title), 1, 300), %s, c.id "
            "FROM training_completion c JOIN training_programme p ON p.id = c.programme_id "
            "LEFT JOIN training_module m ON m.id = c.module_id "
            "WHERE NOT EXISTS (SELECT 1 FROM training_hourentry h WHERE h.source_type_id = %s AND h.source_id = c.id)",
            [source_type, source_type],
        )


def seed(ctx) -> None:
    from training.models import Completion

    if ctx.seeded("training", Completion.objects.filter(pedagogue__municipality=ctx.municipality)):
        return
    rng = ctx.rng
    framework = _framework()
    programmes = _catalogue(framework)
    staff_by_year = _staff(ctx)
    completions = _completions(ctx, rng, programmes, staff_by_year)
    diagnoses, routes = _diagnoses_and_routes(ctx, rng, framework, programmes, staff_by_year)
    _teacher(ctx, rng, framework, programmes)
    ctx.log(f"training: {len(programmes)} programmes, {completions} completions, {diagnoses} diagnoses, "
            f"{routes} routes")


def _framework() -> dict:
    from training.models import Competency

    return {(c.block.code, c.order): c for c in Competency.objects.select_related("block")}


def _catalogue(framework) -> list:
    from training.models import Activity
    from training.models import Module
    from training.models import Programme
    from training.models import Provider

    providers = {}
    for name, short, kind, website in PROVIDERS:
        providers[short], _ = Provider.objects.get_or_create(
            name=name, defaults={"short_name": short, "type": kind, "website": website})
    programmes = []
    for title, provider, hours, fmt, federal, competencies, modules in PROGRAMMES:
        programme, created = Programme.objects.get_or_create(
            title=title, provider=providers[provider],
            defaults={"hours": hours, "format": fmt, "federal_register": federal})
        if created:
            programme.competencies.set([framework[key] for key in competencies if key in framework])
            Module.objects.bulk_create([
                Module(programme=programme, title=f"Модуль {number}", hours=module_hours, order=number)
                for number, module_hours in enumerate(modules, start=1)
            ])
        programmes.append(programme)
    for kind, title, competencies in ACTIVITIES:
        activity, created = Activity.objects.get_or_create(title=title, defaults={"kind": kind})
        if created:
            activity.competencies.set([framework[key] for key in competencies if key in framework])
    return list(Programme.objects.filter(pk__in=[p.pk for p in programmes]).select_related("provider")
                .prefetch_related("modules", "competencies"))


def _academic_years(ctx) -> list:
    """The demo span and the years after it up to the current one."""
    from core.models import AcademicYear

    current = AcademicYear.objects.containing(ctx.today)
    last = current.start_year if current else ctx.years[-1].start_year
    # Three years before the span too, so the 3-year requirement reads true from the span's first year.
    first = ctx.years[0].start_year - BEFORE_SPAN_YEARS
    return list(AcademicYear.objects.filter(start_year__gte=first, start_year__lte=last))


def _staff(ctx) -> dict:
    """Return {start_year: [pedagogue ids employed during that academic year]}."""
    from core.models import Employment

    rows = Employment.objects.filter(institution__municipality__in=ctx.municipalities).values_list(
        "pedagogue_id", "hired", "left")
    staff: dict[int, set[int]] = defaultdict(set)
    years = _academic_years(ctx)
    for pedagogue_id, hired, left in rows:
        for year in years:
            if hired <= year.end and (left is None or left >= year.start):
                staff[year.start_year].add(pedagogue_id)
    return {year: sorted(ids) for year, ids in staff.items()}


def _day_in(rng, year, until: datetime.date) -> datetime.date:
    start = datetime.date(year.start_year, 9, 15)
    end = min(datetime.date(year.start_year + 1, 6, 20), until)
    if end <= start:
        return start
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _completions(ctx, rng, programmes, staff_by_year) -> int:
    from django.db import connection

    from training.models import Completion

    today = ctx.today
    span = [year.start_year for year in ctx.years]
    cnppm = [p for p in programmes if p.provider.type == "cnppm"]
    federal = [p for p in programmes if p.provider.type != "cnppm" and p.federal_register]
    others = [p for p in programmes if p.provider.type != "cnppm" and not p.federal_register]
    modules = {p.pk: list(p.modules.all()) for p in programmes}
    methodist = ctx.users.get("methodist")
    created = connection.ops.adapt_datetimefield_value(timezone.now())
    day = connection.ops.adapt_datefield_value
    rows = []
    for year in _academic_years(ctx):
        if year.start > today:
            continue
        index = span.index(year.start_year) if year.start_year in span else None
        before = year.start_year < span[0]
        rate = COMPLETION_RATE[index] if index is not None else BEFORE_SPAN_RATE if before else AFTER_SPAN_RATE
        cnppm_weight = CNPPM_WEIGHT[index] if index is not None else 0.1 if before else CNPPM_WEIGHT[-1]
        federal_weight = FEDERAL_WEIGHT[index] if index is not None else 0.1 if before else FEDERAL_WEIGHT[-1]
        if year.contains(today):  # the year under way: the part of it already behind us
            rate *= max(0.0, min(1.0, (today - year.start).days / 300))
        people = staff_by_year.get(year.start_year, [])
        for pedagogue_id in rng.sample(people, int(len(people) * rate)):
            if rng.random() < cnppm_weight:
                programme = rng.choice(cnppm)
            else:
                programme = rng.choice(federal if rng.random() < federal_weight else others)
            options = modules[programme.pk]
            module = rng.choice(options) if options and rng.random() < 0.4 else None
            finished = _day_in(rng, year, today)
            started = finished - datetime.timedelta(days=rng.randint(5, 40))
            rows.append((pedagogue_id, programme.pk, module.pk if module else None, day(started), day(finished),
                         module.hours if module else programme.hours, f"24{rng.randint(10 ** 9, 10 ** 10 - 1)}",
                         methodist.pk if methodist else None, created))
    _insert(Completion, ["pedagogue", "programme", "module", "started", "finished", "hours", "certificate_number",
                         "created_by", "created"], rows)
    _post_ledger()
    return len(rows)


def _answers_for(rng, diagnosis_id: int, statements, weak: set, gain: float = 0.0) -> list[tuple]:
    answers = []
    for statement in statements:
        if statement.competency_id in weak:
            score = rng.choices([0, 1, 2, 3], weights=[2, 5, 3 + 6 * gain, 1 + 6 * gain])[0]
        else:
            score = rng.choices([1, 2, 3], weights=[1, 4, 6])[0]
        answers.append((diagnosis_id, statement.pk, score))
    return answers


def _diagnoses_and_routes(ctx, rng, framework, programmes, staff_by_year) -> tuple[int, int]:
    from core.models import Pedagogue
    from training.models import Answer
    from training.models import Diagnosis
    from training.models import DiagnosisKind
    from training.models import ItemKind
    from training.models import ItemStatus
    from training.models import Route
    from training.models import RouteItem
    from training.models import Statement

    city_staff = set(Pedagogue.objects.filter(municipality=ctx.municipality).values_list("pk", flat=True))
    teacher = ctx.extra.get("teacher_pedagogue")
    statements = list(Statement.objects.all())
    competency_ids = [c.pk for c in framework.values()]
    by_competency = defaultdict(list)
    for programme in programmes:
        for competency in programme.competencies.all():
            by_competency[competency.pk].append(programme)
    tutor = ctx.users.get("methodist")
    diagnoses_total = routes_total = 0
    for index, year in enumerate(ctx.years):
        people = [pk for pk in staff_by_year.get(year.start_year, []) if pk in city_staff and
                  (teacher is None or pk != teacher.pk)]
        chosen = rng.sample(people, int(len(people) * DIAGNOSIS_RATE[index]))
        when = timezone.make_aware(datetime.datetime(year.start_year, 10, 1, 12, 0))
        diagnoses = Diagnosis.objects.bulk_create([
            Diagnosis(pedagogue_id=pk, year=year, kind=DiagnosisKind.SELF if rng.random() < 0.85 else
                      DiagnosisKind.EXTERNAL, started_at=when, completed_at=when + datetime.timedelta(days=2),
                      recorded_by=tutor)
            for pk in chosen
        ], batch_size=2000)
        if diagnoses and diagnoses[0].pk is None:
            diagnoses = list(Diagnosis.objects.filter(year=year, pedagogue_id__in=chosen))
        weak_of = {d.pk: set(rng.sample(competency_ids, rng.randint(2, 4))) for d in diagnoses}
        answers = []
        for diagnosis in diagnoses:
            answers.extend(_answers_for(rng, diagnosis.pk, statements, weak_of[diagnosis.pk]))
        _insert(Answer, ["diagnosis", "statement", "score"], answers)
        diagnoses_total += len(diagnoses)

        with_route = [d for d in diagnoses if rng.random() < ROUTE_RATE[index] / max(DIAGNOSIS_RATE[index], 0.01)]
        routes = Route.objects.bulk_create([
            Route(pedagogue_id=d.pedagogue_id, year=year, diagnosis_id=d.pk, created=when)
            for d in with_route
        ])
        if routes and routes[0].pk is None:
            routes = list(Route.objects.filter(year=year))
        items, links = [], []
        for route, diagnosis in zip(routes, with_route, strict=True):
            done = rng.random() < ROUTE_DONE[index]
            for number, competency_id in enumerate(sorted(weak_of[diagnosis.pk]), start=1):
                options = by_competency.get(competency_id)
                accepted = done or rng.random() < 0.5
                status = ItemStatus.ACCEPTED if accepted else rng.choice([ItemStatus.PLANNED, ItemStatus.SUBMITTED])
                if options and rng.random() < 0.7:
                    programme = rng.choice(options)
                    item = RouteItem(route=route, kind=ItemKind.COURSE, title=programme.title, programme=programme)
                else:
                    kind = rng.choice([ItemKind.SELF_EDUCATION, ItemKind.ASSOCIATION, ItemKind.EVENT,
                                       ItemKind.MENTORING])
                    item = RouteItem(route=route, kind=kind, title=OWN_ITEMS[kind])
                item.deadline = datetime.date(year.start_year + 1, rng.choice([2, 3, 4, 5]), 15)
                item.status = status
                item.order = number
                if status != ItemStatus.PLANNED:
                    item.evidence_link = f"https://sites.google.com/view/portfolio-{route.pedagogue_id}/{number}"
                if status == ItemStatus.ACCEPTED:
                    item.reviewed_by = tutor
                    item.reviewed_at = timezone.make_aware(datetime.datetime(year.start_year + 1, 5, 20, 10))
                items.append(item)
                links.append(competency_id)
        RouteItem.objects.bulk_create(items, batch_size=2000)
        if items and items[0].pk is None:
            items = list(RouteItem.objects.filter(route__year=year).order_by("pk"))
        through = RouteItem.competencies.through
        through.objects.bulk_create([through(routeitem_id=item.pk, competency_id=competency_id)
                                     for item, competency_id in zip(items, links, strict=True)], batch_size=5000)
        routes_total += len(routes)
    return diagnoses_total, routes_total


OWN_ITEMS = {
    "self_education": "Самообразование: изучение методической литературы по теме дефицита",
    "association": "Участие в работе городского методического объединения",
    "event": "Участие в городском методическом семинаре",
    "mentoring": "Консультации наставника по теме дефицита",
}


def _teacher(ctx, rng, framework, programmes) -> None:
    """The demo teacher: a diagnosis last year with a completed route, this year's diagnosis and a route
    in progress (one item accepted, one waiting for the tutor, the rest planned)."""
    from core.models import AcademicYear
    from training.models import Answer
    from training.models import Diagnosis
    from training.models import ItemKind
    from training.models import ItemStatus
    from training.models import Route
    from training.models import RouteItem
    from training.models import Statement
    from training.models import suggestions

    teacher = ctx.extra.get("teacher_pedagogue")
    current = AcademicYear.objects.containing(ctx.today)
    if teacher is None or current is None:
        return
    statements = list(Statement.objects.all())
    weak = {framework[("subject", 3)].pk, framework[("methodical", 2)].pk, framework[("communicative", 1)].pk}
    now = timezone.now()
    year_ago = now - datetime.timedelta(days=365)
    earlier = Diagnosis.objects.create(pedagogue=teacher, year=current.previous(), started_at=year_ago,
                                       completed_at=year_ago, recorded_by=ctx.users.get("teacher"))
    _insert(Answer, ["diagnosis", "statement", "score"],
            _answers_for(rng, earlier.pk, statements, weak | {framework[("legal", 1)].pk}))
    diagnosis = Diagnosis.objects.create(pedagogue=teacher, year=current, started_at=now - datetime.timedelta(days=40),
                                         completed_at=now - datetime.timedelta(days=40),
                                         recorded_by=ctx.users.get("teacher"))
    # Rate the weak competencies low on purpose so the demo shows clear deficits.
    Answer.objects.bulk_create([
        Answer(diagnosis=diagnosis, statement=s, score=(rng.choice([0, 1]) if s.competency_id in weak else
                                                         rng.choice([2, 3, 3])))
        for s in statements
    ])
    route = Route.objects.create(pedagogue=teacher, year=current, diagnosis=diagnosis,
                                 goal="Развить умения формировать функциональную грамотность и применять "
                                      "формирующее оценивание")
    offers = suggestions(weak)[:2]
    statuses = [ItemStatus.ACCEPTED, ItemStatus.SUBMITTED]
    for number, (offer, status) in enumerate(zip(offers, statuses, strict=False), start=1):
        item = RouteItem.objects.create(
            route=route, kind=offer.kind, title=offer.title, programme=offer.programme, activity=offer.activity,
            deadline=current.start + datetime.timedelta(days=60 * number), status=status, order=number,
            evidence_link=f"https://school1-lesosibirsk.example.ru/portfolio/{number}",
            reviewed_by=ctx.users.get("methodist") if status == ItemStatus.ACCEPTED else None,
            reviewed_at=now if status == ItemStatus.ACCEPTED else None,
            submitted_at=now - datetime.timedelta(days=3),
        )
        item.competencies.set(offer.competency_ids)
    own = RouteItem.objects.create(route=route, kind=ItemKind.ASSOCIATION, order=3,
                                   title="Участие в ГМО учителей начальных классов: выступление с опытом",
                                   deadline=datetime.date(current.start_year + 1, 4, 20))
    own.competencies.set([framework[("communicative", 1)].pk])

