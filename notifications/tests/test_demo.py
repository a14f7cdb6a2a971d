import pytest

from core.tests.factories import seed_demo
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def seed() -> str:
    return seed_demo("core,associations,mentoring,certificates,notifications")


def test_the_demo_teacher_has_unread_certificate_notifications_once():
    seed()
    mine = Notification.objects.filter(user__username="teacher", kind="certificate_issued")
    count = mine.count()
    assert 1 <= count <= 3
    assert all(n.read_at is None and n.url.startswith("/certificates/") for n in mine)
    assert mine.first().title.startswith("Выдан сертификат № ")

    seed()
    assert Notification.objects.filter(user__username="teacher", kind="certificate_issued").count() == count
