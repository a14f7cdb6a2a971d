"""Each role's main tasks in the browser, from the home page by clicks (issue 16, point 11).

methodist: a PD completion, a meeting with attendance, a competition entry, a mentoring pair; head: from the home
page to the records behind a falling indicator; school: a staffing return with a refused upload, then a corrected
one; expert: a review of an assigned request; teacher: own route (diagnosis → route → a step marked).

Every journey starts at «/» after the login and reaches its pages through links and buttons (no ``goto`` to the
target). A click, a choice in a select, a ticked box, a file chosen and a pick in a search box (Enter) each count as
one action; typing does not. The counts go to ``bench/out/journey-clicks.json`` (bench/RESULTS.md has the table)
and axe-core (WCAG 2 A/AA) runs on every page a journey opens: no violations.
"""

import datetime
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.models import AcademicYear
from core.models import Employment
from core.models import Pedagogue
from tests.conftest import login
from tests.conftest import pick
from tests.conftest import screenshot
from tests.e2e.test_accessibility import AXE
from tests.e2e.test_accessibility import violations

OUT = Path(__file__).resolve().parents[2] / "bench" / "out" / "journey-clicks.json"
TODAY = datetime.date.today()

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not AXE.exists(), reason="npm packages are not installed (make static)"),
]


class Journey:
    """Counts the user's actions and runs axe on every page the journey opens."""

    def __init__(self, page, role: str):
        self.page, self.role = page, role
        self.actions = 0
        self.checked: set[str] = set()
        self.found: dict[str, list] = {}

    def start(self) -> None:
        login(self.page, self.role)
        assert self.page.url.rstrip("/") == self.page.base_url.rstrip("/"), self.page.url  # the home page
        self.audit()

    def audit(self) -> None:
        self.page.wait_for_load_state("load")
        path = self.page.url.removeprefix(self.page.base_url).split("#")[0]
        if path.split("?")[0] in self.checked:
            return
        self.checked.add(path.split("?")[0])
        result = violations(self.page)
        if result:
            self.found[path] = result

    def click(self, selector: str, *, new_page: bool = True) -> None:
        self.actions += 1
        self.page.click(selector)
        if new_page:
            self.audit()

    def choose(self, selector: str, **option) -> None:
        self.actions += 1
        self.page.select_option(selector, **option)

    def tick(self, selector: str, on: bool = True) -> None:
        self.actions += 1
        self.page.set_checked(selector, on)

    def attach(self, selector: str, path) -> None:
        self.actions += 1
        self.page.set_input_files(selector, str(path))

    def pick(self, field: str, text: str, option_text: str) -> None:
        """Type into a search picker and choose the answer with Enter (a keyboard action, counted as one)."""
        pick(self.page, field, text, option_text)
        self.actions += 1

    def home(self) -> None:
        self.click("nav a.navbar-brand")

    def record(self, task: str, actions: int, pages: int) -> None:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        data = json.loads(OUT.read_text()) if OUT.exists() else {}
        data[f"{self.role}: {task}"] = {"role": self.role, "task": task, "clicks": actions,
                                        "new_pages_checked_by_axe": pages}
        OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))
        print(f"{self.role} / {task}: {actions} clicks")

    def task(self, name: str):
        journey = self

        class Task:
            def __enter__(self):
                self.before, self.pages = journey.actions, len(journey.checked)
                return self

            def __exit__(self, *exc):
                if exc[0] is None:
                    journey.record(name, journey.actions - self.before, len(journey.checked) - self.pages)

        return Task()

    def assert_accessible(self) -> None:
        assert len(self.checked) >= 3
        assert self.found == {}, json.dumps(self.found, ensure_ascii=False, indent=1)


def hire(institution, last_name, first_name, middle_name, born=datetime.date(1985, 5, 5), hired=None):
    pedagogue = Pedagogue.objects.create(
        last_name=last_name, first_name=first_name, middle_name=middle_name, birth_date=born,
        municipality=institution.municipality, institution=institution,
        experience_start=hired or datetime.date(2010, 9, 1),
    )
    Employment.objects.create(pedagogue=pedagogue, institution=institution, hired=hired or datetime.date(2010, 9, 1))
    return pedagogue


