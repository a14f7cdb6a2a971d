"""The write API of every app (issue 15.6) and «no change lost» through it (issue 19.8).

Writes go through the pages' forms, so the API accepts what the forms accept, with the forms' scoping;
a row outside the user's scope is a 404, one the user sees but may not change a 403.
"""

import datetime

import pytest

from associations.models import Association
from associations.models import Competition
from associations.models import Meeting
from associations.models import Participation
from associations.tests.factories import AssociationFactory
from associations.tests.factories import CompetitionFactory
from banks.models import Item
from banks.tests.factories import ItemFactory
from conftest import api_of
from conftest import make_user
from core.models import Institution
from core.models import InstitutionType
from core.scoping import Role
from core.tests.factories import PedagogueFactory
from innovation.models import Project
from innovation.tests.factories import ProjectFactory
from mentoring.models import Pair
from mentoring.models import Programme
from mentoring.tests.factories import ProgrammeFactory
from monitoring.models import IndicatorPassport
from monitoring.models import Target
from training.tests.factories import CompletionFactory
from training.tests.factories import ProgrammeFactory as PDProgrammeFactory

# The schema walk below holds every list endpoint of /api/v1/ to POST and every detail endpoint to PUT, PATCH and
# DELETE. These are the exceptions, each with the reason the pages give: endpoint → the methods it has (None: read
# only). A new endpoint that cannot write fails the walk until it writes or is listed here with its reason.
READ_ONLY = {
    # Derived or public views of records written elsewhere.
    "/api/v1/banks/showcase/": None,  # the public showcase of published items (written as /banks/items/)
    "/api/v1/certificates/verify/{number}/": None,  # the public check of a certificate by its number
    "/api/v1/mentoring/retention/": None,  # a report computed from the employment history
    "/api/v1/mentoring/young-specialists/": None,  # pedagogues selected by the young-specialist rule
    "/api/v1/monitoring/values/": None,  # the indicators computed for a year
    # Certificates are issued for an event's records (POST: its missing ones), revoked, never edited or deleted:
    # their numbers stay verifiable. Notifications come from events (read/read-all mark them).
    "/api/v1/certificates/": {"post"},
    "/api/v1/notifications/": None,
    # Questionnaires and what they generate: a diagnosis is answered by POST (again: the unfinished one goes on)
    # and scored as on its page, never edited once completed; a route is built from the latest result (POST) and
    # its steps are written as /training/route-items/. Neither is deleted on the pages.
    "/api/v1/training/diagnoses/": {"post"},
    "/api/v1/training/routes/": {"post"},
    # Fixed sets (the registry's directions and indicators): the head edits them, nobody adds or removes one.
    "/api/v1/monitoring/directions/": {"put", "patch"},
    "/api/v1/monitoring/indicators/": {"put", "patch"},
    # A report is frozen when built (ReportSnapshot.save refuses changes) and orders refer to it.
    "/api/v1/monitoring/reports/": {"post"},
    # A review request moves through its actions (review, conclude): the council's record is not edited.
    "/api/v1/expertise/requests/": {"post"},
    # Institutions and staffing answers are not deleted: an institution is deactivated (history and reports
    # refer to it), a school's answer stays with the campaign (returned for corrections instead).
    "/api/v1/institutions/": {"post", "put", "patch"},
    "/api/v1/staffing/submissions/": {"post", "put", "patch"},
    # A regulatory document that no longer applies is repealed (its status), not deleted, as on the page.
    "/api/v1/staffing/documents/": {"post", "put", "patch"},
}
WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture
def schema(admin_user):
    response = api_of(admin_user).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def endpoints(schema) -> dict[str, set[str]]:
    """Every list endpoint of /api/v1/ (an action's path aside) → the write methods of it and of its detail."""
    paths = schema["paths"]
    found = {}
    for path, item in paths.items():
        if not path.startswith("/api/v1/") or path.count("{") > 1:
            continue
        list_path = path if "{" not in path else path[: path.index("{")]
        if "{" in path and not path.endswith("}/") or "{" not in path and path.rsplit("/", 2)[0] + "/" in paths:
            continue  # an action (…/{id}/issue/, …/read-all/): the records' own methods are walked
        if "{" in path and list_path in paths:
            found.setdefault(list_path, set()).update(m for m in item if m in WRITES and m != "post")
        else:
            found.setdefault(path, set()).update(m for m in item if m == "post")
            detail = paths.get(f"{path}{{id}}/", {})
            found[path].update(m for m in detail if m in WRITES and m != "post")
    return found


