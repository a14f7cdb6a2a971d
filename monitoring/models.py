"""Monitoring: directions, indicator passports with yearly targets, frozen report
snapshots, the yearly order (приказ) and its assignments."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import AcademicYear
from core.models import Municipality
from core.models import acting_user
from core.scoping import Role
from core.scoping import roles_of
from core.validators import document_validators
from monitoring.registry import Better
from monitoring.registry import Direction as DirectionCode
from monitoring.registry import Unit
from monitoring.registry import registry

# Tolerances used when a target does not name its own (DOMAIN.md: ±1 p.p. for shares, ±5 % otherwise).
DEFAULT_SHARE_TOLERANCE_PP = Decimal(str(getattr(settings, "MONITORING_SHARE_TOLERANCE_PP", "1")))
DEFAULT_RELATIVE_TOLERANCE_PCT = Decimal(str(getattr(settings, "MONITORING_RELATIVE_TOLERANCE_PCT", "5")))


def default_tolerance(unit: str) -> Decimal:
    """Return the default tolerance: percentage points for shares, percent of last year's value otherwise."""
    return DEFAULT_SHARE_TOLERANCE_PP if unit == Unit.SHARE else DEFAULT_RELATIVE_TOLERANCE_PCT


def _user_link(verbose_name, *, on_delete=models.PROTECT, related_name: str = "+") -> models.ForeignKey:
    """An optional link to a user of the portal: who built or issued a record, answers for or follows a task."""
    return models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=on_delete, null=True, blank=True,
                             related_name=related_name, verbose_name=verbose_name)


class DirectionQuerySet(models.QuerySet):
    def ordered(self) -> "DirectionQuerySet":
        return self.order_by("order", "code")


class Direction(models.Model):
    """One of the ten monitored directions; the codes are fixed, titles and order are editable."""

    code = models.CharField(_("code"), max_length=40, unique=True, choices=DirectionCode.choices)
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    recommendation = models.TextField(
        _("recommendation template"),
        blank=True,
        help_text=_(
            "Prefills item 3 of the order when the direction is rated unsatisfactory or shows no positive dynamics."
        ),
    )

    history = HistoricalRecords()
    objects = DirectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.title

    def recommendation_text(self) -> str:
        if self.recommendation:
            return self.recommendation
        return gettext(
            "Identify the reasons for the absence of positive dynamics and update the organisational and "
            "methodical support of the direction «{direction}»."
        ).format(direction=self.title)


