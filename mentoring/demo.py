"""Demo data of mentoring: programmes, pairs with personalised programmes and
evaluations, School of the Young Teacher and supervision sessions with attendance,
targeted support requests and attestation over 2018/2019 – 2022/2023.

Shaped like the order: mentoring grows every year (a larger share of young
specialists gets a mentor, more sessions, better attendance, supervision starts).
The whole region is covered with bulk inserts; tasks, evaluations, support requests
attestation and its support are added for the demo city only, to stay fast.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

COVERAGE = [0.35, 0.47, 0.6, 0.72, 0.84]  # share of young specialists given a mentor, by demo year
ATTENDANCE = [0.38, 0.49, 0.6, 0.7, 0.8]  # share of young specialists who come to the School
SESSIONS = [5, 6, 7, 8, 9]
SUPERVISION = [0, 1, 2, 3, 4]

SESSION_TOPICS = [
    "Нормативно-правовые основы деятельности молодого педагога",
    "Технологическая карта урока по ФГОС",
    "Формирующее оценивание на уроке",
    "Работа с родителями: первые встречи",
    "Дисциплина на уроке без конфликтов",
    "Функциональная грамотность: задания для урока",
    "Самоанализ урока",
    "Портфолио педагога и подготовка к аттестации",
    "Цифровые образовательные ресурсы (ФГИС «Моя школа»)",
    "Профилактика профессионального выгорания",
    "Проектная деятельность обучающихся",
    "Открытый урок молодого педагога: разбор",
]
SUPERVISION_TOPICS = [
    "Супервизия: трудный класс",
    "Супервизия: конфликт с родителями",
    "Супервизия: мотивация неуспевающих",
    "Супервизия: ребёнок с ОВЗ в классе",
]
TASKS = [
    ("Изучить локальные акты школы и должностную инструкцию", False),
    ("Посетить 5 уроков наставника и проанализировать их", False),
    ("Разработать технологические карты уроков на четверть", False),
    ("Провести открытый урок для наставника", True),
    ("Подготовить выступление на ШМО", False),
    ("Составить план работы с родителями класса", False),
    ("Пройти диагностику профессиональных дефицитов", True),
    ("Принять участие в конкурсе «Педагогический дебют»", False),
    ("Промежуточный отчёт наставляемого куратору", True),
]
DONE_COMMENTS = ["Выполнено в срок", "Выполнено, обсуждено с наставником", "Выполнено, материалы в портфолио",
                 "Выполнено с замечаниями, доработано"]
SUPPORT_TOPICS = [
    ("beginner", "Оформление рабочей программы по предмету"),
    ("beginner", "Организация работы классного руководителя"),
    ("beginner", "Подготовка к первому родительскому собранию"),
    ("beginner", "Адаптация рабочей программы для детей с ОВЗ"),
    ("new_head", "Планирование внутришкольного контроля"),
    ("new_head", "Организация наставничества в учреждении"),
    ("new_head", "Подготовка отчёта о самообследовании"),
    ("beginner", "Подготовка к аттестации на соответствие занимаемой должности"),
]
LEADERS = ["Гилязутдинова А. М.", "Безруких Н. В.", "Кравченко О. П.", "Мельникова Т. С."]


def seed(ctx) -> None:
    from mentoring.models import Pair
    from mentoring.models import Session

    if not ctx.municipalities or not ctx.years:
        return
    if ctx.seeded("mentoring", Pair.objects.filter(institution__municipality=ctx.municipality),
                  Session.objects.filter(municipality=ctx.municipality)):
        return
    totals = defaultdict(int)
    for municipality in ctx.municipalities:
        detailed = municipality.pk == ctx.municipality.pk
        for key, value in _seed_municipality(ctx, municipality, detailed).items():
            totals[key] += value
    _seed_demo_users(ctx)
    from mentoring.hours import sync_municipality

    for municipality in ctx.municipalities:
        sync_municipality(municipality)  # bulk inserts bypass the signals that post PD hours
    ctx.log("mentoring: " + ", ".join(f"{value} {key}" for key, value in totals.items()))


def _jobs_of(municipality) -> list[tuple]:
    """Return the municipality's employment rows with what the young-specialist rule needs (one query)."""
    from core.models import Employment

    return list(Employment.objects.filter(institution__municipality=municipality).order_by("pk").values_list(
        "pedagogue_id", "institution_id", "hired", "left", "pedagogue__birth_date", "pedagogue__experience_start"))