def test_every_endpoint_of_the_schema_writes_unless_its_reason_is_listed(schema):
    found = endpoints(schema)
    assert len(found) >= 35, sorted(found)  # the walk reads the real schema
    problems = []
    for path, methods in sorted(found.items()):
        expected = READ_ONLY.get(path, WRITES) or set()
        if methods != expected:
            problems.append(f"{path}: {sorted(methods)}, expected {sorted(expected)}")
    assert problems == [], "\n".join(problems)
    assert set(READ_ONLY) <= set(found), set(READ_ONLY) - set(found)  # no stale exception
    apps = {path.split("/")[3] for path, methods in found.items() if methods}
    assert apps >= {"associations", "competitions", "mentoring", "innovation", "expertise", "banks", "monitoring",
                    "training", "staffing", "pedagogues", "category-awards", "institutions"}


def test_the_schema_documents_error_answers_and_versions(schema):
    post = schema["paths"]["/api/v1/associations/"]["post"]
    assert {"201", "400", "403", "404", "409"} <= set(post["responses"])
    get = schema["paths"]["/api/v1/associations/{id}/"]["get"]
    assert {"200", "400", "403", "404"} <= set(get["responses"]) and "409" not in get["responses"]
    version = schema["components"]["schemas"]["Association"]["properties"]["version"]
    assert version["type"] == "string" and version["nullable"] is True


# --- associations and competitions ---------------------------------------------------------------------------

def test_methodist_creates_an_association_with_the_forms_rules(methodist, city):
    response = api_of(methodist).post("/api/v1/associations/", {
        "municipality": city.pk, "kind": "gmo", "title": "ГМО учителей математики", "started": "2021-09-01",
    }, format="json")
    assert response.status_code == 201, response.json()
    association = Association.objects.get(pk=response.json()["id"])
    assert association.title == "ГМО учителей математики" and association.municipality == city
    assert response.json()["version"] == f"h{association.history.latest().history_id}"
    assert response.json()["member_count"] == 0


def test_methodist_of_another_municipality_cannot_write_the_citys_associations(city, other_city):
    stranger = make_user("stranger", Role.METHODIST, municipality=other_city)
    association = AssociationFactory(municipality=city, title="ГМО физиков")
    client = api_of(stranger)
    response = client.post("/api/v1/associations/", {
        "municipality": city.pk, "kind": "gmo", "title": "Чужое ГМО", "started": "2021-09-01",
    }, format="json")
    assert response.status_code == 400 and "municipality" in response.json()
    assert client.patch(f"/api/v1/associations/{association.pk}/", {"title": "x"}, format="json").status_code == 404
    assert client.delete(f"/api/v1/associations/{association.pk}/").status_code == 404
    response = client.post("/api/v1/association-meetings/", {
        "association": association.pk, "date": "2021-10-01", "topic": "Чужое заседание",
    }, format="json")
    assert response.status_code == 400 and "association" in response.json()
    assert Association.objects.filter(municipality=city).count() == 1
    assert Association.objects.get(pk=association.pk).title == "ГМО физиков"
    assert not Meeting.objects.exists()


def test_school_user_cannot_create_associations_or_competition_entries(school_user, city):
    competition = CompetitionFactory(municipality=city)
    client = api_of(school_user)
    assert client.post("/api/v1/associations/", {
        "municipality": city.pk, "kind": "gmo", "title": "ГМО", "started": "2021-09-01",
    }, format="json").status_code == 403
    response = client.post("/api/v1/competition-entries/", {
        "competition": competition.pk, "pedagogues": [], "result": "participant",
    }, format="json")
    assert response.status_code == 400 and "competition" in response.json()
    assert not Participation.objects.exists()


def test_methodist_enters_a_team_entry_and_the_form_asks_for_the_team_name(methodist, city, school):
    competition = CompetitionFactory(municipality=city)
    first, second = PedagogueFactory(institution=school), PedagogueFactory(institution=school)
    client = api_of(methodist)
    body = {"competition": competition.pk, "pedagogues": [first.pk, second.pk], "result": "winner"}
    response = client.post("/api/v1/competition-entries/", body, format="json")
    assert response.status_code == 400 and "team_name" in response.json()
    response = client.post("/api/v1/competition-entries/", {**body, "team_name": "Команда СШ № 1"}, format="json")
    assert response.status_code == 201, response.json()
    entry = Participation.objects.get()
    assert sorted(entry.participants.values_list("pedagogue_id", flat=True)) == sorted([first.pk, second.pk])
    assert sorted(p["pedagogue"] for p in response.json()["participants"]) == sorted([first.pk, second.pk])


