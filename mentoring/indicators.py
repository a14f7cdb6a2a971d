"""Indicators of mentoring and of the School of the Young Teacher.

Young specialists of a year are those employed during the academic year (in the
scope) who are young specialists on 1 September by the rule of ``mentoring.models``
(a newcomer hired later in the year has no experience yet on that day, so counts).
Each function runs a fixed number of queries. The share of pedagogues under 35 and
of the first/highest category are core indicators and are not repeated here.
"""

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.models import (
    AcademicYear,
    Employment,
    Institution,
    employed_during_q,
    own_institutions_q,
    pedagogical_q,
    scope_q,
)
from mentoring.models import (
    Attendance,
    Pair,
    Participant,
    ParticipantRole,
    Session,
    SessionKind,
    period_overlaps_q,
    young_specialist_q,
)
from mentoring.retention import cohort_retention, cohort_retention_by_institution
from monitoring.registry import Better, Direction, Unit, indicator, share, shares


def _mentored(year: AcademicYear, pedagogue_ref: str) -> Exists:
    return Exists(Participant.objects.filter(
        pedagogue=OuterRef(pedagogue_ref), role=ParticipantRole.MENTEE,
        pair__in=Pair.objects.filter(period_overlaps_q(year.start, year.end)).values("pk"),
    ))


def _attended(year: AcademicYear, pedagogue_ref: str) -> Exists:
    return Exists(Attendance.objects.filter(
        pedagogue=OuterRef(pedagogue_ref), session__kind=SessionKind.YOUNG_TEACHER_SCHOOL, session__date__range=(year.start, year.end),
    ))


def _young_share(scope, year: AcademicYear, condition) -> Decimal | None:
    # Counted over the employment rows of the scope (as the breakdown is): SQLite plans this far
    # better than a correlated "has an employment in the institution" test on every pedagogue.
    counts = (
        Employment.objects.filter(employed_during_q(year), pedagogical_q(), scope_q(scope))
        .filter(young_specialist_q(year.start, prefix="pedagogue__"))
        .aggregate(total=Count("pedagogue", distinct=True),
                   matching=Count("pedagogue", distinct=True, filter=Q(condition)))
    )
    return share(counts["matching"], counts["total"])


def _young_shares_by_institution(municipality, year: AcademicYear, condition) -> dict:
    # A young specialist who worked in two institutions during the year counts in both.
    rows = (
        Employment.objects.filter(employed_during_q(year), pedagogical_q(), own_institutions_q(municipality, "institution__"))
        .filter(young_specialist_q(year.start, prefix="pedagogue__"))
        .values("institution_id")
        .annotate(total=Count("pedagogue", distinct=True),
                  matching=Count("pedagogue", distinct=True, filter=Q(condition)))
    )
    return shares({row["institution_id"]: (row["matching"], row["total"]) for row in rows})


@indicator(
    "mentoring.share_young_with_mentor",
    direction=Direction.MENTORING,
    title=_("Share of young specialists with a mentor"),
    unit=Unit.SHARE,
    better=Better.UP,
    key=True,
    rule=_("Young specialists who were mentees of a pair active during the year ÷ young specialists employed "
           "during the year"),
    source=_("Mentoring pairs; pedagogue directory and employment history"),
)
def share_young_with_mentor(scope, year: AcademicYear) -> Decimal | None:
    return _young_share(scope, year, _mentored(year, "pedagogue"))


@share_young_with_mentor.breakdown
def share_young_with_mentor_by_institution(municipality, year: AcademicYear) -> dict:
    return _young_shares_by_institution(municipality, year, _mentored(year, "pedagogue"))


