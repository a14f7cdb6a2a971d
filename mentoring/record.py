"""The mentoring part of a pedagogue's record: mentoring as mentor and as mentee,
the School of the Young Teacher attendance by year, attestation and its support."""

from collections import Counter

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.models import Pedagogue
from core.record import RecordSection
from mentoring.models import Attendance
from mentoring.models import Attestation
from mentoring.models import AttestationSupport
from mentoring.models import Pair
from mentoring.models import Participant
from mentoring.models import ParticipantRole
from mentoring.models import Session
from mentoring.models import SessionKind


def _year_title(day) -> str:
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{start + 1}"


def sections(pedagogue, user) -> list[RecordSection]:
    roles = (
        Participant.objects.filter(pedagogue=pedagogue, pair__in=Pair.objects.for_user(user))
        .select_related("pair", "pair__institution", "pair__form")
        .prefetch_related(Prefetch("pair__participants", Participant.objects.select_related("pedagogue")))
        .order_by("-pair__start")
    )
    as_mentor = [row.pair for row in roles if row.role == ParticipantRole.MENTOR]
    as_mentee = [row.pair for row in roles if row.role == ParticipantRole.MENTEE]

    # Sessions are municipal events: whoever may see the pedagogue (the teacher themself, their school)
    # sees the sessions they attended, not only the municipal staff who may list sessions.
    sessions = (Session.objects.all() if Pedagogue.objects.visible_to(user, pedagogue.pk)
                else Session.objects.for_user(user))
    attended = list(
        Attendance.objects.filter(pedagogue=pedagogue, session__in=sessions)
        .select_related("session").order_by("-session__date")
    )
    school_years = []
    if attended:
        held = Counter(_year_title(day) for day in Session.objects.school_of_young_teacher().filter(
            municipality_id=pedagogue.municipality_id).values_list("date", flat=True))
        visits = Counter(_year_title(row.session.date) for row in attended if row.session.kind == SessionKind.YOUNG_TEACHER_SCHOOL)
        school_years = [(title, visits[title], held[title]) for title in sorted(visits, reverse=True)]

    attestations = list(Attestation.objects.for_user(user).filter(pedagogue=pedagogue))
    support = list(AttestationSupport.objects.for_user(user).filter(pedagogue=pedagogue)[:10])

    result = []
    if as_mentor or as_mentee:
        result.append(RecordSection(
            key="mentoring", title=_("Mentoring"), template="mentoring/record_mentoring.html",
            # the page shows each side's pairs the same way: the partners, then what tells the pair apart
            context={"as_mentor": as_mentor, "as_mentee": as_mentee, "sides": [
                (_("As a mentor"), [(pair, pair.mentees, pair.form) for pair in as_mentor]),
                (_("As a mentee"), [(pair, pair.mentors, pair.institution) for pair in as_mentee])]}, order=50,
            facts=[(_("As mentor"), len(as_mentor)), (_("As mentee"), len(as_mentee))],
            headers=[_("Role"), pgettext("pair", "Partners"), _("Form"), _("Institution"), _("Start"), _("End"), _("Status"),
                     _("PD hours")],
            rows=[(str(ParticipantRole(role).label), ", ".join(p.full_name for p in partners), str(pair.form),
                   str(pair.institution), pair.start, pair.end, pair.get_status_display(),
                   pair.pd_hours if role == ParticipantRole.MENTEE else None)
                  for role, pairs, side in ((ParticipantRole.MENTOR, as_mentor, "mentees"),
                                            (ParticipantRole.MENTEE, as_mentee, "mentors"))
                  for pair in pairs for partners in [getattr(pair, side)]],
        ))
    if attended:
        result.append(RecordSection(
            key="young-teacher-school", title=_("School of the Young Teacher and supervision"),
            template="mentoring/record_sessions.html",
            context={"sessions": [row.session for row in attended[:15]], "years": school_years}, order=51,
            facts=[(_("{year}: sessions attended").format(year=title), _("{visits} of {held}").format(
                visits=visits, held=held)) for title, visits, held in school_years],
            headers=[_("Date"), _("Kind"), _("Topic"), _("PD hours")],
            rows=[(row.session.date, row.session.get_kind_display(), row.session.topic, row.session.pd_hours)
                  for row in attended],
        ))
    if attestations or support:
        result.append(RecordSection(
            key="attestation", title=_("Attestation"), template="mentoring/record_attestation.html",
            context={"attestations": attestations, "support": support}, order=52,
            facts=[(item.date, f"{item.get_kind_display()}: {item.description}")
                   for item in support],
            headers=[_("Category sought"), _("Application date"), _("Attestation date"), _("Result"), _("Order")],
            rows=[(a.get_category_display(), a.applied_on, a.date, a.get_result_display(), a.order_ref)
                  for a in attestations],
        ))
    return result