def _young_and_mentors(jobs: list[tuple], year):
    """Return ({institution: [(pedagogue id, hired)]} of young specialists, {institution: [mentor ids]}).

    The rule of ``mentoring.models.young_specialist_q`` applied in Python to the rows of one
    query, so the region-scale demo stays fast (the demo writes no manual marks before this).
    """
    from core.models import YOUNG_AGE
    from core.models import YOUNG_SPECIALIST_YEARS
    from core.models import years_before
    from mentoring.models import NEWLY_APPOINTED_YEARS

    day = year.start
    age_limit, experience_limit = years_before(day, YOUNG_AGE), years_before(day, YOUNG_SPECIALIST_YEARS)
    newly_limit, mentor_experience, mentor_age = (years_before(day, NEWLY_APPOINTED_YEARS),
                                                  years_before(day, 10), years_before(day, 62))
    young, mentors = defaultdict(list), defaultdict(set)
    latest: dict[int, tuple] = {}
    for pedagogue_id, institution_id, hired, left, born, experience in jobs:
        if hired > year.end or (left is not None and left < year.start):
            continue
        is_young = (born > age_limit and (experience is None or experience > experience_limit)) or (
            experience is not None and experience > newly_limit)
        if is_young:
            if pedagogue_id not in latest or hired > latest[pedagogue_id][1]:
                latest[pedagogue_id] = (institution_id, hired)
        elif experience is not None and experience <= mentor_experience and born > mentor_age:
            mentors[institution_id].add(pedagogue_id)
    for pedagogue_id, (institution_id, hired) in sorted(latest.items()):
        young[institution_id].append((pedagogue_id, hired))
    return young, {key: sorted(value) for key, value in mentors.items()}


