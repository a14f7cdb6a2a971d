import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from associations.models import Association
from associations.models import Membership
from associations.models import PlanItem
from associations.tests.factories import AssociationFactory
from associations.tests.factories import MeetingFactory
from associations.tests.factories import MembershipFactory
from associations.tests.factories import ProductFactory
from core.tests.factories import PedagogueFactory

pytestmark = pytest.mark.django_db


def test_methodist_creates_an_association_in_their_municipality(client, methodist, city, member_a):
    client.force_login(methodist)
    response = client.post(reverse("associations:association-create"), {
        "municipality": city.pk, "kind": "creative_group", "title": "Творческая группа «Цифровая школа»",
        "leader": member_a.pk, "started": "2021-09-01",
    })
    association = Association.objects.get()
    assert response.status_code == 302
    assert (association.kind, association.leader, association.municipality) == ("creative_group", member_a, city)
    assert association.history.count() == 1


def test_the_form_keeps_input_and_explains_a_wrong_period(client, methodist, city):
    client.force_login(methodist)
    response = client.post(reverse("associations:association-create"), {
        "municipality": city.pk, "kind": "gmo", "title": "ГМО учителей химии", "started": "2021-09-01",
        "ended": "2020-01-01",
    })
    assert response.status_code == 200 and not Association.objects.exists()
    assert "ГМО учителей химии" in response.content.decode()
    assert response.context["form"].errors["ended"]


def test_a_school_user_cannot_create_associations(client, school_user):
    client.force_login(school_user)
    assert client.get(reverse("associations:association-create")).status_code == 403


def test_a_leader_edits_their_own_association_but_not_its_leader(client, gmo, teacher, teacher_pedagogue):
    gmo.leader = teacher_pedagogue
    gmo.save()
    client.force_login(teacher)
    url = reverse("associations:association-edit", args=[gmo.pk])
    form = client.get(url).context["form"]
    assert "leader" not in form.fields and "kind" not in form.fields
    response = client.post(url, {"title": "ГМО учителей математики и информатики", "started": "2019-09-01"})
    assert response.status_code == 302
    gmo.refresh_from_db()
    assert gmo.title == "ГМО учителей математики и информатики" and gmo.leader == teacher_pedagogue


def test_a_leader_cannot_edit_another_association(client, gmo, community, teacher, teacher_pedagogue):
    gmo.leader = teacher_pedagogue
    gmo.save()
    MembershipFactory(association=community, pedagogue=teacher_pedagogue)
    client.force_login(teacher)
    # A member sees the community but may not edit it, add members or meetings.
    assert client.get(community.get_absolute_url()).status_code == 200
    assert client.get(reverse("associations:association-edit", args=[community.pk])).status_code == 403
    assert client.post(reverse("associations:membership-add", args=[community.pk]), {}).status_code == 403
    assert client.post(reverse("associations:meeting-add", args=[community.pk]), {}).status_code == 403


def test_a_teacher_does_not_see_associations_they_are_not_in(client, gmo, teacher):
    client.force_login(teacher)
    assert client.get(gmo.get_absolute_url()).status_code == 404
    assert gmo.title not in client.get(reverse("associations:association-list")).content.decode()


def test_a_school_sees_associations_with_its_staff_only(client, city, school_user, members, community):
    gmo = members[0].association_memberships.get().association
    client.force_login(school_user)
    page = client.get(reverse("associations:association-list")).content.decode()
    assert gmo.title in page and community.title not in page
    assert client.get(community.get_absolute_url()).status_code == 404


def test_other_municipality_is_invisible_to_a_methodist(client, methodist, other_city):
    foreign = AssociationFactory(municipality=other_city, title="ГМО другого города")
    client.force_login(methodist)
    assert client.get(foreign.get_absolute_url()).status_code == 404
    assert client.get(reverse("associations:association-edit", args=[foreign.pk])).status_code == 404


