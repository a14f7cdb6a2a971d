"""Personas shared by every app's tests (STYLE.md): head, methodist, school_user
(of school A), outsider (school B of the same city), expert, teacher (of school A)."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from core.models import AcademicYear, Institution, InstitutionType, Municipality, Pedagogue, RoleAssignment
from core.scoping import Role


def make_user(username: str, role: str | None = None, **scope):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    if role:
        RoleAssignment.objects.create(user=user, role=role, **scope)
    return user


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


def pytest_collection_modifyitems(config, items):
    """Transactional tests (the browser journeys among them) flush the database after
    each test; serialized rollback restores what data migrations created (academic
    years, positions, directions, the competency framework...) for the tests after them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = marker is not None and marker.kwargs.get("transaction", False)
        if transactional or item.get_closest_marker("browser"):
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