@indicator(
    "mentoring.pairs_active",
    direction=Direction.MENTORING,
    title=_("Mentoring pairs and groups active during the year"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Pairs and groups whose period overlaps the academic year"),
    source=_("Mentoring pairs"),
)
def pairs_active(scope, year: AcademicYear) -> int:
    return Pair.objects.filter(scope_q(scope), period_overlaps_q(year.start, year.end)).count()


@pairs_active.breakdown
def pairs_active_by_institution(municipality, year: AcademicYear) -> dict:
    rows = (
        Pair.objects.filter(own_institutions_q(municipality, "institution__"))
        .filter(period_overlaps_q(year.start, year.end))
        .values("institution_id")
        .annotate(n=Count("pk"))
    )
    return {row["institution_id"]: row["n"] for row in rows}


RETENTION_TITLES = {
    1: _("Retention of young specialists after 1 year"),
    2: _("Retention of young specialists after 2 years"),
    3: _("Retention of young specialists after 3 years"),
}
RETENTION_RULES = {
    1: _("Young specialists first hired in the municipality in the previous academic year who work in its "
         "institutions on the first anniversary of hiring ÷ those of them whose anniversary has come"),
    2: _("Young specialists first hired in the municipality two academic years before who work in its "
         "institutions on the second anniversary of hiring ÷ those of them whose anniversary has come"),
    3: _("Young specialists first hired in the municipality three academic years before who work in its "
         "institutions on the third anniversary of hiring ÷ those of them whose anniversary has come"),
}


def _retention_indicator(n: int):
    @indicator(
        f"mentoring.retention_{n}y",
        direction=Direction.MENTORING,
        title=RETENTION_TITLES[n],
        unit=Unit.SHARE,
        better=Better.UP,
        rule=RETENTION_RULES[n],
        source=_("Employment history of pedagogues"),
    )
    def compute(scope, year: AcademicYear) -> Decimal | None:
        return cohort_retention(scope, year.start_year - n, n)

    @compute.breakdown
    def by_institution(municipality, year: AcademicYear) -> dict:
        return cohort_retention_by_institution(municipality, year.start_year - n, n)

    return compute, by_institution


retention_1y, retention_1y_by_institution = _retention_indicator(1)
retention_2y, retention_2y_by_institution = _retention_indicator(2)
retention_3y, retention_3y_by_institution = _retention_indicator(3)


@indicator(
    "mentoring.young_teacher_school_attendance",
    direction=Direction.YOUNG_TEACHER_SCHOOL,
    title=_("Share of young specialists attending the School of the Young Teacher"),
    unit=Unit.SHARE,
    better=Better.UP,
    key=True,
    rule=_("Young specialists who attended at least one session of the School of the Young Teacher during "
           "the year ÷ young specialists employed during the year"),
    source=_("Attendance of the School of the Young Teacher sessions"),
)
def young_teacher_school_attendance(scope, year: AcademicYear) -> Decimal | None:
    return _young_share(scope, year, _attended(year, "pedagogue"))


@young_teacher_school_attendance.breakdown
def young_teacher_school_attendance_by_institution(municipality, year: AcademicYear) -> dict:
    return _young_shares_by_institution(municipality, year, _attended(year, "pedagogue"))


@indicator(
    "mentoring.young_teacher_school_sessions",
    direction=Direction.YOUNG_TEACHER_SCHOOL,
    title=_("Sessions of the School of the Young Teacher"),
    unit=Unit.COUNT,
    better=Better.UP,
    rule=_("Sessions held during the academic year; for an institution, the sessions its pedagogues attended"),
    source=_("Sessions of the School of the Young Teacher"),
)
def young_teacher_school_sessions(scope, year: AcademicYear) -> int:
    sessions = Session.objects.school_of_young_teacher().in_year(year)
    if isinstance(scope, Institution):
        staff = Employment.objects.filter(employed_during_q(year), institution=scope).values("pedagogue_id")
        return sessions.filter(Exists(Attendance.objects.filter(session=OuterRef("pk"), pedagogue_id__in=staff))
                               ).count()
    return sessions.filter(municipality=scope).count()


@young_teacher_school_sessions.breakdown
def young_teacher_school_sessions_by_institution(municipality, year: AcademicYear) -> dict:
    rows = (
        Employment.objects.filter(employed_during_q(year), pedagogical_q(), own_institutions_q(municipality, "institution__"))
        .filter(pedagogue__session_attendance__session__kind=SessionKind.YOUNG_TEACHER_SCHOOL,
                pedagogue__session_attendance__session__date__range=(year.start, year.end))
        .values("institution_id")
        .annotate(n=Count("pedagogue__session_attendance__session", distinct=True))
    )
    return {row["institution_id"]: row["n"] for row in rows}
