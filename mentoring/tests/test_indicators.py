import datetime
from decimal import Decimal
from functools import partial

import pytest

from mentoring.indicators import pairs_active
from mentoring.indicators import retention_1y
from mentoring.indicators import retention_1y_by_institution
from mentoring.indicators import retention_2y
from mentoring.indicators import share_young_with_mentor
from mentoring.indicators import young_teacher_school_attendance
from mentoring.indicators import young_teacher_school_sessions
from mentoring.indicators import young_teacher_school_sessions_by_institution
from mentoring.models import Attendance
from mentoring.models import SessionKind
from mentoring.tests.factories import SessionFactory
from mentoring.tests.factories import hire
from mentoring.tests.factories import make_pair
from monitoring.registry import registry
from monitoring.tests.factories import indicator_queries

# The known dataset, year 2021/2022 (1 September 2021):
# school A: young a1 (mentored), a2 (not), an experienced mentor; school B: young b1 (mentored)


@pytest.fixture
def data(city, school, other_school):
    mentor = hire(school, born=datetime.date(1970, 1, 1), hired=datetime.date(2000, 9, 1),
                  experience_start=datetime.date(1995, 9, 1))
    a1 = hire(school, hired=datetime.date(2020, 9, 1))
    a2 = hire(school, hired=datetime.date(2021, 9, 1))
    b1 = hire(other_school, hired=datetime.date(2021, 9, 1))
    # left before the year: not counted
    hire(school, hired=datetime.date(2019, 9, 1), left=datetime.date(2021, 6, 30))
    make_pair(school, mentor, a1, start=datetime.date(2020, 9, 1), end=datetime.date(2022, 5, 31))
    make_pair(other_school, mentor, b1, start=datetime.date(2022, 2, 1))
    # a pair that ended before the year does not count
    make_pair(school, mentor, a2, start=datetime.date(2019, 9, 1), end=datetime.date(2021, 5, 31))
    s1 = SessionFactory(municipality=city, date=datetime.date(2021, 10, 1))
    s2 = SessionFactory(municipality=city, date=datetime.date(2022, 3, 1))
    SessionFactory(municipality=city, date=datetime.date(2022, 3, 2), kind=SessionKind.SUPERVISION)
    SessionFactory(municipality=city, date=datetime.date(2020, 10, 1))  # another year
    for session, pedagogue in [(s1, a1), (s2, a1), (s2, b1), (s1, mentor)]:
        Attendance.objects.create(session=session, pedagogue=pedagogue)
    return {"mentor": mentor, "a1": a1, "a2": a2, "b1": b1}


def test_share_young_with_mentor(data, city, school, other_school, year):
    assert share_young_with_mentor(city, year) == Decimal("0.6667")
    assert share_young_with_mentor(school, year) == Decimal("0.5000")
    assert share_young_with_mentor.by_institution(city, year) == {
        school.pk: Decimal("0.5000"), other_school.pk: Decimal("1.0000"),
    }


def test_pairs_active_counts_pairs_overlapping_the_year(data, city, school, other_school, year):
    assert pairs_active(city, year) == 2
    assert pairs_active.by_institution(city, year) == {school.pk: 1, other_school.pk: 1}


def test_young_teacher_school_attendance_counts_young_specialists_only(data, city, school, other_school, year):
    assert young_teacher_school_attendance(city, year) == Decimal("0.6667")
    assert young_teacher_school_attendance.by_institution(city, year) == {
        school.pk: Decimal("0.5000"), other_school.pk: Decimal("1.0000"),
    }


def test_young_teacher_school_sessions(data, city, school, other_school, year):
    assert young_teacher_school_sessions(city, year) == 2
    assert young_teacher_school_sessions(other_school, year) == 1
    assert young_teacher_school_sessions_by_institution(city, year) == {school.pk: 2, other_school.pk: 1}


def test_retention_indicators_look_back_at_earlier_cohorts(data, city, school, year):
    # 2021/2022 "after 1 year" is the cohort of 2020/2021: a1, still working
    assert retention_1y(city, year) == Decimal("1.0000")
    assert retention_1y_by_institution(city, year) == {school.pk: Decimal("1.0000")}
    # "after 2 years" is the 2019/2020 cohort: the leaver
    assert retention_2y(city, year) == Decimal("0.0000")


def test_empty_scope_has_no_value(city, year):
    assert share_young_with_mentor(city, year) is None
    assert young_teacher_school_attendance(city, year) is None
    assert young_teacher_school_sessions(city, year) == 0


def test_indicators_are_registered_with_rules_and_key_flags():
    codes = {item.code: item for item in registry if item.code.startswith("mentoring.")}
    assert codes["mentoring.share_young_with_mentor"].key
    assert codes["mentoring.young_teacher_school_attendance"].key
    assert codes["mentoring.young_teacher_school_sessions"].direction == "young_teacher_school"
    assert all(item.rule and item.source and item.breakdown for item in codes.values())


def test_query_count_does_not_grow_with_data(data, city, school, year):
    functions = [item for item in registry if item.code.startswith("mentoring.")]
    count = partial(indicator_queries, "mentoring", year, city, school)
    before = count()
    for day in range(1, 15):
        young = hire(school, hired=datetime.date(2021, 9, day))
        make_pair(school, data["mentor"], young, start=datetime.date(2021, 10, day))
        Attendance.objects.create(session_id=Attendance.objects.first().session_id, pedagogue=young)
    assert count() == before == 3 * len(functions)
