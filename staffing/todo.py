"""Staffing returns a school still owes (or got back for corrections), and returns waiting for the methodist."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Institution
from core.scoping import Role
from core.scoping import roles_of
from core.todo import TodoItem
from staffing.models import Campaign
from staffing.models import Submission
from staffing.models import SubmissionStatus


def items(user) -> list[TodoItem]:
    roles = roles_of(user)
    today = timezone.localdate()
    result = []
    schools = list(Institution.objects.filter(pk__in=roles.institution_ids_for(Role.SCHOOL)))
    if schools:
        campaigns = Campaign.objects.for_user(user).open().order_by("deadline")
        statuses = {
            (s.campaign_id, s.institution_id): s.status
            for s in Submission.objects.filter(campaign__in=campaigns, institution__in=schools)
        }
        for campaign in campaigns:
            for school in schools:
                if not campaign.requires(school):
                    continue
                status = statuses.get((campaign.pk, school.pk), SubmissionStatus.DRAFT)
                url = reverse("staffing:submission-detail", args=[campaign.pk, school.pk])
                deadline = campaign.deadline.strftime("%d.%m.%Y")
                if status == SubmissionStatus.RETURNED:
                    result.append(TodoItem(
                        _("Staffing needs of {school} returned for corrections").format(school=school.short_name),
                        1, url, urgent=True, order=30))
                elif status == SubmissionStatus.DRAFT:
                    title = (_("Staffing needs of {school} overdue (deadline {date})") if campaign.deadline < today
                             else _("Staffing needs of {school} due by {date}"))
                    result.append(TodoItem(title.format(school=school.short_name, date=deadline), 1, url,
                                           urgent=campaign.deadline < today, order=31))
    if roles.has(Role.METHODIST, Role.HEAD) or roles.is_admin:
        for campaign in Campaign.objects.managed_by(user).open().order_by("deadline"):
            waiting = campaign.required_institutions().filter(
                pk__in=Submission.objects.filter(campaign=campaign, status=SubmissionStatus.SUBMITTED)
                .values("institution_id")
            ).count()
            result.append(TodoItem(
                _("Staffing returns to review: «{campaign}»").format(campaign=campaign.title), waiting,
                reverse("staffing:campaign-detail", args=[campaign.pk]) + f"?status={SubmissionStatus.SUBMITTED}",
                order=32))
    return result
