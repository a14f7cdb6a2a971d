import datetime

import factory

from notifications.kinds import Kind
from notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    kind = Kind.ASSIGNMENT_DUE
    title = factory.Sequence(lambda n: f"Срок 15.06.2021: задание № {n}")
    url = "/monitoring/"
    day = factory.LazyFunction(lambda: datetime.date(2021, 6, 12))
