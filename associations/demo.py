"""Demo data of associations and competitions over 2018/2019 – 2022/2023.

Shaped like the order: the number of ГМО, communities and creative groups grows,
so do their members (more and more of them under 35) and their methodical
products; more pedagogues take part in competitions every year. Every
municipality gets associations, members, products and competitions with bulk
inserts; meetings with attendance and yearly plans are added for the demo city
only, to stay fast at region scale.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

# (title, subject, position) of the city's ГМО; the first ones exist before the demo span.
GMO = [
    ("ГМО учителей начальных классов", "Начальные классы", None),
    ("ГМО учителей русского языка и литературы", "Русский язык", None),
    ("ГМО учителей математики", "Математика", None),
    ("ГМО учителей иностранного языка", "Английский язык", None),
    ("ГМО учителей истории и обществознания", "История", None),
    ("ГМО учителей физической культуры", "Физическая культура", None),
    ("ГМО воспитателей дошкольных образовательных учреждений", None, "воспитатель"),
    ("ГМО педагогов-психологов", None, "педагог-психолог"),
    ("ГМО учителей естественнонаучного цикла", "Биология", None),
    ("ГМО учителей физики", "Физика", None),
    ("ГМО учителей-логопедов и учителей-дефектологов", None, "учитель-логопед"),
    ("ГМО педагогов дополнительного образования", None, "педагог дополнительного образования"),
    ("ГМО учителей информатики", "Информатика", None),
    ("ГМО музыкальных руководителей", None, "музыкальный руководитель"),
    ("ГМО социальных педагогов", None, "социальный педагог"),
    ("ГМО учителей технологии и ИЗО", "Труд (технология)", None),
    ("ГМО советников директора по воспитанию", None, "советник директора по воспитанию"),
]
GMO_ACTIVE = [10, 12, 14, 15, 17]  # ГМО active by demo year

# (kind, title, subject, position, first year index, last year index or None)
COMMUNITIES = [
    ("community", "Профессиональное сообщество «Наставник»", None, None, 0, None),
    ("creative_group", "Творческая группа «Функциональная грамотность»", "Математика", None, 0, 2),
    ("community", "Сообщество молодых педагогов «Старт»", None, None, 1, None),
    ("creative_group", "Творческая группа «Читательская грамотность»", "Русский язык", None, 1, 3),
    ("community", "Сетевое сообщество учителей начальных классов «Перспектива»", "Начальные классы", None, 2, None),
    ("creative_group", "Творческая группа «STEM-образование в детском саду»", None, "воспитатель", 2, None),
    ("creative_group", "Творческая группа «Инклюзивная практика»", None, "учитель-логопед", 2, None),
    ("community", "Профессиональное сообщество «Цифровая школа»", "Информатика", None, 3, None),
    ("creative_group", "Творческая группа «Проектная деятельность»", "История", None, 3, None),
    ("community", "Клуб «Педагог-исследователь»", None, None, 3, None),
    ("creative_group", "Творческая группа «Естественнонаучная грамотность»", "Биология", None, 4, None),
    ("community", "Сообщество «Школа супервизии»", None, "педагог-психолог", 4, None),
    ("creative_group", "Творческая группа «Воспитание в школе: Движение первых»", None, "советник директора по воспитанию",
     4, None),
]
MEMBERS_GROWTH = [1.0, 1.15, 1.32, 1.5, 1.7]
YOUNG_PREFERENCE = [0.2, 0.4, 0.55, 0.7, 0.85]  # chance a new member is picked among pedagogues under 35
PRODUCTS_PER_ASSOCIATION = [0.5, 0.7, 0.9, 1.2, 1.5]
COMPETITION_GROWTH = [1.0, 1.2, 1.45, 1.7, 2.0]

MEETING_TOPICS = [
    "Анализ работы ГМО за прошлый учебный год и планирование на новый",
    "Результаты ГИА и ВПР: анализ и выводы для преподавания",
    "Формирование функциональной грамотности на уроке",
    "Обновлённые ФГОС: рабочие программы и оценивание",
    "Открытые уроки участников объединения: разбор",
    "Цифровые образовательные ресурсы ФГИС «Моя школа»",
    "Подготовка обучающихся к олимпиадам",
    "Работа с детьми с ОВЗ: адаптированные программы",
    "Профилактика профессионального выгорания",
    "Итоги года: методические продукты и публикации",
]
SUPERVISION_TOPICS = ["Супервизия: трудный случай на уроке", "Супервизия: конфликт с родителями",
                      "Супервизия: мотивация обучающихся", "Супервизия: ребёнок с ОВЗ в классе"]
PRODUCT_TITLES = [
    ("recommendations", "Методические рекомендации «{topic}»"),
    ("collection", "Сборник заданий «{topic}»"),
    ("lesson", "Технологические карты уроков: {topic}"),
    ("programme", "Рабочая программа курса «{topic}»"),
    ("case", "Описание практики «{topic}»"),
    ("digital", "Цифровой ресурс «{topic}»"),
    ("manual", "Рабочая тетрадь «{topic}»"),
]
PRODUCT_TOPICS = [
    "Функциональная грамотность", "Смысловое чтение", "Формирующее оценивание", "Проектная задача",
    "Подготовка к ОГЭ", "Подготовка к ЕГЭ", "Читательская грамотность", "Инклюзия в классе",
    "Финансовая грамотность", "Наставничество в школе", "Экологическое воспитание", "Патриотическое воспитание",
    "Ранняя профориентация", "STEM в детском саду", "Цифровая лаборатория", "Музейная педагогика",
]
PLAN_TITLES = ["Заседание ГМО", "Семинар-практикум", "Мастер-класс участников", "Открытые уроки",
               "Круглый стол по итогам ВПР", "Методический марафон", "Итоговое заседание"]

# (title, level, stage, organiser, who (None: anyone), entries in the first year, nominations, team size)
COMPETITIONS = [
    ("Учитель года", "municipal", "муниципальный этап", "Отдел образования, МБУ «МИМЦ»", "general", 6, None, 0),
    ("Воспитатель года", "municipal", "муниципальный этап", "Отдел образования, МБУ «МИМЦ»", "preschool", 5, None, 0),
    ("Педагогический дебют", "municipal", "муниципальный этап", "МБУ «МИМЦ»", "young", 5,
     ["Молодой учитель", "Молодой воспитатель"], 0),
    ("Сердце отдаю детям", "municipal", "муниципальный этап", "МБУ «МИМЦ»", "additional", 3, None, 0),
    ("Методический марафон", "municipal", "", "МБУ «МИМЦ»", "general", 3, None, 3),
    ("Лучший урок с цифровыми ресурсами", "school", "школьный этап", "Образовательные учреждения", None, 8, None, 0),
    ("Учитель года Красноярского края", "regional", "региональный этап", "Министерство образования Красноярского края",
     "general", 2, None, 0),
    ("Педагогический дебют Красноярского края", "regional", "заочный этап", "ККИПК", "young", 2, None, 0),
    ("Воспитатель года России", "federal", "заочный этап", "Минпросвещения России", "preschool", 0, None, 0),
    ("Всероссийский конкурс «Педагог-наставник»", "federal", "", "Минпросвещения России", None, 0, None, 0),
]


@dataclass
class Person:
    pk: int
    birth_date: datetime.date
    position: str
    subjects: set[str] = field(default_factory=set)
    jobs: list[tuple[int, datetime.date, datetime.date | None]] = field(default_factory=list)

    def job_during(self, year) -> tuple[int, datetime.date, datetime.date | None] | None:
        found = None
        for job in self.jobs:
            if job[1] <= year.end and (job[2] is None or job[2] >= year.start):
                found = job
        return found

    def young(self, year) -> bool:
        return self.birth_date > datetime.date(year.start_year - 35, 9, 1)


def seed(ctx) -> None:
    from associations.models import Association

    if not ctx.municipalities or not ctx.years:
        return
    if ctx.seeded("associations", Association.objects.filter(municipality=ctx.municipality)):
        return
    totals: dict[str, int] = defaultdict(int)
    for municipality in ctx.municipalities:
        detailed = municipality.pk == ctx.municipality.pk
        for key, value in _seed_municipality(ctx, municipality, detailed).items():
            totals[key] += value
    totals["school associations"] = _seed_school_associations(ctx)
    from associations.hours import sync_municipality

    for municipality in ctx.municipalities:
        sync_municipality(municipality)  # bulk inserts bypass the signals that post PD hours
    ctx.log("associations: " + ", ".join(f"{value} {key}" for key, value in totals.items()))


# (title after «ШМО», subject) of the school methodical associations of the demo city's first schools.
SCHOOL_ASSOCIATIONS = [
    ("учителей начальных классов", "Начальные классы"),
    ("учителей русского языка и литературы", "Русский язык"),
    ("учителей математики и информатики", "Математика"),
]


def _seed_school_associations(ctx) -> int:
    """A school methodical association (ШМО) in each of the demo city's first three municipal schools, with its
    leader and members from that school's teachers of the subject. Drawn from a generator of their own, so the
    rest of the demo stays as it was; the ГМО and community indicators leave them out, the members' share under 35
    (every kind of association) counts their members."""
    import random

    from associations.models import Association
    from associations.models import AssociationKind
    from associations.models import Membership
    from core.models import Institution
    from core.models import InstitutionType
    from core.models import Subject
    from core.models import Subordination

    rng = random.Random(f"school-associations-{ctx.municipality.code}")
    schools = list(Institution.objects.filter(municipality=ctx.municipality, type=InstitutionType.GENERAL,
                                              subordination=Subordination.MUNICIPAL).natural()[:3])
    people = _people(ctx.municipality)
    subjects = dict(Subject.objects.values_list("name", "pk"))
    started = ctx.years[0].start
    made = 0
    for school, (title, subject) in zip(schools, SCHOOL_ASSOCIATIONS, strict=False):
        staff = [(person, job) for person in people if subject in person.subjects
                 for job in person.jobs if job[0] == school.pk and (job[2] is None or job[2] >= started)]
        if not staff:
            continue
        leader = rng.choice([person for person, job in staff if job[2] is None] or [staff[0][0]])
        association = Association.objects.create(
            municipality=ctx.municipality, institution=school, kind=AssociationKind.SCHOOL,
            title=f"ШМО {title} ({school.short_name})", subject_id=subjects.get(subject), leader_id=leader.pk,
            started=started, goal="Методическая работа учителей предмета в школе.",
        )
        Membership.objects.bulk_create(
            Membership(association=association, pedagogue_id=person.pk, joined=max(started, job[1]), left=job[2])
            for person, job in {person.pk: (person, job) for person, job in staff}.values()
        )
        made += 1
    return made


def _people(municipality) -> list[Person]:
    from core.models import Employment
    from core.models import Pedagogue

    people = {
        pk: Person(pk=pk, birth_date=born, position=position or "")
        for pk, born, position in Pedagogue.objects.filter(municipality=municipality).values_list(
            "pk", "birth_date", "position__name"
        )
    }
    for pk, subject in Pedagogue.subjects.through.objects.filter(pedagogue__municipality=municipality).values_list(
        "pedagogue_id", "subject__name"
    ):
        if pk in people:
            people[pk].subjects.add(subject)
    for pk, institution_id, hired, left in Employment.objects.filter(
        institution__municipality=municipality
    ).order_by("hired").values_list("pedagogue_id", "institution_id", "hired", "left"):
        if pk in people:
            people[pk].jobs.append((institution_id, hired, left))
    return [person for person in people.values() if person.jobs]


def _seed_municipality(ctx, municipality, detailed: bool) -> dict[str, int]:
    from associations.models import Association
    from associations.models import Membership
    from associations.models import Product
    from core.models import Institution
    from core.models import Position
    from core.models import Subject

    rng = ctx.rng
    years = ctx.years
    people = _people(municipality)
    if not people:
        return {}
    by_id = {person.pk: person for person in people}
    types = dict(Institution.objects.filter(municipality=municipality).values_list("pk", "type"))
    subjects = dict(Subject.objects.values_list("name", "pk"))
    positions = dict(Position.objects.values_list("name", "pk"))
    scale = max(0.3, min(1.5, len(people) / 1200))

    # Associations: ГМО in the order of GMO, communities as listed, a few per municipality at region scale.
    first_day = years[0].start
    specs = []
    gmo_count = max(3, round(GMO_ACTIVE[-1] * scale)) if not detailed else GMO_ACTIVE[-1]
    for index, (title, subject, position) in enumerate(GMO[:gmo_count]):
        opened_in = next((i for i, active in enumerate(GMO_ACTIVE) if index < round(active * gmo_count / GMO_ACTIVE[-1])),
                         0)
        started = ctx.shift(datetime.date(2012 + index % 5, 9, 1)) if opened_in == 0 else years[opened_in].start
        specs.append(("gmo", title, subject, position, started, None))
    community_specs = COMMUNITIES if detailed else COMMUNITIES[: max(3, round(len(COMMUNITIES) * scale))]
    for kind, title, subject, position, first, last in community_specs:
        started = years[first].start + datetime.timedelta(days=rng.randint(10, 50)) if first else first_day
        ended = years[last].end - datetime.timedelta(days=rng.randint(0, 60)) if last is not None else None
        specs.append((kind, title, subject, position, started, ended))

    leaders = {}
    expert = ctx.extra.get("expert_pedagogue")
    associations = []
    for kind, title, subject, position, started, ended in specs:
        pool = _pool(people, subject, position, years[-1])
        leader = rng.choice(pool) if pool else None
        if detailed and expert is not None and subject == "Математика" and kind == "gmo":
            leader = by_id.get(expert.pk, leader)  # the demo expert leads a ГМО and edits it
        leaders[title] = leader
        associations.append(Association(
            municipality=municipality, kind=kind, title=title, subject_id=subjects.get(subject),
            position_id=positions.get(position), leader_id=leader.pk if leader else None, started=started,
            ended=ended, goal="Повышение профессиональной компетентности педагогов, обобщение и распространение "
                              "педагогического опыта.",
        ))
    Association.objects.bulk_create(associations)
    associations = list(Association.objects.filter(municipality=municipality).order_by("pk"))

    # Members: every year each active association grows, more and more with pedagogues under 35.
    employed = [{p.pk: p.job_during(year) for p in people if p.job_during(year)} for year in years]
    memberships = []
    members_of: dict[int, dict[int, Membership]] = defaultdict(dict)
    for association in associations:
        base = rng.randint(8, 16) if association.kind == "gmo" else rng.randint(5, 9)
        pool_all = _pool(people, _name(association.subject_id, subjects), _name(association.position_id, positions),
                         years[-1], strict=False)
        leader = leaders.get(association.title)
        for index, year in enumerate(years):
            if association.started > year.end or (association.ended and association.ended < year.start):
                continue
            current = members_of[association.pk]
            jobs = employed[index]
            candidates = [p for p in pool_all if p.pk in jobs and p.pk not in current]
            # A random draw of a few more than needed: shuffling whole pools is what made the region slow.
            need = 3 * (round(base * MEMBERS_GROWTH[index]) + 2)
            young_pool = [p for p in candidates if p.young(year)]
            young = iter(rng.sample(young_pool, min(len(young_pool), need)))
            anyone = iter(rng.sample(candidates, min(len(candidates), need)))
            if index:  # some experienced members step back, making room for the young
                for membership in current.values():
                    if membership.left is None and membership.joined < year.start - datetime.timedelta(days=1) \
                            and not by_id[membership.pedagogue_id].young(year) and rng.random() < 0.07:
                        membership.left = year.start - datetime.timedelta(days=1)
            target = round(base * MEMBERS_GROWTH[index])
            active_now = sum(1 for m in current.values() if m.left is None or m.left >= year.start)
            taken = set(current)
            while active_now < target:
                if leader is not None and leader.pk not in taken and leader.pk in jobs:
                    person = leader
                elif rng.random() < YOUNG_PREFERENCE[index]:
                    person = _next_free(young, taken) or _next_free(anyone, taken)
                else:
                    person = _next_free(anyone, taken)
                if person is None:
                    break
                taken.add(person.pk)
                job = jobs[person.pk]
                joined = max(year.start + datetime.timedelta(days=rng.randint(0, 45)), job[1], association.started)
                if association.ended and joined > association.ended:
                    joined = max(year.start, job[1], association.started)
                    if joined > association.ended:
                        continue
                left = job[2] if job[2] and job[2] >= joined else None
                if left is None and association.ended:
                    left = association.ended
                if left is None and rng.random() < 0.04:
                    left = min(year.end, joined + datetime.timedelta(days=rng.randint(120, 300)))
                membership = Membership(association_id=association.pk, pedagogue_id=person.pk, joined=joined, left=left)
                current[person.pk] = membership
                memberships.append(membership)
                active_now += 1
    _force_demo_members(ctx, detailed, associations, members_of, memberships, by_id, years)
    Membership.objects.bulk_create(memberships, batch_size=2000)

    # Products: the number per association grows every year; authors are members of the year.
    products, authors = [], []
    through = Product.authors.through
    serial = 0
    for association in associations:
        for index, year in enumerate(years):
            if association.started > year.end or (association.ended and association.ended < year.start):
                continue
            expected = PRODUCTS_PER_ASSOCIATION[index] * (1.2 if association.kind != "gmo" else 1.0)
            count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
            active = [m.pedagogue_id for m in members_of[association.pk].values()
                      if m.joined <= year.end and (m.left is None or m.left >= year.start)]
            for _number in range(count):
                if not active:
                    break
                serial += 1
                kind, pattern = rng.choice(PRODUCT_TITLES)
                created = max(year.start + datetime.timedelta(days=rng.randint(30, 330)), association.started)
                if created > year.end:
                    continue
                products.append(Product(
                    association_id=association.pk, title=pattern.format(topic=rng.choice(PRODUCT_TOPICS)), type=kind,
                    created_on=created, url=f"https://mimc.example.ru/products/{municipality.code}/{serial}",
                    bank_ref=f"Банк методических продуктов, № {serial}" if rng.random() < 0.3 else "",
                ))
                authors.append(rng.sample(active, k=min(len(active), rng.randint(1, 3))))
    Product.objects.bulk_create(products, batch_size=2000)
    through.objects.bulk_create(
        [through(product_id=product.pk, pedagogue_id=pk) for product, ids in zip(products, authors, strict=True)
         for pk in ids],
        batch_size=5000,
    )

    counts = {"associations": len(associations), "memberships": len(memberships), "products": len(products)}
    if detailed:
        counts.update(_seed_meetings(ctx, associations, members_of, years))
        counts.update(_seed_current_meetings(ctx, associations, members_of))
    counts.update(_seed_competitions(ctx, municipality, people, types, years, detailed))
    return counts


def _next_free(people, taken: set) -> Person | None:
    for person in people:
        if person.pk not in taken:
            return person
    return None


def _name(pk, index: dict) -> str | None:
    if pk is None:
        return None
    return next((name for name, value in index.items() if value == pk), None)


def _pool(people: list[Person], subject: str | None, position: str | None, year, strict: bool = True) -> list[Person]:
    """Return the pedagogues of the area (subject or position); without an area, everyone."""
    if subject:
        found = [p for p in people if subject in p.subjects]
    elif position:
        found = [p for p in people if p.position == position]
    else:
        found = list(people)
    if not found and not strict:
        found = list(people)
    return found


def _force_demo_members(ctx, detailed, associations, members_of, memberships, by_id, years) -> None:
    """Make the demo teacher a member of a ГМО and a community, so their page shows both."""
    from associations.models import Membership

    teacher = ctx.extra.get("teacher_pedagogue")
    if not detailed or teacher is None or teacher.pk not in by_id:
        return
    person = by_id[teacher.pk]
    wanted = [a for a in associations if a.kind == "gmo" and a.ended is None][:1]
    wanted += [a for a in associations if a.title.startswith("Сообщество молодых педагогов")][:1]
    for association in wanted:
        if teacher.pk in members_of[association.pk]:
            continue
        year = next((y for y in years if person.job_during(y) and association.started <= y.end), None)
        if year is None:
            continue
        job = person.job_during(year)
        joined = max(year.start, job[1], association.started)
        membership = Membership(association_id=association.pk, pedagogue_id=teacher.pk, joined=joined)
        members_of[association.pk][teacher.pk] = membership
        memberships.append(membership)


def _seed_meetings(ctx, associations, members_of, years) -> dict[str, int]:
    from associations.models import Attendance
    from associations.models import Meeting
    from associations.models import PlanItem

    rng = ctx.rng
    meetings, marks, plan = [], [], []
    today = ctx.today
    for association in associations:
        for index, year in enumerate(years):
            if association.started > year.end or (association.ended and association.ended < year.start):
                continue
            count = rng.randint(4, 5) if association.kind == "gmo" else rng.randint(3, 4) + index // 2
            supervision = association.kind == "community" and "супервизии" in association.title
            for number in range(count):
                day = year.start + datetime.timedelta(days=20 + number * (280 // count) + rng.randint(0, 10))
                if day < association.started or (association.ended and day > association.ended) or day > today:
                    continue
                meeting = _meeting(rng, association, day, number, index, supervision)
                meetings.append((meeting, _marks(rng, members_of[association.pk], day, index)))
                plan.append(PlanItem(association_id=association.pk, year_id=year.pk, planned_on=day, title=meeting.topic,
                                     responsible="Руководитель ГМО", done=day <= today))
            for extra in range(2):
                day = year.start + datetime.timedelta(days=60 + extra * 120 + rng.randint(0, 20))
                plan.append(PlanItem(association_id=association.pk, year_id=year.pk, planned_on=day,
                                     title=rng.choice(PLAN_TITLES), responsible="Участники объединения",
                                     done=day <= today and rng.random() < 0.85))
    Meeting.objects.bulk_create([meeting for meeting, _marks in meetings], batch_size=2000)
    for meeting, rows in meetings:
        marks.extend(Attendance(meeting_id=meeting.pk, pedagogue_id=pk, present=present) for pk, present in rows)
    Attendance.objects.bulk_create(marks, batch_size=5000)
    PlanItem.objects.bulk_create(plan, batch_size=2000)
    return {"meetings": len(meetings), "attendance marks": len(marks), "plan items": len(plan)}


def _meeting(rng, association, day: datetime.date, number: int, index: int, supervision: bool):
    """A meeting of the association on the day, the ``number``-th of its year (``index`` in the span)."""
    from associations.models import Meeting

    topic = rng.choice(SUPERVISION_TOPICS) if supervision or (index >= 3 and rng.random() < 0.15) \
        else MEETING_TOPICS[number * 2 % len(MEETING_TOPICS)] if number == 0 else rng.choice(MEETING_TOPICS)
    kind = "supervision" if topic in SUPERVISION_TOPICS else ("workshop" if rng.random() < 0.2 else "meeting")
    meeting_format = rng.choices(["in_person", "distance", "blended", "correspondence"],
                                 weights=[6, 2 + index, 1 + index, 1])[0]
    return Meeting(
        association_id=association.pk, date=day, topic=topic, kind=kind, format=meeting_format,
        agenda="1. " + topic + ".\n2. Обмен опытом.\n3. Разное.", guests_count=rng.randint(0, 3),
        # Workshops are the seminars that count toward PD hours (posted by associations.hours).
        counts_toward_pd=kind == "workshop", pd_hours=Decimal("4") if kind == "workshop" else None,
    )


def _marks(rng, members: dict, day: datetime.date, index: int) -> list[tuple[int, bool]]:
    """(pedagogue id, present) of the association's members on the day."""
    present_rate = 0.7 + 0.04 * index
    return [(m.pedagogue_id, rng.random() < present_rate) for m in members.values()
            if m.joined <= day and (m.left is None or m.left >= day)]


