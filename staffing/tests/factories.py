import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from core.models import Position
from core.tests.factories import academic_year
from staffing.models import Campaign
from staffing.models import DocumentStatus
from staffing.models import Need
from staffing.models import Reason
from staffing.models import RegulatoryDocument
from staffing.models import Submission
from staffing.models import SubmissionStatus


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Кадровая потребность на 01.08.2021 ({n})")
    as_of = datetime.date(2021, 8, 1)
    year = academic_year(2021)
    deadline = datetime.date(2021, 6, 15)


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    status = SubmissionStatus.DRAFT


def submitted(campaign, institution, *, on=None, status=SubmissionStatus.SUBMITTED, **fields) -> Submission:
    """Return a submission sent on the day (noon), submitted or accepted."""
    when = timezone.make_aware(datetime.datetime.combine(on or campaign.deadline, datetime.time(12)))
    return Submission.objects.create(
        campaign=campaign, institution=institution, status=status, submitted_at=when, first_submitted_at=when,
        received_on=on or campaign.deadline, **fields,
    )


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    position = factory.LazyFunction(lambda: Position.objects.get(name="учитель"))
    rates = Decimal("1")
    reason = Reason.VACANCY


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegulatoryDocument

    title = "Положение о выявлении кадровых потребностей"
    number = factory.Sequence(lambda n: f"{n + 100}-п")
    date = datetime.date(2021, 9, 1)
    status = DocumentStatus.IN_FORCE
