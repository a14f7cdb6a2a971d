"""Demo banks: a few hundred items over 2018/2019 … 2022/2023 (modest growth), about a
quarter recommended by the expert council, some drafts and items under review, and
products of innovation sites sent to the bank."""

import datetime

from django.utils import timezone

from core.demo import DemoContext

PER_YEAR = [38, 44, 50, 57, 64]  # published items per academic year in the demo city
PROGRAMME_THEMES = ["Формирующее оценивание в начальной школе", "Наставничество: технологии сопровождения молодого педагога",
                    "Функциональная грамотность: естественно-научный аспект", "Цифровые инструменты учителя",
                    "Инклюзивная практика в дошкольной образовательной организации", "Проектная деятельность в ДОО",
                    "Медиация в образовательной среде", "Работа с одарёнными детьми"]
PRODUCT_THEMES = ["Читающая семья", "Эко-двор", "Школьный музей — открытое пространство", "Инженерная смена",
                  "Мы — наследники Победы", "Город мастеров", "Юный экскурсовод", "Безопасная дорога"]
RESOURCE_TYPES = [("lesson", "Технологическая карта урока"), ("presentation", "Презентация к уроку"),
                  ("methodical", "Методическая разработка"), ("manual", "Рабочая тетрадь"),
                  ("video", "Видеоурок"), ("network", "Сетевой ресурс")]
RESOURCE_TOPICS = ["повторение и обобщение", "подготовка к ВПР", "проектная задача", "урок-исследование",
                   "внеурочное занятие", "подготовка к ОГЭ", "игровые приёмы"]


def _initials(last: str, first: str, middle: str) -> str:
    return f"{last} {first[:1]}." + (f" {middle[:1]}." if middle else "")


def seed(ctx: DemoContext) -> None:
    from banks.models import Bank
    from banks.models import Item
    from banks.models import ItemStatus
    from banks.models import Kind
    from core.models import Institution
    from core.models import Pedagogue
    from core.models import Subject
    from expertise.models import Assignment
    from expertise.models import Criterion
    from expertise.models import Decision
    from expertise.models import Expert
    from expertise.models import ReviewRequest
    from expertise.models import Status
    from expertise.models import Transition

    city = ctx.municipality
    if ctx.seeded("banks", Item.objects.filter(municipality=city)):
        return
    rng = ctx.rng
    subjects = list(Subject.objects.all())
    methodist = ctx.users.get("methodist")
    items = []
    for number, municipality in enumerate(ctx.municipalities):
        institutions = list(Institution.objects.filter(municipality=municipality))
        if not institutions:
            continue
        scale = 1.0 if number == 0 else 0.2
        people: dict[int, list[tuple]] = {}
        rows = Pedagogue.objects.filter(municipality=municipality, institution__isnull=False).values_list(
            "pk", "last_name", "first_name", "middle_name", "institution_id")
        for row in rows:
            people.setdefault(row[4], []).append(row)
        for index, year in enumerate(ctx.years):
            count = round(PER_YEAR[index] * scale)
            for _ in range(count):
                items.append(_item(rng, municipality, year, institutions, people, subjects, status=ItemStatus.PUBLISHED))
        if number == 0:
            last = ctx.years[-1]
            for status, count in ((ItemStatus.DRAFT, 15), (ItemStatus.REVIEW, 6)):
                for _ in range(count):
                    items.append(_item(rng, municipality, last, institutions, people, subjects, status=status))
    # Products of innovation sites sent to the bank of products-projects (the innovation app, seeded before, leaves
    # them in ctx.extra: banks does not import the apps whose products it takes in).
    from django.contrib.contenttypes.models import ContentType

    for product in ctx.extra.get("innovation_products", [])[:12]:
        product_type = ContentType.objects.get_for_model(product)  # cached after the first
        project = product.project
        items.append(Item(
            bank=Bank.PRODUCTS, title=product.title[:400], authors=project.institution.short_name,
            municipality=city, institution=project.institution, kind=Kind.PROJECT, year=product.year,
            description=product.description, url=product.url, keywords="инновационная площадка, " + project.get_level_display().lower(),
            status=ItemStatus.PUBLISHED, published_on=product.year.start + datetime.timedelta(days=rng.randint(60, 280)),
            created_by=methodist, source_type=product_type, source_id=product.pk,
        ))
    Item.objects.bulk_create(items, batch_size=1000)
    Item.history.bulk_history_create(items, batch_size=2000, default_change_reason="demo data")
    through = Item.author_pedagogues.through
    through.objects.bulk_create(
        [through(item_id=item.pk, pedagogue_id=pk) for item in items for pk in getattr(item, "_authors", [])],
        batch_size=2000,
    )
    _seed_reviews(ctx, rng, [i for i in items if i.municipality_id == city.pk], methodist,
                  Assignment, Criterion, Decision, Expert, ReviewRequest, Status, Transition, ItemStatus, Item)
    ctx.log(f"banks: {len(items)} items")


