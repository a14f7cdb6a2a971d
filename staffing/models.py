"""Staffing needs: collection campaigns, institutions' submissions of needs, and the
regulatory documents of the process (item 5 of the source order)."""

import datetime
from decimal import ROUND_HALF_UP
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import AcademicYear
from core.models import Institution
from core.models import InstitutionType
from core.models import Municipality
from core.models import Position
from core.models import Subject
from core.models import Subordination
from core.models import acting_user
from core.models import own_institutions_q
from core.scoping import Role
from core.scoping import roles_of
from core.search import words_q
from core.validators import document_validators

# A teacher's rate (ставка) is 18 weekly hours: the norm when a position gives none. Needs given in hours are
# counted in rates with the position's own norm (Position.norm_hours, order No. 1601).
HOURS_PER_RATE = 18
MAX_RATES = Decimal("10")  # the rates and weekly hours one row of a staffing answer may ask for
MAX_WEEKLY_HOURS = 60


def _school_municipalities_q(user, path: str) -> Q:
    """Q for rows of the municipalities where the user is a school (schools read their city's campaigns)."""
    school_ids = roles_of(user).institution_ids_for(Role.SCHOOL)
    if not school_ids:
        return Q(pk__in=[])
    return Q(**{f"{path}__in": Institution.objects.filter(pk__in=school_ids).values("municipality_id")})


def managing_municipality_ids(user) -> set[int] | None:
    """Return the municipalities where the user runs campaigns (None: everywhere, for admins)."""
    roles = roles_of(user)
    if roles.is_admin:
        return None
    return roles.municipality_ids_for(Role.METHODIST, Role.HEAD)


class CampaignStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("staffing campaign", "Open")
    CLOSED = "closed", pgettext_lazy("staffing campaign", "Closed")
    REOPENED = "reopened", pgettext_lazy("staffing campaign", "Reopened")


