"""City methodical associations (ГМО), professional communities and creative
groups with their members, plans, meetings and products; professional-skill
competitions and their results (items 1, 2 and 3.4 of the source order).

Rules of the portal:

* an association is *active in a year* when its period of activity overlaps the
  academic year; a membership is active in a year when its joined/left dates
  overlap the year;
* a competition result of «диплом I/II/III степени» is recorded as «призёр».
"""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality
from core.models import MunicipalityKind
from core.models import Pedagogue
from core.models import Position
from core.models import Subject
from core.models import period_constraint
from core.scoping import Role
from core.scoping import ScopedQuerySet
from core.scoping import roles_of
from core.scoping import visible_q
from core.search import words_q
from core.validators import validate_content

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "odt", "rtf", "jpg", "jpeg", "png"]
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def validate_document_size(file) -> None:
    if file and file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than {size} MB.").format(size=DOCUMENT_MAX_BYTES // (1024 * 1024)),
            code="file_too_large",
        )
    validate_content(file)


DOCUMENT_VALIDATORS = [FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_size]


def overlaps_year_q(year: AcademicYear, start: str, end: str, prefix: str = "") -> Q:
    """Return a Q for rows whose [start, end] dates (end may be empty) overlap the academic year."""
    return Q(**{f"{prefix}{start}__lte": year.end}) & (
        Q(**{f"{prefix}{end}__isnull": True}) | Q(**{f"{prefix}{end}__gte": year.start})
    )


# --- Associations -------------------------------------------------------------------------------------


class AssociationKind(models.TextChoices):
    # Labelled by the municipality's kind: ГМО in an urban district, РМО in a municipal district.
    GMO = "gmo", _("City methodical association")
    SCHOOL = "school", _("School methodical association")
    COMMUNITY = "community", _("Professional community")
    CREATIVE_GROUP = "creative_group", _("Creative group")


COMMUNITY_KINDS = [AssociationKind.COMMUNITY, AssociationKind.CREATIVE_GROUP]


def methodist_municipality_ids(user) -> set[int] | None:
    """Return the municipalities where the user enters data (None: everywhere, for admins)."""
    roles = roles_of(user)
    if roles.is_admin:
        return None
    return roles.municipality_ids_for(Role.METHODIST)