def test_methodist_enters_a_completion_a_meeting_an_entry_and_a_pair(browser_page, city, school, other_school,
                                                                       methodist, settings, tmp_path):
    from associations.models import Association
    from associations.models import Competition
    from associations.models import Meeting
    from associations.models import Membership
    from associations.models import Participation
    from mentoring.models import Pair
    from training.models import Completion
    from training.models import Programme
    from training.models import Provider

    settings.MEDIA_ROOT = tmp_path
    sokolova = hire(school, "Соколова", "Анна", "Игоревна")
    orlov = hire(other_school, "Орлов", "Пётр", "Ильич")
    mentor = hire(school, "Смирнова", "Елена", "Викторовна", born=datetime.date(1974, 4, 2))
    mentee = hire(school, "Коваленко", "Андрей", "Павлович", born=datetime.date(2000, 11, 20),
                  hired=TODAY - datetime.timedelta(days=60))
    provider = Provider.objects.create(name="ЦНППМ Красноярского края", type="cnppm")
    Programme.objects.create(title="Формирование функциональной грамотности", provider=provider, hours=72)
    gmo = Association.objects.create(municipality=city, kind="gmo", title="ГМО учителей математики",
                                     started=datetime.date(2019, 9, 1), leader=orlov)
    for pedagogue in (sokolova, orlov):
        Membership.objects.create(association=gmo, pedagogue=pedagogue, joined=datetime.date(2020, 9, 1))
    competition = Competition.objects.create(municipality=city, title="Педагогический дебют", level="municipal",
                                             year=AcademicYear.objects.containing(TODAY), starts=TODAY)
    page = browser_page
    journey = Journey(page, "methodist")
    journey.start()

    with journey.task("PD completion"):
        journey.click("main a.home-card[href='/training/completions/']")
        journey.click("main a[href='/training/completions/new/']")
        journey.pick("pedagogue", "Соко", "Соколова")
        journey.pick("programme", "грамот", "функциональной")
        page.fill("#id_started", "2025-01-10")
        page.fill("#id_finished", "2025-01-20")
        journey.click("main form button[type=submit]")
    completion = Completion.objects.get()
    assert (completion.pedagogue, completion.hours) == (sokolova, 72)

    with journey.task("meeting with attendance"):
        journey.home()
        journey.click("main a.home-card[href='/associations/']")
        journey.click("main a:has-text('ГМО учителей математики')")
        journey.click(f"a[href='/associations/{gmo.pk}/meetings/add/']")
        page.fill("#id_date", TODAY.isoformat())
        page.fill("#id_topic", "Функциональная грамотность на уроках математики")
        journey.choose("#id_format", value="blended")
        journey.click("main form button[type=submit]")
        meeting = Meeting.objects.get()
        journey.click(f"a[href='/associations/meetings/{meeting.pk}/attendance/']")
        journey.tick(f"#id_present_{orlov.pk}", False)
        journey.click("#attendance-form button[type=submit]")
    assert dict(meeting.attendance.values_list("pedagogue_id", "present")) == {sokolova.pk: True, orlov.pk: False}
    assert page.inner_text("#present-count") == "1"

    with journey.task("competition entry"):
        journey.home()
        journey.click("main a.home-card[href='/associations/competitions/']")
        journey.click(f"main a[href='{competition.get_absolute_url()}']")
        journey.click(f"a[href='/associations/competitions/{competition.pk}/entries/add/']")
        journey.pick("participants", "Орло", "Орлов")
        journey.choose("#id_result", value="winner")
        journey.click("main form button[type=submit]")
    entry = Participation.objects.get()
    assert (entry.competition, entry.result, [p.pedagogue for p in entry.participants.all()]) == (
        competition, "winner", [orlov])

    with journey.task("mentoring pair"):
        journey.home()
        journey.click("main a.home-card[href='/mentoring/']")
        journey.click("main a[href='/mentoring/pairs/new/']")
        journey.pick("institution", "СШ № 1", "СШ № 1")
        journey.pick("mentors", "Смир", "Смирнова")
        journey.pick("mentees", "Ковал", "Коваленко")
        journey.choose("#id_form", index=1)
        page.fill("#id_start", TODAY.isoformat())
        journey.click("main form button[type=submit]")
    pair = Pair.objects.get()
    assert (pair.institution, pair.mentors, pair.mentees) == (school, [mentor], [mentee])
    screenshot(page, "journey-methodist-pair")
    journey.assert_accessible()


