import datetime

import pytest
from django.urls import reverse

from core.record import record_sections
from mentoring.models import Attendance
from mentoring.models import AttestationSupport
from mentoring.models import SupportRequest
from mentoring.tests.factories import AttestationFactory
from mentoring.tests.factories import PedagogueFactory
from mentoring.tests.factories import SessionFactory
from mentoring.tests.factories import hire
from mentoring.tests.factories import make_pair

NEW = datetime.date.today() - datetime.timedelta(days=60)


@pytest.fixture
def setup(city, school, other_school):
    mentor = PedagogueFactory(institution=school, last_name="Сидорова", birth_date=datetime.date(1975, 1, 1),
                              experience_start=datetime.date(1998, 9, 1))
    young = PedagogueFactory(institution=school, last_name="Ершова", experience_start=NEW)
    lonely = PedagogueFactory(institution=school, last_name="Клюева", experience_start=NEW)
    stranger = PedagogueFactory(institution=other_school, last_name="Чужая", experience_start=NEW)
    own = make_pair(school, mentor, young, start=NEW)
    foreign = make_pair(other_school, PedagogueFactory(institution=other_school, birth_date=datetime.date(1970, 1, 1),
                                                       experience_start=datetime.date(1990, 1, 1)), stranger,
                        start=NEW)
    return {"mentor": mentor, "young": young, "lonely": lonely, "stranger": stranger, "own": own,
            "foreign": foreign}


def test_api_pairs_are_scoped_to_the_school(client, school_user, setup):
    client.force_login(school_user)

    data = client.get("/api/v1/mentoring/pairs/").json()

    assert [row["id"] for row in data["results"]] == [setup["own"].pk]
    assert data["results"][0]["mentees"][0]["full_name"].startswith("Ершова")
    assert client.get(f"/api/v1/mentoring/pairs/{setup['foreign'].pk}/").status_code == 404


def test_api_young_specialists_filter_those_without_a_mentor(client, methodist, setup):
    client.force_login(methodist)

    data = client.get("/api/v1/mentoring/young-specialists/?mentor=no").json()

    assert sorted(row["full_name"].split()[0] for row in data["results"]) == ["Клюева"]
    everyone = client.get("/api/v1/mentoring/young-specialists/").json()["results"]
    assert {row["full_name"].split()[0]: row["has_mentor"] for row in everyone} == {
        "Ершова": True, "Клюева": False, "Чужая": True}


def test_api_support_requests_are_hidden_from_schools_and_other_cities(client, methodist, school_user, city,
                                                                       other_city):
    SupportRequest.objects.create(municipality=city, received_on=datetime.date(2025, 1, 10), topic="Наше")
    SupportRequest.objects.create(municipality=other_city, received_on=datetime.date(2025, 1, 10), topic="Чужое")
    client.force_login(school_user)
    assert client.get("/api/v1/mentoring/support-requests/").status_code == 403

    client.force_login(methodist)
    topics = [row["topic"] for row in client.get("/api/v1/mentoring/support-requests/").json()["results"]]
    assert topics == ["Наше"]


def test_api_retention_returns_cohorts(client, methodist, city, school):
    hire(school, hired=datetime.date(2019, 9, 1))
    hire(school, hired=datetime.date(2019, 9, 1), left=datetime.date(2020, 6, 30))
    client.force_login(methodist)

    data = client.get("/api/v1/mentoring/retention/").json()

    assert data["scope"] == "Лесосибирск"
    assert data["cohorts"][0]["year"] == "2019/2020"
    assert data["cohorts"][0]["after_1"] == {"retained": 1, "counted": 2, "share": "0.5000"}


def test_record_shows_mentoring_sessions_and_attestation(methodist, city, setup):
    young, mentor = setup["young"], setup["mentor"]
    session = SessionFactory(municipality=city, date=NEW, topic="Самоанализ урока")
    Attendance.objects.create(session=session, pedagogue=young)
    AttestationFactory(pedagogue=mentor, category="highest")
    AttestationSupport.objects.create(pedagogue=mentor, date=NEW, kind="consultation", description="Портфолио")

    young_sections = {s.key: s for s in record_sections(young, methodist) if s.template.startswith("mentoring/")}
    mentor_sections = {s.key: s for s in record_sections(mentor, methodist) if s.template.startswith("mentoring/")}

    assert young_sections["mentoring"].context["as_mentee"] == [setup["own"]]
    assert young_sections["young-teacher-school"].context["years"][0][1:] == (1, 1)
    assert mentor_sections["mentoring"].context["as_mentor"] == [setup["own"]]
    assert [a.category for a in mentor_sections["attestation"].context["attestations"]] == ["highest"]


def test_record_hides_pairs_the_user_may_not_see(outsider, setup):
    sections = [s for s in record_sections(setup["young"], outsider) if s.template.startswith("mentoring/")]
    assert sections == []


def test_pedagogue_page_renders_the_mentoring_section(client, school_user, setup):
    client.force_login(school_user)
    response = client.get(reverse("core:pedagogue-detail", args=[setup["young"].pk]))
    assert response.status_code == 200
    assert "Сидорова Анна Сергеевна" in response.content.decode()
