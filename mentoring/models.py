"""Mentoring of young specialists, the School of the Young Teacher, targeted
support, retention and attestation support (items 2 and 3.6 of the order).

Who is a young specialist (the portal's rule, ``young_specialist_q``) on a day D:

* under 35 on D (a pedagogue who turns 35 on D is no longer young) and with less
  than three full years of pedagogical experience on D (exactly three years is no
  longer young; no recorded experience counts as none), or
* newly appointed without experience: at any age, less than one full year of
  pedagogical experience on D;
* a manual mark overrides the rule both ways (``YoungSpecialistMark``).
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count
from django.db.models import Exists
from django.db.models import F
from django.db.models import Func
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import YOUNG_AGE
from core.models import YOUNG_SPECIALIST_YEARS
from core.models import Category
from core.models import CategoryAward
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.models import acting_user
from core.models import period_constraint
from core.models import years_before
from core.scoping import PedagogueRowsQuerySet
from core.scoping import Role
from core.scoping import ScopedQuerySet
from core.scoping import roles_of
from core.scoping import visible_q
from core.validators import document_validators

NEWLY_APPOINTED_YEARS = 1
CATEGORY_VALID_YEARS = 5
CONFORMITY_AFTER_YEARS = 2  # a pedagogue without a category is attested for conformity after two years


class AddYears(Func):
    """A date moved by a whole number of calendar years, in the database."""

    output_field = models.DateField()

    def __init__(self, expression, years: int, **extra):
        self.years = int(years)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL (and the generic form): date + interval, cast back to a date.
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(({sql}) + make_interval(years => {self.years}) AS date)", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '{self.years:+d} years')", params


def young_specialist_q(day: datetime.date | None = None, prefix: str = "", *, on=None) -> Q:
    """Return a Q selecting pedagogues (at ``prefix``) who are young specialists.

    Pass ``day`` for a fixed date, or ``on`` (an expression such as ``F("hired")``)
    to take the day from each row.
    """
    pk = OuterRef(f"{prefix}pk") if prefix else OuterRef("pk")
    marks = YoungSpecialistMark.objects.filter(pedagogue=pk)
    included = Exists(marks.filter(is_young=True))
    excluded = Exists(marks.filter(is_young=False))
    if on is None:
        age_limit = years_before(day, YOUNG_AGE)
        experience_limit = years_before(day, YOUNG_SPECIALIST_YEARS)
        newly_limit = years_before(day, NEWLY_APPOINTED_YEARS)
    else:
        age_limit = AddYears(on, -YOUNG_AGE)
        experience_limit = AddYears(on, -YOUNG_SPECIALIST_YEARS)
        newly_limit = AddYears(on, -NEWLY_APPOINTED_YEARS)
    under_age = Q(**{f"{prefix}birth_date__gt": age_limit})
    short_experience = Q(**{f"{prefix}experience_start__isnull": True}) | Q(
        **{f"{prefix}experience_start__gt": experience_limit}
    )
    newly_appointed = Q(**{f"{prefix}experience_start__gt": newly_limit})
    return ~Q(excluded) & (Q(included) | (under_age & short_experience) | newly_appointed)


def is_young_specialist(pedagogue: Pedagogue, day: datetime.date) -> bool:
    """Return whether the pedagogue is a young specialist on the day (the rule above, in Python)."""
    mark = YoungSpecialistMark.objects.filter(pedagogue=pedagogue).first()
    if mark is not None:
        return mark.is_young
    start = pedagogue.experience_start
    if start and start > years_before(day, NEWLY_APPOINTED_YEARS):
        return True
    if pedagogue.age_on(day) >= YOUNG_AGE:
        return False
    return start is None or start > years_before(day, YOUNG_SPECIALIST_YEARS)


def initials(pedagogue: Pedagogue) -> str:
    """Return «Иванова М. П.»."""
    letters = " ".join(f"{name[0]}." for name in (pedagogue.first_name, pedagogue.middle_name) if name)
    return f"{pedagogue.last_name} {letters}".strip()


def period_overlaps_q(start: datetime.date, end: datetime.date, prefix: str = "") -> Q:
    """Return a Q for rows with ``start``/``end`` fields overlapping [start, end] (an open end runs on)."""
    return Q(**{f"{prefix}start__lte": end}) & (Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": start}))


class YoungSpecialistMark(models.Model):
    """A hand-made decision that overrides the young-specialist rule for one pedagogue."""

    pedagogue = models.OneToOneField(
        Pedagogue, on_delete=models.CASCADE, related_name="young_specialist_mark", verbose_name=_("pedagogue")
    )
    is_young = models.BooleanField(
        _("is a young specialist"),
        default=True,
        help_text=_("Untick to exclude the pedagogue from young specialists whatever the rule says."),
    )
    reason = models.CharField(_("reason"), max_length=300)
    marked_by = acting_user(_("marked by"))
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("young specialist mark")
        verbose_name_plural = _("young specialist marks")

    def __str__(self) -> str:
        return f"{self.pedagogue}: {self.is_young}"


class MentoringForm(models.Model):
    """A form of mentoring (педагог–педагог, руководитель–педагог, …); admin-editable."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    is_group = models.BooleanField(_("group form"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("form of mentoring")
        verbose_name_plural = _("forms of mentoring")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeQuerySet(ScopedQuerySet):
    scope = {"institution": "institution"}

    def editable_by(self, user) -> "ProgrammeQuerySet":
        return self.filter(institution__in=Institution.objects.editable_by(user))


