import datetime
import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from core.demo import DEMO_USERNAMES
from core.demo import feminine
from core.models import Employment
from core.models import Institution
from core.models import InstitutionType
from core.models import Municipality
from core.models import Pedagogue
from core.models import RoleAssignment
from core.scoping import Role
from core.tests.factories import seed_demo

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    return seed_demo("core", **options)


def snapshot() -> list[tuple]:
    return list(
        Pedagogue.objects.order_by("pk").values_list(
            "last_name", "first_name", "middle_name", "birth_date", "institution__short_name", "category"
        )
    )


def wipe_core() -> None:
    Employment.objects.all().delete()
    Pedagogue.objects.all().delete()
    RoleAssignment.objects.all().delete()
    Institution.objects.all().delete()
    Municipality.objects.all().delete()
    get_user_model().objects.all().delete()


def test_seed_creates_the_demo_city_with_every_institution_type():
    seed()
    city = Municipality.objects.get(code="lesosibirsk")
    assert city.name == "г. Лесосибирск"
    types = set(Institution.objects.filter(municipality=city).values_list("type", flat=True))
    assert types == set(InstitutionType.values)
    assert Institution.objects.get(short_name="СШ № 1").name == "МБОУ «Средняя школа № 1»"
    kindergarten = Institution.objects.filter(type=InstitutionType.PRESCHOOL).first()
    assert kindergarten.name.startswith("МБДОУ «Детский сад № ")


def test_pedagogues_have_a_full_record_and_an_employment_history():
    seed()
    assert Pedagogue.objects.count() > 40
    assert not Pedagogue.objects.filter(middle_name="").exists()
    assert not Pedagogue.objects.filter(experience_start__isnull=True).exists()
    # every pedagogue has at least one job; the current institution follows the open one
    assert not Pedagogue.objects.annotate(n=Count("employments")).filter(n=0).exists()
    for pedagogue in Pedagogue.objects.filter(institution__isnull=False)[:50]:
        assert pedagogue.open_employment().institution_id == pedagogue.institution_id
    # hires of young specialists in every academic year of the span, and some leavers
    for start_year in range(2018, 2023):
        assert Employment.objects.filter(
            hired__range=(datetime.date(start_year, 8, 1), datetime.date(start_year + 1, 7, 31))
        ).exists(), start_year
    assert Employment.objects.filter(left__isnull=False).exists()
    assert Pedagogue.objects.filter(institution__isnull=True).exists()
    # a category date only with a category
    assert not Pedagogue.objects.filter(category="none", category_date__isnull=False).exists()
    teacher = Pedagogue.objects.filter(position__name="учитель").first()
    assert teacher.subjects.exists()


def test_patronymics_agree_with_the_gender_of_the_first_name():
    seed()
    for last, first, middle in Pedagogue.objects.values_list("last_name", "first_name", "middle_name"):
        woman = middle.endswith("на")
        assert middle.endswith(("вна", "чна", "на")) if woman else middle.endswith(("вич", "ич"))
        if last.endswith(("ов", "ев", "ёв", "ин", "ский")):
            assert not woman, (last, first, middle)
        if last.endswith(("ова", "ева", "ина", "ская")):
            assert woman, (last, first, middle)


def test_feminine_surnames():
    assert feminine("Иванов") == "Иванова"
    assert feminine("Покровский") == "Покровская"
    assert feminine("Ильин") == "Ильина"
    assert feminine("Черных") == "Черных"
    assert feminine("Шевченко") == "Шевченко"


def test_the_same_seed_gives_the_same_people_and_another_seed_other_people():
    seed(seed=7)
    first = snapshot()
    wipe_core()
    seed(seed=7)
    assert snapshot() == first
    wipe_core()
    seed(seed=8)
    assert snapshot() != first


def test_a_second_run_adds_nothing():
    seed()
    counts = (Municipality.objects.count(), Institution.objects.count(), Pedagogue.objects.count(),
              Employment.objects.count(), RoleAssignment.objects.count(), get_user_model().objects.count())
    out = seed()
    assert "nothing to add" in out
    assert counts == (Municipality.objects.count(), Institution.objects.count(), Pedagogue.objects.count(),
                      Employment.objects.count(), RoleAssignment.objects.count(), get_user_model().objects.count())


