"""Innovation sites and projects (order item 3.2): the institutions that run them,
their level and status, stages with planned and actual reports, the pedagogues
taking part, results and products (which can be sent to a bank)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.models import acting_user
from core.models import period_constraint
from core.scoping import Role
from core.scoping import roles_of
from core.scoping import visible_q
from core.search import words_q
from core.validators import document_validators


class Level(models.TextChoices):
    MUNICIPAL = "municipal", pgettext_lazy("level of an innovation site", "Municipal")
    REGIONAL = "regional", pgettext_lazy("level of an innovation site", "Regional")
    FEDERAL = "federal", pgettext_lazy("level of an innovation site", "Federal")


class ProjectStatus(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("status of an innovation site", "Applied")
    ACTIVE = "active", pgettext_lazy("status of an innovation site", "Active")
    FINISHED = "finished", pgettext_lazy("status of an innovation site", "Finished")
    WITHDRAWN = "withdrawn", pgettext_lazy("status of an innovation site", "Withdrawn")


# A site "works" in a year when it was active or has since finished and its period overlaps the year.
WORKING = (ProjectStatus.ACTIVE, ProjectStatus.FINISHED)


def working_q(year: AcademicYear, prefix: str = "") -> Q:
    """Return a Q for projects that worked during the academic year."""
    return Q(**{f"{prefix}status__in": WORKING, f"{prefix}start__lte": year.end}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": year.start})
    )


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user) -> "ProjectQuerySet":
        """Municipal roles see their municipality's projects; a school the projects its institution
        leads or joins; a teacher the projects they take part in."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        q = visible_q(
            user, institution="institution", municipality="municipality", pedagogue="participants__pedagogue"
        )
        school_ids = roles.institution_ids_for(Role.SCHOOL)
        if school_ids:
            q |= Q(
                pk__in=Project.partners.through.objects.filter(institution_id__in=school_ids).values(
                    "project_id"
                )
            )
        return self.filter(q).distinct() if roles.pedagogue_id else self.filter(q)

    def editable_by(self, user) -> "ProjectQuerySet":
        roles = roles_of(user)
        if roles.is_admin:
            return self
        return self.filter(
            Q(municipality_id__in=roles.municipality_ids_for(Role.METHODIST))
            | Q(institution_id__in=roles.institution_ids_for(Role.SCHOOL))
        )

    def working_in(self, year: AcademicYear) -> "ProjectQuerySet":
        return self.filter(working_q(year))

    def involving(self, institution) -> "ProjectQuerySet":
        """Return the projects the institution leads or takes part in."""
        return self.filter(
            Q(institution=institution)
            | Exists(Project.partners.through.objects.filter(project=OuterRef("pk"), institution=institution))
        )

    def search(self, text: str) -> "ProjectQuerySet":
        return self.filter(words_q(text, "topic", "title", "institution__short_name"))


class Project(models.Model):
    """An innovation site: an institution (with partners) running a project at a level."""

    title = models.CharField(
        _("site name"), max_length=300, help_text=_("e.g. «Муниципальная инновационная площадка»")
    )
    topic = models.CharField(_("topic of the project"), max_length=500)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="innovation_projects",
        verbose_name=_("lead institution"),
    )
    partners = models.ManyToManyField(
        Institution,
        blank=True,
        related_name="innovation_partnerships",
        verbose_name=_("partner institutions"),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.APPLIED
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    decree = models.CharField(
        _("order on the status"),
        max_length=200,
        blank=True,
        help_text=_("Number and date of the order that gave the site its status."),
    )
    goal = models.TextField(_("goal and tasks"), blank=True)
    results = models.TextField(_("results"), blank=True)
    supervisor = models.CharField(_("scientific supervisor"), max_length=200, blank=True)
    created_by = acting_user()

    history = HistoricalRecords(m2m_fields=[partners])
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("innovation site")
        verbose_name_plural = _("innovation sites")
        ordering = ["-start", "title"]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["institution", "status"]),
        ]
        constraints = [
            period_constraint("start", "end", name="innovation_project_period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("innovation:project-detail", args=[self.pk])

    def clean(self) -> None:
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end is before the start.")})
        if (
            self.institution_id
            and self.municipality_id
            and self.institution.municipality_id != self.municipality_id
        ):
            raise ValidationError({"institution": _("The institution belongs to another municipality.")})

    def works_in(self, year: AcademicYear) -> bool:
        return (
            self.status in WORKING and self.start <= year.end and (self.end is None or self.end >= year.start)
        )


class Stage(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="stages", verbose_name=_("project")
    )
    title = models.CharField(_("stage"), max_length=300)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    planned_report = models.FileField(
        _("planned report (plan of the stage)"), upload_to="innovation/%Y/", blank=True,
        validators=document_validators(),
    )
    report_due = models.DateField(_("report due"), null=True, blank=True)
    actual_report = models.FileField(
        _("actual report"), upload_to="innovation/%Y/", blank=True, validators=document_validators()
    )
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    summary = models.TextField(_("summary of the results"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="innovation_stage_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end is before the start.")})

    @property
    def report_overdue(self) -> bool:
        return bool(self.report_due and not self.reported_on and timezone.localdate() > self.report_due)


class ParticipantRole(models.TextChoices):
    LEADER = "leader", _("Project leader")
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Team member")


class Participant(models.Model):
    """A pedagogue taking part in a project, with the institution they worked at when they joined."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participants", verbose_name=_("project")
    )
    pedagogue = models.ForeignKey(
        Pedagogue,
        on_delete=models.PROTECT,
        related_name="innovation_participations",
        verbose_name=_("pedagogue"),
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER
    )
    joined = models.DateField(_("joined"))
    left = models.DateField(pgettext_lazy("membership", "left"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["role", "pedagogue__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "pedagogue"], name="innovation_participant_unique"),
            period_constraint("joined", "left", name="innovation_participant_period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.pedagogue} — {self.project}"

    def save(self, *args, **kwargs):
        if not self.institution_id and self.pedagogue_id:
            self.institution_id = self.pedagogue.institution_id
        super().save(*args, **kwargs)


def participating_q(year: AcademicYear, prefix: str = "") -> Q:
    """Return a Q for participations that overlap the year in a project that worked in it."""
    return (
        working_q(year, f"{prefix}project__")
        & Q(**{f"{prefix}joined__lte": year.end})
        & (Q(**{f"{prefix}left__isnull": True}) | Q(**{f"{prefix}left__gte": year.start}))
    )


class Product(models.Model):
    """A result of a project: a methodical product that may go to a bank."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="products", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(_("type"), max_length=100, blank=True)
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    description = models.TextField(_("description"), blank=True)
    authors = models.CharField(_("authors"), max_length=400, blank=True)
    file = models.FileField(
        _("file"), upload_to="innovation/products/%Y/", blank=True, validators=document_validators()
    )
    url = models.URLField(_("link"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-year__start_year", "title"]

    def __str__(self) -> str:
        return self.title
