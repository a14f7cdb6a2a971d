"""Demo expert community: a register of experts and review requests of every type
over the demo's five finished years (growing modestly), plus requests of the current year in every state."""

import datetime

from django.utils import timezone

from core.demo import DemoContext

PER_YEAR = [7, 8, 8, 9, 10]  # concluded requests per academic year in the demo city
AUDITS_PER_YEAR = [2, 2, 3, 3, 3]
TITLES = {
    "recommendations": ["Методические рекомендации по организации проектной деятельности",
                        "Рекомендации по подготовке к ГИА по математике",
                        "Методические рекомендации по работе с детьми с ОВЗ"],
    "manual": ["Рабочая тетрадь «Юный исследователь»", "Пособие по развитию речи дошкольников",
               "Сборник задач по физике с решениями"],
    "project": ["Проект «Школьный технопарк»", "Проект «Семейный клуб выходного дня»", "Проект «Эко-двор»"],
    "research": ["Исследование мотивации учащихся 7–9 классов", "Влияние цифровых ресурсов на читательскую грамотность"],
    "pd_programme": ["Программа ПК «Формирующее оценивание»", "Программа ПК «Наставничество в образовании»"],
    "audit": ["Методический аудит"],
}
COMMENTS = {"recommended": "Материал актуален, рекомендуется к распространению.",
            "revise": "Требуется доработка структуры и списка литературы.",
            "rejected": "Недостаточно обоснованы выводы, материал не соответствует требованиям."}


