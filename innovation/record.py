from django.utils.translation import gettext as _

from core.record import RecordSection
from innovation.models import Project


def sections(pedagogue, user) -> list[RecordSection]:
    """The innovation projects the pedagogue takes part in (as far as the user may see them)."""
    projects = list(
        Project.objects.for_user(user)
        .filter(participants__pedagogue=pedagogue)
        .select_related("institution")
        .distinct()
        .order_by("-start")
    )
    if not projects:
        return []
    roles = dict(pedagogue.innovation_participations.values_list("project_id", "role"))
    from innovation.models import ParticipantRole

    for project in projects:
        project.role_display = ParticipantRole(roles[project.pk]).label if project.pk in roles else ""
    return [RecordSection(
        "innovation", _("Innovation projects"), "innovation/includes/project_items.html", {"projects": projects},
        order=60,
        headers=[_("Project"), _("Topic"), _("Institution"), _("Level"), _("Status"), _("Start"), _("End"),
                 _("Role")],
        rows=[(p.title, p.topic, str(p.institution), p.get_level_display(), p.get_status_display(), p.start, p.end,
               p.role_display) for p in projects],
    )]


def institution_sections(institution, user) -> list[RecordSection]:
    """The innovation projects an institution leads or joins, for the institution's page
    (the same protocol as the pedagogue's record; core may render it when it adopts one)."""
    projects = list(
        Project.objects.for_user(user).involving(institution).select_related("institution").order_by("-start")
    )
    if not projects:
        return []
    return [RecordSection("innovation", _("Innovation projects"), "innovation/includes/project_items.html",
                          {"projects": projects}, order=60)]
