"""Demo innovation sites: about the same number working every year (slightly fewer
towards the span's last year), as in item 3.2 of the seed order — no positive dynamics.
The periods below are written for the base span 2018/2019 … 2022/2023 and moved with ``ctx.shift``."""

import datetime

from core.demo import DemoContext

# (first academic year, academic year of the end) — working in year Y when start <= Y < end:
# 2018: 6, 2019: 6, 2020: 5, 2021: 5, 2022: 5.
PERIODS = [(2016, 2019)] * 2 + [(2017, 2020)] * 2 + [(2018, 2021)] * 2 + [(2019, 2022)] * 2 + [(2020, 2023)] + \
    [(2021, 2024)] * 2 + [(2022, 2025)] * 2
TOPICS = [
    "Формирование функциональной грамотности обучающихся через межпредметные проекты",
    "Модель наставничества «учитель — учитель» в условиях обновлённых ФГОС",
    "Цифровая образовательная среда как ресурс индивидуализации обучения",
    "Инклюзивное образование детей с ОВЗ в общеобразовательной школе",
    "Ранняя профориентация дошкольников: «Мир профессий»",
    "Школа полного дня: интеграция общего и дополнительного образования",
    "Сетевая модель реализации программ технологического профиля",
    "Формирующее оценивание на уровне начального общего образования",
    "Экологическое воспитание дошкольников средствами проектной деятельности",
    "Развитие читательской грамотности: «Читающая школа»",
    "STEM-образование в детском саду",
    "Психолого-педагогическое сопровождение одарённых детей",
    "Повышение мотивации к обучению через геймификацию",
    "Краеведение как основа патриотического воспитания",
    "Модель внутришкольной системы профессионального роста педагогов",
]
TEAM = 8
STAGES = ["Подготовительный (организационный) этап", "Основной (практический) этап", "Обобщающий этап"]
PRODUCT_KINDS = ["методические рекомендации", "сборник разработок", "программа курса внеурочной деятельности",
                 "видеоматериалы", "дидактическое пособие"]


