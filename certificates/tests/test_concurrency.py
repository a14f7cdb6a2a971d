"""Two methodists issuing at the same moment never get the same number (PostgreSQL row lock)."""

import threading

import pytest
from django.db import connection
from django.db import connections

from certificates.models import Certificate

from .factories import issue
from .factories import pedagogue
from .factories import seminar


@pytest.mark.django_db(transaction=True)
def test_concurrent_bulk_issues_get_disjoint_numbers(city, school, methodist):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers with a database lock; the row lock matters on PostgreSQL")
    events = [seminar(city, [pedagogue(school) for _ in range(5)], topic=f"Семинар {n}") for n in range(3)]
    barrier = threading.Barrier(len(events))
    errors = []

    def run(event):
        try:
            barrier.wait()
            issue("associations.meeting", event, methodist)
        except Exception as exc:  # reported below; a thread must not swallow it
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(event,)) for event in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == list(range(1, 16))
