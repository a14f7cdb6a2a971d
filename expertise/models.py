"""The expert community: the register of experts and the review workflow.

A review request moves through a small state machine (``TRANSITIONS``):
submitted → assigned (experts named, a deadline) → reviewed (every assigned
expert filled the form) → concluded (recommended / to revise / rejected, with the
combined score) by the expert council's chair or secretary (``CouncilOfficer``), never
automatically; a request concluded "to revise" may be resubmitted. The writes
that move it live in ``expertise.services``; every move is logged in ``Transition``.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.models import Subject
from core.models import period_constraint
from core.scoping import Role
from core.scoping import roles_of
from core.search import words_q
from core.validators import document_validators


class RequestType(models.TextChoices):
    AUDIT = "audit", _("Methodical audit of an institution")
    RECOMMENDATIONS = "recommendations", _("Methodical recommendations")
    MANUAL = "manual", _("Methodical manual")
    PROJECT = "project", _("Pedagogical project")
    RESEARCH = "research", _("Research work")
    PD_PROGRAMME = "pd_programme", _("PD programme")
    BANK_ITEM = "bank_item", _("Bank item")


class Status(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("status of a review request", "Submitted")
    ASSIGNED = "assigned", pgettext_lazy("status of a review request", "Experts assigned")
    REVIEWED = "reviewed", pgettext_lazy("status of a review request", "Reviewed")
    CONCLUDED = "concluded", pgettext_lazy("status of a review request", "Concluded")


class Decision(models.TextChoices):
    RECOMMENDED = "recommended", pgettext_lazy("conclusion of a review", "Recommended")
    REVISE = "revise", pgettext_lazy("conclusion of a review", "To revise")
    REJECTED = "rejected", pgettext_lazy("conclusion of a review", "Rejected")


class Action(models.TextChoices):
    SUBMIT = "submit", _("submit")
    ASSIGN = "assign", _("assign experts")
    REVIEW = "review", _("complete the reviews")
    CONCLUDE = "conclude", _("conclude")
    RESUBMIT = "resubmit", _("resubmit")


# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    Action.ASSIGN: ((Status.SUBMITTED,), Status.ASSIGNED),
    Action.REVIEW: ((Status.ASSIGNED,), Status.REVIEWED),
    Action.CONCLUDE: ((Status.REVIEWED,), Status.CONCLUDED),
    Action.RESUBMIT: ((Status.CONCLUDED,), Status.SUBMITTED),
}


class TypeSettings(models.Model):
    """Per request type: whether authors may see the experts' names, and the review criteria."""

    type = models.CharField(_("request type"), max_length=30, choices=RequestType.choices, unique=True)
    experts_visible_to_authors = models.BooleanField(_("authors see the experts' names"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request type settings")
        verbose_name_plural = _("request type settings")
        ordering = ["type"]

    def __str__(self) -> str:
        return self.get_type_display()


class CouncilDuty(models.TextChoices):
    CHAIR = "chair", _("chair of the expert council")
    SECRETARY = "secretary", _("secretary of the expert council")


class CouncilOfficerQuerySet(models.QuerySet):
    def active_on(self, day) -> "CouncilOfficerQuerySet":
        return self.filter(Q(since__lte=day) & (Q(until__isnull=True) | Q(until__gte=day)))

    def for_user(self, user) -> "CouncilOfficerQuerySet":
        roles = roles_of(user)
        if roles.is_global:
            return self
        return self.filter(municipality_id__in=roles.municipality_ids_for(Role.HEAD, Role.METHODIST))


class CouncilOfficer(models.Model):
    """A methodist or head who, as the expert council's chair or secretary, gives its conclusions in a
    municipality: reads the experts' reviews and decides. Nobody else concludes a request."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_duties", verbose_name=_("user")
    )
    duty = models.CharField(_("duty"), max_length=20, choices=CouncilDuty.choices, default=CouncilDuty.CHAIR)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()
    objects = CouncilOfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("officer of the expert council")
        verbose_name_plural = _("officers of the expert council")
        ordering = ["municipality", "duty", "since"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "user", "duty", "since"], name="expertise_officer_unique"),
            period_constraint("since", "until", name="expertise_officer_period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.get_duty_display()}: {self.user.get_full_name() or self.user.username}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.user_id and self.municipality_id and self.municipality_id not in roles_of(
            self.user
        ).municipality_ids_for(Role.METHODIST, Role.HEAD):
            raise ValidationError(
                {"user": _("The chair or secretary must be a methodist or head of this municipality.")}
            )


# An expert's recommendation contradicts their own score below/at these shares; then a reason is required.
RECOMMEND_BELOW_PERCENT = Decimal(50)
REJECT_FROM_PERCENT = Decimal(75)


def recommendation_contradicts(recommendation: str, total: int, max_total: int) -> bool:
    """Whether «Recommended» comes with under half the points, or «Rejected» with three quarters or more."""
    if not max_total:
        return False
    percent = Decimal(total) * 100 / Decimal(max_total)
    return (recommendation == Decision.RECOMMENDED and percent < RECOMMEND_BELOW_PERCENT) or (
        recommendation == Decision.REJECTED and percent >= REJECT_FROM_PERCENT
    )


class Criterion(models.Model):
    """One line of the review form of a request type, scored 0..max_score."""

    type = models.CharField(_("request type"), max_length=30, choices=RequestType.choices)
    title = models.CharField(_("criterion"), max_length=300)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=3)
    order = models.PositiveSmallIntegerField(_("order"), default=10)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["type", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(max_score__gte=1), name="expertise_criterion_max_score_positive"),
            models.UniqueConstraint(fields=["type", "title"], name="expertise_criterion_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class ExpertQuerySet(models.QuerySet):
    def for_user(self, user) -> "ExpertQuerySet":
        """Return the register entries the user may see: municipal roles their municipality,
        an expert their own entry."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        q = Q(municipality_id__in=roles.municipality_ids_for(Role.HEAD, Role.METHODIST))
        q |= Q(user=user) if user.is_authenticated else Q(pk__in=[])
        return self.filter(q)

    def active_on(self, day) -> "ExpertQuerySet":
        return self.filter(Q(active_from__lte=day) & (Q(active_to__isnull=True) | Q(active_to__gte=day)))

    def search(self, text: str) -> "ExpertQuerySet":
        return self.filter(words_q(text, "pedagogue__last_name", "pedagogue__first_name", "specialisations"))


class Expert(models.Model):
    """A member of the expert community (a pedagogue entered in the register for a period)."""

    pedagogue = models.ForeignKey(
        Pedagogue, on_delete=models.PROTECT, related_name="expert_entries", verbose_name=_("pedagogue")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    # The account the expert logs in with (the pedagogue's own, or a separate expert account).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_entries",
        verbose_name=_("user account"),
    )
    specialisations = models.CharField(_("specialisations"), max_length=400, blank=True)
    subjects = models.ManyToManyField(Subject, blank=True, related_name="+", verbose_name=_("subject areas"))
    active_from = models.DateField(_("in the register since"))
    active_to = models.DateField(_("in the register until"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[subjects])
    objects = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("register of experts")
        ordering = ["pedagogue__last_name", "pedagogue__first_name"]
        constraints = [
            period_constraint("active_from", "active_to", name="expertise_expert_period_order")
        ]

    def __str__(self) -> str:
        return self.pedagogue.full_name

    def get_absolute_url(self) -> str:
        return reverse("expertise:expert-list") + f"?q={self.pedagogue.last_name}"

    @property
    def institution_id(self) -> int | None:
        return self.pedagogue.institution_id

    def clean(self) -> None:
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValidationError({"active_to": _("The end of the period is before its start.")})

    def is_active_on(self, day) -> bool:
        return self.active_from <= day and (self.active_to is None or self.active_to >= day)


class ReviewRequestQuerySet(models.QuerySet):
    def for_user(self, user) -> "ReviewRequestQuerySet":
        """Return the requests the user may see.

        Head and methodists: their municipality; a school: requests of its institution;
        a teacher or any author: what they submitted; an expert: only what is assigned to them.
        """
        roles = roles_of(user)
        if roles.is_global:
            return self
        if not user.is_authenticated:
            return self.none()
        q = Q(municipality_id__in=roles.municipality_ids_for(Role.HEAD, Role.METHODIST))
        q |= Q(institution_id__in=roles.institution_ids_for(Role.SCHOOL))
        q |= Q(submitted_by=user)
        if roles.has(Role.EXPERT):
            q |= Q(pk__in=Assignment.objects.filter(expert__user=user).values("request_id"))
        return self.filter(q)

    def manageable_by(self, user) -> "ReviewRequestQuerySet":
        """Return the requests whose workflow the user may drive (assign experts, conclude)."""
        roles = roles_of(user)
        if roles.is_admin:
            return self
        return self.filter(municipality_id__in=roles.municipality_ids_for(Role.METHODIST, Role.HEAD))

    def concludable_by(self, user) -> "ReviewRequestQuerySet":
        """Return the requests the user may conclude: those of the municipalities where the user is today the
        expert council's chair or secretary and still a methodist or head."""
        if not user.is_authenticated:
            return self.none()
        officer_of = set(
            CouncilOfficer.objects.filter(user=user).active_on(timezone.localdate())
            .values_list("municipality_id", flat=True)
        )
        return self.filter(
            municipality_id__in=officer_of & roles_of(user).municipality_ids_for(Role.METHODIST, Role.HEAD)
        )

    def concluded_in(self, year) -> "ReviewRequestQuerySet":
        return self.filter(
            status=Status.CONCLUDED, concluded_on__gte=year.start, concluded_on__lte=year.end
        )

    def search(self, text: str) -> "ReviewRequestQuerySet":
        return self.filter(words_q(text, "title", "authors", "institution__short_name"))


class ReviewRequest(models.Model):
    type = models.CharField(_("type"), max_length=30, choices=RequestType.choices)
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    authors = models.CharField(_("authors"), max_length=400, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    # The author's institution, or the audited one for a methodical audit.
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="review_requests", verbose_name=_("institution")
    )
    file = models.FileField(_("file"), upload_to="expertise/%Y/", blank=True, validators=document_validators())
    # What is reviewed when it lives in another app (a bank item, an innovation project...).
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    decision = models.CharField(_("conclusion"), max_length=20, choices=Decision.choices, blank=True)
    combined_score = models.DecimalField(_("combined score, %"), max_digits=5, decimal_places=1, null=True, blank=True)
    conclusion = models.TextField(_("conclusion text"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("review round"), default=1)

    history = HistoricalRecords()
    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["-submitted_on", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["concluded_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="concluded", concluded_on__isnull=False) & ~Q(decision="")
                | (~Q(status="concluded") & Q(decision="")),
                name="expertise_request_decision_iff_concluded",
            ),
            models.CheckConstraint(
                condition=Q(combined_score__isnull=True)
                | Q(combined_score__gte=Decimal(0), combined_score__lte=Decimal(100)),
                name="expertise_request_score_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("expertise:request-detail", args=[self.pk])

    def clean(self) -> None:
        self.check_dates()

    def check_dates(self) -> None:
        """Dates are real and may be entered after the fact (a past year's review): none in the future, and
        the conclusion not before the submission."""
        today = timezone.localdate()
        if self.submitted_on and self.submitted_on > today:
            raise ValidationError({"submitted_on": _("The submission date is in the future.")})
        if self.concluded_on and self.concluded_on > today:
            raise ValidationError({"concluded_on": _("The conclusion date is in the future.")})
        if self.concluded_on and self.submitted_on and self.concluded_on < self.submitted_on:
            raise ValidationError({"concluded_on": _(
                "The conclusion date is before the request was submitted ({day})."
            ).format(day=self.submitted_on.strftime("%d.%m.%Y"))})

    def can(self, action: str) -> bool:
        sources, _target = TRANSITIONS[action]
        if action == Action.RESUBMIT and self.decision != Decision.REVISE:
            return False
        return self.status in sources

    @property
    def on_time(self) -> bool | None:
        if not self.concluded_on or not self.deadline:
            return None
        return self.concluded_on <= self.deadline

    @property
    def is_overdue(self) -> bool:
        return bool(self.deadline and self.status != Status.CONCLUDED and timezone.localdate() > self.deadline)

    def current_assignments(self):
        return self.assignments.filter(round=self.round)

    def criteria(self) -> list[Criterion]:
        return list(Criterion.objects.filter(type=self.type, is_active=True))

    def experts_visible_to(self, user) -> bool:
        """Whether the user may read the names of the experts (not for authors unless the type allows)."""
        roles = roles_of(user)
        if roles.is_admin or (
            roles.has(Role.METHODIST, Role.HEAD)
            and self.municipality_id in roles.municipality_ids_for(Role.METHODIST, Role.HEAD)
        ):
            return True
        return TypeSettings.objects.filter(type=self.type, experts_visible_to_authors=True).exists()


class Assignment(models.Model):
    """An expert named on a request; the review form they fill."""

    request = models.ForeignKey(
        ReviewRequest, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("request")
    )
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("expert"))
    round = models.PositiveSmallIntegerField(_("review round"), default=1)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    recommendation = models.CharField(_("expert's recommendation"), max_length=20, choices=Decision.choices, blank=True)
    reason = models.TextField(
        _("why the recommendation differs from the score"), blank=True,
        help_text=_("Required when «Recommended» comes with under half the points or «Rejected» with three "
                    "quarters or more."),
    )
    total = models.PositiveSmallIntegerField(_("total score"), null=True, blank=True)
    max_total = models.PositiveSmallIntegerField(_("maximum total"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "expert", "round"], name="expertise_assignment_unique"),
            models.CheckConstraint(
                condition=Q(reviewed_at__isnull=True) | Q(total__isnull=False, max_total__isnull=False),
                name="expertise_assignment_reviewed_has_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} — {self.expert}"

    @property
    def is_done(self) -> bool:
        return self.reviewed_at is not None

    @property
    def percent(self) -> Decimal | None:
        if not self.max_total:
            return None
        return (Decimal(self.total) * 100 / Decimal(self.max_total)).quantize(Decimal("0.1"))


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion"))
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="expertise_score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Transition(models.Model):
    """The log of the workflow: who moved the request, when, from where to where."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status} → {self.to_status}"