def seed(ctx: DemoContext) -> None:
    from core.models import Institution
    from core.models import Pedagogue
    from innovation.models import Level
    from innovation.models import Participant
    from innovation.models import ParticipantRole
    from innovation.models import Product
    from innovation.models import Project
    from innovation.models import ProjectStatus
    from innovation.models import Stage

    if ctx.seeded("innovation", Project.objects.filter(municipality=ctx.municipality)):
        return
    rng = ctx.rng
    years = {year.start_year: year for year in ctx.years}
    projects = []
    for number, municipality in enumerate(ctx.municipalities):
        institutions = list(Institution.objects.filter(municipality=municipality).exclude(type="vocational"))
        if not institutions:
            continue
        periods = PERIODS if number == 0 else rng.sample(PERIODS, 5)
        periods = [(ctx.shift(start), ctx.shift(end)) for start, end in periods]  # the base span moved to today's
        current = ctx.span_end + 1  # the academic year in progress: one site working since last year, one applying
        extra = [(current - 1, None, ProjectStatus.ACTIVE), (current + 1, None, ProjectStatus.APPLIED),
                 (ctx.shift(2019), ctx.shift(2020), ProjectStatus.WITHDRAWN)]
        plan = [(s, e, ProjectStatus.FINISHED) for s, e in periods] + (extra if number == 0 else [])
        for index, (start, end, status) in enumerate(plan):
            lead = institutions[0] if number == 0 and index == len(plan) - 4 else rng.choice(institutions)
            if number == 0 and index == len(plan) - 4 and ctx.extra.get("school"):
                lead = ctx.extra["school"]
            level = rng.choices([Level.MUNICIPAL, Level.REGIONAL, Level.FEDERAL], weights=[7, 3, 1])[0]
            project = Project(
                title={Level.MUNICIPAL: "Муниципальная инновационная площадка",
                       Level.REGIONAL: "Региональная инновационная площадка",
                       Level.FEDERAL: "Федеральная инновационная площадка"}[level],
                topic=TOPICS[(index + number) % len(TOPICS)], municipality=municipality, institution=lead, level=level,
                status=status, start=datetime.date(start, 9, 1),
                end=datetime.date(end, 5, 31) if end else None,
                decree=f"Приказ № {rng.randint(20, 240)}-о от {rng.randint(1, 28):02d}.08.{start}",
                goal="Создание и апробация модели, обеспечивающей " + TOPICS[(index + number) % len(TOPICS)].lower()[:120],
                results="Разработаны и апробированы методические материалы; проведены семинары для педагогов города."
                if status == ProjectStatus.FINISHED else "",
                supervisor=rng.choice(["", "к.п.н., доцент СФУ", "методист МИМЦ"]),
            )
            project._partners = rng.sample([i for i in institutions if i.pk != lead.pk], k=min(rng.choice([0, 0, 1, 2]), len(institutions) - 1))
            projects.append(project)
    Project.objects.bulk_create(projects, batch_size=1000)
    Project.history.bulk_history_create(projects, batch_size=1000, default_change_reason="demo data")
    through = Project.partners.through
    partners = [through(project_id=p.pk, institution_id=i.pk) for p in projects for i in p._partners]
    through.objects.bulk_create(partners, batch_size=2000)

    involved = {i.pk for p in projects for i in [p.institution, *p._partners]}
    staff: dict[int, list[int]] = {}
    for pk, institution_id in Pedagogue.objects.filter(institution_id__in=involved).values_list("pk", "institution_id"):
        staff.setdefault(institution_id, []).append(pk)
    teacher = ctx.extra.get("teacher_pedagogue")
    stages, participants, products = [], [], []
    for project in projects:
        first, last = project.start.year, (project.end.year if project.end else project.start.year + 3)
        if project.status in (ProjectStatus.FINISHED, ProjectStatus.ACTIVE):
            span = max(last - first, 1)
            for number in range(min(span, 3)):
                begin = datetime.date(first + number, 9, 1)
                finish = datetime.date(first + number + 1, 5, 31)
                done = finish < ctx.today
                stages.append(Stage(project=project, title=STAGES[number], start=begin, end=finish,
                                    report_due=finish + datetime.timedelta(days=15),
                                    planned_report="", actual_report="",
                                    reported_on=finish + datetime.timedelta(days=rng.randint(0, 30)) if done else None,
                                    summary="Задачи этапа выполнены." if done else ""))
            # A team of eight: one pedagogue from each partner, the rest from the lead institution,
            # so the number of pedagogues in projects follows the number of sites (no growth).
            chosen = set()
            quotas = [(project.institution, TEAM - len(project._partners))] + [(i, 1) for i in project._partners]
            for institution, quota in quotas:
                pool = [pk for pk in staff.get(institution.pk, []) if pk not in chosen]
                for index, pk in enumerate(rng.sample(pool, k=min(len(pool), quota))):
                    chosen.add(pk)
                    leads = index == 0 and institution.pk == project.institution_id
                    role = ParticipantRole.LEADER if leads else ParticipantRole.MEMBER
                    participants.append(Participant(project=project, pedagogue_id=pk, institution_id=institution.pk,
                                                    role=role, joined=project.start))
            if teacher and project.institution_id == teacher.institution_id and teacher.pk not in chosen:
                participants.append(Participant(project=project, pedagogue_id=teacher.pk,
                                                institution_id=teacher.institution_id, role=ParticipantRole.MEMBER,
                                                joined=project.start))
                chosen.add(teacher.pk)
            for start_year in range(first, min(last, ctx.span_end + 1)):
                if start_year in years:  # one product a year of work
                    kind = rng.choice(PRODUCT_KINDS)
                    products.append(Product(
                        project=project, year=years[start_year], kind=kind,
                        title=f"{kind.capitalize()}: {project.topic[:150]}",
                        description="Продукт инновационной площадки, апробирован в учреждениях города.",
                        authors=project.institution.short_name,
                        url=f"https://mimc.example.ru/innovation/{project.pk}/{start_year}",
                    ))
    Stage.objects.bulk_create(stages, batch_size=2000)
    Participant.objects.bulk_create(participants, batch_size=2000)
    Product.objects.bulk_create(products, batch_size=2000)
    ctx.extra["innovation_products"] = [p for p in products if p.project.municipality_id == ctx.municipality.pk]
    ctx.log(f"innovation: {len(projects)} sites, {len(participants)} participants, {len(products)} products")
