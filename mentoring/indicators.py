"""Indicators of mentoring and of the School of the Young Teacher.

Young specialists of a year are those employed during the academic year (in the
scope) who are young specialists on 1 September by the rule of ``mentoring.models``
(a newcomer hired later in the year has no experience yet on that day, so counts).
Each function runs a fixed number of queries. The share of pedagogues under 35 and
of the first/highest category are core indicators and are not repeated here.
"""


from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import AcademicYear
from mentoring.models import Attendance
from mentoring.models import Pair
from mentoring.models import Participant
from mentoring.models import ParticipantRole
from mentoring.models import Session
from mentoring.models import SessionKind
from mentoring.models import young_specialist_q
from mentoring.retention import HORIZONS
from mentoring.retention import retention
from monitoring.measures import Measure
from monitoring.measures import exists_for
from monitoring.measures import records
from monitoring.measures import staff_records
from monitoring.measures import staff_share
from monitoring.registry import Direction
from monitoring.registry import declare


def _young(year: AcademicYear) -> Q:
    # Young specialists on 1 September (a newcomer hired later in the year has no experience yet on that day).
    return young_specialist_q(year.start, prefix="pedagogue__")


def _active_pairs(year: AcademicYear):
    return Pair.objects.during(year.start, year.end)


def _mentored(year: AcademicYear) -> Q:
    return exists_for(Participant.objects.filter(role=ParticipantRole.MENTEE, pair__in=_active_pairs(year).values("pk")))


def _attendance(year: AcademicYear):
    """Attendance of the School of the Young Teacher's sessions held during the year."""
    return Attendance.objects.filter(
        session__kind=SessionKind.YOUNG_TEACHER_SCHOOL, session__date__range=(year.start, year.end),
    )


def _attended(year: AcademicYear) -> Q:
    return exists_for(_attendance(year))


share_young_with_mentor = declare(
    "mentoring.share_young_with_mentor",
    staff_share(_mentored, among=_young),
    direction=Direction.MENTORING,
    title=_("Share of young specialists with a mentor"),
    key=True,
    rule=_("Young specialists who were mentees of a pair active during the year ÷ young specialists employed "
           "during the year"),
    source=_("Mentoring pairs; pedagogue directory and employment history"),
)


pairs_active = declare(
    "mentoring.pairs_active",
    records(_active_pairs),
    direction=Direction.MENTORING,
    title=_("Mentoring pairs and groups active during the year"),
    rule=_("Pairs and groups whose period overlaps the academic year"),
    source=_("Mentoring pairs"),
)


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
    return declare(
        f"mentoring.retention_{n}y",
        retention(n),
        direction=Direction.MENTORING,
        title=RETENTION_TITLES[n],
        rule=RETENTION_RULES[n],
        source=_("Employment history of pedagogues"),
    )


retention_1y, retention_2y, retention_3y = (_retention_indicator(n) for n in HORIZONS)
retention_1y_by_institution = retention_1y.by_institution
retention_2y_by_institution = retention_2y.by_institution
retention_3y_by_institution = retention_3y.by_institution


young_teacher_school_attendance = declare(
    "mentoring.young_teacher_school_attendance",
    staff_share(_attended, among=_young),
    direction=Direction.YOUNG_TEACHER_SCHOOL,
    title=_("Share of young specialists attending the School of the Young Teacher"),
    key=True,
    rule=_("Young specialists who attended at least one session of the School of the Young Teacher during "
           "the year ÷ young specialists employed during the year"),
    source=_("Attendance of the School of the Young Teacher sessions"),
)


def _sessions_held(municipality, year: AcademicYear):
    return Session.objects.school_of_young_teacher().in_year(year).filter(municipality=municipality)


# The pedagogical staff: a session attended only by a manager is not the school's.
young_teacher_school_sessions = declare(
    "mentoring.young_teacher_school_sessions",
    staff_records(_attendance, counted="session"),
    municipal=Measure(_sessions_held),
    direction=Direction.YOUNG_TEACHER_SCHOOL,
    title=_("Sessions of the School of the Young Teacher"),
    rule=_("Sessions held during the academic year; for an institution, the sessions its pedagogues attended"),
    source=_("Sessions of the School of the Young Teacher"),
)
young_teacher_school_sessions_by_institution = young_teacher_school_sessions.by_institution
