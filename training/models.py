"""Professional development: providers and programmes, completions posted to an
hour ledger (the modular-cumulative model), the competency framework, deficit
diagnoses and individual routes (ИОМ)."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Avg
from django.db.models import Case
from django.db.models import Count
from django.db.models import F
from django.db.models import Max
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Subquery
from django.db.models import Sum
from django.db.models import Value
from django.db.models import When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.capabilities import Cap
from core.duplicates import DuplicateError
from core.models import AcademicYear
from core.models import Pedagogue
from core.models import Position
from core.models import acting_user
from core.models import years_before
from core.scoping import PedagogueRowsQuerySet
from core.scoping import Role
from core.scoping import roles_of
from core.search import words_q
from core.validators import validate_upload_size

MIN_PROGRAMME_HOURS = 16
MAX_PROGRAMME_HOURS = 249
EVIDENCE_EXTENSIONS = ["pdf", "doc", "docx", "odt", "jpg", "jpeg", "png", "ppt", "pptx", "xlsx", "zip"]
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def owner_for(user) -> int | None:
    """Return the municipality that owns what the user adds to a shared catalogue (None: regional, the admin's)."""
    roles = roles_of(user)
    if roles.is_admin:
        return None
    return min(roles.municipality_ids_with(Cap.CATALOGUE), default=None)


def may_manage(user) -> bool:
    """Return True when the user edits the training records of a municipality (methodist, admin)."""
    roles = roles_of(user)
    return roles.is_admin or bool(roles.municipality_ids_for(Role.METHODIST))


# --- providers and programmes ---------------------------------------------------------------------


class ProviderType(models.TextChoices):
    INSTITUTE = "institute", _("Regional PD institute")
    CNPPM = "cnppm", _("Centre of continuous professional mastery (CNPPM)")
    UNIVERSITY = "university", _("University")
    OTHER = "other", _("Other")


class Format(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    EXTRAMURAL = "extramural", _("Extramural")
    DISTANCE = "distance", _("Distance")
    BLENDED = "blended", _("Blended")


class Provider(models.Model):
    name = models.CharField(_("name"), max_length=300, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=ProviderType.choices, default=ProviderType.OTHER)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PD provider")
        verbose_name_plural = _("PD providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


# --- competency framework -------------------------------------------------------------------------


class Block(models.Model):
    """A block of the competency framework (нормативно-правовой, предметный, …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("competency block")
        verbose_name_plural = _("competency blocks")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Competency(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="competencies", verbose_name=_("block"))
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["block__order", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Statement(models.Model):
    """A statement the pedagogue rates 0–3 in a self-assessment."""

    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="statements", verbose_name=_("competency")
    )
    text = models.CharField(_("text"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["competency__block__order", "competency__order", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class ProgrammeQuerySet(models.QuerySet):
    def active(self) -> "ProgrammeQuerySet":
        return self.filter(is_active=True)

    def editable_by(self, user) -> "ProgrammeQuerySet":
        """Return the programmes the user may change or delete: its municipality's own (Cap.CATALOGUE);
        the regional ones (no owner) and every other only the administrator."""
        roles = roles_of(user)
        if roles.is_admin:
            return self
        return self.filter(owner_id__in=roles.municipality_ids_with(Cap.CATALOGUE))

    def search(self, text: str) -> "ProgrammeQuerySet":
        return self.filter(words_q(text, "title", "description", "provider__name"))

    def covering(self, competency_ids) -> "ProgrammeQuerySet":
        """Return active programmes addressing any of the competencies, annotated with ``covered``
        (how many of them) and ranked by it."""
        ids = list(competency_ids)
        return (
            self.active()
            .filter(competencies__in=ids)
            .annotate(covered=Count("competencies", filter=Q(competencies__in=ids), distinct=True))
            .order_by("-covered", "-federal_register", "hours", "title")
        )


class Programme(models.Model):
    """An additional professional programme of PD (ДПП ПК)."""

    title = models.CharField(_("title"), max_length=400)
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("provider")
    )
    hours = models.PositiveSmallIntegerField(
        _("hours"),
        validators=[MinValueValidator(MIN_PROGRAMME_HOURS), MaxValueValidator(MAX_PROGRAMME_HOURS)],
        help_text=_("A PD programme has 16 to 249 hours."),
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.FULL_TIME)
    federal_register = models.BooleanField(_("in the federal register"), default=False)
    description = models.TextField(_("description"), blank=True)
    target_positions = models.ManyToManyField(
        Position, blank=True, related_name="+", verbose_name=_("target positions")
    )
    competencies = models.ManyToManyField(
        Competency, blank=True, related_name="programmes", verbose_name=_("competencies addressed")
    )
    is_active = models.BooleanField(_("offered"), default=True)
    # The catalogue is shared: every municipality uses every programme, only the owner's methodists change it.
    owner = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("owner"), help_text=_("The municipality that keeps the programme; empty: a regional one."),
    )
    created_by = acting_user(_("created by"), editable=False)

    history = HistoricalRecords(m2m_fields=[target_positions, competencies])
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("PD programme")
        verbose_name_plural = _("PD programmes")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=MIN_PROGRAMME_HOURS) & Q(hours__lte=MAX_PROGRAMME_HOURS),
                name="training_programme_hours_16_249",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:programme-detail", args=[self.pk])


class Module(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="modules",
                                  verbose_name=_("programme"))
    title = models.CharField(_("title"), max_length=300)
    hours = models.PositiveSmallIntegerField(_("hours"), validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["programme", "order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(hours__gte=1), name="training_module_hours_positive")]

    def __str__(self) -> str:
        return gettext("{title} ({hours} h)").format(title=self.title, hours=self.hours)


class ActivityKind(models.TextChoices):
    EVENT = "event", _("Municipal event")
    SELF_EDUCATION = "self_education", _("Self-education")


class Activity(models.Model):
    """A suggestion for a route besides courses: a municipal event or self-education material."""

    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("link"), blank=True)
    competencies = models.ManyToManyField(Competency, related_name="activities", verbose_name=_("competencies"))
    is_active = models.BooleanField(_("offered"), default=True)

    history = HistoricalRecords(m2m_fields=[competencies])

    class Meta:
        verbose_name = _("route activity")
        verbose_name_plural = _("route activities")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


# --- completions and the hour ledger --------------------------------------------------------------


class CompletionQuerySet(PedagogueRowsQuerySet):
    def finished_in(self, year: AcademicYear) -> "CompletionQuerySet":
        return self.filter(finished__range=(year.start, year.end))


class Completion(models.Model):
    """A completed PD programme or module; it posts its hours to the ledger."""

    pedagogue = models.ForeignKey(Pedagogue, on_delete=models.CASCADE, related_name="completions",
                                  verbose_name=_("pedagogue"))
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="completions",
                                  verbose_name=_("programme"))
    module = models.ForeignKey(Module, on_delete=models.PROTECT, null=True, blank=True, related_name="completions",
                               verbose_name=_("module"))
    started = models.DateField(_("started"))
    finished = models.DateField(_("finished"))
    hours = models.PositiveSmallIntegerField(_("hours"), validators=[MinValueValidator(1)])
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    created_by = acting_user(_("entered by"))
    created = models.DateTimeField(_("entered"), default=timezone.now)
    hour_entries = GenericRelation("training.HourEntry", content_type_field="source_type", object_id_field="source_id",
                                  related_query_name="completion")

    history = HistoricalRecords()
    objects = CompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("PD completion")
        verbose_name_plural = _("PD completions")
        ordering = ["-finished", "pk"]
        indexes = [models.Index(fields=["pedagogue", "finished"]), models.Index(fields=["finished"])]
        constraints = [
            models.CheckConstraint(condition=Q(finished__gte=F("started")), name="training_completion_dates"),
            models.CheckConstraint(condition=Q(hours__gte=1), name="training_completion_hours_positive"),
            models.UniqueConstraint(fields=["pedagogue", "programme", "started", "finished"],
                                    name="training_completion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.pedagogue} — {self.programme}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.post_hours()

    def get_absolute_url(self) -> str:
        return reverse("training:completion-edit", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.started and self.finished and self.finished < self.started:
            errors["finished"] = _("The end date is before the start date.")
        elif self.finished and self.finished > timezone.localdate():
            # A completion is recorded when it is over: hours of the future would count in today's indicators.
            errors["finished"] = _("The end date is in the future: a completion is entered once it is over.")
        if self.module_id and self.programme_id and self.module.programme_id != self.programme_id:
            errors["module"] = _("The module belongs to another programme.")
        if self.hours and self.programme_id:
            limit = self.module.hours if self.module_id else self.programme.hours
            if self.hours > limit:
                errors["hours"] = _("More hours than the programme or module has ({hours}).").format(hours=limit)
        if errors:
            raise ValidationError(errors)

    def duplicate(self) -> "Completion | None":
        """Return the completion already recorded for the same pedagogue, programme and dates, if any."""
        if not (self.pedagogue_id and self.programme_id and self.started and self.finished):
            return None
        return (
            Completion.objects.filter(pedagogue_id=self.pedagogue_id, programme_id=self.programme_id,
                                      started=self.started, finished=self.finished)
            .exclude(pk=self.pk).select_related("pedagogue", "programme").first()
        )

    def validate_constraints(self, exclude=None):
        # The unique constraint's own message («… already exists») names no record: say which one it is.
        if not set(exclude or ()) & {"pedagogue", "programme", "started", "finished"}:
            existing = self.duplicate()
            if existing is not None:
                raise DuplicateError(existing)
        super().validate_constraints(exclude)

    def ledger_entry(self) -> "HourEntry":
        return HourEntry(
            pedagogue_id=self.pedagogue_id,
            date=self.finished,
            hours=self.hours,
            kind=HourKind.MODULE if self.module_id else HourKind.COURSE,
            title=str(self.module or self.programme)[:300],
            source_type=ContentType.objects.get_for_model(Completion),
            source_id=self.pk,
        )

    def post_hours(self) -> None:
        """Write (or rewrite) this completion's line of the hour ledger."""
        entry = self.ledger_entry()
        HourEntry.objects.update_or_create(
            source_type=entry.source_type,
            source_id=self.pk,
            defaults={"pedagogue_id": entry.pedagogue_id, "date": entry.date, "hours": entry.hours,
                      "kind": entry.kind, "title": entry.title},
        )


class HourKind(models.TextChoices):
    COURSE = "course", _("PD course")
    MODULE = "module", _("PD module")
    SEMINAR = "seminar", _("Association seminar")
    SESSION = "session", _("School of the Young Teacher session")
    OTHER = "other", _("Other")


class HourEntry(models.Model):
    """One line of a pedagogue's hour account.

    Any record can post hours (a completion today; a School of the Young Teacher
    session or an association seminar later) through the generic ``source``, so
    the account is read from one table whatever the source.
    """

    pedagogue = models.ForeignKey(Pedagogue, on_delete=models.CASCADE, related_name="hour_entries",
                                  verbose_name=_("pedagogue"))
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    kind = models.CharField(_("kind"), max_length=20, choices=HourKind.choices, default=HourKind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("source type"))
    source_id = models.PositiveBigIntegerField(_("source id"))
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        verbose_name = _("hour entry")
        verbose_name_plural = _("hour ledger")
        ordering = ["-date", "pk"]
        indexes = [models.Index(fields=["pedagogue", "date"])]
        constraints = [
            models.UniqueConstraint(fields=["source_type", "source_id"], name="training_hour_entry_one_per_source"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_hour_entry_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.pedagogue_id}: {self.hours} ({self.date})"


class AccountStatus(models.TextChoices):
    NORM_MET = "norm_met", _("Norm met")
    IN_PROGRESS = "in_progress", _("In progress")
    # The last PD is older than the window (three years, 273-ФЗ art. 47): the legal term has passed.
    OVERDUE = "overdue", _("PD overdue")
    NOTHING = "nothing", _("No PD")


def window_start(on: datetime.date) -> datetime.date:
    """Return the first day excluded from the window that ends on ``on``: hours count when
    ``window_start(on) < date <= on`` (a course finished exactly N years ago has dropped out)."""
    return years_before(on, settings.PD_WINDOW_YEARS)


def with_hour_account(pedagogues: models.QuerySet, on: datetime.date) -> models.QuerySet:
    """Annotate pedagogues with ``window_hours``, ``last_pd`` and ``pd_status`` as of the day.

    Two correlated subqueries, so the query count does not depend on the number of pedagogues.
    """
    entries = HourEntry.objects.filter(pedagogue=OuterRef("pk"), date__lte=on)
    in_window = (
        entries.filter(date__gt=window_start(on)).order_by().values("pedagogue").annotate(s=Sum("hours")).values("s")
    )
    last = entries.order_by().values("pedagogue").annotate(m=Max("date")).values("m")
    norm = Decimal(settings.PD_NORM_HOURS)
    return pedagogues.annotate(
        window_hours=Coalesce(Subquery(in_window, output_field=models.DecimalField(max_digits=8, decimal_places=1)),
                              Value(Decimal("0")), output_field=models.DecimalField(max_digits=8, decimal_places=1)),
        last_pd=Subquery(last, output_field=models.DateField()),
    ).annotate(
        pd_status=Case(
            When(window_hours__gte=norm, then=Value(AccountStatus.NORM_MET.value)),
            When(window_hours__gt=0, then=Value(AccountStatus.IN_PROGRESS.value)),
            When(last_pd__isnull=False, then=Value(AccountStatus.OVERDUE.value)),
            default=Value(AccountStatus.NOTHING.value),
            output_field=models.CharField(),
        )
    )


# --- diagnosis ------------------------------------------------------------------------------------


class DiagnosisKind(models.TextChoices):
    SELF = "self", _("Self-diagnosis")
    EXTERNAL = "external", _("External diagnosis")


class DeficitLevel(models.TextChoices):
    HIGH = "high", _("Pronounced deficit")
    PARTIAL = "partial", _("Partial deficit")
    NONE = "none", _("No deficit")


# Thresholds on the mean score (0–3): below 1.5 a pronounced deficit, below 2.25 a partial one.
HIGH_DEFICIT_BELOW = Decimal("1.5")
PARTIAL_DEFICIT_BELOW = Decimal("2.25")


def deficit_level(mean: Decimal | float | None) -> str | None:
    if mean is None:
        return None
    mean = Decimal(str(mean))
    if mean < HIGH_DEFICIT_BELOW:
        return DeficitLevel.HIGH
    if mean < PARTIAL_DEFICIT_BELOW:
        return DeficitLevel.PARTIAL
    return DeficitLevel.NONE


class DiagnosisQuerySet(PedagogueRowsQuerySet):
    def completed(self) -> "DiagnosisQuerySet":
        return self.filter(completed_at__isnull=False)


class Diagnosis(models.Model):
    pedagogue = models.ForeignKey(Pedagogue, on_delete=models.CASCADE, related_name="diagnoses",
                                  verbose_name=_("pedagogue"))
    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("academic year"))
    kind = models.CharField(_("kind"), max_length=20, choices=DiagnosisKind.choices, default=DiagnosisKind.SELF)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    recorded_by = acting_user(_("recorded by"))
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()
    objects = DiagnosisQuerySet.as_manager()

    class Meta:
        verbose_name = _("diagnosis")
        verbose_name_plural = _("diagnoses")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.pedagogue} ({self.started_at:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("training:diagnosis-detail", args=[self.pk])

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    def competency_means(self) -> dict[int, Decimal]:
        """Return ``{competency_id: mean score}`` over the rated statements (one query)."""
        rows = self.answers.values("statement__competency").annotate(mean=Avg("score"))
        return {row["statement__competency"]: Decimal(str(row["mean"])).quantize(Decimal("0.01"))
                for row in rows}

    def block_means(self) -> dict[int, Decimal]:
        rows = self.answers.values("statement__competency__block").annotate(mean=Avg("score"))
        return {row["statement__competency__block"]: Decimal(str(row["mean"])).quantize(Decimal("0.01"))
                for row in rows}

    def deficient_competencies(self) -> set[int]:
        return {pk for pk, mean in self.competency_means().items() if deficit_level(mean) != DeficitLevel.NONE}


class Answer(models.Model):
    diagnosis = models.ForeignKey(Diagnosis, on_delete=models.CASCADE, related_name="answers",
                                  verbose_name=_("diagnosis"))
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+", verbose_name=_("statement"))
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(3)])

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["diagnosis", "statement"], name="training_answer_once"),
            models.CheckConstraint(condition=Q(score__lte=3), name="training_answer_score_0_3"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.score}"


# --- individual routes ----------------------------------------------------------------------------


class RouteQuerySet(PedagogueRowsQuerySet):
    def with_progress(self) -> "RouteQuerySet":
        return self.annotate(
            items_total=Count("items", distinct=True),
            items_accepted=Count("items", filter=Q(items__status=ItemStatus.ACCEPTED), distinct=True),
        )

    def completed(self) -> "RouteQuerySet":
        """Routes with at least one item, every item accepted."""
        return self.with_progress().filter(items_total__gt=0, items_total=F("items_accepted"))


class Route(models.Model):
    """An individual educational route (ИОМ) of a pedagogue for an academic year."""

    pedagogue = models.ForeignKey(Pedagogue, on_delete=models.CASCADE, related_name="routes",
                                  verbose_name=_("pedagogue"))
    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("academic year"))
    diagnosis = models.ForeignKey(Diagnosis, on_delete=models.SET_NULL, null=True, blank=True, related_name="routes",
                                  verbose_name=_("based on the diagnosis"))
    goal = models.TextField(_("goal"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    history = HistoricalRecords()
    objects = RouteQuerySet.as_manager()

    class Meta:
        verbose_name = _("individual route")
        verbose_name_plural = _("individual routes")
        ordering = ["-year__start_year", "pedagogue__last_name"]
        constraints = [models.UniqueConstraint(fields=["pedagogue", "year"], name="training_route_one_per_year")]

    def __str__(self) -> str:
        return _("Route of {name} for {year}").format(name=self.pedagogue, year=self.year)

    def get_absolute_url(self) -> str:
        return reverse("training:route-detail", args=[self.pk])

    def progress(self) -> tuple[int, int]:
        """Return (accepted items, all items)."""
        counts = self.items.aggregate(total=Count("pk"), accepted=Count("pk", filter=Q(status=ItemStatus.ACCEPTED)))
        return counts["accepted"], counts["total"]

    def later_diagnosis(self) -> "Diagnosis | None":
        """Return the latest completed diagnosis taken after the route's base one (the re-diagnosis)."""
        if not self.diagnosis_id or not self.diagnosis.completed_at:
            return None
        return (
            Diagnosis.objects.completed()
            .filter(pedagogue_id=self.pedagogue_id, completed_at__gt=self.diagnosis.completed_at)
            .order_by("-completed_at")
            .first()
        )


class ItemKind(models.TextChoices):
    COURSE = "course", _("PD course")
    ASSOCIATION = "association", _("Association or community")
    EVENT = "event", _("Event")
    MENTORING = "mentoring", _("Mentoring")
    SELF_EDUCATION = "self_education", _("Self-education")


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SUBMITTED = "submitted", _("Evidence submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


def evidence_path(instance, filename: str) -> str:
    return f"training/evidence/{instance.route_id}/{Path(filename).name}"


class RouteItem(models.Model):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="items", verbose_name=_("route"))
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=400)
    programme = models.ForeignKey(Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  verbose_name=_("programme"))
    activity = models.ForeignKey(Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("activity"))
    competencies = models.ManyToManyField(Competency, blank=True, related_name="+",
                                          verbose_name=_("deficits addressed"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    evidence_file = models.FileField(
        _("evidence file"), upload_to=evidence_path, blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS), validate_upload_size],
    )
    evidence_link = models.URLField(_("evidence link"), blank=True)
    evidence_note = models.CharField(_("note on the evidence"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    review_comment = models.TextField(_("tutor's comment"), blank=True)
    reviewed_by = acting_user(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords(m2m_fields=[competencies])

    class Meta:
        verbose_name = _("route item")
        verbose_name_plural = _("route items")
        ordering = ["route", "deadline", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "accepted"]) | ~Q(evidence_file="") | ~Q(evidence_link=""),
                name="training_item_submitted_has_evidence",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file or self.evidence_link)

    @property
    def editable(self) -> bool:
        return self.status != ItemStatus.ACCEPTED



# --- route suggestions ----------------------------------------------------------------------------


class Suggestion:
    """A route item the portal proposes: a programme or an activity and the deficits it covers."""

    def __init__(self, *, kind: str, title: str, covered: int, competency_ids: list[int],
                 programme: Programme | None = None, activity: Activity | None = None, detail: str = ""):
        self.kind = kind
        self.title = title
        self.covered = covered
        self.competency_ids = competency_ids
        self.programme = programme
        self.activity = activity
        self.detail = detail

    @property
    def key(self) -> str:
        return f"programme-{self.programme.pk}" if self.programme else f"activity-{self.activity.pk}"

    def get_kind_display(self) -> str:
        return ItemKind(self.kind).label


def suggestions(deficits, *, exclude_programmes=(), exclude_activities=(), limit: int = 15) -> list[Suggestion]:
    """Return programmes and activities addressing the deficient competencies, ranked by how many
    of them each covers (then federal-register programmes first, then fewer hours)."""
    deficits = set(deficits)
    if not deficits:
        return []
    programmes = (
        Programme.objects.covering(deficits).exclude(pk__in=list(exclude_programmes)).select_related("provider")
        .prefetch_related("competencies")[:limit]
    )
    activities = (
        Activity.objects.filter(is_active=True, competencies__in=deficits).exclude(pk__in=list(exclude_activities))
        .annotate(covered=Count("competencies", filter=Q(competencies__in=deficits), distinct=True))
        .order_by("-covered", "title").prefetch_related("competencies")[:limit]
    )
    items = [
        Suggestion(kind=ItemKind.COURSE, title=p.title, covered=p.covered, programme=p,
                   competency_ids=[c.pk for c in p.competencies.all() if c.pk in deficits],
                   detail=gettext("{provider} · {hours} h").format(provider=p.provider, hours=p.hours))
        for p in programmes
    ] + [
        Suggestion(kind=a.kind, title=a.title, covered=a.covered, activity=a,
                   competency_ids=[c.pk for c in a.competencies.all() if c.pk in deficits],
                   detail=a.get_kind_display())
        for a in activities
    ]
    # Stable sort: within the same coverage programmes keep their ranking and come first.
    items.sort(key=lambda item: -item.covered)
    return items[:limit]


def post_hours_bulk(completions: list[Completion]) -> None:
    """Write the ledger lines of completions created with ``bulk_create`` (their pks must be set)."""
    HourEntry.objects.bulk_create([completion.ledger_entry() for completion in completions], batch_size=2000)
