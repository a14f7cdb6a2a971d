"""Demo data of staffing: three campaigns (as of 1 August of the current academic year and the two before) with realistic
needs, and the regulatory documents of the process.

Shaped like the order: the first two campaigns are closed with every answer accepted;
the third is open, most institutions have answered, some are late and a few have not
started (the demo school among them, so its user can fill the form or upload Excel).
Vacancies are realistic (a few percent of posts) and ease slightly as the answers
come in more and more on time.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

# (as of, academic year start, deadline, status, share on time, share answered, mean rows)
CAMPAIGNS = [
    (datetime.date(2020, 8, 1), 2020, datetime.date(2020, 6, 10), "closed", 0.72, 1.0, 1.5),
    (datetime.date(2021, 8, 1), 2021, datetime.date(2021, 6, 10), "closed", 0.83, 1.0, 1.4),
    (datetime.date(2022, 8, 1), 2022, datetime.date(2022, 6, 10), "open", 0.9, 0.88, 1.3),
]

NEEDS_BY_TYPE = {
    "general": [
        (("учитель", "Математика"), 14), (("учитель", "Русский язык"), 12), (("учитель", "Английский язык"), 10),
        (("учитель", "Начальные классы"), 10), (("учитель", "Физика"), 6), (("учитель", "Информатика"), 5),
        (("учитель", "Химия"), 4), (("учитель", "Физическая культура"), 4), (("учитель", "История"), 3),
        (("педагог-психолог", None), 5), (("учитель-логопед", None), 4), (("социальный педагог", None), 3),
        (("учитель-дефектолог", None), 2), (("советник директора по воспитанию", None), 2),
    ],
    "preschool": [
        (("воспитатель", None), 70), (("музыкальный руководитель", None), 8),
        (("инструктор по физической культуре", None), 8), (("учитель-логопед", None), 10),
        (("педагог-психолог", None), 4),
    ],
    "additional": [(("педагог дополнительного образования", None), 80), (("тренер-преподаватель", None), 20)],
    "vocational": [(("преподаватель", "Математика"), 20), (("преподаватель", "Информатика"), 20),
                   (("преподаватель", None), 30), (("мастер производственного обучения", None), 30)],
}
REASONS = [("vacancy", 40), ("retirement", 25), ("maternity", 20), ("growth", 15)]
SUPPORT = [("none", 50), ("housing", 12), ("compensation", 23), ("housing_compensation", 10), ("other", 5)]
REQUIREMENTS = [
    "", "", "Высшее педагогическое образование по профилю",
    "Высшее или среднее профессиональное педагогическое образование",
    "Опыт работы с детьми с ОВЗ приветствуется", "Готовность к классному руководству",
    "Молодой специалист, возможно целевое обучение",
]
RETURN_COMMENTS = [
    "Не указан предмет для вакансии учителя", "Уточните количество ставок по учителю-логопеду",
    "Не заполнены контактные данные",
]
DOCUMENTS = [
    ("Положение о порядке выявления кадровых потребностей муниципальных образовательных учреждений",
     "112", datetime.date(2017, 3, 14), "repealed"),
    ("Положение о порядке выявления кадровых потребностей муниципальных образовательных учреждений "
     "(новая редакция, п. 5 приказа № 110а)", "241", datetime.date(2021, 8, 30), "in_force"),
    ("Приказ об организации ежегодного сбора сведений о кадровой потребности", "96", datetime.date(2022, 5, 4),
     "in_force"),
    ("Порядок предоставления мер поддержки молодым специалистам (служебное жильё, подъёмные)", "57",
     datetime.date(2019, 2, 11), "to_update"),
    ("Форма сведений о кадровой потребности образовательного учреждения (приложение к приказу)", "96/1",
     datetime.date(2022, 5, 4), "in_force"),
]


def _weighted(rng, pairs):
    return rng.choices([value for value, _w in pairs], weights=[w for _v, w in pairs])[0]


def seed(ctx) -> None:
    from django.utils import timezone

    from core.demo import shift_date
    from core.models import AcademicYear
    from core.models import Institution
    from core.models import Position
    from core.models import Subject
    from staffing.models import Campaign
    from staffing.models import Need
    from staffing.models import RegulatoryDocument
    from staffing.models import Submission
    from staffing.models import posts_of

    if not ctx.municipalities or ctx.seeded("staffing", Campaign.objects.filter(municipality=ctx.municipality)):
        return
    rng = ctx.rng
    years = {year.start_year: year for year in AcademicYear.objects.all()}
    positions = {position.name: position for position in Position.objects.all()}
    subjects = {subject.name: subject for subject in Subject.objects.all()}
    methodist = ctx.users.get("methodist")
    school_user = ctx.users.get("school")
    demo_school = ctx.extra.get("school")

    # The open campaign collects the needs of the academic year in progress on ``ctx.today``; the two before
    # it are closed.
    years_later = ctx.span_end + 1 - CAMPAIGNS[-1][1]
    plan = [(shift_date(as_of, years_later), start_year + years_later, shift_date(deadline, years_later), *rest)
            for as_of, start_year, deadline, *rest in CAMPAIGNS]
    campaigns = []
    for municipality in ctx.municipalities:
        for as_of, start_year, deadline, status, *_rest in plan:
            campaigns.append(Campaign(
                municipality=municipality, year=years[start_year], as_of=as_of, deadline=deadline, status=status,
                title=f"Кадровая потребность на {as_of:%d.%m.%Y} ({start_year}/{start_year + 1} уч. г.)",
                instructions="Укажите вакансии и ожидаемую потребность в педагогах на новый учебный год. "
                             "Если потребности нет, отметьте «Потребности нет».",
                created_by=methodist if municipality == ctx.municipality else None,
                created_at=timezone.make_aware(datetime.datetime.combine(deadline, datetime.time(9))
                                               - datetime.timedelta(days=30)),
            ))
    Campaign.objects.bulk_create(campaigns)
    campaigns = list(Campaign.objects.filter(municipality__in=ctx.municipalities).order_by("municipality", "as_of"))
    by_municipality: dict[int, list] = {}
    for campaign in campaigns:
        by_municipality.setdefault(campaign.municipality_id, []).append(campaign)

    # The municipalities' own institutions answer; the region's colleges are not asked.
    institutions = list(Institution.objects.filter(municipality__in=ctx.municipalities, is_active=True,
                                                   subordination="municipal").order_by("municipality", "pk"))
    submissions, rows_of = [], []
    for institution in institutions:
        contact = f"{institution.director or 'Директор'}, {institution.phone or '8 (39145) 5-00-00'}"
        for campaign, (_as_of, _y, deadline, status, on_time, answered, mean_rows) in zip(
            by_municipality[institution.municipality_id], plan, strict=True
        ):
            is_demo_school = demo_school is not None and institution.pk == demo_school.pk
            if status == "open" and (is_demo_school or rng.random() > answered):
                continue  # not started yet
            days = -rng.randint(0, 9) if rng.random() < on_time else rng.randint(1, 7)
            sent = timezone.make_aware(datetime.datetime.combine(
                deadline + datetime.timedelta(days=days), datetime.time(rng.randint(8, 17), rng.randint(0, 59))))
            if status == "open":
                state = _weighted(rng, [("submitted", 55), ("accepted", 35), ("returned", 6), ("draft", 4)])
            else:
                state = "accepted"
            count = _rows(rng, mean_rows, institution.type)
            comment = rng.choice(RETURN_COMMENTS) if state == "returned" else ""
            # Some kindergartens send a closed campaign's answer on paper: the methodist enters it.
            on_paper = status != "open" and institution.type == "preschool" and institution.pk % 5 == 0
            submissions.append(Submission(
                campaign=campaign, institution=institution, status=state, no_needs=count == 0, contact=contact,
                first_submitted_at=None if state == "draft" else sent, submitted_at=None if state == "draft" else sent,
                received_on=None if state == "draft" else timezone.localdate(sent),
                entered_by_methodist=on_paper,
                submitted_by=methodist if on_paper else (school_user if is_demo_school else None),
                reviewed_at=sent + datetime.timedelta(days=2) if state in ("accepted", "returned") else None,
                reviewed_by=methodist if state in ("accepted", "returned") else None, review_comment=comment,
            ))
            rows_of.append((institution, campaign, count))
    Submission.objects.bulk_create(submissions, batch_size=2000)
    ids = {(s.campaign_id, s.institution_id): s.pk for s in
           Submission.objects.filter(campaign__in=campaigns).only("pk", "campaign_id", "institution_id")}

    needs = []
    for institution, campaign, count in rows_of:
        submission_id = ids[(campaign.pk, institution.pk)]
        for _n in range(count):
            (position_name, subject_name) = _weighted(rng, NEEDS_BY_TYPE.get(institution.type, NEEDS_BY_TYPE["general"]))
            position = positions.get(position_name) or positions["учитель"]
            rates, hours = None, None
            if position_name == "учитель" and rng.random() < 0.3:
                hours = rng.choice([6, 9, 12, 18, 27])
            else:
                rates = rng.choice([Decimal("1"), Decimal("1"), Decimal("1"), Decimal("0.5"), Decimal("1.5"),
                                    Decimal("2")])
            reason = _weighted(rng, REASONS)
            since = None
            if reason in ("vacancy", "retirement"):
                since = campaign.as_of - datetime.timedelta(days=rng.randint(0, 300))
            elif reason == "maternity":
                since = campaign.as_of + datetime.timedelta(days=rng.randint(0, 60))
            needs.append(Need(
                submission_id=submission_id, position=position, subject=subjects.get(subject_name) if subject_name else None,
                rates=rates, weekly_hours=hours, posts=posts_of(rates, hours, position.norm_hours), reason=reason, vacant_since=since,
                support=_weighted(rng, SUPPORT), requirements=rng.choice(REQUIREMENTS),
            ))
    Need.objects.bulk_create(needs, batch_size=5000)

    documents = [
        RegulatoryDocument(municipality=municipality, title=title, number=number, date=date, status=status,
                           note="Обновлено во исполнение п. 5 приказа № 110а от 25.06.2021" if date.year == 2021
                           else "")
        for municipality in ctx.municipalities
        for title, number, date, status in DOCUMENTS
    ]
    RegulatoryDocument.objects.bulk_create(documents)
    ctx.log(f"staffing: {len(campaigns)} campaigns, {len(submissions)} submissions, {len(needs)} needs, "
            f"{len(documents)} documents")


def _rows(rng, mean: float, kind: str) -> int:
    """Return how many posts an institution needs: often none, seldom more than three."""
    if rng.random() < 0.28:
        return 0
    scale = {"general": 1.0, "preschool": 0.8, "additional": 0.5, "vocational": 0.7}.get(kind, 1.0)
    count = 0
    while rng.random() < min(0.85, mean * scale / (1 + mean * scale)) and count < 6:
        count += 1
    return max(count, 1)
