import datetime

import factory
from django.contrib.auth import get_user_model

from core.tests.factories import InstitutionRecordFactory
from core.tests.factories import PedagogueFactory
from expertise.models import Expert
from expertise.models import RequestType
from expertise.models import ReviewRequest
from expertise.models import Status
from expertise.models import Transition


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"author{n}")


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert
        skip_postgeneration_save = True

    pedagogue = factory.SubFactory(PedagogueFactory)
    municipality = factory.SelfAttribute("pedagogue.municipality")
    specialisations = "методика преподавания математики"
    active_from = datetime.date(2020, 1, 1)


class ReviewRequestFactory(InstitutionRecordFactory):
    """A submitted request (use the services to move it on)."""

    class Meta:
        model = ReviewRequest
        skip_postgeneration_save = True

    type = RequestType.RECOMMENDATIONS
    title = factory.Sequence(lambda n: f"Методические рекомендации № {n}")
    authors = "Сидорова А. В."
    status = Status.SUBMITTED
    submitted_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def log(self, create, extracted, **kwargs):
        if create:
            Transition.objects.create(request=self, action="submit", to_status=self.status, by=self.submitted_by)