class Programme(models.Model):
    """An institution's mentoring programme: the curator, the period and its regulation."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="mentoring_programmes", verbose_name=_("institution")
    )
    title = models.CharField(_("title"), max_length=300)
    curator = models.ForeignKey(
        Pedagogue, on_delete=models.SET_NULL, null=True, blank=True, related_name="curated_programmes",
        verbose_name=_("curator"),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    regulation = models.FileField(
        _("regulation on mentoring"), upload_to="mentoring/regulations/%Y/", blank=True,
        validators=document_validators(),
        help_text=_("The institution's regulation (положение о наставничестве), PDF or DOCX."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentoring programme")
        verbose_name_plural = _("mentoring programmes")
        ordering = ["-start", "title"]
        constraints = [
            period_constraint("start", "end", name="mentoring_programme_end_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mentoring:programme-detail", args=[self.pk])

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end is before the start.")})


class PairStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    FINISHED = "finished", _("Finished")


class PairQuerySet(models.QuerySet):
    def for_user(self, user) -> "PairQuerySet":
        """Return the pairs the user may see: municipal roles their municipality, a school its own,
        a teacher those they take part in."""
        q = visible_q(user, institution="institution")
        pedagogue_id = roles_of(user).pedagogue_id
        if pedagogue_id:
            q |= Q(pk__in=Participant.objects.filter(pedagogue_id=pedagogue_id).values("pair_id"))
        return self.filter(q)

    def editable_by(self, user) -> "PairQuerySet":
        return self.filter(institution__in=Institution.objects.editable_by(user))

    def active_on(self, day: datetime.date) -> "PairQuerySet":
        return self.filter(period_overlaps_q(day, day))

    def during(self, start: datetime.date, end: datetime.date) -> "PairQuerySet":
        return self.filter(period_overlaps_q(start, end))

    def silent(self, today: datetime.date, days: int = 30) -> "PairQuerySet":
        """Return the pairs working today, for more than ``days`` days, with no task done in the last ``days``
        days (the home page's «pairs without a meeting this month», the list's filter and the reminder)."""
        since = today - datetime.timedelta(days=days)
        return self.active_on(today).filter(start__lte=since).exclude(
            Exists(Task.objects.filter(pair=OuterRef("pk"), done_on__gte=since))
        )

    def search(self, text: str) -> "PairQuerySet":
        people = Pedagogue.objects.search(text).values("pk")
        return self.filter(pk__in=Participant.objects.filter(pedagogue__in=people).values("pair_id"))

    def with_progress(self) -> "PairQuerySet":
        """Annotate ``tasks_total`` and ``tasks_done`` (subqueries: computed only for the rows fetched)."""
        tasks = Task.objects.filter(pair=OuterRef("pk")).order_by().values("pair")
        return self.annotate(
            tasks_total=Coalesce(models.Subquery(tasks.annotate(n=Count("pk")).values("n")), 0),
            tasks_done=Coalesce(models.Subquery(
                tasks.filter(done_on__isnull=False).annotate(n=Count("pk")).values("n")), 0),
        )


class Pair(models.Model):
    """A mentoring pair or group: mentor(s) and mentee(s) named in the head's order."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="mentoring_pairs", verbose_name=_("institution")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="pairs",
        verbose_name=_("mentoring programme"),
    )
    form = models.ForeignKey(MentoringForm, on_delete=models.PROTECT, related_name="pairs", verbose_name=_("form"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    order_number = models.CharField(_("head's order No."), max_length=50, blank=True)
    order_date = models.DateField(_("head's order date"), null=True, blank=True)
    goal = models.TextField(_("goal"), blank=True)
    pd_hours = models.DecimalField(
        _("PD hours"), max_digits=5, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("Hours posted to each mentee's hour account on the end date of the pair; leave empty if none."),
    )
    members = models.ManyToManyField(Pedagogue, through="Participant", related_name="mentoring_pairs")
    created_by = acting_user(_("created by"))

    history = HistoricalRecords()
    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["-start", "pk"]
        constraints = [
            period_constraint("start", "end", name="mentoring_pair_end_after_start")
        ]

    def __str__(self) -> str:
        mentors = ", ".join(initials(p) for p in self.mentors)
        mentees = ", ".join(initials(p) for p in self.mentees)
        return f"{mentors} → {mentees}"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:pair-detail", args=[self.pk])

    def _people(self, role: str) -> list[Pedagogue]:
        participants = getattr(self, "_prefetched_objects_cache", {}).get("participants")
        if participants is None:
            participants = self.participants.select_related("pedagogue")
        return [p.pedagogue for p in participants if p.role == role]

    @property
    def mentors(self) -> list[Pedagogue]:
        return self._people(ParticipantRole.MENTOR)

    @property
    def mentees(self) -> list[Pedagogue]:
        return self._people(ParticipantRole.MENTEE)

    @property
    def status(self) -> str:
        if self.end and self.end < timezone.localdate():
            return PairStatus.FINISHED
        return PairStatus.ACTIVE

    def get_status_display(self) -> str:
        return str(PairStatus(self.status).label)

    def with_people(self, mentors: Iterable[Pedagogue], mentees: Iterable[Pedagogue]) -> "Pair":
        """Give ``clean()`` the mentors and mentees the pair is about to have (the form's, the API's or a row's)."""
        self.planned_people = (list(mentors), list(mentees))
        return self

    def clean(self) -> None:
        """The pair's rules, one place for the form, the API (through the form) and the import: the end is not
        before the start, the programme is the institution's, and, when the caller gives the planned people
        (``with_people``), nobody mentors themselves and more than one mentee needs a group form."""
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end is before the start.")
        if self.programme_id and self.institution_id and self.programme.institution_id != self.institution_id:
            errors["programme"] = _("The programme belongs to another institution.")
        mentors, mentees = getattr(self, "planned_people", None) or ((), ())
        if error := self_mentoring_error(mentors, mentees):
            errors["mentees"] = error
        if self.form_id and not self.form.is_group and len(mentees) > 1:
            errors["form"] = _("Choose a group form for more than one mentee.")
        if errors:
            raise ValidationError(errors)


def self_mentoring_error(mentors: Iterable[Pedagogue], mentees: Iterable[Pedagogue]) -> str | None:
    """Return the message naming pedagogues who would mentor themselves, or None."""
    mentor_ids = {p.pk for p in mentors}
    both = sorted({p.pk: p for p in mentees if p.pk in mentor_ids}.values(), key=lambda p: p.full_name)
    if not both:
        return None
    return _("A pedagogue cannot mentor themselves: {names}.").format(names=", ".join(p.full_name for p in both))


class ParticipantRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class Participant(models.Model):
    """A pedagogue in a pair, as mentor or mentee. One row per pedagogue and pair,
    so nobody can be both mentor and mentee of the same pair (no self-mentoring)."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="participants", verbose_name=_("pair"))
    pedagogue = models.ForeignKey(
        Pedagogue, on_delete=models.PROTECT, related_name="mentoring_roles", verbose_name=_("pedagogue")
    )
    role = models.CharField(_("role"), max_length=10, choices=ParticipantRole.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["role", "pedagogue__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["pair", "pedagogue"], name="mentoring_no_self_mentoring"),
        ]
        indexes = [models.Index(fields=["pedagogue", "role"])]

    def __str__(self) -> str:
        return f"{self.pedagogue} ({self.get_role_display()})"


def mentor_loads(pedagogue_ids, day: datetime.date | None = None) -> dict[int, int]:
    """Return {mentor id: number of mentees in the mentor's pairs active on the day} in one query."""
    day = day or timezone.localdate()
    active_pairs = Pair.objects.active_on(day).values("pk")
    mentee_rows = Participant.objects.filter(pair=OuterRef("pair"), role=ParticipantRole.MENTEE)
    rows = (
        Participant.objects.filter(pedagogue_id__in=list(pedagogue_ids), role=ParticipantRole.MENTOR,
                                   pair__in=active_pairs)
        .annotate(mentees=models.Subquery(
            mentee_rows.values("pair").annotate(n=Count("pk")).values("n")[:1], output_field=models.IntegerField()
        ))
        .values("pedagogue_id")
        .annotate(load=models.Sum("mentees"))
    )
    return {row["pedagogue_id"]: row["load"] or 0 for row in rows}


class Task(models.Model):
    """A task of a pair's personalised programme; a checkpoint is a task the curator reviews."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("pair"))
    title = models.CharField(_("task"), max_length=300)
    deadline = models.DateField(_("deadline"))
    is_checkpoint = models.BooleanField(_("checkpoint"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme task")
        verbose_name_plural = _("programme tasks")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.deadline < timezone.localdate()


class Score(models.IntegerChoices):
    LOW = 1, _("1 — low")
    BELOW = 2, _("2 — below expectations")
    MEETS = 3, _("3 — meets expectations")
    GOOD = 4, _("4 — good")
    EXCELLENT = 5, _("5 — excellent")


class Evaluation(models.Model):
    """The final evaluation of a pair, in two parts: the process and the effect on the mentee."""

    pair = models.OneToOneField(Pair, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("pair"))
    # The process
    meetings_regular = models.PositiveSmallIntegerField(
        _("regularity of meetings"), choices=Score.choices, null=True, blank=True
    )
    plan_followed = models.PositiveSmallIntegerField(
        _("the programme was followed"), choices=Score.choices, null=True, blank=True
    )
    cooperation = models.PositiveSmallIntegerField(
        _("quality of cooperation"), choices=Score.choices, null=True, blank=True
    )
    process_comment = models.TextField(_("comment on the process"), blank=True)
    # The effect
    adaptation = models.PositiveSmallIntegerField(
        _("adaptation of the mentee"), choices=Score.choices, null=True, blank=True
    )
    competence_growth = models.PositiveSmallIntegerField(
        _("growth of professional competence"), choices=Score.choices, null=True, blank=True
    )
    mentee_results = models.TextField(_("the mentee's results (lessons, competitions, products)"), blank=True)
    stays_in_profession = models.BooleanField(_("the mentee intends to stay in the profession"), null=True)
    effect_comment = models.TextField(_("comment on the effect"), blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation of mentoring")
        verbose_name_plural = _("evaluations of mentoring")

    def __str__(self) -> str:
        return str(self.pair)

    @property
    def process_filled(self) -> bool:
        return self.meetings_regular is not None and self.plan_followed is not None

    @property
    def effect_filled(self) -> bool:
        return self.adaptation is not None and self.competence_growth is not None

    @property
    def parts(self) -> list[dict]:
        """The evaluation's two parts as the pair's page shows them, each with its answers (label, answer), its
        texts and the page that fills it in (the process and the effect forms ask for the same fields)."""
        return [
            {"title": _("The process"), "filled": self.process_filled, "url_name": "mentoring:evaluation-process",
             "action": _("Evaluate the process"), "texts": [self.process_comment],
             "answers": self._answers("meetings_regular", "plan_followed", "cooperation")},
            {"title": _("The effect on the mentee"), "filled": self.effect_filled, "url_name": "mentoring:evaluation-effect",
             "action": _("Evaluate the effect"), "texts": [self.mentee_results, self.effect_comment],
             "answers": self._answers("adaptation", "competence_growth", "stays_in_profession")},
        ]

    def _answers(self, *names: str) -> list[tuple[str, str]]:
        answers = []
        for name in names:
            field, value = self._meta.get_field(name), getattr(self, name)
            if value is None:
                shown = _("unknown") if isinstance(field, models.BooleanField) else "—"
            elif isinstance(field, models.BooleanField):
                shown = _("yes") if value else _("no")
            else:
                shown = getattr(self, f"get_{name}_display")()
            answers.append((capfirst(field.verbose_name), shown))
        return answers


class RequesterKind(models.TextChoices):
    BEGINNER = "beginner", _("Beginning pedagogue")
    NEW_HEAD = "new_head", _("New head")
    OTHER = "other", _("Other")


class SupportRequestQuerySet(ScopedQuerySet):
    scope = {"institution": "institution", "municipality": "municipality", "pedagogue": "pedagogue"}

    def open(self) -> "SupportRequestQuerySet":
        return self.filter(closed_on__isnull=True)


class SupportRequest(models.Model):
    """A request for targeted help from a beginner or a new head, recorded by a methodist."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("institution")
    )
    pedagogue = models.ForeignKey(
        Pedagogue, on_delete=models.SET_NULL, null=True, blank=True, related_name="support_requests",
        verbose_name=_("pedagogue"),
    )
    requester_kind = models.CharField(
        _("who asks"), max_length=20, choices=RequesterKind.choices, default=RequesterKind.BEGINNER
    )
    received_on = models.DateField(_("received on"))
    topic = models.CharField(_("topic"), max_length=300)
    response = models.TextField(_("response"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    recorded_by = acting_user(_("recorded by"))

    history = HistoricalRecords()
    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-received_on", "-pk"]
        constraints = [
            period_constraint("received_on", "closed_on", name="mentoring_support_closed_after_received")
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("mentoring:support-update", args=[self.pk])

    def clean(self) -> None:
        """The request's rules for its form, the API (through the form) and the admin, every error at once."""
        errors = {}
        if self.municipality_id and self.institution_id and self.institution.municipality_id != self.municipality_id:
            errors["institution"] = _("The institution belongs to another municipality.")
        if self.municipality_id and self.pedagogue_id and self.pedagogue.municipality_id != self.municipality_id:
            errors["pedagogue"] = _("The pedagogue works in another municipality.")
        if self.closed_on and self.received_on and self.closed_on < self.received_on:
            errors["closed_on"] = _("The request cannot be closed before it was received.")
        if self.closed_on and not self.response.strip():
            errors["response"] = _("Describe the response before closing the request.")
        if errors:
            raise ValidationError(errors)


class SessionKind(models.TextChoices):
    YOUNG_TEACHER_SCHOOL = "ysh", _("School of the Young Teacher")
    SUPERVISION = "supervision", _("Supervision")


class SessionQuerySet(ScopedQuerySet):
    scope = {"municipality": "municipality"}

    def school_of_young_teacher(self) -> "SessionQuerySet":
        return self.filter(kind=SessionKind.YOUNG_TEACHER_SCHOOL)

    def in_year(self, year) -> "SessionQuerySet":
        return self.filter(date__range=(year.start, year.end))


class Session(models.Model):
    """A session of the School of the Young Teacher or a supervision session, with attendance."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=SessionKind.choices, default=SessionKind.YOUNG_TEACHER_SCHOOL
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    leader = models.CharField(_("leader"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    pd_hours = models.DecimalField(
        _("PD hours"), max_digits=5, decimal_places=1, null=True, blank=True, default=Decimal("2"),
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("Hours posted to each attendee's hour account; leave empty if the session does not count."),
    )
    attendees = models.ManyToManyField(
        Pedagogue, through="Attendance", related_name="mentoring_sessions", verbose_name=_("attendees")
    )

    history = HistoricalRecords()
    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["municipality", "kind", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:session-detail", args=[self.pk])


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("session"))
    pedagogue = models.ForeignKey(Pedagogue, on_delete=models.CASCADE, related_name="session_attendance",
                                  verbose_name=_("pedagogue"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "pedagogue"], name="mentoring_attendance_once")]

    def __str__(self) -> str:
        return f"{self.session} — {self.pedagogue}"


class AttestationResult(models.TextChoices):
    PENDING = "pending", _("Pending")
    ASSIGNED = "assigned", _("Category assigned")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Application withdrawn")


class Attestation(models.Model):
    """An attestation of a pedagogue: the category sought, the application, the date and the result."""

    pedagogue = models.ForeignKey(
        Pedagogue, on_delete=models.CASCADE, related_name="attestations", verbose_name=_("pedagogue")
    )
    category = models.CharField(
        _("category sought"), max_length=20, choices=[c for c in Category.choices if c[0] != Category.NONE]
    )
    applied_on = models.DateField(_("application date"), null=True, blank=True)
    date = models.DateField(_("attestation date"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=20, choices=AttestationResult.choices, default=AttestationResult.PENDING
    )
    order_ref = models.CharField(_("order"), max_length=100, blank=True)

    history = HistoricalRecords()
    objects = PedagogueRowsQuerySet.as_manager()

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-date", "-applied_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="none"), name="mentoring_attestation_category_sought",
            ),
            models.CheckConstraint(
                condition=Q(date__isnull=True) | Q(applied_on__isnull=True) | Q(date__gte=F("applied_on")),
                name="mentoring_attestation_after_application",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pedagogue} — {self.get_category_display()}"

    def clean(self) -> None:
        if self.date and self.applied_on and self.date < self.applied_on:
            raise ValidationError({"date": _("The attestation date is before the application date.")})
        if self.result == AttestationResult.ASSIGNED and not self.date:
            raise ValidationError({"date": _("Give the attestation date of an assigned category.")})
        award = self.award()
        if award is not None:
            # The category it assigns obeys the history's rules (order No. 196): no future date, «методист» and
            # «наставник» only on a highest category held on that day.
            try:
                award.clean()
            except ValidationError as exc:
                fields = {"order_date": "date", "valid_until": "date", "order_number": "order_ref"}
                raise ValidationError({fields.get(name, name): messages
                                       for name, messages in exc.message_dict.items()}) from exc

    def award(self) -> CategoryAward | None:
        """Return the (unsaved) award of the category an attestation assigned, dated by the attestation."""
        if self.result != AttestationResult.ASSIGNED or not self.date or not self.pedagogue_id:
            return None
        return CategoryAward(pedagogue_id=self.pedagogue_id, category=self.category, order_date=self.date,
                             order_number=self.order_ref[:50])


class SupportKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    MATERIALS = "materials", _("Materials")
    PORTFOLIO = "portfolio", _("Portfolio review")
    SEMINAR = "seminar", _("Seminar")


class AttestationSupport(models.Model):
    """Help given to a pedagogue preparing for attestation."""

    pedagogue = models.ForeignKey(
        Pedagogue, on_delete=models.CASCADE, related_name="attestation_support", verbose_name=_("pedagogue")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=SupportKind.choices)
    description = models.CharField(_("description"), max_length=300)
    given_by = acting_user(_("given by"))

    history = HistoricalRecords()
    objects = PedagogueRowsQuerySet.as_manager()

    class Meta:
        verbose_name = _("attestation support")
        verbose_name_plural = _("attestation support")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.description}"


def attestation_due_q(today: datetime.date, within_days: int = 365) -> Q:
    """Return a Q for pedagogues due for attestation within the horizon (overdue included):
    a category that runs out by the horizon's end (its expiry date in the category history), a category
    without a date, or no category after two years of pedagogical work (conformity)."""
    horizon = today + datetime.timedelta(days=within_days)
    expiring = ~Q(category=Category.NONE) & (
        Q(category_valid_until__lte=horizon)
        # A category known before the history (no award): five years from its date, or due when undated.
        | Q(category_valid_until__isnull=True)
        & (Q(category_date__isnull=True) | Q(category_date__lte=years_before(horizon, CATEGORY_VALID_YEARS)))
    )
    no_category = Q(category=Category.NONE) & Q(experience_start__lte=years_before(horizon, CONFORMITY_AFTER_YEARS))
    return expiring | no_category


def category_expires(pedagogue: Pedagogue) -> datetime.date | None:
    """Return the day the pedagogue's last category runs out (its award's ``valid_until``)."""
    if pedagogue.category == Category.NONE:
        return None
    if pedagogue.category_valid_until:
        return pedagogue.category_valid_until
    return years_before(pedagogue.category_date, -CATEGORY_VALID_YEARS) if pedagogue.category_date else None


def can_edit_municipal(user) -> bool:
    """Municipal records (sessions, support requests, attestation) are kept by methodists."""
    return roles_of(user).has(Role.METHODIST)
