"""The shared ground of every app: municipalities, institutions, pedagogues,
their employment history, academic years, directories and users' roles."""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists
from django.db.models import Min
from django.db.models import OuterRef
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.capabilities import Cap
from core.scoping import Role
from core.scoping import ScopedQuerySet
from core.scoping import roles_of
from core.search import words_q

YOUNG_AGE = 35
MIN_WORKING_AGE = 16  # the youngest a pedagogue may be (Labour Code, art. 63)
YOUNG_SPECIALIST_YEARS = 3
_young_specialist_rule = None


def register_young_specialist_rule(rule) -> None:
    """Let the app that owns the rule (mentoring: it keeps the manual marks) define who is a young specialist.

    ``rule(day, prefix="")`` returns a Q over pedagogues (at ``prefix``). Every page of the portal — the
    directory's filter, badge and export, the home page's count, mentoring's own lists and indicators — then
    counts the same people.
    """
    global _young_specialist_rule
    _young_specialist_rule = rule


def young_specialist_q(day: datetime.date, prefix: str = "") -> Q:
    """Return the registered rule's Q; without one, under 35 with less than three years of experience (or none)."""
    if _young_specialist_rule is not None:
        return _young_specialist_rule(day, prefix)
    return Q(**{f"{prefix}birth_date__gt": years_before(day, YOUNG_AGE)}) & (
        Q(**{f"{prefix}experience_start__isnull": True})
        | Q(**{f"{prefix}experience_start__gt": years_before(day, YOUNG_SPECIALIST_YEARS)})
    )


def period_constraint(start: str, end: str, name: str) -> models.CheckConstraint:
    """The database's guard of a period whose end may be open: the end, when set, is not before the start.

    A model whose form edits the dates says it in ``clean()`` too, under the end's field and in its own words,
    so the form shows the error at that field (the constraint alone gives a message for the whole form)."""
    return models.CheckConstraint(condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": models.F(start)}),
                                  name=name)


def acting_user(verbose_name=None, **options) -> models.ForeignKey:
    """The user who did something to a record (created, recorded, reviewed, revoked it): the record stays when the
    account is deleted (the link is set to null), and users get no reverse accessor to every such record."""
    return models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=verbose_name, **options)