def test_demo_users_are_named_after_their_roles_and_log_in_with_the_demo_password(client):
    seed()
    User = get_user_model()
    assert set(User.objects.values_list("username", flat=True)) == set(DEMO_USERNAMES)
    for username in DEMO_USERNAMES:
        user = User.objects.get(username=username)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert RoleAssignment.objects.filter(user=user, role=Role(username)).exists()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    city = Municipality.objects.get(code="lesosibirsk")
    school = Institution.objects.get(short_name="СШ № 1")
    for username in ("head", "methodist", "expert"):
        assert RoleAssignment.objects.get(user__username=username).municipality == city
    assert RoleAssignment.objects.get(user__username="school").institution == school
    assert RoleAssignment.objects.get(user__username="teacher").institution == school


def test_teacher_is_a_young_pedagogue_of_the_school_and_expert_an_experienced_one_elsewhere():
    seed()
    school = Institution.objects.get(short_name="СШ № 1")
    teacher = Pedagogue.objects.get(user__username="teacher")
    assert teacher.institution == school
    assert teacher.is_under_35_on(datetime.date(2023, 6, 1))
    expert = Pedagogue.objects.get(user__username="expert")
    assert expert.institution != school
    assert expert.institution.type == InstitutionType.GENERAL


def test_demo_logins_prints_every_login_the_password_and_the_url():
    seed()
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/accounts/login/" in text
    assert settings.DEMO_PASSWORD in text
    for username in DEMO_USERNAMES:
        assert f"  {username} " in text
    assert "missing" not in text


def test_unknown_app_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("seed_demo", scale="tiny", apps="nonsense", stdout=io.StringIO())


def test_the_audit_trail_starts_with_the_demo_load_and_directors_are_on_the_staff():
    seed()
    assert Pedagogue.history.filter(history_type="+").count() == Pedagogue.objects.count()
    assert Employment.history.count() == Employment.objects.count()
    assert Institution.history.filter(history_type="+").count() == Institution.objects.count()
    school = Institution.objects.get(short_name="СШ № 1")
    director = Pedagogue.objects.get(institution=school, position__name="директор")
    assert school.director == director.full_name


def row_counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model._default_manager.count()
        for app in settings.DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
    }


def test_every_app_seeds_on_top_of_core_and_a_second_full_run_adds_nothing():
    io_first = io.StringIO()
    call_command("seed_demo", scale="tiny", stdout=io_first)
    first = row_counts()
    call_command("seed_demo", scale="tiny", stdout=io.StringIO())
    assert row_counts() == first
    assert first["core.Pedagogue"] > 0


def test_the_demo_span_ends_with_the_last_year_finished_before_today():
    out = seed(today=datetime.date(2026, 12, 4))

    assert "Demo years 2021/2022 … 2025/2026, 2026/2027 in progress, built for 04.12.2026" in out
    hires = {start_year for start_year in range(2015, 2031) if Employment.objects.filter(
        hired__range=(datetime.date(start_year, 8, 1), datetime.date(start_year + 1, 7, 31))).exists()}
    assert {2021, 2022, 2023, 2024, 2025} <= hires and 2026 not in hires  # no hires after the span
    # the staff keep working in the current year, and its record exists up to the next year
    assert Employment.objects.filter(left__isnull=True).exists()
    from core.models import AcademicYear

    assert AcademicYear.objects.filter(start_year__in=[2026, 2027]).count() == 2
    # ages move with the span: the youngest are born in the 2000s, not the 1990s
    assert Pedagogue.objects.order_by("-birth_date").first().birth_date.year >= 2000


def test_the_same_seed_and_day_give_the_same_demo():
    seed(seed=7, today=datetime.date(2026, 12, 4))
    first = snapshot()
    wipe_core()
    seed(seed=7, today=datetime.date(2026, 12, 4))

    assert snapshot() == first


def test_a_second_run_of_the_whole_demo_adds_nothing_and_each_app_says_so():
    from associations.models import Association
    from banks.models import Item
    from expertise.models import Expert
    from innovation.models import Project
    from mentoring.models import Pair
    from staffing.models import Campaign
    from training.models import Completion

    seed_demo()
    models = (Association, Item, Expert, Project, Pair, Campaign, Completion)
    counts = [model.objects.count() for model in models]
    assert all(counts), dict(zip([m.__name__ for m in models], counts, strict=True))

    out = seed_demo()

    for app in ("associations", "banks", "expertise", "innovation", "mentoring", "staffing", "training"):
        assert f"{app}: the demo data exist, nothing to add" in out
    assert [model.objects.count() for model in models] == counts
