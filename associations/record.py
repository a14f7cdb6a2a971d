"""The pedagogue's record: associations they belong to with meetings attended, and their
competition history (portfolio)."""

from django.utils.translation import gettext as _

from core.record import RecordSection

from .models import WINNING_RESULTS, Association, Attendance, Membership, Participant


def sections(pedagogue, user) -> list[RecordSection]:
    result = []
    visible = Association.objects.for_user(user)
    memberships = list(
        Membership.objects.filter(pedagogue=pedagogue, association__in=visible)
        .select_related("association")
        .order_by("-joined")
    )
    attended = list(
        Attendance.objects.filter(pedagogue=pedagogue, present=True, meeting__association__in=visible)
        .select_related("meeting__association")
        .order_by("-meeting__date")
    )
    led = list(visible.filter(leader=pedagogue))
    if memberships or attended or led:
        counts: dict[int, int] = {}
        for row in attended:
            counts[row.meeting.association_id] = counts.get(row.meeting.association_id, 0) + 1
        for membership in memberships:
            membership.attended_count = counts.get(membership.association_id, 0)
        result.append(
            RecordSection(
                key="associations",
                title=_("Associations and communities"),
                template="associations/record_associations.html",
                context={"memberships": memberships, "attended": attended[:50], "attended_total": len(attended),
                         "led": led},
                order=40,
            )
        )
    entries = list(
        Participant.objects.filter(pedagogue=pedagogue)
        .filter(participation__in=_visible_entries(user))
        .select_related("participation__competition__year", "institution")
        .order_by("-participation__competition__starts")
    )
    if entries:
        wins = sum(1 for e in entries if e.participation.result in WINNING_RESULTS)
        result.append(
            RecordSection(
                key="competitions",
                title=_("Professional-skill competitions"),
                template="associations/record_competitions.html",
                context={"entries": entries, "wins": wins},
                order=45,
            )
        )
    return result


def _visible_entries(user):
    from .models import Participation

    return Participation.objects.for_user(user).values("pk")
