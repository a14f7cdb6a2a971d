"""The pedagogue's record: associations they belong to with meetings attended, and their
competition history (portfolio)."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.record import RecordSection

from .models import WINNING_RESULTS
from .models import Association
from .models import Attendance
from .models import Membership
from .models import Participant


def sections(pedagogue, user) -> list[RecordSection]:
    result = []
    # The viewer's scoping is checked on the pedagogue's own few associations, not as a subquery over every
    # association of the region (which cost ~12 ms a list on SQLite at region scale).
    own = set(
        Membership.objects.filter(pedagogue=pedagogue)
        .order_by()
        .values_list("association_id", flat=True)
        .union(
            Attendance.objects.filter(pedagogue=pedagogue, present=True)
            .order_by()
            .values_list("meeting__association_id", flat=True),
            Association.objects.filter(leader=pedagogue).order_by().values_list("pk", flat=True),
        )
    )
    visible = Association.objects.for_user(user).filter(pk__in=own) if own else Association.objects.none()
    visible_ids = list(visible.values_list("pk", flat=True))
    memberships = list(
        Membership.objects.filter(pedagogue=pedagogue, association_id__in=visible_ids)
        .select_related("association__municipality")
        .order_by("-joined")
    )
    attended = list(
        Attendance.objects.filter(pedagogue=pedagogue, present=True, meeting__association_id__in=visible_ids)
        .select_related("meeting__association")
        .order_by("-meeting__date")
    )
    led = list(Association.objects.filter(pk__in=visible_ids, leader=pedagogue))
    if memberships or attended or led:
        counts: dict[int, int] = {}
        for row in attended:
            counts[row.meeting.association_id] = counts.get(row.meeting.association_id, 0) + 1
        hours_by_association: dict[int, object] = {}
        for row in attended:
            meeting = row.meeting
            if meeting.counts_toward_pd and meeting.pd_hours:
                hours_by_association[meeting.association_id] = (
                    hours_by_association.get(meeting.association_id, 0) + meeting.pd_hours)
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
                facts=[(_("Leads"), ", ".join(a.title for a in led))] if led else [],
                headers=[_("Association"), _("Kind"), _("Joined"), pgettext("membership", "Left"), _("Meetings attended"),
                         _("PD hours")],
                rows=[(m.association.title, m.association.get_kind_display(), m.joined, m.left, m.attended_count,
                       hours_by_association.get(m.association_id, 0)) for m in memberships],
            )
        )
    entered = list(Participant.objects.filter(pedagogue=pedagogue).values_list("participation_id", flat=True))
    entries = list(
        Participant.objects.filter(pedagogue=pedagogue)
        .filter(participation__in=_visible_entries(user).filter(pk__in=entered))
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
                facts=[(_("Entries"), len(entries)), (_("Winner or prize-winner"), wins)],
                headers=[_("Academic year"), _("Competition"), _("Level"), _("Nomination"), _("Result")],
                rows=[(str(e.participation.competition.year), e.participation.competition.title,
                       e.participation.competition.get_level_display(), e.participation.nomination,
                       e.participation.get_result_display()) for e in entries],
            )
        )
    return result


def _visible_entries(user):
    from .models import Participation

    return Participation.objects.for_user(user).values("pk")
