"""Issue 15, point 7: the terms the portal shows follow the place and the law."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from associations.models import AssociationKind
from associations.tests.factories import AssociationFactory
from core.models import MunicipalityKind
from mentoring.tests.factories import SessionFactory
from staffing.models import Reason
from training.models import AccountStatus


@pytest.mark.django_db
def test_a_districts_methodical_association_is_an_rmo_and_a_citys_a_gmo(city, other_city):
    other_city.kind = MunicipalityKind.DISTRICT
    other_city.save()
    with translation.override("ru"):
        assert AssociationFactory(municipality=city).get_kind_display() == "Городское методическое объединение"
        assert AssociationFactory(municipality=other_city).get_kind_display() == "Районное методическое объединение"
        community = AssociationFactory(municipality=other_city, kind=AssociationKind.COMMUNITY)
        assert community.get_kind_display() == "Профессиональное сообщество"


@pytest.mark.django_db
def test_a_school_methodical_association_names_its_school(city, school, other_city):
    association = AssociationFactory.build(municipality=city, kind=AssociationKind.SCHOOL, title="ШМО учителей")
    with pytest.raises(ValidationError) as error:
        association.clean()
    assert "institution" in error.value.message_dict
    association.institution = school
    association.clean()
    association.municipality = other_city
    with pytest.raises(ValidationError):
        association.clean()


def test_the_russian_terms():
    with translation.override("ru"):
        assert str(Reason.MATERNITY.label) == "Отпуск по уходу за ребёнком"
        assert str(AccountStatus.OVERDUE.label) == "ПК просрочено"
        assert str(AccountStatus.NOTHING.label) == "Не начато"
        assert translation.pgettext("level of an innovation site", "Regional") == "Краевой (КИП)"
        assert translation.pgettext("school of the young teacher session", "Summary") == "Итоги"


@pytest.mark.django_db
def test_the_session_summary_reads_itogi(client, methodist, city):
    session = SessionFactory(municipality=city, summary="Разобрали три урока", date=datetime.date(2021, 10, 15))
    client.force_login(methodist)
    page = client.get(reverse("mentoring:session-detail", args=[session.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    text = page.content.decode()
    assert "Итоги" in text and "Краткая статистика" not in text


@pytest.mark.django_db
def test_the_demo_labels_its_associations_gmo_in_the_city_shmo_at_school_and_rmo_in_a_district(client):
    from django.core.management import call_command

    from associations.models import Association
    from conftest import make_user
    from core.models import Municipality
    from core.scoping import Role

    call_command("seed_demo", scale="tiny", verbosity=0)
    city = Municipality.objects.order_by("pk").first()
    shmo = list(Association.objects.filter(municipality=city, kind=AssociationKind.SCHOOL).select_related("institution"))
    assert len(shmo) >= 2 and all(a.title.startswith("ШМО ") and a.institution.municipality == city for a in shmo)
    # Its members work (or worked) at its school.
    assert all(a.memberships.exists() and not a.memberships.exclude(pedagogue__employments__institution=a.institution)
               .exists() for a in shmo)

    client.force_login(make_user("demo-methodist", Role.METHODIST, municipality=city))
    url = reverse("associations:association-list")
    text = client.get(url, {"kind": "school"}, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert text.count("<td>Школьное методическое объединение</td>") == len(shmo)
    assert all(a.title in text for a in shmo)
    text = client.get(url, {"kind": "gmo"}, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "<td>Городское методическое объединение</td>" in text and "<td>Районное" not in text
    detail = client.get(shmo[0].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Школьное методическое объединение" in detail and shmo[0].institution.short_name in detail

    other_city = Municipality.objects.create(name="Енисейский район", code="eniseysky", kind=MunicipalityKind.DISTRICT)
    AssociationFactory(municipality=other_city, title="РМО учителей математики")
    client.force_login(make_user("district-methodist", Role.METHODIST, municipality=other_city))
    text = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "<td>Районное методическое объединение</td>" in text and "<td>Городское" not in text