class PassportQuerySet(models.QuerySet):
    def sync(self) -> None:
        """Create or update a passport for every registered indicator (the registry is the source of truth
        for title, unit, rule and source; the key flag and the effect template stay as the head set them)."""
        directions = {direction.code: direction for direction in Direction.objects.all()}
        existing = {passport.code: passport for passport in self.all()}
        to_create, to_update = [], []
        fields = ["direction", "title", "unit", "better", "rule", "source", "is_registered"]
        with override("en"):
            for item in registry:
                values = {
                    "direction": directions[item.direction],
                    "title": str(item.title)[:400],
                    "unit": item.unit,
                    "better": item.better,
                    "rule": str(item.rule),
                    "source": str(item.source),
                    "is_registered": True,
                }
                passport = existing.pop(item.code, None)
                if passport is None:
                    to_create.append(IndicatorPassport(code=item.code, is_key=item.key, **values))
                elif any(getattr(passport, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(passport, name, value)
                    to_update.append(passport)
        for passport in existing.values():
            if passport.is_registered:
                passport.is_registered = False
                to_update.append(passport)
        if to_create:
            IndicatorPassport.objects.bulk_create(to_create, ignore_conflicts=True)
        if to_update:
            IndicatorPassport.objects.bulk_update(to_update, fields)

    def registered(self) -> "PassportQuerySet":
        return self.filter(is_registered=True)

    def registered_by_code(self) -> dict[str, "IndicatorPassport"]:
        """Return ``{code: passport}`` of the registered indicators, syncing first when the registry changed."""
        passports = {p.code: p for p in self.registered()}
        if set(passports) != {item.code for item in registry}:
            self.sync()
            passports = {p.code: p for p in self.registered()}
        return passports


class IndicatorPassport(models.Model):
    """The passport of an indicator (DOMAIN.md): what it measures, how, from what, and whether it is key."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    direction = models.ForeignKey(
        Direction, on_delete=models.PROTECT, related_name="passports", verbose_name=_("direction")
    )
    title = models.CharField(_("title"), max_length=400)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.COUNT)
    better = models.CharField(_("better"), max_length=10, choices=Better.choices, default=Better.UP)
    rule = models.TextField(_("calculation rule"), blank=True)
    source = models.TextField(_("data source"), blank=True)
    is_key = models.BooleanField(_("key indicator"), default=False)
    effect = models.CharField(
        _("positive effect phrase"),
        max_length=500,
        blank=True,
        help_text=_("How item 2 of the order names a positive dynamics of this indicator."),
    )
    is_registered = models.BooleanField(_("registered"), default=True, editable=False)

    history = HistoricalRecords()
    objects = PassportQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator passport")
        verbose_name_plural = _("indicator passports")
        ordering = ["direction__order", "code"]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:indicator", args=[self.code])

    @property
    def indicator(self):
        return registry.get(self.code) if self.code in registry else None

    @property
    def display_title(self) -> str:
        """The registry's (translated) title, or the stored one when the indicator is gone."""
        item = self.indicator
        return str(item.title) if item else self.title

    @property
    def display_rule(self) -> str:
        item = self.indicator
        return str(item.rule) if item and item.rule else self.rule

    @property
    def display_source(self) -> str:
        item = self.indicator
        return str(item.source) if item and item.source else self.source


class TargetQuerySet(models.QuerySet):
    def effective_for(self, year: AcademicYear) -> dict[str, "Target"]:
        """Return ``{indicator code: target}`` in force for the year: the latest target set for it or a
        year before it (a target carries over until the head changes it). One query."""
        targets: dict[str, Target] = {}
        rows = self.filter(year__start_year__lte=year.start_year).select_related("passport", "year")
        for target in rows.order_by("year__start_year"):
            targets[target.passport.code] = target
        return targets


class Target(models.Model):
    """The department's target and tolerance for an indicator in an academic year."""

    passport = models.ForeignKey(
        IndicatorPassport, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("year"))
    # In the indicator's own unit: a share as a fraction (0.4 = 40 %), a count as a count.
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    # Percentage points for shares, percent of last year's value for the other units; empty = the default.
    tolerance = models.DecimalField(_("tolerance"), max_digits=8, decimal_places=2, null=True, blank=True)

    history = HistoricalRecords()
    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["passport", "year"]
        constraints = [
            models.UniqueConstraint(fields=["passport", "year"], name="target_unique_per_year"),
            models.CheckConstraint(
                condition=Q(tolerance__isnull=True) | Q(tolerance__gte=0),
                name="target_tolerance_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.passport.code} {self.year}"

    def effective_tolerance(self) -> Decimal:
        return self.tolerance if self.tolerance is not None else default_tolerance(self.passport.unit)

    def clean(self) -> None:
        # A share is stored as a fraction; the targets page converts from percent, the API sends it as stored.
        if self.passport_id and self.value is not None and self.passport.unit == Unit.SHARE \
                and not (0 <= self.value <= 1):
            raise ValidationError({"value": _("A share is between 0 and 1 (0.4 = 40 %).")})


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user):
        """Return the rows of the municipalities the user works for (head, methodist; admin sees all)."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        return self.filter(municipality_id__in=roles.municipality_ids_for(Role.HEAD, Role.METHODIST))


class ReportSnapshot(models.Model):
    """The yearly report frozen when the head builds it: values, ratings, rules and thresholds as JSON."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("year"))
    data = models.JSONField(_("data"))
    created_at = models.DateTimeField(_("built at"), default=timezone.now)
    created_by = _user_link(_("built by"), on_delete=models.SET_NULL)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("report snapshot")
        verbose_name_plural = _("report snapshots")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return gettext("Report for {year} ({municipality})").format(
            year=self.year, municipality=self.municipality
        )

    def save(self, *args, **kwargs):
        if self.pk and ReportSnapshot.objects.filter(pk=self.pk).exists():
            raise ValidationError(_("A report snapshot is frozen and cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("monitoring:report-detail", args=[self.pk])


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class OrderIsIssued(ValidationError):
    def __init__(self):
        super().__init__(_("The order is issued and can no longer be changed."))


class OrderQuerySet(ScopedQuerySet):
    def issued(self) -> "OrderQuerySet":
        return self.filter(status=OrderStatus.ISSUED)


class Order(models.Model):
    """The yearly order drafted from a report snapshot; immutable once issued."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("year"))
    snapshot = models.ForeignKey(
        ReportSnapshot, on_delete=models.PROTECT, related_name="orders", verbose_name=_("report")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=300)
    preamble = models.TextField(_("preamble"))
    satisfactory = models.TextField(_("item 1: satisfactory directions"), blank=True)
    effects = models.TextField(_("item 2: positive effects"), blank=True)
    evaluation = models.TextField(
        _("assessment of the effectiveness of the measures taken"),
        blank=True,
        help_text=_("The effect of last year's measures, drafted from their tasks and this year's dynamics."),
    )
    improvement = models.TextField(_("item 3: introduction"), blank=True)
    control = models.CharField(_("control clause"), max_length=300)
    number = models.CharField(_("number"), max_length=30, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    signatory_position = models.CharField(_("signatory's position"), max_length=300, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = _user_link(_("issued by"), on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-year__start_year", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="issued")
                | (~Q(number="") & Q(date__isnull=False) & ~Q(signatory_name="")),
                name="order_issued_has_number_date_signatory",
            )
        ]

    def __str__(self) -> str:
        if self.number:
            return gettext("Order No. {number} of {date}").format(
                number=self.number, date=self.date.strftime("%d.%m.%Y")
            )
        return gettext("Draft order for {year}").format(year=self.year)

    def save(self, *args, **kwargs):
        if self.pk and Order.objects.filter(pk=self.pk, status=OrderStatus.ISSUED).exists():
            raise OrderIsIssued()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("monitoring:order-detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == OrderStatus.ISSUED

    def numbered_items(self) -> list[dict]:
        """Return the order's items as the document numbers them: 1, 2, 3 (with 3.1, 3.2…), assignments, control."""
        items = [{"number": "1", "text": self.satisfactory}] if self.satisfactory else []
        if self.effects:
            items.append({"number": str(len(items) + 1), "text": self.effects})
        recommendations = list(self.recommendations.select_related("direction"))
        if recommendations or self.improvement:
            parent = str(len(items) + 1)
            items.append(
                {
                    "number": parent,
                    "text": self.improvement,
                    "children": [
                        {"number": f"{parent}.{index}", "text": rec.sentence(), "measure": rec}
                        for index, rec in enumerate(recommendations, start=1)
                    ],
                }
            )
        for assignment in self.assignments.filter(measure__isnull=True).select_related("responsible"):
            items.append(
                {"number": str(len(items) + 1), "text": assignment.sentence(), "assignment": assignment}
            )
        items.append({"number": str(len(items) + 1), "text": self.control})
        return items

    def issue_warnings(self, *, number: str, date: datetime.date, today: datetime.date | None = None) -> list[str]:
        """Return why issuing with this number and date needs a confirmation (a future date, a number already
        used by another issued order of the municipality in the same calendar year)."""
        warnings = []
        if date > (today or timezone.localdate()):
            warnings.append(
                gettext("The date {date} is in the future.").format(date=date.strftime("%d.%m.%Y"))
            )
        # Compared in Python: SQLite's case-insensitive match folds only ASCII, and «110А» is «110а».
        wanted = number.strip().casefold()
        same_year = Order.objects.issued().filter(municipality_id=self.municipality_id, date__year=date.year)
        taken = next(
            (order for order in same_year.exclude(pk=self.pk) if order.number.strip().casefold() == wanted), None
        )
        if taken is not None:
            warnings.append(
                gettext("The number {number} is already used in {year}: {order}.").format(
                    number=number.strip(), year=date.year, order=taken
                )
            )
        return warnings

    @transaction.atomic
    def issue(
        self, *, number: str, date: datetime.date, signatory_position: str, signatory_name: str, by
    ) -> list["Assignment"]:
        """Give the draft its number, date and signatory, make it immutable and turn every item 3 measure into a
        task (the assignments are tasks already). Return the new measure tasks."""
        if self.is_issued:
            raise OrderIsIssued()
        measure_tasks = [rec.make_task(by=by) for rec in self.recommendations.all()]
        Assignment.objects.bulk_create(measure_tasks)
        self.number, self.date = number.strip(), date
        self.signatory_position, self.signatory_name = signatory_position, signatory_name
        self.status = OrderStatus.ISSUED
        self.issued_at, self.issued_by = timezone.now(), by
        super().save()
        return measure_tasks


class _OrderPart(models.Model):
    """A part of an order that is frozen with it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if Order.objects.filter(pk=self.order_id, status=OrderStatus.ISSUED).exists() and not getattr(
            self, "_completion_only", False
        ):
            raise OrderIsIssued()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.order.is_issued:
            raise OrderIsIssued()
        return super().delete(*args, **kwargs)


class _Addressed(models.Model):
    """Who answers for an item (a portal user or an addressee as the order names one) and by when (a date or a
    phrase such as «постоянно»)."""

    addressee = models.CharField(
        _("addressee in the order"),
        max_length=300,
        blank=True,
        help_text=_("How the order names the responsible person, e.g. «Ivanova A.M., director of MIMC»."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    term = models.CharField(
        _("term in words"),
        max_length=200,
        blank=True,
        help_text=_("Instead of a date, e.g. «постоянно» or «в течение 2022–2023 учебного года»."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.deadline and self.term.strip():
            raise ValidationError(
                {"term": _("Give either a date or a term in words, not both.")}
            )

    @property
    def term_display(self) -> str:
        if self.deadline:
            return self.deadline.strftime("%d.%m.%Y")
        return self.term.strip() or "—"

    def term_sentence(self) -> str:
        """Return «Срок: 01.09.2022.» / «Срок: постоянно.», or nothing when no term is set."""
        if self.deadline:
            return gettext("Deadline: {date}.").format(date=self.deadline.strftime("%d.%m.%Y"))
        if self.term.strip():
            return gettext("Term: {term}.").format(term=self.term.strip().rstrip("."))
        return ""


class Recommendation(_Addressed, _OrderPart):
    """A sub-item of item 3: a measure for a weak direction, or any other improvement measure. Issuing the order
    makes it a task (``Assignment`` with ``measure`` set)."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("order")
    )
    direction = models.ForeignKey(
        Direction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("direction"),
    )
    position = models.PositiveSmallIntegerField(_("sequence number"), default=0)
    text = models.TextField(_("text"))
    responsible = _user_link(_("responsible user"))
    follower = _user_link(_("follows the execution"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def sentence(self) -> str:
        """Return the sub-item as printed: its text, then the term when one is set (the addressee is not printed:
        a measure's text names who acts, as «МБУ «МИМЦ» при планировании …»)."""
        text = self.text.strip()
        term = self.term_sentence()
        if not term:
            return text
        return f"{text.rstrip('.;')}. {term}"

    def make_task(self, *, by) -> "Assignment":
        """Return the (unsaved) task that follows this measure once the order is issued; without a responsible
        user or a follower, whoever issues the order follows it."""
        return Assignment(
            order_id=self.order_id,
            measure=self,
            position=self.position,
            responsible=self.responsible,
            follower=self.follower or (None if self.responsible else by),
            addressee=self.addressee,
            text=self.text,
            deadline=self.deadline,
            term=self.term,
        )


class AssignmentStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    REPORTED = "reported", _("Reported, awaiting acceptance")
    DONE = "done", _("Done")


class AssignmentQuerySet(models.QuerySet):
    def for_user(self, user) -> "AssignmentQuerySet":
        """Return the assignments the user may see: their own and those they follow, and every assignment of the
        municipality's issued orders for its head and methodists."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        q = (Q(responsible=user) | Q(follower=user)) & Q(order__status=OrderStatus.ISSUED)
        municipality_ids = roles.municipality_ids_for(Role.HEAD, Role.METHODIST)
        if municipality_ids:
            q |= Q(order__municipality_id__in=municipality_ids)
        return self.filter(q)

    def tasks(self) -> "AssignmentQuerySet":
        """Return the assignments of issued orders (drafts are not tasks yet)."""
        return self.filter(order__status=OrderStatus.ISSUED)

    def open(self) -> "AssignmentQuerySet":
        return self.filter(status=AssignmentStatus.OPEN)

    def overdue(self, today: datetime.date) -> "AssignmentQuerySet":
        return self.open().filter(deadline__lt=today)

    def due_for_reminder(self, today: datetime.date, days: int = 3) -> "AssignmentQuerySet":
        """Return open tasks due within ``days`` days or overdue (a term in words has no date to remind of)."""
        return self.tasks().open().filter(deadline__lte=today + datetime.timedelta(days=days))


class Assignment(_Addressed, _OrderPart):
    """An assignment of the order (items 4…) or the task of an item 3 measure: who does what by when; a task once
    the order is issued. The executor reports, the issuer accepts or returns it."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("order")
    )
    measure = models.OneToOneField(
        Recommendation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="task",
        verbose_name=_("measure of item 3"),
        editable=False,
    )
    position = models.PositiveSmallIntegerField(_("sequence number"), default=0)
    responsible = _user_link(_("responsible user"), related_name="monitoring_assignments")
    follower = _user_link(_("follows the execution"), related_name="followed_monitoring_assignments")
    text = models.TextField(_("assignment"))
    status = models.CharField(
        _("status"), max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.OPEN
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    comment = models.TextField(_("completion report"), blank=True)

    history = HistoricalRecords()
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(completed_at__isnull=False), name="assignment_done_has_date"
            ),
            models.CheckConstraint(
                condition=Q(responsible__isnull=False) | ~Q(addressee="") | Q(measure__isnull=False),
                name="assignment_has_responsible_or_addressee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.who}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:task-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.measure_id is None and self.responsible_id is None and not self.addressee.strip():
            raise ValidationError(
                {"addressee": _("Name the responsible: choose a portal user or write the addressee as the order does.")}
            )

    @property
    def who(self) -> str:
        """The addressee as written, else the responsible user's name."""
        if self.addressee.strip():
            return self.addressee.strip().rstrip(",")
        if self.responsible_id:
            return self.responsible.get_full_name() or self.responsible.username
        return ""

    @property
    def executor(self):
        """The user who reports on the task: the responsible user, else the follower."""
        return self.responsible or self.follower

    def sentence(self) -> str:
        """Return the assignment as the order words it: «Addressee, do this. Deadline: 01.09.2022.»"""
        text = self.text.strip().rstrip(".")
        who = self.who
        if who:
            if len(text) > 1 and text[1].islower():  # «Обновить …» reads «…, обновить …» after the addressee
                text = text[0].lower() + text[1:]
            sentence = f"{who}, {text}."
        else:
            sentence = f"{text[:1].upper()}{text[1:]}."
        term = self.term_sentence()
        return f"{sentence} {term}" if term else sentence

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return (
            self.status == AssignmentStatus.OPEN
            and self.deadline is not None
            and self.deadline < (today or timezone.localdate())
        )

    def may_report(self, user) -> bool:
        return self.status == AssignmentStatus.OPEN and user.pk is not None and user.pk == getattr(
            self.executor, "pk", None
        )

    def may_control(self, user) -> bool:
        """The issuer of the order, or a head of its municipality (an admin or a regional head anywhere)."""
        if user.pk is not None and user.pk == self.order.issued_by_id:
            return True
        roles = roles_of(user)
        return roles.is_global or self.order.municipality_id in roles.municipality_ids_for(Role.HEAD)

    def _task_save(self, fields: list[str]) -> None:
        self._completion_only = True  # the order's text stays frozen; the task's state moves on
        self.save(update_fields=fields)

    def complete(self, *, comment: str) -> None:
        """Record the executor's report; the task waits for the issuer to accept or return it."""
        self.status, self.comment, self.completed_at = AssignmentStatus.REPORTED, comment, timezone.now()
        self._task_save(["status", "comment", "completed_at"])


class TaskEventKind(models.TextChoices):
    REPORTED = "reported", _("Reported as done")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for rework")
    EXTENDED = "extended", _("Term extended")
    REMINDED = "reminded", _("Reminder sent")


class AssignmentEvent(models.Model):
    """One step of a task's execution control: a report, its acceptance or return, an extension, a reminder."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="events", verbose_name=_("assignment")
    )
    kind = models.CharField(pgettext_lazy("task", "event"), max_length=10, choices=TaskEventKind.choices)
    comment = models.TextField(_("comment"), blank=True)
    previous_term = models.CharField(_("previous term"), max_length=200, blank=True)
    new_term = models.CharField(_("new term"), max_length=200, blank=True)
    by = acting_user(_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("task event")
        verbose_name_plural = _("task events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d.%m.%Y}"


def assignment_upload_to(instance, filename: str) -> str:
    return f"monitoring/assignments/{instance.assignment_id}/{filename}"


class AssignmentFile(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="files", verbose_name=_("assignment")
    )
    file = models.FileField(_("file"), upload_to=assignment_upload_to, validators=document_validators())
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("completion file")
        verbose_name_plural = _("completion files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def name(self) -> str:
        return str(self)


# Stored indicator values (derived, recomputed by the worker): their own module, see monitoring.stored.
from monitoring.value_models import PendingRecomputation  # noqa: E402,F401
from monitoring.value_models import StoredValues  # noqa: E402,F401
