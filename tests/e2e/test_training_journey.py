"""A teacher takes the self-diagnosis, builds a route from the suggestions and attaches a link
as evidence; a methodist accepts it; the teacher's progress changes."""

import pytest

from conftest import make_user
from core.models import Employment
from core.scoping import Role
from tests.conftest import login
from tests.conftest import screenshot
from training.models import Competency
from training.models import ItemStatus
from training.models import Programme
from training.models import Provider
from training.models import Route
from training.models import Statement


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_teacher_builds_a_route_and_the_methodist_accepts_the_evidence(browser, browser_page, city, school,
                                                                       teacher, teacher_pedagogue):
    import datetime

    Employment.objects.create(pedagogue=teacher_pedagogue, institution=school, hired=datetime.date(2019, 9, 1))
    make_user("methodist", Role.METHODIST, municipality=city)
    weak = Competency.objects.get(block__code="subject", order=3)  # функциональная грамотность
    provider = Provider.objects.create(name="ЦНППМ Красноярского края", type="cnppm")
    programme = Programme.objects.create(title="Формирование функциональной грамотности обучающихся",
                                         provider=provider, hours=72, federal_register=True)
    programme.competencies.set([weak])
    page = browser_page

    login(page, "teacher")
    page.goto(page.base_url + "/training/diagnosis/")
    page.click("#start-diagnosis")
    page.wait_for_selector("#diagnosis-form")
    statements = list(Statement.objects.values_list("pk", "competency_id"))
    half = len(statements) // 2
    for pk, competency_id in statements[:half]:
        page.check(f"input[name=s{pk}][value='{0 if competency_id == weak.pk else 3}']")
    page.click("button[name=save]")  # save and continue later
    page.wait_for_selector("#diagnosis-form")
    assert page.is_checked(f"input[name=s{statements[0][0]}][value='3']")
    for pk, competency_id in statements[half:]:
        page.check(f"input[name=s{pk}][value='{0 if competency_id == weak.pk else 3}']")
    screenshot(page, "training-1-diagnosis")
    page.click("button[name=finish]")
    page.wait_for_selector("#results")
    assert "1" in page.inner_text("#deficit-summary")
    screenshot(page, "training-2-results")

    page.click("#to-route")
    page.fill("#id_goal", "Научиться формировать функциональную грамотность")
    page.click("#create-route")
    page.wait_for_selector("#suggestions")
    assert "Формирование функциональной грамотности обучающихся" in page.inner_text("#suggestions")
    page.click("#suggestions li:first-child button[type=submit]")
    page.wait_for_selector("#route-items")
    route = Route.objects.get(pedagogue=teacher_pedagogue)
    item = route.items.get()
    assert item.programme == programme
    page.click(f"a[href='/training/items/{item.pk}/evidence/']")
    page.fill("#id_link", "https://school1.example.ru/portfolio/udostoverenie.pdf")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#route-items")
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED
    assert "0" in page.inner_text("#progress-text")
    screenshot(page, "training-3-route-submitted")

    context = browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900})
    tutor = context.new_page()
    tutor.base_url = page.base_url
    login(tutor, "methodist")
    tutor.goto(tutor.base_url + "/training/routes/?to_review=on")
    tutor.click(f"a[href='/training/routes/{route.pk}/']")
    tutor.wait_for_selector(".review-form")
    screenshot(tutor, "training-4-methodist-review")
    tutor.click(".review-form button[value=accept]")
    tutor.wait_for_selector("#route-items")
    context.close()
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED

    page.reload()
    page.wait_for_selector("#route-progress")
    assert "1" in page.inner_text("#progress-text") and "100 %" in page.inner_text("#route-progress")
    screenshot(page, "training-5-route-progress")