def _seed_current_meetings(ctx, associations, members_of) -> dict[str, int]:
    """The current academic year in progress: each active association's meetings held from 1 September up to
    ``ctx.today`` and its plan for the rest of the year. The two latest meetings held have no attendance marked
    yet (the methodist's home page counts them); nobody has a certificate of them yet (the certificates demo
    issues last year's). Drawn from a generator of their own, so the rest of the demo stays as it was."""
    import random

    from associations.models import Attendance
    from associations.models import Meeting
    from associations.models import PlanItem
    from core.models import AcademicYear

    rng = random.Random(f"current-meetings-{ctx.municipality.code}-{ctx.today}")
    year = AcademicYear.objects.get(start_year=ctx.span_end + 1)
    index = len(ctx.years)  # one year after the span's last
    held, plan = [], []
    for association in associations:
        if association.started > ctx.today or (association.ended and association.ended < year.start):
            continue
        count = rng.randint(4, 5)
        supervision = association.kind == "community" and "супервизии" in association.title
        for number in range(count):
            day = year.start + datetime.timedelta(days=14 + number * (280 // count) + rng.randint(0, 10))
            meeting = _meeting(rng, association, day, number, index, supervision)
            if day <= ctx.today:  # a planned one is only in the plan
                held.append((association, meeting))
            plan.append(PlanItem(association_id=association.pk, year_id=year.pk, planned_on=day, title=meeting.topic,
                                 responsible="Руководитель ГМО", done=day <= ctx.today))
    Meeting.objects.bulk_create([meeting for _association, meeting in held])
    unmarked = {meeting.pk for _association, meeting in sorted(held, key=lambda row: row[1].date)[-2:]}
    marks = [Attendance(meeting_id=meeting.pk, pedagogue_id=pk, present=present)
             for association, meeting in held if meeting.pk not in unmarked
             for pk, present in _marks(rng, members_of[association.pk], meeting.date, index)]
    Attendance.objects.bulk_create(marks, batch_size=5000)
    PlanItem.objects.bulk_create(plan)
    return {"meetings this year": len(held), "of them without attendance": len(unmarked)}


def _seed_competitions(ctx, municipality, people, types, years, detailed: bool) -> dict[str, int]:
    from associations.models import Competition
    from associations.models import Participant
    from associations.models import Participation

    rng = ctx.rng
    scale = max(0.3, min(1.5, len(people) / 1200))
    competitions, plans = [], []
    whos = {who for *_rest, who, _first, _nominations, _team in COMPETITIONS}
    for index, year in enumerate(years):
        staff = [(p, p.job_during(year)) for p in people]
        staff = [(p, job) for p, job in staff if job]
        pools = {who: [p for p, job in staff if _fits(p, job, who, types, year)] for who in whos}
        for title, level, stage, organiser, who, first_entries, nominations, team_size in COMPETITIONS:
            if title.startswith("Всероссийский") and index < 2:
                continue
            entries = first_entries * COMPETITION_GROWTH[index] * (scale if level != "federal" else 1)
            if level == "federal":
                entries = 1 if rng.random() < 0.3 + 0.15 * index else 0
            count = int(entries) + (1 if rng.random() < entries - int(entries) else 0)
            if not count:
                continue
            pool = pools[who]
            if not pool:
                continue
            starts = datetime.date(year.start_year + (1 if level != "school" else 0), rng.choice([1, 2, 3]),
                                   rng.randint(1, 25))
            competition = Competition(
                municipality=municipality, title=title, level=level, year_id=year.pk, stage=stage,
                organiser=organiser, starts=starts, ends=starts + datetime.timedelta(days=rng.randint(1, 30)),
            )
            competitions.append(competition)
            plans.append((competition, pool, count, nominations, team_size))
    Competition.objects.bulk_create(competitions)

    entries, members = [], []
    teacher = ctx.extra.get("teacher_pedagogue") if detailed else None
    for competition, pool, count, nominations, team_size in plans:
        chosen = rng.sample(pool, min(len(pool), count * max(team_size, 1)))
        if teacher is not None and competition.title == "Педагогический дебют" and competition.year_id == years[-2].pk:
            chosen = [p for p in pool if p.pk == teacher.pk] + [p for p in chosen if p.pk != teacher.pk]
        pool = chosen
        groups = []
        if team_size:
            for number in range(count):
                group = pool[number * team_size:(number + 1) * team_size]
                if len(group) == team_size:
                    groups.append(group)
        else:
            groups = [[person] for person in pool[:count]]
        index = next(i for i, y in enumerate(years) if y.pk == competition.year_id)
        year_of_competition = years[index]
        prizes = max(1, round(len(groups) * (0.3 + 0.04 * index)))  # better preparation: more prizes each year
        for place, group in enumerate(groups):
            result = "winner" if place == 0 else "prize_winner" if place <= prizes else \
                "laureate" if rng.random() < 0.3 else "participant"
            entry = Participation(
                competition=competition, result=result,
                team_name=f"Команда № {place + 1}" if team_size else "",
                nomination=_nomination(nominations, group[0], year_of_competition, types),
            )
            entries.append(entry)
            members.append(group)
    Participation.objects.bulk_create(entries, batch_size=2000)
    year_of = {c.pk: c for c in competitions}
    rows = []
    for entry, group in zip(entries, members, strict=True):
        competition = year_of[entry.competition_id]
        year = next(y for y in years if y.pk == competition.year_id)
        for person in group:
            rows.append(Participant(participation_id=entry.pk, competition_id=entry.competition_id,
                                    pedagogue_id=person.pk, institution_id=person.job_during(year)[0]))
    Participant.objects.bulk_create(rows, batch_size=5000)
    return {"competitions": len(competitions), "competition entries": len(entries)}


def _nomination(nominations, person: Person, year, types) -> str:
    """The «young teacher» nomination for schools, the «young educator» one for kindergartens."""
    if not nominations:
        return ""
    job = person.job_during(year)
    return nominations[1] if job and types.get(job[0]) == "preschool" and len(nominations) > 1 else nominations[0]


def _fits(person: Person, job, who, types, year) -> bool:
    if who is None:
        return True
    if who == "young":
        return person.young(year) and year.start.year - job[1].year <= 5
    return types.get(job[0]) == who
