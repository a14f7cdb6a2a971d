"""Small things users hit (issue 16, point 8): natural order of institutions, decimals with a comma,
the portal's own 403/404 pages, a confirmation before locking, attendance instructions that match the boxes."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from core.forms import BootstrapFormMixin
from core.models import Institution
from core.models import InstitutionType

pytestmark = pytest.mark.django_db


def test_institutions_are_ordered_by_their_number_not_as_text(city, methodist, client):
    for name in ("СШ № 11", "СШ № 2", "Гимназия", "ДС № 10 «Теремок»", "СШ № 13", "ДС № 6 «Огонёк»", "СШ № 1"):
        Institution.objects.create(municipality=city, name=f"МБОУ {name}", short_name=name,
                                   type=InstitutionType.GENERAL)
    assert [i.short_name for i in Institution.objects.all()] == [
        "Гимназия", "ДС № 6 «Огонёк»", "ДС № 10 «Теремок»", "СШ № 1", "СШ № 2", "СШ № 11", "СШ № 13"]
    # The pickers answer in the same order.
    client.force_login(methodist)
    found = [row["text"] for row in client.get("/autocomplete/institutions/", {"q": "СШ"}).json()["results"]]
    assert found == ["СШ № 1", "СШ № 2", "СШ № 11", "СШ № 13"]


def test_the_natural_order_is_stored_so_lists_sorted_by_institution_follow_it(city, methodist, client):
    from core.models import Pedagogue
    from core.models import natural_key

    schools = Institution.objects.bulk_create([
        Institution(municipality=city, name=f"МБОУ «Средняя школа № {n}»", short_name=f"СШ № {n}",
                    type=InstitutionType.GENERAL) for n in (11, 2, 1)])
    lyceum = Institution.objects.create(municipality=city, name="МАОУ «Лицей № 9»", short_name="Лицей № 9",
                                        type=InstitutionType.GENERAL)
    assert natural_key("СШ № 2") == "сш № 0000000002" and natural_key("СШ № 2") < natural_key("СШ № 11")
    for school in (*schools, lyceum):
        Pedagogue.objects.create(last_name="Петрова", first_name=school.short_name, birth_date=datetime.date(1990, 1, 1),
                                 municipality=city, institution=school)
    # Other models ordering by their institution, and a list page sorted by it, follow the stored key.
    assert [p.institution.short_name for p in Pedagogue.objects.order_by("institution", "pk")] == [
        "Лицей № 9", "СШ № 1", "СШ № 2", "СШ № 11"]
    client.force_login(methodist)
    page = client.get("/pedagogues/", {"sort": "institution"}).context["page"]
    assert [p.institution.short_name for p in page.object_list] == ["Лицей № 9", "СШ № 1", "СШ № 2", "СШ № 11"]
    # A renamed school moves to its new place.
    lyceum.short_name = "СШ № 10"
    lyceum.save(update_fields=["short_name"])
    assert list(Institution.objects.filter(municipality=city).values_list("short_name", flat=True)) == [
        "СШ № 1", "СШ № 2", "СШ № 10", "СШ № 11"]


class RateForm(BootstrapFormMixin, forms.Form):
    rate = forms.DecimalField(max_digits=5, decimal_places=2)


@pytest.mark.parametrize(("typed", "value"), [("1,5", Decimal("1.5")), ("0.25", Decimal("0.25")), ("2", Decimal(2))])
def test_decimals_are_read_with_a_comma_or_a_dot(typed, value):
    with translation.override("ru"):
        form = RateForm({"rate": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["rate"] == value


def test_a_decimal_is_shown_with_a_comma_in_russian():
    with translation.override("ru"):
        html = str(RateForm(initial={"rate": Decimal("1.5")})["rate"])
    assert 'value="1,5"' in html and 'inputmode="decimal"' in html and 'type="text"' in html


def test_a_forbidden_page_is_the_portals_own_with_a_way_back(client, teacher):
    client.force_login(teacher)
    response = client.get(reverse("core:pedagogue-export"))  # the staff export needs the export capability
    assert response.status_code == 403
    page = response.content.decode()
    assert 'href="/"' in page and "<nav" in page  # the portal's layout and a way home
    assert "403 Forbidden" not in page


def test_a_missing_page_is_the_portals_own(client, methodist):
    client.force_login(methodist)
    response = client.get("/pedagogues/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'href="/"' in page and "<nav" in page


def test_a_locked_staffing_answer_shows_why_on_the_403_page(client, school_user, school):
    from staffing.tests.factories import CampaignFactory
    from staffing.tests.factories import submitted

    campaign = CampaignFactory(municipality=school.municipality, deadline=datetime.date(2099, 6, 15))
    submitted(campaign, school)
    client.force_login(school_user)
    with translation.override("en"):
        response = client.get(reverse("staffing:submission-edit", args=[campaign.pk, school.pk]),
                              HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "can no longer be changed" in response.content.decode() or "больше нельзя" in response.content.decode()


def test_submitting_a_staffing_answer_asks_for_a_confirmation(client, school_user, school):
    from staffing.tests.factories import CampaignFactory

    campaign = CampaignFactory(municipality=school.municipality, deadline=datetime.date(2099, 6, 15))
    client.force_login(school_user)
    page = client.get(reverse("staffing:submission-detail", args=[campaign.pk, school.pk])).content.decode()
    button = page.split('id="submit-button"', 1)[1].split(">", 1)[0]
    assert "data-confirm=" in button


def test_attendance_instruction_matches_the_ticked_boxes(client, methodist, school):
    from associations.tests.factories import AssociationFactory
    from associations.tests.factories import MeetingFactory
    from associations.tests.factories import MembershipFactory
    from core.tests.factories import PedagogueFactory

    association = AssociationFactory(municipality=school.municipality)
    meeting = MeetingFactory(association=association)
    MembershipFactory(association=association, pedagogue=PedagogueFactory(institution=school),
                      joined=meeting.date - datetime.timedelta(days=30))
    client.force_login(methodist)
    url = reverse("associations:meeting-attendance", args=[meeting.pk])
    with translation.override("en"):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Every member is ticked as present: untick those who were absent." in page or \
        "отмечены как присутствовавшие" in page


def test_table_or_wraps_the_table_or_says_it_is_empty():
    from django.template import Context
    from django.template import Template

    page = Template('{% load i18n portal %}{% table_or rows empty=_("No changes recorded.") id="t" %}'
                    '<tbody>{% for row in rows %}<tr><td>{{ row }}</td></tr>{% endfor %}</tbody>{% endtable_or %}')
    assert page.render(Context({"rows": ["<a>"]})) == (
        '<div class="table-responsive">\n<table class="table table-sm" id="t"><tbody><tr><td>&lt;a&gt;</td></tr>'
        "</tbody></table>\n</div>")
    with translation.override("ru"):
        assert page.render(Context({"rows": []})) == '<p class="text-muted">Изменений нет.</p>'
    alert = Template('{% load portal %}{% table_or rows empty="Пусто" alert=True %}<tbody></tbody>{% endtable_or %}')
    assert alert.render(Context({"rows": []})) == '<div class="alert alert-light border" role="status">Пусто</div>'