class AssociationQuerySet(models.QuerySet):
    def for_user(self, user) -> "AssociationQuerySet":
        """Return the associations the user may see: municipal roles their municipality's,
        a school those with its staff as members or leader, a pedagogue their own."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        if not user.is_authenticated:
            return self.none()
        # A UNION of one indexed lookup per way of seeing an association, not an OR across joins: the OR made the
        # planner scan every association of the country for one city's list (0.9 s against 0.06 s, issue 18).
        associations = Association.objects.order_by()  # no ORDER BY inside a compound statement (SQLite)
        memberships = Membership.objects.order_by()
        ways = [
            associations.filter(visible_q(user, municipality="municipality")).values("pk"),
            associations.filter(visible_q(user, institution="leader__institution", pedagogue="leader")).values("pk"),
            associations.filter(leader__user=user).values("pk"),
            memberships.filter(
                visible_q(user, institution="pedagogue__institution", pedagogue="pedagogue")
            ).values("association_id"),
            memberships.filter(pedagogue__user=user).values("association_id"),
        ]
        return self.filter(pk__in=ways[0].union(*ways[1:]))

    def editable_by(self, user) -> "AssociationQuerySet":
        """Return the associations the user may edit: a methodist of the municipality, or the leader."""
        if not user.is_authenticated:
            return self.none()
        ids = methodist_municipality_ids(user)
        if ids is None:
            return self
        return self.filter(Q(municipality_id__in=ids) | Q(leader__user=user))

    def active_during(self, year: AcademicYear) -> "AssociationQuerySet":
        return self.filter(overlaps_year_q(year, "started", "ended"))

    def search(self, text: str) -> "AssociationQuerySet":
        return self.filter(words_q(text, "title", "leader__last_name"))


class Association(models.Model):
    """A ГМО, professional community or creative group of a municipality."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="associations", verbose_name=_("municipality")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AssociationKind.choices, default=AssociationKind.GMO)
    # A school methodical association (ШМО) belongs to one institution.
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="associations",
        verbose_name=_("institution"), help_text=_("For a school methodical association."),
    )
    title = models.CharField(_("title"), max_length=300)
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, null=True, blank=True, related_name="associations",
        verbose_name=_("subject area"),
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="associations",
        verbose_name=_("position area"),
    )
    leader = models.ForeignKey(
        Pedagogue, on_delete=models.PROTECT, null=True, blank=True, related_name="led_associations",
        verbose_name=_("leader"),
    )
    started = models.DateField(_("active since"))
    ended = models.DateField(_("active until"), null=True, blank=True)
    goal = models.TextField(_("goal and tasks"), blank=True)

    history = HistoricalRecords()
    objects = AssociationQuerySet.as_manager()

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["kind", "title"]
        constraints = [
            period_constraint("started", "ended", name="association_ended_after_started"),
            models.UniqueConstraint(fields=["municipality", "kind", "title"], name="association_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("associations:association-detail", args=[self.pk])

    def get_kind_display(self) -> str:
        """The kind as the municipality calls it: a district's methodical association is an РМО, not a ГМО."""
        if self.kind == AssociationKind.GMO and self.municipality_id and self.municipality.kind == MunicipalityKind.DISTRICT:
            return str(_("District methodical association"))
        return str(AssociationKind(self.kind).label) if self.kind in AssociationKind.values else self.kind

    def clean(self) -> None:
        if self.ended and self.started and self.ended < self.started:
            raise ValidationError({"ended": _("The end of activity is before its start.")})
        if self.kind == AssociationKind.SCHOOL and not self.institution_id:
            raise ValidationError({"institution": _("Name the school of a school methodical association.")})
        if self.institution_id and self.municipality_id and self.institution.municipality_id != self.municipality_id:
            raise ValidationError({"institution": _("The institution belongs to another municipality.")})
        if self.leader_id and self.municipality_id and self.leader.municipality_id != self.municipality_id:
            raise ValidationError({"leader": _("The leader works in another municipality.")})

    @property
    def area(self) -> str:
        return " / ".join(str(item) for item in (self.subject, self.position) if item)

    def is_active_on(self, day: datetime.date) -> bool:
        return self.started <= day and (self.ended is None or self.ended >= day)

    def current_members(self, on: datetime.date | None = None) -> models.QuerySet:
        """Return the memberships open on the day (today by default), with their pedagogues."""
        from django.utils import timezone

        day = on or timezone.localdate()
        return (
            self.memberships.filter(joined__lte=day)
            .filter(Q(left__isnull=True) | Q(left__gte=day))
            .select_related("pedagogue__institution")
            .order_by("pedagogue__last_name", "pedagogue__first_name")
        )


class MembershipQuerySet(models.QuerySet):
    def active_during(self, year: AcademicYear) -> "MembershipQuerySet":
        return self.filter(overlaps_year_q(year, "joined", "left"))


class Membership(models.Model):
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("association")
    )
    pedagogue = models.ForeignKey(
        Pedagogue, on_delete=models.CASCADE, related_name="association_memberships", verbose_name=_("pedagogue")
    )
    joined = models.DateField(_("joined"))
    left = models.DateField(pgettext_lazy("membership", "left"), null=True, blank=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["pedagogue__last_name", "pedagogue__first_name", "-joined"]
        constraints = [
            period_constraint("joined", "left", name="membership_left_after_joined"),
            models.UniqueConstraint(fields=["association", "pedagogue", "joined"], name="membership_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.pedagogue} — {self.association}"

    def clean(self) -> None:
        if self.left and self.joined and self.left < self.joined:
            raise ValidationError({"left": _("The leaving date is before the joining date.")})


class PlanItem(models.Model):
    """One item of an association's yearly plan."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="plan_items", verbose_name=_("association")
    )
    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year"))
    planned_on = models.DateField(_("date"))
    title = models.CharField(_("activity"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    done = models.BooleanField(_("done"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["planned_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.year_id and self.planned_on and not self.year.contains(self.planned_on):
            raise ValidationError({"planned_on": _("The date is outside the academic year {year}.").format(year=self.year)})


# --- Meetings ----------------------------------------------------------------------------------------


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    CORRESPONDENCE = "correspondence", _("Correspondence")
    DISTANCE = "distance", _("Distance")
    BLENDED = "blended", _("In person and distance")


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    WORKSHOP = "workshop", _("Workshop or master class")
    SUPERVISION = "supervision", _("Supervision session")


class MeetingQuerySet(ScopedQuerySet):
    scope_through = "association"

    def in_year(self, year: AcademicYear) -> "MeetingQuerySet":
        return self.filter(date__range=(year.start, year.end))

    def without_attendance(self, today: datetime.date) -> "MeetingQuerySet":
        """Return the meetings of the current academic year already held (up to today) with no attendance marked."""
        start = datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        return self.filter(date__range=(start, today)).exclude(
            models.Exists(Attendance.objects.filter(meeting=models.OuterRef("pk")))
        )


def minutes_path(instance, filename: str) -> str:
    return f"associations/minutes/{instance.association_id}/{Path(filename).name}"


class Meeting(models.Model):
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("association")
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.MEETING)
    format = models.CharField(_("format"), max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.FileField(
        _("minutes"), upload_to=minutes_path, blank=True, validators=DOCUMENT_VALIDATORS,
        help_text=_("PDF, Word, ODT, RTF or a scan (JPG, PNG), up to 10 MB."),
    )
    guests = models.TextField(_("guests"), blank=True, help_text=_("Guests who are not pedagogues of the portal."))
    guests_count = models.PositiveSmallIntegerField(_("number of guests"), default=0)
    # Attendance of a meeting that counts posts these hours to the hour account (associations/hours.py).
    counts_toward_pd = models.BooleanField(_("counts toward PD hours"), default=False)
    pd_hours = models.DecimalField(_("PD hours"), max_digits=5, decimal_places=1, null=True, blank=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(counts_toward_pd=False) | Q(pd_hours__gt=0), name="meeting_pd_hours_when_counted"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} — {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("associations:meeting-detail", args=[self.pk])

    def clean(self) -> None:
        if self.counts_toward_pd and not self.pd_hours:
            raise ValidationError({"pd_hours": _("Give the hours that count toward PD.")})

    def attendance_candidates(self) -> models.QuerySet:
        """Return the members of the association on the meeting's day."""
        return self.association.current_members(on=self.date)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting"))
    pedagogue = models.ForeignKey(
        Pedagogue, on_delete=models.CASCADE, related_name="meeting_attendance", verbose_name=_("pedagogue")
    )
    present = models.BooleanField(_("present"), default=True)
    is_guest = models.BooleanField(_("guest"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["pedagogue__last_name", "pedagogue__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "pedagogue"], name="attendance_unique_pedagogue"),
        ]

    def __str__(self) -> str:
        return f"{self.pedagogue} — {self.meeting}"


# --- Products -----------------------------------------------------------------------------------------


class ProductType(models.TextChoices):
    RECOMMENDATIONS = "recommendations", _("Methodical recommendations")
    LESSON = "lesson", _("Lesson or activity plan")
    PROGRAMME = "programme", _("Programme")
    MANUAL = "manual", _("Manual or workbook")
    COLLECTION = "collection", _("Collection of materials")
    CASE = "case", _("Case or practice description")
    DIGITAL = "digital", _("Digital resource")
    OTHER = "other", _("Other")


class ProductQuerySet(ScopedQuerySet):
    scope_through = "association"

    def in_year(self, year: AcademicYear) -> "ProductQuerySet":
        return self.filter(created_on__range=(year.start, year.end))


def product_path(instance, filename: str) -> str:
    return f"associations/products/{instance.association_id}/{Path(filename).name}"


PRODUCT_EXTENSIONS = [*DOCUMENT_EXTENSIONS, "pptx", "ppt", "xlsx", "zip", "mp4"]


class Product(models.Model):
    """A methodical product made by an association."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="products", verbose_name=_("association")
    )
    title = models.CharField(_("title"), max_length=300)
    type = models.CharField(_("type"), max_length=20, choices=ProductType.choices, default=ProductType.RECOMMENDATIONS)
    authors = models.ManyToManyField(Pedagogue, related_name="association_products", verbose_name=_("authors"))
    created_on = models.DateField(_("created on"))
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("file"), upload_to=product_path, blank=True,
        validators=[FileExtensionValidator(PRODUCT_EXTENSIONS), validate_document_size],
    )
    url = models.URLField(_("link"), blank=True)
    # The banks app is built separately; until it can take products, a reference or URL is kept here.
    bank_ref = models.CharField(
        _("sent to a bank"), max_length=300, blank=True,
        help_text=_("The link or number of the item in a bank of pedagogical information."),
    )

    history = HistoricalRecords(m2m_fields=[authors])
    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("methodical product")
        verbose_name_plural = _("methodical products")
        ordering = ["-created_on", "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="product_file_or_link"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.file and not self.url:
            raise ValidationError(_("Attach a file or give a link."))


# --- Competitions -------------------------------------------------------------------------------------


class Level(models.TextChoices):
    SCHOOL = "school", _("School")
    MUNICIPAL = "municipal", _("Municipal")
    INTERMUNICIPAL = "intermunicipal", _("Intermunicipal")
    REGIONAL = "regional", _("Regional")
    INTERREGIONAL = "interregional", _("Interregional")
    FEDERAL = "federal", _("All-Russian")
    INTERNATIONAL = "international", _("International")


REGIONAL_AND_ABOVE = [Level.REGIONAL, Level.INTERREGIONAL, Level.FEDERAL, Level.INTERNATIONAL]
MUNICIPAL_LEVELS = [Level.MUNICIPAL, Level.INTERMUNICIPAL]


class Result(models.TextChoices):
    WINNER = "winner", _("Winner")
    PRIZE_WINNER = "prize_winner", _("Prize-winner")
    LAUREATE = "laureate", _("Laureate")
    PARTICIPANT = "participant", _("Participant")


WINNING_RESULTS = [Result.WINNER, Result.PRIZE_WINNER]


class CompetitionQuerySet(models.QuerySet):
    def for_user(self, user) -> "CompetitionQuerySet":
        """Municipal roles see their municipality's competitions; a school or a pedagogue those
        their staff (or they) took part in."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        if not user.is_authenticated:
            return self.none()
        entries = Participant.objects.filter(participation__competition=OuterRef("pk")).filter(
            visible_q(user, institution="institution", pedagogue="pedagogue") | Q(pedagogue__user=user)
        )
        return self.filter(visible_q(user, municipality="municipality") | Exists(entries))

    def editable_by(self, user) -> "CompetitionQuerySet":
        if not user.is_authenticated:
            return self.none()
        ids = methodist_municipality_ids(user)
        return self if ids is None else self.filter(municipality_id__in=ids)

    def search(self, text: str) -> "CompetitionQuerySet":
        return self.filter(words_q(text, "title", "organiser"))


class Competition(models.Model):
    """A professional-skill competition (or one stage of it) the municipality's pedagogues take part in."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="competitions", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    organiser = models.CharField(_("organiser"), max_length=300, blank=True)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()
    objects = CompetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        ordering = ["-starts", "title"]
        constraints = [
            period_constraint("starts", "ends", name="competition_ends_after_starts"),
            models.UniqueConstraint(
                fields=["municipality", "year", "title", "level", "stage"], name="competition_unique_stage"
            ),
        ]

    def __str__(self) -> str:
        parts = [self.title, self.get_level_display().lower(), str(self.year)]
        if self.stage:
            parts.insert(1, self.stage)
        return ", ".join(parts)

    def get_absolute_url(self) -> str:
        return reverse("associations:competition-detail", args=[self.pk])

    def clean(self) -> None:
        if self.ends and self.starts and self.ends < self.starts:
            raise ValidationError({"ends": _("The end is before the start.")})
        if self.year_id and self.starts and not self.year.contains(self.starts):
            raise ValidationError({"starts": _("The date is outside the academic year {year}.").format(year=self.year)})


class ParticipationQuerySet(models.QuerySet):
    def for_user(self, user) -> "ParticipationQuerySet":
        """Municipal roles see their municipality's results; a school the entries of its staff;
        a pedagogue their own."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        if not user.is_authenticated:
            return self.none()
        entries = Participant.objects.filter(participation=OuterRef("pk")).filter(
            visible_q(user, institution="institution", pedagogue="pedagogue") | Q(pedagogue__user=user)
        )
        return self.filter(visible_q(user, municipality="competition__municipality") | Exists(entries))


def participation_path(instance, filename: str) -> str:
    return f"associations/competitions/{instance.competition_id}/{Path(filename).name}"


class Participation(models.Model):
    """One entry of a competition: a pedagogue, or a team of pedagogues, with a result."""

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="entries", verbose_name=_("competition")
    )
    team_name = models.CharField(_("team"), max_length=200, blank=True, help_text=_("Empty for a single participant."))
    pedagogues = models.ManyToManyField(
        Pedagogue, through="Participant", related_name="competition_entries", verbose_name=_("participants")
    )
    nomination = models.CharField(_("nomination"), max_length=200, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, default=Result.PARTICIPANT)
    document = models.FileField(
        _("document"), upload_to=participation_path, blank=True, validators=DOCUMENT_VALIDATORS,
        help_text=_("A diploma or certificate: PDF or a scan, up to 10 MB."),
    )

    history = HistoricalRecords()
    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("competition entry")
        verbose_name_plural = _("competition entries")
        ordering = ["competition_id", "result", "pk"]

    def __str__(self) -> str:
        who = self.team_name or ", ".join(str(p) for p in self.pedagogues.all())
        return f"{who} — {self.competition}"

    def get_absolute_url(self) -> str:
        return reverse("associations:entry-edit", args=[self.competition_id, self.pk])

    @property
    def is_team(self) -> bool:
        return bool(self.team_name)


def entries_of(competition: Competition, pedagogues, *, exclude: int | None = None) -> dict[int, "Participation"]:
    """Return the competition's entries that already name any of the pedagogues, by pedagogue id."""
    rows = (
        Participant.objects.filter(competition=competition, pedagogue__in=list(pedagogues))
        .exclude(participation_id=exclude)
        .select_related("participation__competition")
    )
    return {row.pedagogue_id: row.participation for row in rows}


class Participant(models.Model):
    """A pedagogue of an entry, with the institution they represented."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="participants", verbose_name=_("entry")
    )
    # The entry's competition, kept here so the database can refuse a second entry of the same person.
    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="+", verbose_name=_("competition"), editable=False
    )
    pedagogue = models.ForeignKey(
        Pedagogue, on_delete=models.CASCADE, related_name="competition_participants", verbose_name=_("pedagogue")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("institution")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["pedagogue__last_name", "pedagogue__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["participation", "pedagogue"], name="participant_unique_pedagogue"),
            models.UniqueConstraint(fields=["competition", "pedagogue"], name="participant_one_entry_per_competition"),
        ]

    def __str__(self) -> str:
        return str(self.pedagogue)

    def save(self, *args, **kwargs):
        if self.institution_id is None and self.pedagogue_id:
            self.institution_id = self.pedagogue.institution_id
        if self.participation_id:
            self.competition_id = self.participation.competition_id
        super().save(*args, **kwargs)