def test_head_goes_from_the_home_page_to_the_records_behind_a_falling_indicator(browser_page, monkeypatch, head,
                                                                                   school, other_school):
    from django.core.cache import cache

    from monitoring.registry import registry
    from monitoring.tests.factories import set_target
    from monitoring.tests.factories import two_years

    monkeypatch.setattr(registry, "_items", {k: v for k, v in registry._items.items() if k.startswith("core.")})
    cache.clear()
    two_years(school, other_school)  # first or highest category: 80 % in 2020/2021, 57,1 % in 2021/2022
    for start_year in (2020, 2021):  # the head's targets: the year filter offers years from the earliest with records
        set_target("core.share_first_or_highest_category", AcademicYear.objects.get(start_year=start_year), "0.6")
    page = browser_page
    journey = Journey(page, "head")
    journey.start()

    with journey.task("records behind a falling indicator"):
        journey.click("main a.home-card[href='/monitoring/']")
        journey.choose("#id_year", label="2021/2022")
        journey.click("#apply-filters")
        journey.click("main a[href*='core.share_first_or_highest_category']")
        row = page.locator("#breakdown tbody tr", has_text="СШ № 1")
        assert "100,0" in row.inner_text() and "40,0" in row.inner_text()  # the school that pulled it down
        journey.actions += 1
        row.locator("td a").last.click()
        journey.audit()
    assert f"institution={school.pk}" in page.url and "/pedagogues/" in page.url
    rows = page.locator("main table tbody tr")
    assert rows.count() == Pedagogue.objects.filter(institution=school).count() == 10
    assert all("СШ № 1" in text for text in rows.all_inner_texts())
    screenshot(page, "journey-head-records")
    journey.assert_accessible()


def test_school_returns_staffing_needs_after_a_refused_upload(browser_page, city, school, school_user, tmp_path):
    from staffing.models import Campaign
    from staffing.models import Submission
    from staffing.models import SubmissionStatus

    campaign = Campaign.objects.create(
        municipality=city, title="Кадровая потребность на 01.08", as_of=TODAY,
        year=AcademicYear.objects.containing(TODAY), deadline=TODAY + datetime.timedelta(days=20),
    )
    page = browser_page
    journey = Journey(page, "school")
    journey.start()

    with journey.task("staffing return, refused then corrected upload"):
        journey.click("main a.home-card[href='/staffing/']")
        journey.click(f"main a:has-text('{campaign.title}')")
        journey.click(f"a[href$='/staffing/campaigns/{campaign.pk}/institutions/{school.pk}/upload/']")
        with page.expect_download() as download:
            journey.click("a[href='?template=1']", new_page=False)
        template = tmp_path / "template.xlsx"
        download.value.save_as(template)
        wb = load_workbook(template)
        sheet = wb.worksheets[0]
        sheet.append(["учитель", "Математика", 1, None, "Вакансия (увольнение педагога)", "01.09.2026", "Жильё"])
        sheet.append(["учитель танцев", None, "0,5", None, "декрет"])
        wb.save(tmp_path / "bad.xlsx")
        journey.attach("input[type=file]", tmp_path / "bad.xlsx")
        journey.click("form[enctype] button[type=submit]")
        assert "Строка 3" in page.inner_text("#import-problems")
        assert not Submission.objects.exists()

        sheet.cell(row=3, column=1, value="педагог-психолог")
        wb.save(tmp_path / "fixed.xlsx")
        journey.attach("#import-upload input[type=file]", tmp_path / "fixed.xlsx")  # the form is on the refusal
        journey.click("form[enctype] button[type=submit]")
        journey.click("button[name=confirm]")
        page.once("dialog", lambda dialog: dialog.accept())
        journey.click("#submit-button")
        page.wait_for_selector("#submission-status [data-status=submitted]")
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert sorted(submission.needs.values_list("position__name", flat=True)) == ["педагог-психолог", "учитель"]
    screenshot(page, "journey-school-staffing")
    journey.assert_accessible()


