"""axe-core (npm, node_modules/axe-core) over every page each role reaches from its menu, and the data-entry forms:
no WCAG 2 A/AA violation. The search picker of the completion form works with the keyboard alone."""

import datetime
import json
import re
from pathlib import Path

import pytest

from core.models import Employment
from core.tests.factories import PedagogueFactory
from core.tests.factories import seed_demo
from tests.conftest import login
from tests.conftest import screenshot
from training.models import Completion
from training.models import Programme
from training.models import Provider

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list[dict]:
    """Run axe on the page (evaluated through the DevTools protocol, so the portal's CSP stays as it is)."""
    page.evaluate(AXE.read_text())
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
        TAGS,
    )


def menu_urls(page) -> list[str]:
    links = page.eval_on_selector_all("#nav a[href]", "els => els.map(e => e.getAttribute('href'))")
    return ["/", *sorted({u for u in links if u and u.startswith("/") and "logout" not in u})]


@pytest.fixture
def everyone(city, school, methodist, head, expert, school_user, teacher, teacher_pedagogue):
    Employment.objects.create(pedagogue=teacher_pedagogue, institution=school, hired=datetime.date(2019, 9, 1))
    PedagogueFactory(institution=school, last_name="Соколова", first_name="Анна", middle_name="Игоревна")
    provider = Provider.objects.create(name="ЦНППМ Красноярского края", type="cnppm")
    Programme.objects.create(title="Формирование функциональной грамотности", provider=provider, hours=72)


@pytest.mark.skipif(not AXE.exists(), reason="npm packages are not installed (make static)")
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("username", ["methodist", "head", "school", "expert", "teacher"])
def test_no_wcag_violations_on_the_pages_of_the_menu(browser_page, everyone, username):
    page = browser_page
    login(page, username)
    found = {}
    urls = menu_urls(page)
    if username in ("methodist", "school"):
        urls += ["/training/completions/new/", "/mentoring/pairs/new/"]
    for url in urls:
        page.goto(page.base_url + url)
        page.wait_for_load_state("load")
        result = violations(page)
        if result:
            found[url] = result
    assert len(urls) > 3
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


