"""An institution's panel shows and rates only the indicators one institution has a value of its own of (issue 20.7).

A share or count of institutions (institutions with an innovation site, institutions that answered the staffing
campaign on time, institutions audited) is the municipality's figure: for one institution it would read
«0,0 %» or «100 %». The registry declares it (``Indicator.per_institution``, derived by ``declare`` from a measure
that counts institutions), and the panel, the values API, the institution's ratings and the ranking all follow it.
"""

import datetime

import pytest
from django.urls import reverse

from core.models import Category
from core.models import Institution
from core.models import InstitutionType
from innovation.tests.factories import ProjectFactory
from monitoring.computation import Rating
from monitoring.registry import registry
from monitoring.tests.factories import employ
from monitoring.tests.factories import set_target
from staffing.tests.factories import CampaignFactory

DASHBOARD = reverse("monitoring:dashboard")
OLD = datetime.date(1970, 1, 1)
YOUNG = datetime.date(1998, 1, 1)

ABOUT_INSTITUTIONS = {
    "innovation.share_institutions_with_site",
    "staffing.share_submitted_on_time",
    "expertise.institutions_audited",
}

# The staff shares every institution with a staff has (its own pedagogues in the denominator), in the panel's order.
STAFF_SHARES = [
    "Доля педагогов с первой или высшей категорией",
    "Доля педагогов, прошедших повышение квалификации в учебном году",
    "Доля педагогов, прошедших диагностику профессиональных дефицитов",
    "Доля педагогов, прошедших ПК за последние 3 года",
    "Доля педагогов с индивидуальным образовательным маршрутом",
    "Доля педагогов — участников городских методических объединений",
    "Доля педагогов — участников профессиональных сообществ и творческих групп",
    "Доля педагогов — участников конкурсов профессионального мастерства",
    "Доля педагогов — участников муниципальных конкурсов",
    "Доля педагогов — участников конкурсов регионального и более высокого уровня",
    "Доля педагогов в возрасте до 35 лет",
]


@pytest.fixture
def city_data(city, school, year, previous_year):
    kindergarten = Institution.objects.create(
        municipality=city, name="МБДОУ «Детский сад № 6»", short_name="ДС № 6", type=InstitutionType.PRESCHOOL
    )
    employ(school, count=4, born=OLD, category=Category.FIRST)
    employ(school, count=2, born=YOUNG, hired=datetime.date(2020, 9, 1))
    employ(kindergarten, count=3, born=OLD)
    ProjectFactory(institution=school)  # the school's innovation site, working 2020–2023
    # The city's staffing campaigns; nobody answered by the deadline (0 % of the institutions on time).
    CampaignFactory(municipality=city, year=year)
    CampaignFactory(municipality=city, year=previous_year, as_of=datetime.date(2020, 8, 1))
    set_target("innovation.share_institutions_with_site", year, "0.4")
    set_target("staffing.share_submitted_on_time", year, "0.9")
    set_target("core.share_under_35", year, "0.3")
    return kindergarten


def panel(client, institution, year):
    response = client.get(DASHBOARD, {"institution": institution.pk, "year": year.title})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [item.title for item in response.context["results"].indicators]


def test_the_registry_declares_which_indicators_one_institution_has():
    assert {item.code for item in registry if not item.per_institution} == ABOUT_INSTITUTIONS
    assert registry.get("innovation.active_sites").per_institution
    assert registry.get("core.share_under_35").per_institution


def test_a_kindergartens_and_a_schools_panel_list_exactly_their_indicators(client, head, school, year, city_data):
    client.force_login(head)

    kindergarten = panel(client, city_data, year)
    school_panel = panel(client, school, year)

    # The kindergarten: its staff's shares and its vacant rates (0 %); no site, no young specialist, no count above
    # zero in either year.
    assert titles(kindergarten) == STAFF_SHARES + ["Доля вакантных ставок"]
    # The school also leads a working site (its own counts: 1) and has young specialists hired in 2020.
    assert titles(school_panel) == STAFF_SHARES[:7] + [
        "Доля молодых специалистов, посещающих Школу молодого педагога",
        *STAFF_SHARES[7:10],
        "Инновационные площадки, работавшие в учебном году",
        "Инновационные площадки, работавшие в учебном году, уровень: Муниципальный",
        STAFF_SHARES[10],
        "Закрепляемость молодых специалистов через 1 год",
        "Доля молодых специалистов, имеющих наставника",
        "Доля вакантных ставок",
    ]
    for response in (kindergarten, school_panel):
        body = response.content.decode()
        assert "Доля учреждений" not in body
        assert "Действующие городские методические объединения" not in body


def test_the_municipality_keeps_the_figures_about_its_institutions(client, head, year, city_data):
    client.force_login(head)

    results = client.get(DASHBOARD, {"year": year.title}).context["results"]

    # One of the two institutions leads a working site; neither answered on time.
    assert results.indicator("innovation.share_institutions_with_site").value == "0.5000"
    assert results.indicator("innovation.share_institutions_with_site").rating == Rating.SATISFACTORY
    assert results.indicator("staffing.share_submitted_on_time").value == "0.0000"
    staffing = next(d for d in results.directions if d.code == "staffing")
    assert staffing.rating == Rating.UNSATISFACTORY


def test_an_institution_is_not_rated_on_a_figure_about_institutions(client, head, school, year, city_data):
    client.force_login(head)

    results = panel(client, school, year).context["results"]
    directions = {d.code: d for d in results.directions}

    # The municipality's staffing is unsatisfactory on the share of institutions; the school is not rated on it.
    assert results.indicator("staffing.share_submitted_on_time") is None
    assert directions["staffing"].rating == Rating.UNRATED
    assert directions["innovation"].rating == Rating.UNRATED
    assert "Доля учреждений" not in directions["innovation"].rating_rule
    # Its own share is rated: 2 young of 6 = 33,3 % against 30 %.
    assert results.indicator("core.share_under_35").value == "0.3333"
    assert results.indicator("core.share_under_35").rating == Rating.SATISFACTORY


def test_the_values_api_gives_an_institution_only_its_own_indicators(head, school, year, city_data):
    from conftest import api_of

    api = api_of(head)

    data = api.get("/api/v1/monitoring/values/", {"year": year.title, "institution": school.pk}).json()
    city = api.get("/api/v1/monitoring/values/", {"year": year.title}).json()

    assert ABOUT_INSTITUTIONS.isdisjoint(item["code"] for item in data["indicators"])
    assert {item["code"] for item in city["indicators"]} >= ABOUT_INSTITUTIONS


def test_the_ranking_does_not_rank_on_a_share_of_institutions(client, head, year, city_data):
    client.force_login(head)

    response = client.get(reverse("monitoring:ranking", args=["staffing"]), {"year": year.title})

    codes = [item.code for item in response.context["indicators"]]
    assert "staffing.share_submitted_on_time" not in codes
    # The direction's other key indicator, the share of vacant rates, is each institution's own.
    assert codes == ["staffing.share_vacant"]