def test_meeting_of_a_competition_of_another_city_is_not_writable(methodist, other_city):
    competition = CompetitionFactory(municipality=other_city)
    response = api_of(methodist).patch(f"/api/v1/competitions/{competition.pk}/", {"title": "x"}, format="json")
    assert response.status_code == 404
    assert Competition.objects.get(pk=competition.pk).title != "x"


# --- mentoring, innovation, banks ----------------------------------------------------------------------------

def test_school_writes_mentoring_programmes_of_its_own_institution_only(school_user, school, other_school):
    client = api_of(school_user)
    response = client.post("/api/v1/mentoring/programmes/", {
        "institution": other_school.pk, "title": "Чужая программа", "start": "2021-09-01",
    }, format="json")
    assert response.status_code == 400 and "institution" in response.json()
    response = client.post("/api/v1/mentoring/programmes/", {
        "institution": school.pk, "title": "Программа наставничества", "start": "2021-09-01", "end": "2021-08-01",
    }, format="json")
    assert response.status_code == 400 and "end" in response.json()
    response = client.post("/api/v1/mentoring/programmes/", {
        "institution": school.pk, "title": "Программа наставничества", "start": "2021-09-01",
    }, format="json")
    assert response.status_code == 201
    assert list(Programme.objects.values_list("institution_id", "title")) == [(school.pk, "Программа наставничества")]
    foreign = ProgrammeFactory(institution=other_school)
    assert client.patch(f"/api/v1/mentoring/programmes/{foreign.pk}/", {"title": "x"}, format="json").status_code == 404
    assert client.delete(f"/api/v1/mentoring/programmes/{foreign.pk}/").status_code == 404


def test_school_creates_a_pair_of_its_staff_and_not_of_another_schools(school_user, school, other_school):
    mentor, mentee = PedagogueFactory(institution=school), PedagogueFactory(institution=school)
    stranger = PedagogueFactory(institution=other_school)
    client = api_of(school_user)
    body = {"institution": school.pk, "mentor_ids": [mentor.pk], "mentee_ids": [stranger.pk], "start": "2021-09-01",
            "form": 1}
    from mentoring.models import MentoringForm
    body["form"] = MentoringForm.objects.order_by("order").first().pk
    response = client.post("/api/v1/mentoring/pairs/", body, format="json")
    assert response.status_code == 400 and "mentee_ids" in response.json()
    response = client.post("/api/v1/mentoring/pairs/", {**body, "mentee_ids": [mentor.pk]}, format="json")
    assert response.status_code == 400  # nobody mentors themselves
    response = client.post("/api/v1/mentoring/pairs/", {**body, "mentee_ids": [mentee.pk]}, format="json")
    assert response.status_code == 201, response.json()
    pair = Pair.objects.get()
    assert [p.pk for p in pair.mentors] == [mentor.pk] and [p.pk for p in pair.mentees] == [mentee.pk]


