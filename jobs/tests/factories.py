import factory

from jobs.models import Job


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    kind = Job.FILE
    label = factory.Sequence(lambda n: f"Выгрузка {n}")
    params = factory.LazyFunction(lambda: {"path": "/pedagogues/export/", "query": "", "language": "ru"})