def _seed_municipality(ctx, municipality, detailed: bool) -> dict:
    from mentoring.models import Attendance
    from mentoring.models import MentoringForm
    from mentoring.models import Pair
    from mentoring.models import Participant
    from mentoring.models import ParticipantRole
    from mentoring.models import Programme
    from mentoring.models import Session
    from mentoring.models import SessionKind

    rng = ctx.rng
    forms = list(MentoringForm.objects.order_by("order"))
    single_forms = [f for f in forms if not f.is_group] or forms
    group_forms = [f for f in forms if f.is_group] or forms
    # Most pairs are «педагог – педагог», fewer «руководитель – педагог», a few with a college teacher.
    weights = ([8, 2, 1] + [1] * len(single_forms))[: len(single_forms)]
    counts = defaultdict(int)
    last = len(ctx.years) - 1
    jobs = _jobs_of(municipality)
    for index, year in enumerate(ctx.years):
        young, mentors = _young_and_mentors(jobs, year)
        coverage = COVERAGE[min(index, len(COVERAGE) - 1)]

        # Programmes and pairs, institution by institution.
        pair_rows, member_rows = [], []
        programmes = []
        for institution_id, people in young.items():
            pool = mentors.get(institution_id)
            if not pool:
                continue
            chosen = [item for item in people if rng.random() < coverage]
            if not chosen:
                continue
            programme = Programme(
                institution_id=institution_id,
                title=f"Программа наставничества на {year.start_year}–{year.start_year + 1} у.г.",
                curator_id=rng.choice(pool), start=year.start, end=year.end,
            )
            programmes.append(programme)
            rng.shuffle(chosen)
            while chosen:
                size = 1
                if len(chosen) >= 3 and rng.random() < 0.12:
                    size = rng.randint(2, 3)
                group, chosen = chosen[:size], chosen[size:]
                latest_hire = max(hired for _pk, hired in group)
                start = max(year.start + datetime.timedelta(days=rng.randint(0, 40)),
                            latest_hire + datetime.timedelta(days=rng.randint(3, 14)))
                end = datetime.date(year.start_year + 1, 5, 31)
                if start >= end:
                    continue
                if index == last and rng.random() < 0.5:
                    end = None  # mentoring continues into the next year
                mentor_id = rng.choice(pool)
                if any(pk == mentor_id for pk, _hired in group):
                    continue
                form = rng.choice(group_forms) if size > 1 else rng.choices(single_forms, weights=weights)[0]
                order_date = start - datetime.timedelta(days=rng.randint(1, 10))
                pair_rows.append((
                    Pair(institution_id=institution_id, form=form, start=start, end=end,
                         order_number=f"{rng.randint(40, 190)}-од", order_date=order_date,
                         goal="Адаптация молодого специалиста, развитие методических компетенций"),
                    programme, [pk for pk, _hired in group], mentor_id,
                ))
        Programme.objects.bulk_create(programmes)
        programme_of = {p.institution_id: p for p in programmes}
        for pair, _programme, _mentees, _mentor in pair_rows:
            pair.programme_id = programme_of[pair.institution_id].pk
        Pair.objects.bulk_create([row[0] for row in pair_rows])
        for pair, _programme, mentees, mentor_id in pair_rows:
            member_rows.append((pair.pk, mentor_id, ParticipantRole.MENTOR))
            member_rows.extend((pair.pk, pk, ParticipantRole.MENTEE) for pk in mentees)
        _insert(Participant, ["pair_id", "pedagogue_id", "role"], member_rows)
        counts["programmes"] += len(programmes)
        counts["pairs"] += len(pair_rows)
        if detailed:
            _tasks_and_evaluations(rng, [row[0] for row in pair_rows], index, counts, ctx.today)

        # School of the Young Teacher and supervision.
        sessions = []
        ysh_count = SESSIONS[min(index, len(SESSIONS) - 1)]
        sessions.extend(_school_sessions(rng, municipality, year, ysh_count))
        for topic in rng.sample(SUPERVISION_TOPICS, SUPERVISION[min(index, len(SUPERVISION) - 1)]):
            sessions.append(Session(municipality=municipality, kind=SessionKind.SUPERVISION,
                                    date=datetime.date(year.start_year + 1, rng.randint(1, 4), rng.randint(5, 25)),
                                    topic=topic, leader=rng.choice(LEADERS), place="МБУ «МИМЦ», ауд. 12"))
        Session.objects.bulk_create(sessions)
        # A growing share of young specialists comes to the School; each of them to about half the sessions.
        share = ATTENDANCE[min(index, len(ATTENDANCE) - 1)]
        attendance = []
        for people in young.values():
            for pk, hired in people:
                if rng.random() >= share:
                    continue
                open_to = [session for session in sessions if hired <= session.date]
                if not open_to:
                    continue
                visited = rng.sample(open_to, max(1, round(len(open_to) * rng.uniform(0.3, 0.8))))
                attendance.extend((session.pk, pk) for session in visited)
        _insert(Attendance, ["session_id", "pedagogue_id"], attendance)
        counts["sessions"] += len(sessions)
        counts["attendance records"] += len(attendance)
    if detailed:
        counts.update(_seed_current_sessions(ctx, municipality, jobs))
        counts["support requests"] += _support_requests(ctx, municipality)
        counts["attestations"] += _attestation(ctx, municipality)
    return counts


def _school_sessions(rng, municipality, year, count: int) -> list:
    """The year's ``count`` sessions of the School of the Young Teacher, spread from September to May."""
    from mentoring.models import Session
    from mentoring.models import SessionKind

    sessions = []
    for number, topic in enumerate(rng.sample(SESSION_TOPICS, count)):
        month_offset = int(number * 9 / count)
        day = datetime.date(year.start_year + (1 if month_offset >= 4 else 0), (9 + month_offset - 1) % 12 + 1,
                            rng.randint(10, 25))
        sessions.append(Session(municipality=municipality, kind=SessionKind.YOUNG_TEACHER_SCHOOL, date=day,
                                topic=topic, leader=rng.choice(LEADERS), place="МБУ «МИМЦ», ауд. 12"))
    return sessions


