import datetime

import pytest

from training.models import ItemStatus
from training.tests.conftest import rate
from training.tests.factories import CompletionFactory
from training.tests.factories import DiagnosisFactory
from training.tests.factories import PedagogueFactory
from training.tests.factories import ProgrammeFactory
from training.tests.factories import RouteFactory
from training.tests.factories import RouteItemFactory


@pytest.fixture
def records(school, other_school, teacher_pedagogue):
    colleague = PedagogueFactory(institution=school, last_name="Коллегова")
    stranger = PedagogueFactory(institution=other_school, last_name="Чужова")
    for pedagogue in (teacher_pedagogue, colleague, stranger):
        rate(DiagnosisFactory(pedagogue=pedagogue), {})
        route = RouteFactory(pedagogue=pedagogue)
        RouteItemFactory(route=route, status=ItemStatus.ACCEPTED, evidence_link="https://e.ru")
        CompletionFactory(pedagogue=pedagogue, finished=datetime.date(2023, 5, 5))
    return {"colleague": colleague, "stranger": stranger}


def names(response) -> set[str]:
    return {row["pedagogue_name"].split()[0] for row in response.json()["results"]}


@pytest.mark.parametrize("endpoint", ["diagnoses", "routes", "completions"])
def test_teacher_reads_only_own_records(client, teacher, records, endpoint):
    client.force_login(teacher)
    assert names(client.get(f"/api/v1/training/{endpoint}/")) == {"Иванова"}


@pytest.mark.parametrize("endpoint", ["diagnoses", "routes", "completions"])
def test_school_reads_only_its_staff(client, school_user, records, endpoint):
    client.force_login(school_user)
    assert names(client.get(f"/api/v1/training/{endpoint}/")) == {"Иванова", "Коллегова"}


def test_methodist_reads_the_municipality_and_other_objects_are_404(client, methodist, outsider, records):
    client.force_login(methodist)
    assert names(client.get("/api/v1/training/routes/")) == {"Иванова", "Коллегова", "Чужова"}
    route = records["colleague"].routes.get()
    client.force_login(outsider)
    assert client.get(f"/api/v1/training/routes/{route.pk}/").status_code == 404


def test_route_api_reports_progress(client, teacher, records):
    client.force_login(teacher)
    row = client.get("/api/v1/training/routes/").json()["results"][0]
    assert (row["items_total"], row["items_accepted"]) == (1, 1)


def test_only_methodists_write_programmes_and_completions(client, teacher, methodist, records):
    programme = ProgrammeFactory(hours=72)
    payload = {"pedagogue": records["colleague"].pk, "programme": programme.pk, "started": "2024-01-10",
               "finished": "2024-01-20", "hours": 72}
    client.force_login(teacher)
    assert client.post("/api/v1/training/completions/", payload, content_type="application/json").status_code == 403
    client.force_login(methodist)
    response = client.post("/api/v1/training/completions/", payload | {"hours": 100},
                           content_type="application/json")
    assert response.status_code == 400 and "hours" in response.json()
    response = client.post("/api/v1/training/completions/", payload, content_type="application/json")
    assert response.status_code == 201
    response = client.post("/api/v1/training/programmes/", {"title": "X", "provider": programme.provider_id,
                                                            "hours": 300}, content_type="application/json")
    assert response.status_code == 400 and "hours" in response.json()


def test_catalogue_filters_in_the_api(client, teacher):
    ProgrammeFactory(title="Функциональная грамотность", federal_register=True)
    ProgrammeFactory(title="Другое")
    client.force_login(teacher)
    rows = client.get("/api/v1/training/programmes/", {"federal_register": "true"}).json()["results"]
    assert [row["title"] for row in rows] == ["Функциональная грамотность"]
