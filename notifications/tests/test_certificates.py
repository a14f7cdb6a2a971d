import pytest

from certificates.tests.factories import issue
from certificates.tests.factories import seminar
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_holder_is_notified_once_when_a_certificate_is_issued(city, methodist, teacher, teacher_pedagogue,
                                                                   django_capture_on_commit_callbacks):
    meeting = seminar(city, [teacher_pedagogue])
    with django_capture_on_commit_callbacks(execute=True):
        created = issue("associations.meeting", meeting, methodist)
    with django_capture_on_commit_callbacks(execute=True):
        issue("associations.meeting", meeting, methodist)  # nothing new

    notification = Notification.objects.get()
    certificate = created[0]
    assert notification.user == teacher and notification.kind == "certificate_issued"
    assert notification.title == f"Выдан сертификат № {certificate.number}: {certificate.event_title}"
    assert notification.url == certificate.get_absolute_url()
    assert notification.target == certificate
    assert notification.email is False  # in-app by default


def test_holders_without_an_account_are_skipped(city, school, methodist, django_capture_on_commit_callbacks):
    from certificates.tests.factories import pedagogue

    meeting = seminar(city, [pedagogue(school)])
    with django_capture_on_commit_callbacks(execute=True):
        issue("associations.meeting", meeting, methodist)
    assert Notification.objects.count() == 0