def test_sessions_are_written_by_methodists_not_heads(head, methodist, city):
    body = {"municipality": city.pk, "kind": "ysh", "date": "2021-10-15", "topic": "Урок"}
    assert api_of(head).post("/api/v1/mentoring/sessions/", body, format="json").status_code == 403
    response = api_of(methodist).post("/api/v1/mentoring/sessions/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["topic"] == "Урок"


def test_support_requests_are_recorded_by_methodists_of_their_municipality(head, methodist, city, other_city):
    body = {"municipality": city.pk, "requester_kind": "beginner", "received_on": "2021-11-02",
            "topic": "Наставник для учителя физики"}
    assert api_of(head).post("/api/v1/mentoring/support-requests/", body, format="json").status_code == 403
    response = api_of(methodist).post("/api/v1/mentoring/support-requests/", {**body, "municipality": other_city.pk},
                                   format="json")
    assert response.status_code == 400 and "municipality" in response.json()
    response = api_of(methodist).post("/api/v1/mentoring/support-requests/", body, format="json")
    assert response.status_code == 201, response.json()
    from mentoring.models import SupportRequest
    assert SupportRequest.objects.get().recorded_by.username == "methodist"


def test_innovation_site_is_written_by_its_school_and_the_methodist(school_user, methodist, school, other_school):
    body = {"title": "МИП", "topic": "Функциональная грамотность", "institution": school.pk, "level": "municipal",
            "status": "active", "start": "2021-09-01"}
    response = api_of(school_user).post("/api/v1/innovation/projects/", {**body, "institution": other_school.pk},
                                     format="json")
    assert response.status_code == 400 and "institution" in response.json()
    response = api_of(school_user).post("/api/v1/innovation/projects/", body, format="json")
    assert response.status_code == 201, response.json()
    project = Project.objects.get()
    assert project.municipality_id == school.municipality_id and project.created_by.username == "school"
    foreign = ProjectFactory(institution=other_school)
    response = api_of(school_user).patch(f"/api/v1/innovation/projects/{foreign.pk}/", {"title": "x"}, format="json")
    assert response.status_code == 404
    response = api_of(methodist).patch(f"/api/v1/innovation/projects/{foreign.pk}/", {"title": "Новое"}, format="json")
    assert response.status_code == 200 and Project.objects.get(pk=foreign.pk).title == "Новое"


def test_bank_drafts_only_are_changed_and_only_in_scope(school_user, school, other_school, year):
    client = api_of(school_user)
    body = {"bank": "products", "title": "Проект «Читающая школа»", "institution": school.pk, "kind": "project",
            "url": "https://example.org/r", "authors": "Иванова М. П.", "year": year.pk}
    response = client.post("/api/v1/banks/items/", {**body, "institution": other_school.pk}, format="json")
    assert response.status_code == 400 and "institution" in response.json()
    response = client.post("/api/v1/banks/items/", {**body, "url": ""}, format="json")
    assert response.status_code == 400 and response.json()["non_field_errors"]
    response = client.post("/api/v1/banks/items/", body, format="json")
    assert response.status_code == 201, response.json()
    assert Item.objects.get(pk=response.json()["id"]).status == "draft"
    published = ItemFactory(institution=school, published=True)
    response = client.patch(f"/api/v1/banks/items/{published.pk}/", {"title": "x"}, format="json")
    assert response.status_code == 403
    foreign = ItemFactory(institution=other_school)
    assert client.delete(f"/api/v1/banks/items/{foreign.pk}/").status_code == 404
    assert Item.objects.filter(pk=foreign.pk).exists()


def test_expertise_request_is_submitted_for_an_institution_in_scope(school_user, school, other_school):
    body = {"type": "manual", "title": "Методическое пособие", "institution": other_school.pk}
    response = api_of(school_user).post("/api/v1/expertise/requests/", body, format="json")
    assert response.status_code == 400 and "institution" in response.json()
    response = api_of(school_user).post("/api/v1/expertise/requests/", {**body, "institution": school.pk},
                                     format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "submitted"


def test_targets_are_set_by_the_head_as_stored_fractions(head, methodist, year):
    IndicatorPassport.objects.registered_by_code()
    passport = IndicatorPassport.objects.filter(unit="share").order_by("code").first()
    body = {"passport": passport.pk, "year": year.pk, "value": "0.4000"}
    assert api_of(methodist).post("/api/v1/monitoring/targets/", body, format="json").status_code == 403
    response = api_of(head).post("/api/v1/monitoring/targets/", {**body, "value": "40"}, format="json")
    assert response.status_code == 400 and "value" in response.json()
    response = api_of(head).post("/api/v1/monitoring/targets/", body, format="json")
    assert response.status_code == 201, response.json()
    assert str(Target.objects.get().value) == "0.4000"
    response = api_of(head).post("/api/v1/monitoring/targets/", body, format="json")
    assert response.status_code == 400  # one target per indicator and year


# --- training rules closed in the model ----------------------------------------------------------------------

def test_a_completion_cannot_finish_in_the_future(methodist, school):
    pedagogue = PedagogueFactory(institution=school)
    programme = PDProgrammeFactory(hours=36)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = api_of(methodist).post("/api/v1/training/completions/", {
        "pedagogue": pedagogue.pk, "programme": programme.pk, "started": "2021-10-01",
        "finished": tomorrow.isoformat(), "hours": 36,
    }, format="json")
    assert response.status_code == 400 and "finished" in response.json()


def test_a_pd_programme_has_at_least_16_hours(admin_user):
    provider = PDProgrammeFactory().provider
    response = api_of(admin_user).post("/api/v1/training/programmes/", {
        "title": "Курсы повышения квалификации", "provider": provider.pk, "hours": 8, "format": "full_time",
    }, format="json")
    assert response.status_code == 400 and "hours" in response.json()


# --- 409: dependants and versions ----------------------------------------------------------------------------

def test_deleting_a_programme_with_completions_answers_409(admin_user, school):
    completion = CompletionFactory(pedagogue=PedagogueFactory(institution=school))
    response = api_of(admin_user).delete(f"/api/v1/training/programmes/{completion.programme_id}/")
    assert response.status_code == 409
    assert "refer" in response.json()["detail"] or "ссыла" in response.json()["detail"]


def test_second_editor_gets_409_with_the_first_editors_change(methodist, city):
    association = AssociationFactory(municipality=city, title="ГМО химиков")
    client = api_of(methodist)
    read = client.get(f"/api/v1/associations/{association.pk}/").json()
    first = client.patch(f"/api/v1/associations/{association.pk}/", {"title": "ГМО химиков и биологов",
                                                                      "version": read["version"]}, format="json")
    assert first.status_code == 200 and first.json()["version"] != read["version"]
    second = client.patch(f"/api/v1/associations/{association.pk}/", {"goal": "Новая цель",
                                                                       "version": read["version"]}, format="json")
    assert second.status_code == 409
    assert second.json()["changes"] == [{"field": "title", "label": "название", "old": "ГМО химиков",
                                         "new": "ГМО химиков и биологов"}]
    assert second.json()["version"] == first.json()["version"]
    association.refresh_from_db()
    assert (association.title, association.goal) == ("ГМО химиков и биологов", "")
    # The header works the same way, and the current version is accepted.
    stale = client.patch(f"/api/v1/associations/{association.pk}/", {"goal": "x"}, format="json",
                         headers={"If-Match": f'"{read["version"]}"'})
    assert stale.status_code == 409
    fresh = client.patch(f"/api/v1/associations/{association.pk}/", {"goal": "Новая цель"}, format="json",
                         headers={"If-Match": first.json()["version"]})
    assert fresh.status_code == 200 and fresh.json()["goal"] == "Новая цель"


def test_a_school_cannot_write_an_institution_of_another_type_of_scope(school_user, other_city):
    far = Institution.objects.create(municipality=other_city, name="МБОУ «СШ № 9»", short_name="СШ № 9",
                                     type=InstitutionType.GENERAL)
    response = api_of(school_user).patch(f"/api/v1/institutions/{far.pk}/", {"name": "x"}, format="json")
    assert response.status_code == 404


def test_a_period_ending_before_it_starts_is_refused_by_the_models_rule_on_the_end_field(methodist, school):
    """The date order lives in the models' clean() (innovation.Project and Stage, expertise.Expert): the API and
    the pages meet it through the form, on the end field, with the model's message."""
    from django.utils.translation import gettext

    from expertise.models import Expert
    from innovation.models import Stage

    body = {"title": "МИП", "topic": "Функциональная грамотность", "institution": school.pk, "level": "municipal",
            "status": "active", "start": "2022-09-01", "end": "2021-05-31"}
    response = api_of(methodist).post("/api/v1/innovation/projects/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"end": [gettext("The end is before the start.")]}
    assert not Project.objects.exists()

    pedagogue = PedagogueFactory(institution=school)
    expert = {"pedagogue": pedagogue.pk, "active_from": "2022-09-01", "active_to": "2022-08-31"}
    response = api_of(methodist).post("/api/v1/expertise/experts/", expert, format="json")
    assert response.status_code == 400
    assert response.json() == {"active_to": [gettext("The end of the period is before its start.")]}
    response = api_of(methodist).post("/api/v1/expertise/experts/", {**expert, "active_to": "2022-09-01"}, format="json")
    assert response.status_code == 201, response.json()
    assert Expert.objects.get().active_to == datetime.date(2022, 9, 1)

    from innovation.forms import StageForm

    form = StageForm({"title": "Этап", "start": "2022-09-01", "end": "2022-01-31"},
                     instance=Stage(project=ProjectFactory(institution=school)))
    assert form.errors == {"end": [gettext("The end is before the start.")]}