class MunicipalityKind(models.TextChoices):
    """The kind of a municipality (131-ФЗ): its associations are ГМО in a city, РМО in a district."""

    CITY = "city", _("Urban district")
    DISTRICT = "district", _("Municipal district")


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    kind = models.CharField(
        _("kind of municipality"), max_length=20, choices=MunicipalityKind.choices, default=MunicipalityKind.CITY
    )
    counts_other_institutions = models.BooleanField(
        _("count regional, federal and private institutions as its own"),
        default=False,
        help_text=_(
            "By default the municipality's indicators, denominators and lists of institutions take only "
            "the municipal institutions (those its education department manages)."
        ),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InstitutionType(models.TextChoices):
    PRESCHOOL = "preschool", _("Preschool (kindergarten)")
    GENERAL = "general", _("General education (school, gymnasium, lyceum)")
    ADDITIONAL = "additional", _("Additional education")
    VOCATIONAL = "vocational", _("Vocational education")


class Subordination(models.TextChoices):
    """Who founded and manages the institution."""

    MUNICIPAL = "municipal", pgettext_lazy("subordination of an institution", "Municipal")
    REGIONAL = "regional", pgettext_lazy("subordination of an institution", "Regional")
    FEDERAL = "federal", pgettext_lazy("subordination of an institution", "Federal")
    PRIVATE = "private", pgettext_lazy("subordination of an institution", "Private")


def own_institutions_q(municipality, prefix: str = "") -> Q:
    """Return a Q for the institutions a municipality counts as its own (at ``prefix``, e.g. "institution__").

    The municipal institutions by default; every institution of its territory when the municipality's
    setting ``counts_other_institutions`` is on.
    """
    q = Q(**{f"{prefix}municipality": municipality})
    if not getattr(municipality, "counts_other_institutions", False):
        q &= Q(**{f"{prefix}subordination": Subordination.MUNICIPAL})
    return q


NUMBER = re.compile(r"\d+")


def natural_key(name: str) -> str:
    """Return the key that sorts names by their numbers, not as text: «СШ № 2» before «СШ № 11».

    Every run of digits is zero-padded to ten places; case, spaces and ё do not matter. Stored in
    ``Institution.sort_key``, so SQLite and PostgreSQL order alike and any query can order by it."""
    folded = " ".join(str(name or "").replace("ё", "е").replace("Ё", "Е").split()).casefold()
    return NUMBER.sub(lambda match: match.group().lstrip("0").rjust(10, "0"), folded)[:300]


class InstitutionQuerySet(models.QuerySet):
    def for_user(self, user) -> "InstitutionQuerySet":
        """Return the institutions the user may see."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        municipality_ids = roles.municipality_ids_with(Cap.INSTITUTIONS)
        return self.filter(Q(municipality_id__in=municipality_ids) | Q(pk__in=roles.institution_ids))

    def editable_by(self, user) -> "InstitutionQuerySet":
        """Return the institutions the user may edit (admin, methodist of the municipality, own school)."""
        roles = roles_of(user)
        if roles.is_admin:
            return self
        q = Q(municipality_id__in=roles.municipality_ids_for(Role.METHODIST, Role.HEAD))
        q |= Q(pk__in=roles.institution_ids_for(Role.SCHOOL))
        return self.filter(q)

    def in_scope(self, scope) -> "InstitutionQuerySet":
        """Return the institutions a municipality counts as its own (``own_institutions_q``), or the one
        institution itself."""
        if isinstance(scope, Institution):
            return self.filter(pk=scope.pk)
        return self.filter(own_institutions_q(scope))

    def active(self) -> "InstitutionQuerySet":
        return self.filter(is_active=True)

    def natural(self) -> "InstitutionQuerySet":
        """Order by the number in the name (``sort_key``), after another ``order_by``."""
        return self.order_by("sort_key", "pk")

    def bulk_create(self, objs, *args, **kwargs):
        for institution in objs:
            institution.sort_key = natural_key(institution.short_name)
        return super().bulk_create(objs, *args, **kwargs)

    def search(self, text: str) -> "InstitutionQuerySet":
        """Return the institutions whose full or short name contains every word of the text."""
        return self.filter(words_q(text, "name", "short_name"))

    def name_index(self) -> dict[str, "Institution"]:
        """Return the institutions keyed by their normalized short and full names (for imports)."""
        index: dict[str, Institution] = {}
        for institution in self:
            index.setdefault(normalized_name(institution.name), institution)
            index[normalized_name(institution.short_name)] = institution
        return index


QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "ё": "е", "Ё": "Е"})


def normalized_name(text: str) -> str:
    """Return a name folded for matching: case, spaces, quotes and ё do not matter."""
    return " ".join(str(text or "").translate(QUOTES).split()).casefold()


class Institution(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("municipality")
    )
    name = models.CharField(_("full name"), max_length=400)
    short_name = models.CharField(_("short name"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=InstitutionType.choices)
    subordination = models.CharField(
        _("subordination"), max_length=20, choices=Subordination.choices, default=Subordination.MUNICIPAL
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    director = models.CharField(_("director"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The short name with its numbers padded (``natural_key``), kept by save(): institutions sort by it.
    sort_key = models.CharField(_("sort key"), max_length=300, default="", editable=False, db_index=True)

    history = HistoricalRecords()
    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["sort_key", "pk"]  # «СШ № 2» before «СШ № 11», also where other models order by institution
        constraints = [
            models.UniqueConstraint(fields=["municipality", "short_name"], name="institution_unique_short_name")
        ]

    def __str__(self) -> str:
        return self.short_name

    def save(self, *args, **kwargs) -> None:
        self.sort_key = natural_key(self.short_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "short_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("core:institution-detail", args=[self.pk])


_YEARS: tuple = (None, {})


class AcademicYearQuerySet(models.QuerySet):
    def directory(self, must_have: int | None = None) -> dict[int, "AcademicYear"]:
        """Every academic year by its start year, oldest first: a dozen rows that one page looks up many times
        (the chosen, current, previous and chart years), read once per generation of the records in a process.
        A year asked for and missing is read again (years written in bulk move no generation)."""
        global _YEARS
        from core import freshness

        generation = freshness.generation()
        if _YEARS[0] != generation or (must_have is not None and must_have not in _YEARS[1]):
            _YEARS = (generation, {year.start_year: year for year in self.model.objects.order_by("start_year")})
        return _YEARS[1]

    def containing(self, day: datetime.date) -> "AcademicYear | None":
        """Return the academic year that contains the day, if it is in the directory."""
        start_year = day.year if day.month >= 9 else day.year - 1
        if not self.query.has_filters():
            return self.directory(must_have=start_year).get(start_year)
        return self.filter(start_year=start_year).first()

    def current(self) -> "AcademicYear | None":
        return self.containing(timezone.localdate())

    def with_records(self) -> "AcademicYearQuerySet":
        """Return the years some record refers to (a campaign, a competition, a route, a target…)."""
        q = Q()
        for field in self.model._meta.get_fields(include_hidden=True):
            if not (field.is_relation and field.auto_created and not field.concrete):
                continue
            if field.related_model.__name__.startswith("Historical"):
                continue
            q |= Exists(field.related_model._base_manager.filter(**{field.field.name: OuterRef("pk")}))
        return self.filter(q) if q else self.none()

    def offered(self, today: datetime.date | None = None) -> "AcademicYearQuerySet":
        """Return the years a user may choose: from the earliest year with records (or the current one) to the
        year after the current one, latest first — not the whole directory up to 2030."""
        return self.filter(start_year__range=self.offered_span(today)).order_by("-start_year")

    def offered_span(self, today: datetime.date | None = None) -> tuple[int, int]:
        """The first and the last start year ``offered()`` returns (to pick them from ``directory()``)."""
        today = today or timezone.localdate()
        current = today.year if today.month >= 9 else today.year - 1
        from core import freshness

        first = freshness.cached(  # an EXISTS over every table that names a year: once until a record changes
            f"years:first-with-records:{current}",
            lambda: self.model.objects.with_records().filter(start_year__lte=current).aggregate(
                first=Min("start_year")
            )["first"],
        )
        return min(first or current, current), current + 1

    def by_title(self, title: str) -> "AcademicYear":
        """Return the year written as '2021/2022', '2021-2022' or '2021–2022'; raise DoesNotExist."""
        head = title.strip().replace("–", "/").replace("-", "/").split("/")[0]
        if not (head.isascii() and head.isdigit() and len(head) <= 4):  # "²" passes isdigit(), int() refuses it
            raise self.model.DoesNotExist(title)
        if not self.query.has_filters():
            if int(head) not in self.directory(must_have=int(head)):
                raise self.model.DoesNotExist(title)
            return self.directory()[int(head)]
        return self.get(start_year=int(head))


class AcademicYear(models.Model):
    """An academic year, 1 September – 31 August."""

    start_year = models.PositiveSmallIntegerField(_("start year"), unique=True)

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")
        ordering = ["start_year"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.start_year, 9, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 8, 31)

    def previous(self) -> "AcademicYear | None":
        return AcademicYear.objects.directory(must_have=self.start_year - 1).get(self.start_year - 1)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


class Position(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    is_pedagogical = models.BooleanField(_("pedagogical position"), default=True)
    # Order of the Ministry of Education and Science No. 1601 of 22.12.2014: teaching (or working) hours a
    # week that make one rate; needs stated in weekly hours are converted with it.
    norm_hours = models.DecimalField(
        _("norm hours per rate"), max_digits=4, decimal_places=1, default=Decimal("18"),
        validators=[MinValueValidator(Decimal("1"))],
        help_text=_("Hours a week that make one rate (order No. 1601 of 22.12.2014)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Subject(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Category(models.TextChoices):
    """Qualification categories (order of the Ministry of Enlightenment No. 196 of 24.03.2023)."""

    NONE = "none", _("No category")
    CONFORMITY = "conformity", _("Conformity with the position")
    FIRST = "first", _("First")
    HIGHEST = "highest", _("Highest")
    METHODIST = "methodist", _("Pedagogue-methodist")
    MENTOR = "mentor", _("Pedagogue-mentor")


# Pedagogue-methodist and pedagogue-mentor are only given on top of the highest category.
FIRST_OR_HIGHEST = [Category.FIRST, Category.HIGHEST, Category.METHODIST, Category.MENTOR]
ON_TOP_OF_HIGHEST = [Category.METHODIST, Category.MENTOR]
CATEGORY_VALID_YEARS = 5
# Which of two categories held on the same day is the higher one.
CATEGORY_RANK = {value: rank for rank, value in enumerate(Category.values)}


def employed_during_q(year: AcademicYear, prefix: str = "") -> Q:
    """Return a Q for employment records that overlap the academic year."""
    return Q(**{f"{prefix}hired__lte": year.end}) & (
        Q(**{f"{prefix}left__isnull": True}) | Q(**{f"{prefix}left__gte": year.start})
    )


def scope_q(scope, prefix: str = "") -> Q:
    """Return a Q restricting an institution path to one institution or a municipality's own institutions
    (``own_institutions_q``: the municipal ones unless the municipality counts the others)."""
    if isinstance(scope, Institution):
        return Q(**{f"{prefix}institution": scope})
    return own_institutions_q(scope, f"{prefix}institution__")


def pedagogical_q(prefix: str = "") -> Q:
    """Return a Q for employment records in a pedagogical position: managers (director, deputies: positions
    not ``is_pedagogical``) are counted apart; a job without a stated position counts as pedagogical."""
    return Q(**{f"{prefix}position__isnull": True}) | Q(**{f"{prefix}position__is_pedagogical": True})


class PedagogueQuerySet(models.QuerySet):
    def for_user(self, user) -> "PedagogueQuerySet":
        """Return the pedagogues the user may see: municipal roles their municipality,
        a school its current staff, a teacher only their own record."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        q = Q(municipality_id__in=roles.municipality_ids)
        q |= Q(institution_id__in=roles.institution_ids_for(Role.SCHOOL))
        if roles.pedagogue_id:
            q |= Q(pk=roles.pedagogue_id)
        return self.filter(q)

    def visible_to(self, user, pk: int, *, known: bool | None = None) -> bool:
        """Whether the user may see the pedagogue; asked once per request (the record's sections all ask).
        ``known``: the caller has just read the pedagogue through ``for_user`` and says so."""
        seen = user.__dict__.setdefault("_portal_sees_pedagogue", {})
        if known is not None:
            seen[pk] = known
        if pk not in seen:
            seen[pk] = self.for_user(user).filter(pk=pk).exists()
        return seen[pk]

    def editable_by(self, user) -> "PedagogueQuerySet":
        roles = roles_of(user)
        if roles.is_admin:
            return self
        q = Q(municipality_id__in=roles.municipality_ids_for(Role.METHODIST, Role.HEAD))
        q |= Q(institution_id__in=roles.institution_ids_for(Role.SCHOOL))
        return self.filter(q)

    def employed_during(self, year: AcademicYear, scope=None, pedagogical: bool = True) -> "PedagogueQuerySet":
        """Return pedagogues with an employment overlapping the year (in the scope, if given), in a
        pedagogical position unless ``pedagogical`` is False (then managers too)."""
        # An IN over the (indexed) employment rows of the scope is planned far better than a
        # correlated EXISTS per pedagogue: 1.2 s → 5 ms for one institution at region scale.
        jobs = Employment.objects.filter(employed_during_q(year))
        if pedagogical:
            jobs = jobs.filter(pedagogical_q())
        if scope is not None:
            jobs = jobs.filter(scope_q(scope))
        return self.filter(pk__in=jobs.values("pedagogue_id"))

    def under_age(self, age: int, on: datetime.date) -> "PedagogueQuerySet":
        """Return pedagogues younger than ``age`` full years on the day."""
        return self.filter(birth_date__gt=years_before(on, age))

    def young_specialists(self, on: datetime.date) -> "PedagogueQuerySet":
        """Return the young specialists on the day (``young_specialist_q``: the portal's one rule)."""
        return self.filter(young_specialist_q(on))

    def with_young_flag(self, on: datetime.date) -> "PedagogueQuerySet":
        """Annotate ``is_young`` (a young specialist on the day) in the same query, for lists and exports."""
        return self.annotate(
            is_young=models.ExpressionWrapper(young_specialist_q(on), output_field=models.BooleanField())
        )

    def search(self, text: str) -> "PedagogueQuerySet":
        """Return the pedagogues whose last, first or middle name contains every word of the text."""
        return self.filter(words_q(text, "last_name", "first_name", "middle_name"))


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def date_after_birth(day: datetime.date | None, birth: datetime.date | None) -> str | None:
    """Return what is wrong with a date of a person's working life (hired, experience since, a category's
    order): a day in the future or not after the birth date; None when it is fine or unknown."""
    if not day:
        return None
    if day > timezone.localdate():
        return _("The date is in the future.")
    if birth and day <= birth:
        return _("The date is before the birth date.")
    return None


class Pedagogue(models.Model):
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="pedagogues", verbose_name=_("municipality")
    )
    # The current main place of work; the history is in Employment.
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("institution"),
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("position")
    )
    subjects = models.ManyToManyField(Subject, blank=True, related_name="pedagogues", verbose_name=_("subjects"))
    experience_start = models.DateField(_("pedagogical experience since"), null=True, blank=True)
    # The last category awarded, kept by ``sync_category`` from the history in CategoryAward (for lists,
    # filters and the attestation list); indicators read the history itself.
    category = models.CharField(
        _("qualification category"), max_length=20, choices=Category.choices, default=Category.NONE,
        editable=False,
    )
    category_date = models.DateField(_("category assigned on"), null=True, blank=True, editable=False)
    category_valid_until = models.DateField(_("category valid until"), null=True, blank=True, editable=False)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pedagogue",
        verbose_name=_("user account"),
    )

    history = HistoricalRecords(excluded_fields=["user"], m2m_fields=[subjects])
    objects = PedagogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("pedagogue")
        verbose_name_plural = _("pedagogues")
        ordering = ["last_name", "first_name", "middle_name"]
        indexes = [
            models.Index(fields=["municipality", "last_name"]),
            models.Index(fields=["institution", "last_name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(category_date__isnull=True) | ~Q(category="none"),
                name="pedagogue_category_date_needs_category",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("core:pedagogue-detail", args=[self.pk])

    def clean(self) -> None:
        """Every rule of the record at once (the form and the roster import show them all in one round)."""
        errors = {}
        if self.institution_id and self.municipality_id and self.institution.municipality_id != self.municipality_id:
            errors["institution"] = _("The institution belongs to another municipality.")
        if self.category_date and self.category == Category.NONE:
            errors["category_date"] = _("A category date needs a category.")
        today = timezone.localdate()
        if self.birth_date and self.birth_date > today:
            errors["birth_date"] = _("The birth date is in the future.")
        elif self.birth_date and self.birth_date > years_before(today, MIN_WORKING_AGE):
            errors["birth_date"] = _("The pedagogue would be younger than {age}.").format(age=MIN_WORKING_AGE)
        if error := date_after_birth(self.experience_start, self.birth_date):
            errors["experience_start"] = error
        if errors:
            raise ValidationError(errors)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.middle_name) if part)

    def age_on(self, day: datetime.date) -> int:
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    def experience_years_on(self, day: datetime.date) -> Decimal | None:
        if not self.experience_start:
            return None
        return Decimal((day - self.experience_start).days) / Decimal("365.25")

    def is_under_35_on(self, day: datetime.date) -> bool:
        return self.age_on(day) < YOUNG_AGE

    def is_young_specialist_on(self, day: datetime.date) -> bool:
        """One pedagogue (one query); lists use ``with_young_flag`` instead."""
        return Pedagogue.objects.filter(pk=self.pk).young_specialists(day).exists()

    def sync_category(self) -> None:
        """Make ``category``, ``category_date`` and ``category_valid_until`` follow the last award."""
        awards = list(self.category_awards.values_list("category", "order_date", "valid_until"))
        last = max(awards, key=lambda a: (a[1], CATEGORY_RANK[a[0]]), default=(Category.NONE, None, None))
        if (self.category, self.category_date, self.category_valid_until) != last:
            self.category, self.category_date, self.category_valid_until = last
            self.save(update_fields=["category", "category_date", "category_valid_until"])

    def open_employment(self) -> "Employment | None":
        """Return the current job: the open employment hired last."""
        return self.employments.filter(left__isnull=True).order_by("-hired", "-pk").first()

    def sync_current_job(self) -> None:
        """Make ``institution``, ``position`` and ``municipality`` follow the employment history.

        The open employment is the current job; with no open one the pedagogue has
        left and has no current institution. Without any employment nothing changes.
        """
        jobs = list(self.employments.select_related("institution").order_by("-hired", "-pk"))
        if not jobs:
            return
        current = next((job for job in jobs if job.left is None), None)
        institution = current.institution if current else None
        position_id = current.position_id if current else None
        municipality_id = (institution or jobs[0].institution).municipality_id
        if (self.institution_id, self.position_id, self.municipality_id) == (
            institution.pk if institution else None,
            position_id,
            municipality_id,
        ):
            return
        self.institution = institution
        self.position_id = position_id
        self.municipality_id = municipality_id
        self.save(update_fields=["institution", "position", "municipality"])


class Employment(models.Model):
    """One period of work of a pedagogue in an institution."""

    pedagogue = models.ForeignKey(
        Pedagogue, on_delete=models.CASCADE, related_name="employments", verbose_name=_("pedagogue")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="employments", verbose_name=_("institution")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("position")
    )
    hired = models.DateField(_("hired"))
    left = models.DateField(_("left"), null=True, blank=True)
    rate = models.DecimalField(
        _("rate"), max_digits=4, decimal_places=2, default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("3"))],
        help_text=_("The share of a full rate (ставка), e.g. 1 or 0.5."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employment history")
        ordering = ["-hired"]
        indexes = [models.Index(fields=["institution", "hired", "left"])]
        constraints = [
            period_constraint("hired", "left", name="employment_left_after_hired"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="employment_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.pedagogue} — {self.institution}"

    def clean(self) -> None:
        errors = {}
        if self.left and self.hired and self.left < self.hired:
            errors["left"] = _("The leaving date is before the hiring date.")
        pedagogue = self.pedagogue if self.pedagogue_id or "pedagogue" in self._state.fields_cache else None
        if error := date_after_birth(self.hired, pedagogue.birth_date if pedagogue else None):
            errors["hired"] = error
        if errors:
            raise ValidationError(errors)


class CategoryAwardQuerySet(ScopedQuerySet):
    scope_through = "pedagogue"

    def held_on(self, day: datetime.date) -> "CategoryAwardQuerySet":
        """Return the awards in force on the day (ordered on or before it, valid until it or later)."""
        return self.filter(order_date__lte=day, valid_until__gte=day)


def category_valid_until(order_date: datetime.date) -> datetime.date:
    """Return the day a category awarded on the day runs out: five years on."""
    return years_before(order_date, -CATEGORY_VALID_YEARS)


class CategoryAward(models.Model):
    """A qualification category awarded to a pedagogue by an order (приказ); valid five years."""

    pedagogue = models.ForeignKey(
        Pedagogue, on_delete=models.CASCADE, related_name="category_awards", verbose_name=_("pedagogue")
    )
    category = models.CharField(
        _("qualification category"), max_length=20,
        choices=[choice for choice in Category.choices if choice[0] != Category.NONE],
    )
    order_date = models.DateField(_("order date"))
    order_number = models.CharField(_("order number"), max_length=50, blank=True)
    valid_until = models.DateField(
        _("valid until"), blank=True, help_text=_("Five years from the order date unless given.")
    )

    history = HistoricalRecords()
    objects = CategoryAwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("category award")
        verbose_name_plural = _("category history")
        ordering = ["-order_date", "-pk"]
        # Covering for "held on a day" (an EXISTS per employment row in the category indicators): with the category
        # in the index SQLite answers from it, instead of probing the unique (pedagogue, category, order_date) once
        # per category of the IN list.
        indexes = [models.Index(fields=["pedagogue", "order_date", "valid_until", "category"],
                                name="core_award_held_on_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(category="none"), name="category_award_has_category"),
            models.CheckConstraint(condition=Q(valid_until__gt=models.F("order_date")),
                                   name="category_award_valid_after_order"),
            models.UniqueConstraint(fields=["pedagogue", "category", "order_date"], name="category_award_unique"),
        ]

    def __str__(self) -> str:
        return _("{category} of {day}").format(category=self.get_category_display(),
                                               day=self.order_date.strftime("%d.%m.%Y"))

    def save(self, *args, **kwargs):
        if not self.valid_until:
            self.valid_until = category_valid_until(self.order_date)
        super().save(*args, **kwargs)
        self.pedagogue.sync_category()

    def delete(self, *args, **kwargs):
        pedagogue = self.pedagogue
        result = super().delete(*args, **kwargs)
        pedagogue.sync_category()
        return result

    def clean(self) -> None:
        """The rules of order No. 196: no date in the future; methodist and mentor on top of a valid highest."""
        if self.order_date and self.order_date > timezone.localdate():
            raise ValidationError({"order_date": _("The order date is in the future.")})
        pedagogue = self.pedagogue if self.pedagogue_id or "pedagogue" in self._state.fields_cache else None
        if pedagogue and pedagogue.birth_date and self.order_date and self.order_date <= pedagogue.birth_date:
            raise ValidationError({"order_date": _("The date is before the birth date.")})
        if self.order_date and not self.valid_until:
            self.valid_until = category_valid_until(self.order_date)
        if self.order_date and self.valid_until and self.valid_until <= self.order_date:
            raise ValidationError({"valid_until": _("The category must be valid after the order date.")})
        if self.category in ON_TOP_OF_HIGHEST and self.order_date:
            # A pedagogue not saved yet (a roster row of a new person) holds no highest category.
            highest = self.pedagogue_id and CategoryAward.objects.held_on(self.order_date).filter(
                pedagogue_id=self.pedagogue_id, category=Category.HIGHEST
            ).exclude(pk=self.pk).exists()
            if not highest:
                raise ValidationError({"category": _(
                    "«{category}» is awarded only to a pedagogue holding the highest category on the order date."
                ).format(category=self.get_category_display())})


def holding_category_q(day: datetime.date, categories, outer: str = "pk") -> Q:
    """Return a Q (an EXISTS) for pedagogues (``OuterRef(outer)``) holding one of the categories on the day."""
    return Q(models.Exists(CategoryAward.objects.held_on(day).filter(
        pedagogue=models.OuterRef(outer), category__in=categories)))


class RoleAssignment(models.Model):
    """A role a user holds, scoped to a municipality or an institution."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("municipality")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("institution")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "municipality", "institution"], name="role_assignment_unique"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["school", "teacher"]) | Q(institution__isnull=False),
                name="role_school_teacher_need_institution",
            ),
        ]

    def __str__(self) -> str:
        where = self.institution or self.municipality or _("everywhere")
        return f"{self.user} — {self.get_role_display()} ({where})"

    def clean(self) -> None:
        if self.role in (Role.SCHOOL, Role.TEACHER) and not self.institution_id:
            raise ValidationError({"institution": _("This role is scoped to one institution.")})
        if self.role in (Role.METHODIST, Role.EXPERT) and not self.municipality_id:
            raise ValidationError({"municipality": _("This role is scoped to a municipality.")})


# The access log and the erasures on request live in core/audit.py.
from core.audit import AccessLog  # noqa: E402,F401
from core.audit import Erasure  # noqa: E402,F401