def _seed_current_sessions(ctx, municipality, jobs) -> dict:
    """The current academic year in progress: the School of the Young Teacher's sessions of the year, those held
    up to ``ctx.today`` with their young specialists' attendance (nobody has a certificate of them yet: the
    certificates demo issues last year's); none after the day, since the indicator counts the sessions held. Drawn from a generator of their own, so the
    rest of the demo stays as it was."""
    import random

    from core.models import AcademicYear
    from mentoring.models import Attendance
    from mentoring.models import Session

    rng = random.Random(f"current-sessions-{municipality.code}-{ctx.today}")
    year = AcademicYear.objects.get(start_year=ctx.span_end + 1)
    young, _mentors = _young_and_mentors(jobs, year)
    held = [session for session in _school_sessions(rng, municipality, year, SESSIONS[-1]) if session.date <= ctx.today]
    Session.objects.bulk_create(held)
    attendance = [(session.pk, pk) for people in young.values() for pk, hired in people
                  if rng.random() < ATTENDANCE[-1]
                  for session in held if hired <= session.date and rng.random() < 0.6]
    _insert(Attendance, ["session_id", "pedagogue_id"], attendance)
    return {"sessions this year": len(held), "attendance this year": len(attendance)}


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert plain rows without building model objects: the region demo writes ~100,000 of them."""
    from django.db import connection

    if not rows:
        return
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns)))
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[offset:offset + 5000])


def _tasks_and_evaluations(rng, pairs, index: int, counts, today: datetime.date) -> None:
    from mentoring.models import Evaluation
    from mentoring.models import Task

    tasks, evaluations = [], []
    for pair in pairs:
        for number, (title, checkpoint) in enumerate(rng.sample(TASKS, rng.randint(3, 5))):
            deadline = pair.start + datetime.timedelta(days=30 + number * 50 + rng.randint(0, 20))
            done = deadline < today and rng.random() < 0.7 + index * 0.05
            tasks.append(Task(
                pair=pair, title=title, deadline=deadline, is_checkpoint=checkpoint,
                done_on=deadline - datetime.timedelta(days=rng.randint(0, 10)) if done else None,
                comment=rng.choice(DONE_COMMENTS) if done else "",
            ))
        if pair.end and pair.end < today and rng.random() < 0.6 + index * 0.08:
            base = 3 + (1 if rng.random() < 0.2 + index * 0.12 else 0)
            evaluations.append(Evaluation(
                pair=pair, meetings_regular=min(5, base + rng.randint(0, 1)), plan_followed=base,
                cooperation=min(5, base + rng.randint(0, 1)), process_comment="Встречи проводились по графику",
                adaptation=min(5, base + rng.randint(0, 1)), competence_growth=base,
                mentee_results="Открытый урок, выступление на ШМО", stays_in_profession=rng.random() < 0.9,
                evaluated_on=pair.end,
            ))
    Task.objects.bulk_create(tasks, batch_size=2000)
    Evaluation.objects.bulk_create(evaluations)
    counts["tasks"] += len(tasks)
    counts["evaluations"] += len(evaluations)


def _support_requests(ctx, municipality) -> int:
    from core.models import Pedagogue
    from mentoring.models import SupportRequest
    from mentoring.models import young_specialist_q

    rng = ctx.rng
    methodist = ctx.users.get("methodist")
    rows = []
    for index, year in enumerate(ctx.years):
        people = list(Pedagogue.objects.employed_during(year, municipality).filter(
            young_specialist_q(year.start)).values_list("pk", "institution_id")[:200])
        for _ in range(6 + index * 3):
            kind, topic = rng.choice(SUPPORT_TOPICS)
            received = year.start + datetime.timedelta(days=rng.randint(10, 300))
            pedagogue_id, institution_id = rng.choice(people) if people and kind == "beginner" else (None, None)
            closed = received + datetime.timedelta(days=rng.randint(2, 20))
            rows.append(SupportRequest(
                municipality=municipality, institution_id=institution_id, pedagogue_id=pedagogue_id,
                requester_kind=kind, received_on=received, topic=topic,
                response="Проведена индивидуальная консультация, переданы методические материалы",
                closed_on=closed, recorded_by=methodist,
            ))
    SupportRequest.objects.bulk_create(rows)
    return len(rows)


def _attestation(ctx, municipality) -> int:
    """Attestation records behind the categories assigned during the demo years, a few refusals,
    pending applications of the last year and (in the demo city) the support given."""
    from core.models import Category
    from core.models import Pedagogue
    from mentoring.models import Attestation
    from mentoring.models import AttestationResult
    from mentoring.models import AttestationSupport
    from mentoring.models import SupportKind

    rng = ctx.rng
    first, last = ctx.years[0].start, ctx.years[-1].end
    assigned = Pedagogue.objects.filter(municipality=municipality, category_date__range=(first, last)).exclude(
        category=Category.NONE).values_list("pk", "category", "category_date")
    rows, support = [], []
    methodist = ctx.users.get("methodist")
    for pk, category, day in assigned:
        applied = day - datetime.timedelta(days=rng.randint(45, 90))
        rows.append(Attestation(pedagogue_id=pk, category=category, applied_on=applied, date=day,
                                result=AttestationResult.ASSIGNED, order_ref=f"№ {rng.randint(100, 999)}-11-05"))
        if rng.random() < 0.12:
            refused_on = applied - datetime.timedelta(days=rng.randint(200, 400))
            rows.append(Attestation(pedagogue_id=pk, category=Category.HIGHEST if category == Category.FIRST
                                    else category, applied_on=refused_on - datetime.timedelta(days=60),
                                    date=refused_on, result=AttestationResult.REFUSED))
        if rng.random() < 0.5:
            support.append(AttestationSupport(
                pedagogue_id=pk, date=applied - datetime.timedelta(days=rng.randint(5, 40)),
                kind=rng.choice(list(SupportKind.values)), description="Консультация по заполнению портфолио",
                given_by=methodist,
            ))
    Attestation.objects.bulk_create(rows, batch_size=2000)
    AttestationSupport.objects.bulk_create(support, batch_size=2000)
    return len(rows)


def _seed_demo_users(ctx) -> None:
    """Make sure the demo teacher has a mentor now and the demo school a current programme."""
    from core.models import Pedagogue
    from mentoring.models import MentoringForm
    from mentoring.models import Pair
    from mentoring.models import Participant
    from mentoring.models import ParticipantRole
    from mentoring.models import Programme
    from mentoring.models import Task
    from mentoring.models import YoungSpecialistMark

    teacher = ctx.extra.get("teacher_pedagogue")
    school = ctx.extra.get("school")
    if not teacher or not school:
        return
    if Participant.objects.filter(pedagogue=teacher, role=ParticipantRole.MENTEE, pair__end__isnull=True).exists():
        return
    mentor = (
        Pedagogue.objects.filter(institution=school, experience_start__lt=datetime.date(2005, 1, 1))
        .exclude(pk=teacher.pk).order_by("last_name").first()
    )
    if mentor is None:
        return
    year = ctx.years[-1]
    programme = Programme.objects.filter(institution=school, start=year.start).first() or Programme.objects.create(
        institution=school, title=f"Программа наставничества на {year.start_year}–{year.start_year + 1} у.г.",
        curator=mentor, start=year.start, end=year.end)
    pair = Pair.objects.create(
        institution=school, programme=programme, form=MentoringForm.objects.order_by("order").first(),
        start=year.start + datetime.timedelta(days=7), order_number="112-од", order_date=year.start,
        goal="Адаптация молодого специалиста, развитие методических компетенций",
    )
    Participant.objects.bulk_create([
        Participant(pair=pair, pedagogue=mentor, role=ParticipantRole.MENTOR),
        Participant(pair=pair, pedagogue=teacher, role=ParticipantRole.MENTEE),
    ])
    Task.objects.bulk_create([
        Task(pair=pair, title=TASKS[0][0], deadline=year.start + datetime.timedelta(days=30),
             done_on=year.start + datetime.timedelta(days=25), comment=DONE_COMMENTS[1]),
        Task(pair=pair, title=TASKS[1][0], deadline=year.start + datetime.timedelta(days=90),
             done_on=year.start + datetime.timedelta(days=80), comment=DONE_COMMENTS[0]),
        Task(pair=pair, title=TASKS[3][0], deadline=year.start + datetime.timedelta(days=150), is_checkpoint=True),
    ])
    # A career changer marked by hand: 38, came from industry, taught informally before.
    other = Pedagogue.objects.filter(institution=school, birth_date__lt=datetime.date(1988, 1, 1)).exclude(
        pk__in=[teacher.pk, mentor.pk]).order_by("birth_date").last()
    if other is not None:
        YoungSpecialistMark.objects.get_or_create(
            pedagogue=other, defaults={"is_young": True, "reason": "Пришёл в профессию из другой отрасли",
                                       "marked_by": ctx.users.get("methodist")})