def test_list_searches_filters_and_sorts(client, methodist, gmo, community, members, year):
    AssociationFactory(municipality=gmo.municipality, title="ГМО закрытое", started=datetime.date(2018, 9, 1),
                       ended=datetime.date(2019, 6, 1))
    # The year filter offers the years that hold records: the association's plan for this one.
    PlanItem.objects.create(association=gmo, year=year, planned_on=datetime.date(2021, 10, 1), title="Семинар")
    client.force_login(methodist)
    url = reverse("associations:association-list")
    rows = lambda **q: [a.title for a in client.get(url, q).context["page"]]  # noqa: E731
    assert rows(q="математ") == ["ГМО учителей математики"]
    assert rows(kind="community") == ["Сообщество наставников"]
    assert "ГМО закрытое" not in rows(year=year.pk)
    assert rows(sort="-members")[0] == "ГМО учителей математики"
    assert rows(q="несуществующее") == []
    assert "bi-inbox" in client.get(url, {"q": "несуществующее"}).content.decode()  # the empty state


def test_export_contains_the_filtered_rows(client, methodist, gmo, community, members):
    MeetingFactory(association=gmo)
    ProductFactory(association=gmo)
    client.force_login(methodist)
    response = client.get(reverse("associations:association-export"), {"kind": "gmo"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == "ГМО учителей математики" and rows[1][7:10] == (2, 1, 1)


def test_member_added_and_ended(client, methodist, gmo, member_a):
    client.force_login(methodist)
    client.post(reverse("associations:membership-add", args=[gmo.pk]),
                {"pedagogue": member_a.pk, "joined": "2021-09-01"})
    membership = Membership.objects.get()
    response = client.post(reverse("associations:membership-add", args=[gmo.pk]),
                           {"pedagogue": member_a.pk, "joined": "2021-10-01"})
    assert response.status_code == 200 and Membership.objects.count() == 1  # already a member
    client.post(reverse("associations:membership-edit", args=[gmo.pk, membership.pk]),
                {"joined": "2021-09-01", "left": "2022-05-31"})
    membership.refresh_from_db()
    assert membership.left == datetime.date(2022, 5, 31)


def test_plan_item_outside_the_year_is_rejected(client, methodist, gmo, year):
    client.force_login(methodist)
    url = reverse("associations:plan-item-add", args=[gmo.pk])
    response = client.post(url, {"year": year.pk, "planned_on": "2023-01-10", "title": "Семинар"})
    assert response.status_code == 200 and not gmo.plan_items.exists()
    client.post(url, {"year": year.pk, "planned_on": "2022-01-10", "title": "Семинар"})
    assert gmo.plan_items.get().title == "Семинар"


def test_product_needs_a_file_or_a_link(client, methodist, gmo, member_a):
    client.force_login(methodist)
    url = reverse("associations:product-add", args=[gmo.pk])
    data = {"title": "Сборник заданий", "type": "collection", "authors": [member_a.pk], "created_on": "2022-03-01"}
    assert client.post(url, data).status_code == 200 and not gmo.products.exists()
    client.post(url, {**data, "url": "https://school.example/sbornik", "bank_ref": "Банк продуктов № 17"})
    product = gmo.products.get()
    assert list(product.authors.all()) == [member_a] and product.bank_ref == "Банк продуктов № 17"


def test_product_list_is_scoped_and_exports(client, school_user, gmo, members, community):
    ProductFactory(association=gmo, title="Продукт ГМО")
    ProductFactory(association=community, title="Продукт сообщества")
    client.force_login(school_user)
    titles = [p.title for p in client.get(reverse("associations:product-list")).context["page"]]
    assert titles == ["Продукт ГМО"]
    sheet = load_workbook(io.BytesIO(client.get(reverse("associations:product-export")).content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Продукт ГМО"]


def test_record_section_shows_memberships_and_meetings_attended(client, methodist, gmo, members):
    member_a = members[0]
    meeting = MeetingFactory(association=gmo, topic="Заседание о ФГОС")
    meeting.attendance.create(pedagogue=member_a, present=True)
    MeetingFactory(association=gmo, topic="Пропущенное заседание").attendance.create(pedagogue=member_a, present=False)
    from associations.record import sections

    found = {s.key: s for s in sections(member_a, methodist)}
    memberships = found["associations"].context["memberships"]
    assert memberships[0].attended_count == 1
    assert [row.meeting.topic for row in found["associations"].context["attended"]] == ["Заседание о ФГОС"]
    client.force_login(methodist)
    page = client.get(member_a.get_absolute_url()).content.decode()
    assert "Заседание о ФГОС" in page and "Пропущенное заседание" not in page


def test_record_section_is_empty_for_a_pedagogue_without_associations(methodist, city):
    from associations.record import sections

    assert sections(PedagogueFactory(), methodist) == []


def test_association_page_shows_the_meetings_of_one_year_the_current_by_default(client, methodist, gmo,
                                                                                previous_year):
    from django.utils import timezone

    MeetingFactory(association=gmo, date=datetime.date(2020, 11, 5), topic="Заседание 2020/2021")
    MeetingFactory(association=gmo, date=datetime.date(2021, 11, 5), topic="Заседание 2021/2022")
    MeetingFactory(association=gmo, date=timezone.localdate(), topic="Заседание текущего года")
    client.force_login(methodist)
    page = client.get(gmo.get_absolute_url()).content.decode()
    assert "Заседание текущего года" in page and "Заседание 2021/2022" not in page
    page = client.get(gmo.get_absolute_url(), {"year": previous_year.pk}).content.decode()
    assert "Заседание 2020/2021" in page and "Заседание 2021/2022" not in page


def test_methodist_sends_a_product_to_the_bank_once(client, methodist, gmo, member_a, school):
    from banks.models import Bank
    from banks.models import Item

    product = ProductFactory(association=gmo, title="Сборник задач по функциональной грамотности",
                             type="collection", created_on=datetime.date(2021, 12, 1), authors=[member_a])
    client.force_login(methodist)
    url = reverse("associations:product-to-bank", args=[gmo.pk, product.pk])

    response = client.post(url)
    again = client.post(url)

    item = Item.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert again["Location"] == item.get_absolute_url()  # the same draft, not a second one
    assert (item.bank, item.kind, item.title, item.institution, item.year.start_year) == (
        Bank.RESOURCES, "methodical", "Сборник задач по функциональной грамотности", school, 2021)
    assert item.authors == "Соколова Анна Игоревна" and item.url == "https://example.org/product"
    product.refresh_from_db()
    assert product.bank_ref.endswith(item.get_absolute_url())
    page = client.get(gmo.get_absolute_url()).content.decode()
    assert item.get_absolute_url() in page and "Передать в банк" not in page


def test_a_product_without_authors_or_leader_is_not_sent_and_the_methodist_is_told_why(client, methodist, gmo):
    from banks.models import Item

    product = ProductFactory(association=gmo)
    client.force_login(methodist)

    response = client.post(reverse("associations:product-to-bank", args=[gmo.pk, product.pk]), follow=True)

    assert not Item.objects.exists()
    assert "Сначала укажите авторов продукта" in response.content.decode()


def test_only_editors_of_the_association_send_its_products(client, school_user, other_city, gmo, member_a):
    from conftest import make_user
    from core.scoping import Role

    product = ProductFactory(association=gmo, authors=[member_a])
    url = reverse("associations:product-to-bank", args=[gmo.pk, product.pk])

    client.force_login(make_user("foreign", Role.METHODIST, municipality=other_city))
    assert client.post(url).status_code == 404
    client.force_login(school_user)
    assert client.post(url).status_code in (403, 404)
    assert client.get(url).status_code == 405
