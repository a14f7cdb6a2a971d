import datetime

import pytest
from django.urls import reverse

from core.models import Category
from mentoring.models import Attestation
from mentoring.models import AttestationSupport
from mentoring.models import category_expires
from mentoring.tests.factories import AttestationFactory
from mentoring.tests.factories import PedagogueFactory

TODAY = datetime.date.today()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def staff(school, other_school):
    return {
        "overdue": PedagogueFactory(institution=school, last_name="Просрочена", category=Category.FIRST,
                                    category_date=days_ago(5 * 366), experience_start=days_ago(20 * 365)),
        "soon": PedagogueFactory(institution=school, last_name="Скоро", category=Category.CONFORMITY,
                                 category_date=days_ago(4 * 365 + 200), experience_start=days_ago(20 * 365)),
        "fresh": PedagogueFactory(institution=school, last_name="Недавно", category=Category.HIGHEST,
                                  category_date=days_ago(365), experience_start=days_ago(20 * 365)),
        "no_category": PedagogueFactory(institution=school, last_name="Безкатегории",
                                        experience_start=days_ago(3 * 365)),
        "beginner": PedagogueFactory(institution=school, last_name="Новичок", experience_start=days_ago(200)),
        "elsewhere": PedagogueFactory(institution=other_school, last_name="Чужой", category=Category.FIRST,
                                      category_date=days_ago(6 * 365), experience_start=days_ago(20 * 365)),
    }


def names(response) -> list[str]:
    return sorted(p.last_name for p in response.context["page"].object_list)


def test_due_list_applies_the_five_year_rule_and_the_horizon(client, school_user, staff):
    client.force_login(school_user)
    url = reverse("mentoring:due-list")

    assert names(client.get(url)) == ["Безкатегории", "Просрочена", "Скоро"]
    assert names(client.get(url + "?within=0")) == ["Безкатегории", "Просрочена"]
    assert category_expires(staff["overdue"]) < TODAY < category_expires(staff["soon"])
    assert category_expires(staff["no_category"]) is None


def test_methodist_sees_the_whole_city_and_records_support(client, methodist, staff):
    client.force_login(methodist)
    assert "Чужой" in names(client.get(reverse("mentoring:due-list")))

    client.post(reverse("mentoring:attestation-support-create"), {
        "pedagogue": staff["soon"].pk, "date": TODAY.isoformat(), "kind": "consultation",
        "description": "Разбор требований к портфолио"})
    support = AttestationSupport.objects.get()
    assert support.given_by == methodist and support.pedagogue == staff["soon"]
    row = next(p for p in client.get(reverse("mentoring:due-list")).context["page"].object_list
               if p.pk == staff["soon"].pk)
    assert row.support_count == 1 and row.last_support == TODAY


def test_school_user_cannot_record_attestation(client, school_user, staff):
    client.force_login(school_user)
    response = client.post(reverse("mentoring:attestation-create"), {
        "pedagogue": staff["soon"].pk, "category": "first", "result": "pending"})
    assert response.status_code == 403
    assert not Attestation.objects.exists()


def test_attestation_form_checks_dates_and_keeps_input(client, methodist, staff):
    client.force_login(methodist)
    response = client.post(reverse("mentoring:attestation-create"), {
        "pedagogue": staff["soon"].pk, "category": "first", "applied_on": "2025-03-01", "date": "2025-02-01",
        "result": "assigned", "order_ref": "№ 301-11-05"})

    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert 'value="№ 301-11-05"' in response.content.decode()


def test_attestation_list_is_scoped_and_exported(client, outsider, methodist, staff):
    AttestationFactory(pedagogue=staff["fresh"], category="highest")
    AttestationFactory(pedagogue=staff["elsewhere"], category="first")
    client.force_login(outsider)
    assert [a.pedagogue.last_name for a in client.get(reverse("mentoring:attestation-list"))
            .context["page"].object_list] == ["Чужой"]

    client.force_login(methodist)
    import io

    from openpyxl import load_workbook

    content = client.get(reverse("mentoring:attestation-export") + "?category=highest").content
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0].startswith("Недавно") and rows[1][2] == "Высшая"