class CampaignQuerySet(models.QuerySet):
    def for_user(self, user) -> "CampaignQuerySet":
        """Return the campaigns the user may see: municipal roles their municipality's,
        a school those of its municipality that it must answer."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        q = Q(municipality_id__in=roles.municipality_ids)
        school_types = set(
            Institution.objects.filter(pk__in=roles.institution_ids_for(Role.SCHOOL)).values_list("type", flat=True)
        )
        if school_types:
            by_type = Q(institution_types="")
            for kind in school_types:
                by_type |= Q(institution_types__contains=kind)
            q |= _school_municipalities_q(user, "municipality_id") & by_type
        return self.filter(q)

    def managed_by(self, user) -> "CampaignQuerySet":
        """Return the campaigns the user may open, edit, close and review (methodist, head, admin)."""
        ids = managing_municipality_ids(user)
        return self if ids is None else self.filter(municipality_id__in=ids)

    def open(self) -> "CampaignQuerySet":
        return self.filter(status__in=[CampaignStatus.OPEN, CampaignStatus.REOPENED])

    def search(self, text: str) -> "CampaignQuerySet":
        return self.filter(words_q(text, "title"))


class Campaign(models.Model):
    """One collection of staffing needs, e.g. «as of 01.08.2021 for 2021/2022»."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="staffing_campaigns", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=300)
    as_of = models.DateField(_("as of"), help_text=_("The date the needs are stated for, e.g. 1 August."))
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="staffing_campaigns", verbose_name=_("academic year")
    )
    deadline = models.DateField(_("deadline"))
    # Comma-separated InstitutionType codes; empty means every active institution must answer.
    institution_types = models.CharField(_("institution types"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    instructions = models.TextField(_("instructions for institutions"), blank=True)
    created_by = acting_user(pgettext_lazy("staffing", "created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("staffing campaign")
        verbose_name_plural = _("staffing campaigns")
        ordering = ["-as_of", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CampaignStatus.values), name="staffing_campaign_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("staffing:campaign-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (CampaignStatus.OPEN, CampaignStatus.REOPENED)

    @property
    def types(self) -> list[str]:
        return [code for code in self.institution_types.split(",") if code]

    @types.setter
    def types(self, codes) -> None:
        self.institution_types = ",".join(code for code in InstitutionType.values if code in set(codes))

    def types_display(self) -> str:
        if not self.types:
            return str(_("All institutions"))
        labels = dict(InstitutionType.choices)
        return ", ".join(str(labels[code]) for code in self.types if code in labels)

    def required_institutions(self):
        """Return the active institutions the municipality counts as its own (the municipal ones unless its
        setting says otherwise) that must answer."""
        institutions = Institution.objects.filter(own_institutions_q(self.municipality), is_active=True)
        if self.types:
            institutions = institutions.filter(type__in=self.types)
        return institutions

    def requires(self, institution: Institution) -> bool:
        return (
            institution.municipality_id == self.municipality_id
            and (institution.subordination == Subordination.MUNICIPAL or self.municipality.counts_other_institutions)
            and institution.is_active
            and (not self.types or institution.type in self.types)
        )

    def previous(self) -> "Campaign | None":
        """Return the municipality's campaign held before this one (by the "as of" date)."""
        return (
            Campaign.objects.filter(municipality_id=self.municipality_id, as_of__lt=self.as_of)
            .order_by("-as_of", "-pk")
            .first()
        )

    def deadline_passed(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.deadline


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("staffing submission", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("staffing submission", "Submitted")
    RETURNED = "returned", pgettext_lazy("staffing submission", "Returned for corrections")
    ACCEPTED = "accepted", pgettext_lazy("staffing submission", "Accepted")


# What an institution's status on the completeness page may be; "not started" has no submission.
NOT_STARTED = "not_started"
COUNTED_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)


class SubmissionQuerySet(models.QuerySet):
    def for_user(self, user) -> "SubmissionQuerySet":
        """Return the submissions the user may see: municipal roles their municipality's, a school its own."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        q = Q(campaign__municipality_id__in=roles.municipality_ids)
        q |= Q(institution_id__in=roles.institution_ids_for(Role.SCHOOL))
        return self.filter(q)

    def counted(self) -> "SubmissionQuerySet":
        """Return submissions that count in the summary: submitted or accepted."""
        return self.filter(status__in=COUNTED_STATUSES)


class Submission(models.Model):
    """One institution's answer to a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="submissions",
                                 verbose_name=_("campaign"))
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="staffing_submissions",
                                    verbose_name=_("institution"))
    status = models.CharField(_("status"), max_length=20, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.DRAFT)
    no_needs = models.BooleanField(_("no staffing needs"), default=False,
                                   help_text=_("The institution states explicitly that it needs nobody."))
    contact = models.CharField(_("responsible person and phone"), max_length=200, blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    # The day the answer reached the methodical centre: the day it was submitted in the portal, or the day
    # a paper answer came (entered by the methodist). "On time" is read from it.
    received_on = models.DateField(pgettext_lazy("staffing answer", "received on"), null=True, blank=True)
    entered_by_methodist = models.BooleanField(
        _("entered by the methodist"), default=False,
        help_text=_("The methodist entered the answer the institution sent on paper or by e-mail."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = acting_user(pgettext_lazy("staffing", "submitted by"))
    reviewed_at = models.DateTimeField(pgettext_lazy("staffing", "reviewed at"), null=True, blank=True)
    reviewed_by = acting_user(pgettext_lazy("staffing", "reviewed by"))
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("staffing submission")
        verbose_name_plural = _("staffing submissions")
        ordering = ["campaign", "institution__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "institution"], name="staffing_submission_unique"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False), name="staffing_submitted_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} — {self.campaign}"

    def get_absolute_url(self) -> str:
        return reverse("staffing:submission-detail", args=[self.campaign_id, self.institution_id])

    @property
    def is_editable(self) -> bool:
        """A draft or a returned submission of an open campaign may be changed by its institution."""
        return self.campaign.is_open and self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)

    def clean(self) -> None:
        """The date of receipt is real: not in the future, within the campaign's academic year or the year
        before it (a campaign «as of 1 August» is answered before its year starts)."""
        if not self.received_on or not self.campaign_id:
            return
        if self.received_on > timezone.localdate():
            raise ValidationError({"received_on": _("The date of receipt is in the future.")})
        year = self.campaign.year
        earliest = year.start.replace(year=year.start_year - 1)
        if not earliest <= self.received_on <= year.end:
            raise ValidationError({"received_on": _(
                "The date of receipt should fall within {year} or the academic year before it."
            ).format(year=year.title)})

    def submit(self, *, by, received_on: datetime.date | None = None) -> None:
        """Lock the draft and hand it to the methodist; the first submission time stays, and the date of
        receipt (today unless a methodist enters an earlier one) says whether it came on time."""
        now = timezone.now()
        self.status = SubmissionStatus.SUBMITTED
        self.submitted_at = now
        self.first_submitted_at = self.first_submitted_at or now
        self.submitted_by = by
        if received_on:
            self.received_on = received_on
            self.clean()
        else:
            self.received_on = self.received_on or timezone.localdate(now)
        self.save()

    def accept(self, *, by) -> None:
        self.status = SubmissionStatus.ACCEPTED
        self.reviewed_at, self.reviewed_by, self.review_comment = timezone.now(), by, ""
        self.save()

    def return_for_corrections(self, *, by, comment: str) -> None:
        self.status = SubmissionStatus.RETURNED
        self.reviewed_at, self.reviewed_by, self.review_comment = timezone.now(), by, comment
        self.save()

    def total_posts(self) -> Decimal:
        return Decimal(self.needs.aggregate(total=models.Sum("posts"))["total"] or 0).quantize(Decimal("0.01"))

    @property
    def on_time(self) -> bool | None:
        if not self.received_on:
            return None
        return self.received_on <= self.campaign.deadline


class Reason(models.TextChoices):
    RETIREMENT = "retirement", _("Retirement")
    MATERNITY = "maternity", _("Parental leave")
    GROWTH = "growth", _("Growth (more classes or groups)")
    VACANCY = "vacancy", _("Vacancy (a pedagogue left)")


class Support(models.TextChoices):
    NONE = "none", _("No support offered")
    HOUSING = "housing", _("Housing")
    COMPENSATION = "compensation", _("Compensation (relocation allowance)")
    HOUSING_AND_COMPENSATION = "housing_compensation", _("Housing and compensation")
    OTHER = "other", _("Other (see requirements)")


class Need(models.Model):
    """One row of a submission: a post the institution needs to fill."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="needs",
                                   verbose_name=_("submission"))
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="+", verbose_name=_("position"))
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("subject"))
    rates = models.DecimalField(_("rates"), max_digits=5, decimal_places=2, null=True, blank=True)
    weekly_hours = models.PositiveSmallIntegerField(_("weekly hours"), null=True, blank=True)
    # The need in rates: the rates given, or the weekly hours ÷ the position's norm hours per rate. Kept for
    # the summary's sums.
    posts = models.DecimalField(_("posts (rates)"), max_digits=6, decimal_places=2, default=Decimal("0"))
    reason = models.CharField(pgettext_lazy("staffing", "reason"), max_length=20, choices=Reason.choices)
    vacant_since = models.DateField(_("vacant since"), null=True, blank=True)
    support = models.CharField(_("offered support"), max_length=30, choices=Support.choices, default=Support.NONE)
    requirements = models.CharField(_("requirements"), max_length=500, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staffing need")
        verbose_name_plural = _("staffing needs")
        ordering = ["submission", "position__order", "position__name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rates__gt=0) | Q(weekly_hours__gt=0), name="staffing_need_amount"),
            models.CheckConstraint(condition=Q(posts__gte=0), name="staffing_need_posts_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.position} {self.subject or ''}".strip()

    def save(self, *args, **kwargs):
        self.posts = posts_of(self.rates, self.weekly_hours, self.position.norm_hours if self.position_id else None)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """The rules of a row, for the form and the upload alike: an amount in rates or hours within bounds, and a
        vacancy that opens within a year of the campaign's date."""
        errors = {}
        if not self.rates and not self.weekly_hours:
            errors["rates"] = _("Give the number of rates or the weekly hours.")
        elif self.rates is not None and not Decimal("0") < self.rates <= MAX_RATES:
            errors["rates"] = _("The number of rates must be more than 0 and at most {max}.").format(max=MAX_RATES)
        if self.weekly_hours is not None and not 0 < self.weekly_hours <= MAX_WEEKLY_HOURS:
            errors["weekly_hours"] = _("The weekly hours must be from 1 to {max}.").format(max=MAX_WEEKLY_HOURS)
        submission = self.submission if self.submission_id or "submission" in self._state.fields_cache else None
        year_after = datetime.timedelta(days=366)
        if self.vacant_since and submission is not None and self.vacant_since > submission.campaign.as_of + year_after:
            errors["vacant_since"] = _("The date is more than a year after the campaign's date.")
        if errors:
            raise ValidationError(errors)


def posts_of(rates: Decimal | None, weekly_hours: int | None, norm_hours: Decimal | None = None) -> Decimal:
    """Return the need in rates: the rates if given, else the weekly hours ÷ the position's norm hours per rate
    (18 when none is given), to 2 places: «воспитатель, 36 ч/нед.» is one rate."""
    if rates:
        return Decimal(rates).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if weekly_hours:
        norm = Decimal(norm_hours or HOURS_PER_RATE)
        return (Decimal(weekly_hours) / norm).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Decimal("0")


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Three days before the deadline")
    AFTER = "after", _("Three days after the deadline")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("regulatory document", "Draft")
    IN_FORCE = "in_force", pgettext_lazy("regulatory document", "In force")
    TO_UPDATE = "to_update", pgettext_lazy("regulatory document", "To be updated")
    REPEALED = "repealed", pgettext_lazy("regulatory document", "Repealed")


class DocumentQuerySet(models.QuerySet):
    def for_user(self, user) -> "DocumentQuerySet":
        """Return the documents the user may see: municipal roles and schools those of their municipality;
        schools only those in force."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        q = Q(municipality_id__in=roles.municipality_ids)
        q |= _school_municipalities_q(user, "municipality_id") & Q(status=DocumentStatus.IN_FORCE)
        return self.filter(q)

    def managed_by(self, user) -> "DocumentQuerySet":
        ids = managing_municipality_ids(user)
        return self if ids is None else self.filter(municipality_id__in=ids)


def document_path(instance, filename: str) -> str:
    return f"staffing/documents/{instance.municipality_id}/{filename}"


class RegulatoryDocument(models.Model):
    """A local act of the staffing-needs process (regulation, order, procedure)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="staffing_documents",
                                     verbose_name=_("municipality"))
    title = models.CharField(_("title"), max_length=400)
    number = models.CharField(_("number"), max_length=50, blank=True)
    date = models.DateField(_("date"))
    file = models.FileField(_("file"), upload_to=document_path, blank=True, validators=document_validators())
    status = models.CharField(_("status"), max_length=20, choices=DocumentStatus.choices,
                              default=DocumentStatus.DRAFT)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()
    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("regulatory document")
        verbose_name_plural = _("regulatory documents")
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        if self.number:
            return _("{title} No. {number} of {date}").format(
                title=self.title, number=self.number, date=self.date.strftime("%d.%m.%Y")
            )
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("staffing:document-edit", args=[self.pk])
