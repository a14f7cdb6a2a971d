"""A pair's rules live in ``Pair.clean()``: the page's form, the API (through the form) and the import refuse the
same bad pair with the same message, under the same field or column."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import api_of
from core.tests.workbooks import xlsx
from mentoring.models import MentoringForm
from mentoring.models import Pair
from mentoring.tests.factories import PedagogueFactory
from mentoring.tests.factories import ProgrammeFactory

HEADER = ["Учреждение", "Наставник", "Наставляемые", "Форма наставничества", "Начало", "Окончание"]
END_BEFORE_START = "Дата окончания раньше даты начала."
GROUP_FORM = "Для нескольких наставляемых выберите групповую форму."
SELF_MENTORING = "Педагог не может быть наставником самому себе: Смирнова Елена Викторовна."


@pytest.fixture
def people(school):
    return {
        "mentor": PedagogueFactory(institution=school, last_name="Смирнова", first_name="Елена",
                                   middle_name="Викторовна"),
        "young": PedagogueFactory(institution=school, last_name="Ершова", first_name="Анна", middle_name="Ивановна"),
        "young2": PedagogueFactory(institution=school, last_name="Клюева", first_name="Ольга", middle_name="Петровна"),
    }


# (mentees by key, end) of a bad pair of the individual form starting on 01.09.2025, and what is refused:
# (form field, API field, import column, the page's message, the import's message)
BAD_PAIRS = {
    "end before start": (["young"], datetime.date(2025, 6, 1),
                         ("end", "end", "Окончание", END_BEFORE_START, "дата окончания раньше даты начала")),
    "two mentees, individual form": (["young", "young2"], None,
                                     ("form", "form", "Форма", GROUP_FORM,
                                      "для нескольких наставляемых выберите групповую форму")),
    "mentor of themselves": (["mentor"], None,
                             ("mentees", "mentee_ids", "Наставляемые", SELF_MENTORING,
                              "педагог не может быть наставником самому себе: Смирнова Елена Викторовна")),
}


def import_problems(client, school, people, mentees, form, end) -> list[str]:
    upload = xlsx(HEADER, [[school.short_name, people["mentor"].full_name,
                            "; ".join(people[key].full_name for key in mentees), form.name, "01.09.2025",
                            end.strftime("%d.%m.%Y") if end else None]], name="pairs.xlsx")
    response = client.post(reverse("mentoring:pair-import"), {"file": upload})
    return [str(problem) for problem in response.context["problems"]]


@pytest.mark.parametrize("case", BAD_PAIRS)
def test_the_form_the_api_and_the_import_refuse_a_bad_pair_alike(client, school_user, school, people, settings,
                                                               tmp_path, case):
    settings.MEDIA_ROOT = tmp_path
    mentees, end, (field, api_field, column, message, row_message) = BAD_PAIRS[case]
    form = MentoringForm.objects.filter(is_group=False).order_by("order").first()
    client.force_login(school_user)

    page = client.post(reverse("mentoring:pair-create"), {
        "institution": school.pk, "form": form.pk, "start": "2025-09-01", "end": end.isoformat() if end else "",
        "mentors": [people["mentor"].pk], "mentees": [people[key].pk for key in mentees]})
    api = api_of(school_user)
    answer = api.post("/api/v1/mentoring/pairs/", {
        "institution": school.pk, "form": form.pk, "start": "2025-09-01", "end": end.isoformat() if end else None,
        "mentor_ids": [people["mentor"].pk], "mentee_ids": [people[key].pk for key in mentees]}, format="json")
    problems = import_problems(client, school, people, mentees, form, end)

    assert page.status_code == 200
    assert page.context["form"].errors == {field: [message]}
    assert answer.status_code == 400
    assert answer.json() == {api_field: [message]}
    assert problems == [f"Строка 2, столбец «{column}»: {row_message}"]
    assert not Pair.objects.exists()


def test_a_programme_of_another_institution_is_refused_by_the_form_the_api_and_the_model(
        client, methodist, school, other_school, people):
    form = MentoringForm.objects.filter(is_group=False).order_by("order").first()
    foreign = ProgrammeFactory(institution=other_school)  # the methodist may choose it, the pair's rule refuses it
    message = "Программа относится к другому учреждению."
    client.force_login(methodist)

    page = client.post(reverse("mentoring:pair-create"), {
        "institution": school.pk, "form": form.pk, "start": "2025-09-01", "programme": foreign.pk,
        "mentors": [people["mentor"].pk], "mentees": [people["young"].pk]})
    api = api_of(methodist)
    answer = api.post("/api/v1/mentoring/pairs/", {
        "institution": school.pk, "form": form.pk, "start": "2025-09-01", "programme": foreign.pk,
        "mentor_ids": [people["mentor"].pk], "mentee_ids": [people["young"].pk]}, format="json")
    with pytest.raises(ValidationError) as refused:
        Pair(institution=school, form=form, start=datetime.date(2025, 9, 1), programme=foreign).full_clean()

    assert page.context["form"].errors == {"programme": [message]}
    assert answer.status_code == 400 and answer.json() == {"programme": [message]}
    assert refused.value.message_dict == {"programme": [message]}
    assert not Pair.objects.exists()


def test_the_model_checks_people_only_when_given(school, people):
    form = MentoringForm.objects.filter(is_group=False).order_by("order").first()
    pair = Pair(institution=school, form=form, start=datetime.date(2025, 9, 1))

    pair.full_clean()  # the admin's pair, whose people are its inline rows
    with pytest.raises(ValidationError) as refused:
        pair.with_people([people["mentor"]], [people["young"], people["young2"]]).full_clean()
    assert refused.value.message_dict == {"form": [GROUP_FORM]}



def test_a_support_request_shows_every_rule_of_its_model_on_the_page_and_in_the_api(client, methodist, city,
                                                                                    other_city):
    # The rules are SupportRequest.clean()'s, every error at once; the form and the API (through it) restate none.
    from core.models import Institution
    from mentoring.models import SupportRequest

    body = {"municipality": city.pk, "requester_kind": "beginner", "topic": "Журнал", "received_on": "2025-09-10",
            "closed_on": "2025-09-01", "response": ""}
    expected = {"closed_on": ["Обращение не может быть закрыто раньше, чем поступило."],
                "response": ["Опишите оказанную помощь, прежде чем закрыть обращение."]}
    client.force_login(methodist)
    api = api_of(methodist)

    page = client.post(reverse("mentoring:support-create"), body)
    answer = api.post("/api/v1/mentoring/support-requests/", body, format="json")
    stranger = Institution.objects.create(municipality=other_city, name="МБОУ «СШ № 9»", short_name="СШ № 9")
    with pytest.raises(ValidationError) as refused:
        SupportRequest(municipality=city, institution=stranger, topic="Журнал", received_on=datetime.date(2025, 9, 10),
                       closed_on=datetime.date(2025, 9, 1)).full_clean()

    assert page.context["form"].errors == expected
    assert answer.status_code == 400 and answer.json() == expected
    assert refused.value.message_dict == {
        "institution": ["Учреждение относится к другому муниципальному образованию."], **expected}
    assert not SupportRequest.objects.exists()
