"""The kinds of notifications and each kind's default channel."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ASSIGNMENT_DUE = "assignment_due", _("Order assignment due soon")
    ASSIGNMENT_OVERDUE = "assignment_overdue", _("Order assignment overdue")
    ASSIGNMENT_NEW = "assignment_new", _("New order assignment")
    ASSIGNMENT_REPORTED = "assignment_reported", _("Order assignment reported as done")
    ASSIGNMENT_RETURNED = "assignment_returned", _("Order assignment returned for rework")
    REVIEW_DUE = "review_due", _("Expert review due soon")
    REVIEW_OVERDUE = "review_overdue", _("Expert review overdue")
    REVIEW_ESCALATED = "review_escalated", _("Expert review overdue (escalated to the methodist)")
    REVIEW_ASSIGNED = "review_assigned", _("Expert review assigned to you")
    REVIEWS_COMPLETE = "reviews_complete", _("Reviews complete: the council's conclusion is due")
    STAFFING_DEADLINE = "staffing_deadline", _("Staffing needs due soon")
    STAFFING_OVERDUE = "staffing_overdue", _("Staffing needs overdue")
    STAFFING_RETURNED = "staffing_returned", _("Staffing needs returned for correction")
    STAFFING_ENTERED = "staffing_entered", _("Staffing needs entered by the methodist")
    MENTORING_TASK_OVERDUE = "mentoring_task_overdue", _("Mentoring programme task overdue")
    MENTORING_PAIR_SILENT = "mentoring_pair_silent", _("Mentoring pair without activity for a month")
    ROUTE_ITEM_DUE = "route_item_due", _("Route item due soon")
    EVIDENCE_WAITING = "evidence_waiting", _("Evidence waiting for the tutor")
    CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail digest and in the portal")
    IN_APP = "in_app", _("In the portal only")
    OFF = "off", _("Off")


#: The channel used while a user has not chosen one for a kind.
DEFAULT_CHANNEL: dict[str, str] = dict.fromkeys(Kind.values, Channel.EMAIL)
DEFAULT_CHANNEL[Kind.CERTIFICATE_ISSUED] = Channel.IN_APP