@pytest.mark.skipif(not AXE.exists(), reason="npm packages are not installed (make static)")
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_methodist_finds_a_teacher_by_four_letters_with_the_keyboard_only(browser_page, everyone):
    page = browser_page
    login(page, "methodist")
    page.goto(page.base_url + "/training/completions/new/")
    html = page.content()
    assert "Иванова Мария" not in html  # the page carries no staff list
    page.focus("#id_pedagogue-ts-control")
    page.keyboard.type("Соко")
    page.wait_for_selector(".ts-dropdown .option:has-text('Соколова')")
    options = page.eval_on_selector_all(".ts-dropdown .option", "els => els.map(e => e.textContent)")
    assert options == ["Соколова Анна Игоревна (СШ № 1)"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.focus("#id_programme-ts-control")
    page.keyboard.type("грамот")
    page.wait_for_selector(".ts-dropdown .option:has-text('функциональной')")
    page.keyboard.press("Enter")
    page.fill("#id_started", "2025-01-10")
    page.fill("#id_finished", "2025-01-20")
    screenshot(page, "picker-completion-form")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/training/completions/")
    completion = Completion.objects.get()
    assert completion.pedagogue.last_name == "Соколова" and completion.hours == 72


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_dashboard_on_a_phone_folds_its_charts_and_tiles(browser, live_server, everyone):
    context = browser.new_context(locale="ru-RU", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    login(page, "head")
    page.goto(page.base_url + "/monitoring/")
    page.wait_for_load_state("load")
    folded = page.eval_on_selector_all("[data-fold-on-phone]", "rows => rows.map(r => !!r.closest('details:not([open])'))")
    assert folded and all(folded)
    bodies = page.eval_on_selector_all(".direction-tile .card-body", "els => els.map(e => e.offsetParent === null)")
    assert bodies and all(bodies)
    screenshot(page, "dashboard-phone")
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_effect_of_last_years_measures_fits_a_phone(browser, live_server, everyone, city, school, other_school,
                                                        year, previous_year, head):
    from monitoring.services import build_snapshot
    from monitoring.services import draft_order
    from monitoring.services import issue_order
    from monitoring.tests.factories import two_years

    two_years(school, other_school)
    draft = draft_order(snapshot=build_snapshot(municipality=city, year=previous_year, by=head), by=head)
    issue_order(order=draft, number="7", date=datetime.date(2021, 6, 25), signatory_position="Начальник",
                signatory_name="Егорова О.Ю.", by=head)
    context = browser.new_context(locale="ru-RU", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    login(page, "head")
    page.goto(page.base_url + f"/monitoring/?year={year.title}")
    page.wait_for_load_state("load")

    # Each cell on its own line under its column's name: nothing to the right of the screen, the status readable.
    rights = page.eval_on_selector_all("#measures-effect td", "cells => cells.map(c => c.getBoundingClientRect().right)")
    assert len(rights) == 5 * draft.assignments.count() > 0
    assert max(rights) <= 390
    statuses = page.eval_on_selector_all(
        "#measures-effect td[data-label='Статус']",
        "cells => cells.map(c => [getComputedStyle(c, '::before').content, c.innerText.trim()])",
    )
    assert statuses and all(label == '"Статус: "' and text == "Выполняется" for label, text in statuses)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "measures-effect-phone")
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_menu_of_five_sections_fits_a_laptop_screen(browser, live_server, everyone, head):
    """A head's or a methodist's five menus, the language, the bell and the user's button made pages 1,359 px
    wide on 1,024 and 1,280 px screens: the navbar folds below 1,200 px and shows the user's icon only up to 1,600."""
    head.first_name, head.last_name = "Екатерина Александровна", "Константинопольская"
    head.save()
    for username in ("head", "methodist"):
        for width in (1024, 1280, 1440, 1920):
            context = browser.new_context(locale="ru-RU", viewport={"width": width, "height": 800})
            page = context.new_page()
            page.base_url = live_server.url
            login(page, username)
            assert page.evaluate("document.documentElement.scrollWidth") == width, (username, width)
            user_button = page.locator("nav .dropdown > button")
            if width >= 1200:  # the opened navbar: the user's button on the screen, named for a screen reader
                box = user_button.bounding_box()
                assert box["x"] + box["width"] <= width
                assert user_button.get_attribute("aria-label").strip()
            else:
                assert page.locator("button.navbar-toggler").is_visible() and not user_button.is_visible()
            context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_of_the_menu_fits_a_phone_on_the_demo(browser, live_server, settings):
    """On the demo's data (long names, full tables) no page of a role's menu, nor the teacher's record, is wider
    than a 390 px phone: a wide table scrolls inside its frame. Seen: the certificates list 1,035 px (the sort
    headers' hidden texts), the record's sections 810 px, the PD-hours counts 458 px."""

    seed_demo(scale="tiny")
    settings.LOGIN_RATE = "1000/m"
    too_wide = {}
    for username in ("head", "methodist", "school", "expert", "teacher"):
        context = browser.new_context(locale="ru-RU", viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        page.base_url = live_server.url
        login(page, username, settings.DEMO_PASSWORD)
        urls = menu_urls(page) + (["/me/"] if username == "teacher" else [])
        assert len(urls) >= 5, username
        for url in urls:
            page.goto(page.base_url + url)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                too_wide[f"{username} {url}"] = width
        context.close()
    assert too_wide == {}


@pytest.mark.skipif(not AXE.exists(), reason="npm packages are not installed (make static)")
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_wcag_violations_on_one_page_of_every_kind_on_the_demo(browser_page, settings):
    """Beyond the menu: from the home page through the links, one page of every kind (a record, its form, a new
    record's form …) a methodist, a head and a school reach on the demo. Found this way: the employment and module
    rows of the pedagogue's and the programme's forms had no labels, «Return for corrections» was yellow on white."""
    from tests.test_links_open import LEFT_OUT

    seed_demo(scale="tiny")
    settings.LOGIN_RATE = "1000/m"
    page, found, audited = browser_page, {}, set()
    for username in ("methodist", "head", "school"):
        page.context.clear_cookies()
        login(page, username, settings.DEMO_PASSWORD)
        queue, walked = ["/"], set()
        while queue and len(walked) < 80:
            url = queue.pop(0).split("#")[0]
            kind = re.sub(r"\d+", "N", url.split("?")[0])
            if kind in walked:
                continue
            walked.add(kind)
            response = page.goto(page.base_url + url)
            if response.status >= 400 or "html" not in response.headers.get("content-type", ""):
                continue
            if kind not in audited and (problems := violations(page)):
                found[f"{username} {url}"] = problems
            audited.add(kind)
            hrefs = page.eval_on_selector_all("main a[href], nav a[href]", "els => els.map(e => e.getAttribute('href'))")
            queue += [href for href in hrefs if href and href.startswith("/") and not LEFT_OUT.search(href)]
    assert len(audited) > 80
    assert found == {}
