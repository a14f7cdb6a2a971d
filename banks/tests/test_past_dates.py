"""Issue 15, point 5: a bank item of a past year is published with its real date and counts in that year."""

import datetime

from django.urls import reverse
from django.utils import timezone

from banks.indicators import items_published
from banks.models import ItemStatus
from banks.tests.factories import ItemFactory
from core.models import AcademicYear


def test_a_methodist_publishes_last_years_item_on_its_real_date(client, methodist, city, school, year):
    item = ItemFactory(institution=school)  # of 2021/2022
    client.force_login(methodist)
    response = client.post(reverse("banks:item-publish", args=[item.pk]), {"published_on": "2022-03-14"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.published_on) == (ItemStatus.PUBLISHED, datetime.date(2022, 3, 14))
    assert items_published(city, year) == 1
    assert items_published(city, AcademicYear.objects.get(start_year=2022)) == 0


def test_without_a_date_the_item_is_published_today(client, methodist, school):
    item = ItemFactory(institution=school, year=AcademicYear.objects.current())
    client.force_login(methodist)
    client.post(reverse("banks:item-publish", args=[item.pk]))
    item.refresh_from_db()
    assert item.published_on == timezone.localdate()


def test_a_date_in_the_future_or_outside_the_items_year_is_refused(client, methodist, school):
    item = ItemFactory(institution=school)
    client.force_login(methodist)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    for day, message in ((tomorrow, "Дата публикации в будущем."),
                         ("2023-01-10", "Дата публикации должна быть в пределах учебного года материала 2021/2022")):
        response = client.post(reverse("banks:item-publish", args=[item.pk]), {"published_on": day}, follow=True)
        assert message in response.content.decode()
        item.refresh_from_db()
        assert (item.status, item.published_on) == (ItemStatus.DRAFT, None)