def test_expert_reviews_an_assigned_request_from_the_home_page(browser_page, city, school, other_school, expert,
                                                               methodist, school_user):
    from expertise.models import Assignment
    from expertise.services import assign_experts
    from expertise.tests.factories import ExpertFactory
    from expertise.tests.factories import ReviewRequestFactory

    entry = ExpertFactory(pedagogue=hire(other_school, "Экспертова", "Нина", "Павловна"), user=expert)
    request = ReviewRequestFactory(institution=school, submitted_by=school_user,
                                   title="Методические рекомендации по функциональной грамотности",
                                   description="Рекомендации для учителей 5–9 классов.")
    assign_experts(request=request, experts=[entry], deadline=TODAY + datetime.timedelta(days=10), by=methodist)
    page = browser_page
    journey = Journey(page, "expert")
    journey.start()

    with journey.task("review of an assigned request"):
        journey.click("#todo a:has-text('Назначенные вам экспертизы')")
        journey.click("#pending a.btn-primary")
        assert "Рекомендации для учителей 5–9 классов." in page.inner_text("#material")
        for select in page.locator("#review-form select").all():
            journey.actions += 1
            select.select_option(index=select.locator("option").count() - 1)  # full marks
        page.fill("#id_comment", "Материал соответствует требованиям, рекомендуется к использованию.")
        journey.tick("#id_recommendation_0")
        journey.click("#review-form button[type=submit]")
    assignment = Assignment.objects.get()
    assert assignment.is_done and assignment.total == assignment.max_total > 0
    screenshot(page, "journey-expert-review")
    journey.assert_accessible()


def test_teacher_takes_the_diagnosis_builds_the_route_and_marks_a_step(browser_page, city, school, teacher,
                                                                        teacher_pedagogue):
    from training.models import Competency
    from training.models import ItemStatus
    from training.models import Programme
    from training.models import Provider
    from training.models import Route
    from training.models import Statement

    Employment.objects.create(pedagogue=teacher_pedagogue, institution=school, hired=datetime.date(2019, 9, 1))
    weak = Competency.objects.get(block__code="subject", order=3)
    provider = Provider.objects.create(name="ЦНППМ Красноярского края", type="cnppm")
    programme = Programme.objects.create(title="Формирование функциональной грамотности обучающихся",
                                         provider=provider, hours=72, federal_register=True)
    programme.competencies.set([weak])
    page = browser_page
    journey = Journey(page, "teacher")
    journey.start()

    with journey.task("own route: diagnosis, route, a step marked"):
        journey.click("main a.home-card[href='/training/diagnosis/']")
        journey.click("#start-diagnosis")
        for pk, competency_id in Statement.objects.values_list("pk", "competency_id"):
            journey.tick(f"input[name=s{pk}][value='{0 if competency_id == weak.pk else 3}']")
        journey.click("button[name=finish]")
        journey.click("#to-route")
        page.fill("#id_goal", "Научиться формировать функциональную грамотность")
        journey.click("#create-route")
        journey.click("#suggestions li:first-child button[type=submit]")
        item = Route.objects.get(pedagogue=teacher_pedagogue).items.get()
        journey.click(f"a[href='/training/items/{item.pk}/evidence/']")
        page.fill("#id_link", "https://school1.example.ru/portfolio/udostoverenie.pdf")
        journey.click("main form button[type=submit]")
    item.refresh_from_db()
    assert (item.programme, item.status) == (programme, ItemStatus.SUBMITTED)
    screenshot(page, "journey-teacher-route")
    journey.assert_accessible()
