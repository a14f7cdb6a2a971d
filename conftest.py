"""Personas shared by every app's tests (STYLE.md): head, methodist, school_user
(of school A), outsider (school B of the same city), expert, teacher (of school A)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from core.models import AcademicYear
from core.models import Institution
from core.models import InstitutionType
from core.models import Municipality
from core.models import Pedagogue
from core.models import RoleAssignment
from core.scoping import Role


def make_user(username: str, role: str | None = None, **scope):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    if role:
        RoleAssignment.objects.create(user=user, role=role, **scope)
    return user


def client_of(user) -> Client:
    """A test client logged in as the user."""
    client = Client()
    client.force_login(user)
    return client


def api_of(user) -> APIClient:
    """An API client authenticated as the user."""
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def city(db) -> Municipality:
    return Municipality.objects.create(name="Лесосибирск", code="lesosibirsk")


@pytest.fixture
def other_city(db) -> Municipality:
    return Municipality.objects.create(name="Енисейск", code="eniseysk")


@pytest.fixture
def school(city) -> Institution:
    return Institution.objects.create(
        municipality=city, name="МБОУ «Средняя школа № 1»", short_name="СШ № 1", type=InstitutionType.GENERAL
    )


@pytest.fixture
def other_school(city) -> Institution:
    return Institution.objects.create(
        municipality=city, name="МБОУ «Средняя школа № 2»", short_name="СШ № 2", type=InstitutionType.GENERAL
    )


@pytest.fixture
def year(db) -> AcademicYear:
    return AcademicYear.objects.get(start_year=2021)


@pytest.fixture
def previous_year(db) -> AcademicYear:
    return AcademicYear.objects.get(start_year=2020)


@pytest.fixture
def admin_user(db):
    return make_user("admin", Role.ADMIN)


@pytest.fixture
def head(city):
    return make_user("head", Role.HEAD, municipality=city)


@pytest.fixture
def methodist(city):
    return make_user("methodist", Role.METHODIST, municipality=city)


@pytest.fixture
def expert(city):
    return make_user("expert", Role.EXPERT, municipality=city)


@pytest.fixture
def school_user(school):
    return make_user("school", Role.SCHOOL, institution=school)


@pytest.fixture
def outsider(other_school):
    return make_user("outsider", Role.SCHOOL, institution=other_school)


@pytest.fixture
def teacher_pedagogue(city, school) -> Pedagogue:
    return Pedagogue.objects.create(
        last_name="Иванова", first_name="Мария", middle_name="Петровна", birth_date=datetime.date(1995, 3, 1),
        municipality=city, institution=school,
    )


@pytest.fixture
def teacher(teacher_pedagogue, school):
    user = make_user("teacher", Role.TEACHER, institution=school)
    teacher_pedagogue.user = user
    teacher_pedagogue.save(update_fields=["user"])
    return user



@pytest.fixture(scope="session")
def _migrated_rows(django_db_setup, django_db_blocker) -> str:
    """The rows data migrations create (academic years, positions, directions, the competency
    framework...), serialized once from the fresh test database."""
    from django.apps import apps
    from django.core import serializers

    skip = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    with django_db_blocker.unblock():
        objects = [
            obj
            for model in apps.get_models()
            if model._meta.label_lower not in skip and not model._meta.proxy
            for obj in model._default_manager.all()
        ]
        return serializers.serialize("json", objects)


@pytest.fixture(autouse=True)
def _migrated_rows_after_flush(request):
    """Transactional tests (the browser journeys among them) flush the database after each test;
    put the data-migration rows back for the transactional tests that follow."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    dump = request.getfixturevalue("_migrated_rows")
    request.getfixturevalue("transactional_db")
    from django.core import serializers
    from django.db import transaction

    if AcademicYear.objects.exists():
        return
    with transaction.atomic():
        for obj in serializers.deserialize("json", dump):
            obj.save()


@pytest.fixture(autouse=True)
def _demo_day(settings):
    """``seed_demo`` without ``--today`` builds the demo for this day: the base span 2018/2019 … 2022/2023
    complete and 2023/2024 in progress, whatever the calendar says, so demo tests stay deterministic."""
    import datetime

    settings.DEMO_TODAY = datetime.date(2023, 10, 1)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters (login, certificate checks) live in the cache: every test starts from zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def still_clock():
    """The clock stands still for the test: django-ratelimit counts in fixed windows of the rate's period, so a
    burst that crossed a window's edge would be counted in two windows and pass the limit (seen in CI)."""
    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.now(), tick=False):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded and generated files (imports, job files, certificates) go to a temporary folder, not media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