def seed(ctx: DemoContext) -> None:
    from core.models import Category
    from core.models import Institution
    from core.models import Pedagogue
    from expertise.models import Assignment
    from expertise.models import CouncilDuty
    from expertise.models import CouncilOfficer
    from expertise.models import Criterion
    from expertise.models import Decision
    from expertise.models import Expert
    from expertise.models import RequestType
    from expertise.models import ReviewRequest
    from expertise.models import Score
    from expertise.models import Status
    from expertise.models import Transition

    city = ctx.municipality
    if ctx.seeded("expertise", Expert.objects.filter(municipality=city)):
        return
    rng = ctx.rng
    methodist, head = ctx.users.get("methodist"), ctx.users.get("head")
    expert_user = ctx.users.get("expert")
    criteria: dict[str, list] = {}
    for criterion in Criterion.objects.filter(is_active=True):
        criteria.setdefault(criterion.type, []).append(criterion)

    # The register: the demo expert and a dozen experienced pedagogues of other institutions.
    candidates = list(
        Pedagogue.objects.filter(municipality=city, institution__isnull=False,
                                 category__in=[Category.HIGHEST, Category.METHODIST, Category.MENTOR])
        .order_by("pk").values_list("pk", "institution_id")[:400]
    )
    chosen = rng.sample(candidates, k=min(14, len(candidates)))
    experts = [Expert(pedagogue_id=pk, municipality=city, active_from=datetime.date(ctx.shift(rng.choice([2017, 2018, 2019])), 9, 1),
                      specialisations=rng.choice(["методическая работа", "начальное общее образование",
                                                  "дошкольное образование", "естественно-научные дисциплины",
                                                  "гуманитарные дисциплины", "воспитательная работа"]))
               for pk, _institution in chosen]
    own = ctx.extra.get("expert_pedagogue")
    if own:
        experts = [e for e in experts if e.pedagogue_id != own.pk]
        experts.insert(0, Expert(pedagogue_id=own.pk, municipality=city, user=expert_user,
                                 active_from=ctx.shift(datetime.date(2018, 9, 1)), specialisations="методическая работа, математика"))
    Expert.objects.bulk_create(experts)
    names = {pk: " ".join(filter(None, parts)) for pk, *parts in Pedagogue.objects.filter(
        pk__in=[e.pedagogue_id for e in experts]).values_list("pk", "last_name", "first_name", "middle_name")}
    institution_of = dict(Pedagogue.objects.filter(pk__in=[e.pedagogue_id for e in experts]).values_list("pk", "institution_id"))
    institutions = list(Institution.objects.filter(municipality=city).values_list("pk", flat=True))
    if not institutions or not methodist:
        return
    # The demo methodist chairs the expert council: the requests waiting for a conclusion are theirs to decide.
    CouncilOfficer.objects.get_or_create(municipality=city, user=methodist, duty=CouncilDuty.CHAIR,
                                         defaults={"since": ctx.years[0].start if ctx.years else ctx.today})

    plans = []  # (request, state, decision, on_time)
    for number, year in enumerate(ctx.years):
        for kind, count in (("audit", AUDITS_PER_YEAR[number]), ("other", PER_YEAR[number])):
            on_time = round(count * (0.75 + 0.05 * number))  # timeliness improves year on year
            for position in range(count):
                type_ = RequestType.AUDIT if kind == "audit" else rng.choice(
                    ["recommendations", "manual", "project", "research", "pd_programme"])
                submitted = year.start + datetime.timedelta(days=rng.randint(10, 300))
                decision = rng.choices([Decision.RECOMMENDED, Decision.REVISE, Decision.REJECTED], weights=[6, 3, 1])[0]
                plans.append((type_, submitted, Status.CONCLUDED, decision, position < on_time))
    today = ctx.today
    for state in (Status.SUBMITTED, Status.SUBMITTED, Status.ASSIGNED, Status.ASSIGNED, Status.REVIEWED,
                  Status.CONCLUDED):
        plans.append((rng.choice(["recommendations", "project", "manual"]), today - datetime.timedelta(days=rng.randint(3, 20)),
                      state, Decision.RECOMMENDED if state == Status.CONCLUDED else "", True))

    requests, transitions, assignments, scores = [], [], [], []
    for type_, submitted, state, decision, on_time in plans:
        institution_id = rng.choice(institutions)
        deadline = submitted + datetime.timedelta(days=30)
        concluded = deadline - datetime.timedelta(days=rng.randint(0, 20)) if on_time else deadline + datetime.timedelta(days=rng.randint(3, 25))
        title = rng.choice(TITLES[type_])
        requests.append(ReviewRequest(
            type=type_, title=title, municipality=city, institution_id=institution_id,
            authors="" if type_ == RequestType.AUDIT else rng.choice(["Соколова Е. А.", "Морозов Д. В.", "Лебедева Н. С.",
                                                                     "Волкова И. Г., Зайцева Т. Н."]),
            description="Материал представлен на экспертизу по плану работы экспертного совета.",
            status=state, submitted_by=methodist, submitted_on=submitted,
            deadline=deadline if state != Status.SUBMITTED else None,
            decision=decision if state == Status.CONCLUDED else "",
            concluded_on=concluded if state == Status.CONCLUDED else None,
        ))
    ReviewRequest.objects.bulk_create(requests, batch_size=1000)
    for request, (_type, submitted, state, decision, _on_time) in zip(requests, plans, strict=True):
        at = _at(submitted, 10)
        transitions.append(Transition(request=request, action="submit", to_status="submitted", by=methodist, at=at))
        if state == Status.SUBMITTED:
            continue
        free = [e for e in experts if institution_of.get(e.pedagogue_id) != request.institution_id]
        team = rng.sample(free, k=min(len(free), rng.choice([1, 2, 2])))
        if state == Status.ASSIGNED and expert_user and experts[0] not in team and experts[0] in free:
            team = [experts[0], *team[:1]]  # the demo expert's queue is not empty
        transitions.append(Transition(request=request, action="assign", from_status="submitted", to_status="assigned",
                                      by=methodist, at=at + datetime.timedelta(days=2),
                                      note=", ".join(names.get(e.pedagogue_id, "") for e in team)))
        for position, expert in enumerate(team):
            done = state != Status.ASSIGNED or position > 0
            assignment = Assignment(request=request, expert=expert, assigned_by=methodist,
                                    assigned_at=at + datetime.timedelta(days=2))
            if done:
                values = [rng.randint(1 if decision != Decision.RECOMMENDED else 2, c.max_score) for c in criteria[request.type]]
                assignment.total, assignment.max_total = sum(values), sum(c.max_score for c in criteria[request.type])
                assignment.comment = COMMENTS[decision or Decision.RECOMMENDED]
                assignment.recommendation = decision or Decision.RECOMMENDED
                assignment.reviewed_at = at + datetime.timedelta(days=rng.randint(5, 20))
                assignment._values = values
            assignments.append(assignment)
        if state in (Status.REVIEWED, Status.CONCLUDED):
            transitions.append(Transition(request=request, action="review", from_status="assigned",
                                          to_status="reviewed", by=(team[-1].user if team else None) or methodist,
                                          at=at + datetime.timedelta(days=20)))
        if state == Status.CONCLUDED:
            transitions.append(Transition(request=request, action="conclude", from_status="reviewed",
                                          to_status="concluded", by=head or methodist,
                                          at=_at(request.concluded_on, 15)))
    Assignment.objects.bulk_create(assignments, batch_size=1000)
    for assignment in assignments:
        for criterion, value in zip(criteria[assignment.request.type], getattr(assignment, "_values", []), strict=False):
            scores.append(Score(assignment=assignment, criterion=criterion, value=value))
    Score.objects.bulk_create(scores, batch_size=2000)
    Transition.objects.bulk_create(transitions, batch_size=2000)
    # The combined score of the concluded ones, from their reviews.
    totals: dict[int, list[int]] = {}
    for assignment in assignments:
        if assignment.reviewed_at:
            pair = totals.setdefault(assignment.request_id, [0, 0])
            pair[0] += assignment.total
            pair[1] += assignment.max_total
    for request in requests:
        if request.status == Status.CONCLUDED and totals.get(request.pk, [0, 0])[1]:
            total, maximum = totals[request.pk]
            request.combined_score = round(total * 1000 / maximum) / 10
    ReviewRequest.objects.bulk_update([r for r in requests if r.combined_score is not None], ["combined_score"])
    ctx.extra["demo_experts"] = experts
    ctx.log(f"expertise: {len(experts)} experts, {len(requests)} requests, {len(assignments)} reviews")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