def _item(rng, municipality, year, institutions, people, subjects, *, status):
    from banks.models import Bank
    from banks.models import Item
    from banks.models import Kind

    institution = rng.choice(institutions)
    staff = people.get(institution.pk) or [("", "Коллектив", "", "", institution.pk)]
    authors = rng.sample(staff, k=min(len(staff), rng.choice([1, 1, 2])))
    bank = rng.choices([Bank.PROGRAMMES, Bank.PRODUCTS, Bank.RESOURCES], weights=[2, 3, 6])[0]
    subject = rng.choice(subjects) if subjects and bank == Bank.RESOURCES else None
    if bank == Bank.PROGRAMMES:
        theme = rng.choice(PROGRAMME_THEMES)
        title, kind = f"Программа повышения квалификации «{theme}» ({rng.choice([16, 24, 36, 72])} ч)", Kind.PD_PROGRAMME
        keywords = "повышение квалификации, " + theme.split()[0].lower()
    elif bank == Bank.PRODUCTS:
        theme = rng.choice(PRODUCT_THEMES)
        title, kind = f"Образовательный проект «{theme}»", Kind.PROJECT
        keywords = "проект, " + theme.lower()
    else:
        kind, label = rng.choice(RESOURCE_TYPES)
        topic = rng.choice(RESOURCE_TOPICS)
        title = f"{label}: {subject.name if subject else 'межпредметный модуль'}, {topic}"
        keywords = ", ".join(filter(None, [subject.name.lower() if subject else "", topic]))
    published = status == "published"
    item = Item(
        bank=bank, title=title[:400], municipality=municipality, institution=institution, subject=subject, kind=kind,
        year=year, authors=", ".join(_initials(a[1], a[2], a[3]) for a in authors),
        description=f"Материал разработан педагогами {institution.short_name} и апробирован в {year.title} учебном году.",
        keywords=keywords, url=f"https://mimc.example.ru/bank/{rng.randint(10000, 99999)}", status=status,
        published_on=year.start + datetime.timedelta(days=rng.randint(20, 340)) if published else None,
        created_at=timezone.make_aware(datetime.datetime.combine(year.start, datetime.time(9)))
        + datetime.timedelta(days=rng.randint(0, 300)),
    )
    item._authors = [a[0] for a in authors if a[0]]
    return item


def _seed_reviews(ctx, rng, items, methodist, Assignment, Criterion, Decision, Expert, ReviewRequest, Status,
                  Transition, ItemStatus, Item):
    """About a quarter of the published items passed the expert council («recommended»); items under review have
    an open request."""
    from django.contrib.contenttypes.models import ContentType

    experts = list(Expert.objects.filter(municipality=ctx.municipality).select_related("pedagogue"))
    if not experts or not methodist:
        return
    criteria = list(Criterion.objects.filter(type="bank_item", is_active=True))
    maximum = sum(c.max_score for c in criteria)
    item_type = ContentType.objects.get_for_model(Item)
    published = [i for i in items if i.status == ItemStatus.PUBLISHED and not i.source_id]
    chosen = published[::4]  # a quarter passed the expert council, so the count grows with the bank
    chosen += [i for i in items if i.status == ItemStatus.REVIEW]
    requests, plans = [], []
    for item in chosen:
        review = item.status == ItemStatus.REVIEW
        submitted = (item.published_on - datetime.timedelta(days=rng.randint(20, 40))) if not review else \
            ctx.today - datetime.timedelta(days=rng.randint(2, 15))
        request = ReviewRequest(
            type="bank_item", title=item.title, authors=item.authors, municipality=item.municipality,
            institution=item.institution, target_type=item_type, target_id=item.pk, submitted_by=methodist,
            submitted_on=submitted, status=Status.ASSIGNED if review else Status.CONCLUDED,
            deadline=submitted + datetime.timedelta(days=45),
            decision="" if review else Decision.RECOMMENDED, concluded_on=None if review else item.published_on,
        )
        if not review:
            item.recommended_on = item.published_on
            total = rng.randint(maximum * 2 // 3, maximum)
            request.combined_score = round(total * 1000 / maximum) / 10
            plans.append(total)
        else:
            plans.append(None)
        requests.append(request)
    ReviewRequest.objects.bulk_create(requests, batch_size=1000)
    Item.objects.bulk_update([i for i in chosen if i.recommended_on], ["recommended_on"], batch_size=1000)
    transitions, assignments = [], []
    for request, total in zip(requests, plans, strict=True):
        at = timezone.make_aware(datetime.datetime.combine(request.submitted_on, datetime.time(11)))
        transitions.append(Transition(request=request, action="submit", to_status="submitted", by=methodist, at=at))
        transitions.append(Transition(request=request, action="assign", from_status="submitted", to_status="assigned",
                                      by=methodist, at=at + datetime.timedelta(days=1)))
        free = [e for e in experts if e.pedagogue.institution_id != request.institution_id]
        own = [e for e in free if e.user_id]
        expert = own[0] if total is None and own else rng.choice(free)
        assignment = Assignment(request=request, expert=expert, assigned_by=methodist, assigned_at=at + datetime.timedelta(days=1))
        if total is not None:
            assignment.total, assignment.max_total = total, maximum
            assignment.comment = "Материал рекомендуется к размещению в банке."
            assignment.recommendation = Decision.RECOMMENDED
            assignment.reviewed_at = at + datetime.timedelta(days=10)
            transitions.append(Transition(request=request, action="review", from_status="assigned", to_status="reviewed",
                                          by=expert.user or methodist, at=at + datetime.timedelta(days=10)))
            transitions.append(Transition(request=request, action="conclude", from_status="reviewed",
                                          to_status="concluded", by=methodist, at=at + datetime.timedelta(days=12)))
        assignments.append(assignment)
    Assignment.objects.bulk_create(assignments, batch_size=1000)
    Transition.objects.bulk_create(transitions, batch_size=2000)
