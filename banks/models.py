"""Banks of pedagogical information (order item 3.5): innovative PD programmes,
innovative educational products-projects, information-educational resources by
subject area. Published items form the public showcase (item 3.4)."""

from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.db import models
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
from core.models import Subject
from core.models import acting_user
from core.scoping import Role
from core.scoping import roles_of
from core.scoping import visible_q
from core.search import words_q
from core.validators import validate_content

ALLOWED_EXTENSIONS = (
    "pdf",
    "doc",
    "docx",
    "odt",
    "rtf",
    "ppt",
    "pptx",
    "odp",
    "xls",
    "xlsx",
    "ods",
    "zip",
    "jpg",
    "jpeg",
    "png",
    "mp4",
)


def item_max_bytes() -> int:
    return getattr(settings, "BANKS_MAX_FILE_BYTES", settings.UPLOAD_MAX_BYTES)


def validate_item_file(file) -> None:
    """Refuse an empty file, a file of a type the bank does not keep, and one above the size limit."""
    extension = Path(file.name or "").suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Files of type «{extension}» are not accepted. Allowed: {allowed}.").format(
                extension=extension or "?", allowed=", ".join(ALLOWED_EXTENSIONS)
            ),
            code="file_type",
        )
    if not file.size:
        raise ValidationError(_("The file is empty."), code="file_empty")
    limit = item_max_bytes()
    if file.size > limit:
        raise ValidationError(
            _("The file is larger than {size} MB.").format(size=f"{limit / (1024 * 1024):g}"),
            code="file_size",
        )
    validate_content(file)


class Bank(models.TextChoices):
    PROGRAMMES = "programmes", _("Bank of innovative PD programmes")
    PRODUCTS = "products", _("Bank of innovative educational products and projects")
    RESOURCES = "resources", _("Information and educational resources by subject area")


class Kind(models.TextChoices):
    PD_PROGRAMME = "pd_programme", _("PD programme")
    PROJECT = "project", _("Educational project")
    METHODICAL = "methodical", _("Methodical recommendations")
    LESSON = "lesson", _("Lesson or activity plan")
    MANUAL = "manual", _("Manual, workbook")
    PRESENTATION = "presentation", _("Presentation")
    VIDEO = "video", _("Video")
    NETWORK = "network", _("Network (online) resource")
    OTHER = "other", _("Other")


class ItemStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("status of a bank item", "Draft")
    REVIEW = "review", pgettext_lazy("status of a bank item", "Under review")
    PUBLISHED = "published", pgettext_lazy("status of a bank item", "Published")


class ItemQuerySet(models.QuerySet):
    def published(self) -> "ItemQuerySet":
        return self.filter(status=ItemStatus.PUBLISHED)

    def for_user(self, user) -> "ItemQuerySet":
        """Return the items the user may see: every published item (they are public),
        and drafts and items under review within the user's scope (their own for a teacher)."""
        roles = roles_of(user)
        if roles.is_global:
            return self
        q = Q(status=ItemStatus.PUBLISHED) | visible_q(
            user, institution="institution", municipality="municipality", pedagogue="author_pedagogues"
        )
        if user.is_authenticated:
            q |= Q(created_by=user)
        return self.filter(q).distinct() if roles.pedagogue_id else self.filter(q)

    def editable_by(self, user) -> "ItemQuerySet":
        roles = roles_of(user)
        if roles.is_admin:
            return self
        if not user.is_authenticated:
            return self.none()
        q = Q(municipality_id__in=roles.municipality_ids_for(Role.METHODIST))
        q |= Q(institution_id__in=roles.institution_ids_for(Role.SCHOOL))
        q |= Q(created_by=user)
        return self.filter(q)

    def search(self, text: str) -> "ItemQuerySet":
        """Return items matching the words in title, description, keywords or authors.

        PostgreSQL: full-text search with the Russian configuration (so «проекты»
        finds «проектная»), ranked. Elsewhere: every word as a substring.
        """
        text = " ".join(text.split())
        if not text:
            return self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery
            from django.contrib.postgres.search import SearchRank
            from django.contrib.postgres.search import SearchVector

            vector = (
                SearchVector("title", weight="A", config="russian")
                + SearchVector("keywords", weight="A", config="russian")
                + SearchVector("authors", weight="B", config="russian")
                + SearchVector("description", weight="C", config="russian")
            )
            query = SearchQuery(text, config="russian", search_type="websearch")
            # Match with @@ (ts_rank is never exactly 0, so it cannot filter), rank for ordering.
            return self.annotate(search_document=vector, search_rank=SearchRank(vector, query)).filter(
                search_document=query
            )
        return self.filter(words_q(text, "title", "description", "keywords", "authors"))


class Item(models.Model):
    bank = models.CharField(_("bank"), max_length=20, choices=Bank.choices)
    title = models.CharField(_("title"), max_length=400)
    authors = models.CharField(
        _("authors"),
        max_length=400,
        help_text=_("As they should be published, e.g. «Иванова М. П., Петров А. А.»."),
    )
    author_pedagogues = models.ManyToManyField(
        Pedagogue, blank=True, related_name="bank_items", verbose_name=_("authors from the directory")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="bank_items", verbose_name=_("institution")
    )
    subject = models.ForeignKey(
        Subject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject area"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to="banks/%Y/", blank=True, validators=[validate_item_file])
    url = models.URLField(_("link"), max_length=500, blank=True)
    keywords = models.CharField(
        _("keywords"), max_length=400, blank=True, help_text=_("Separated by commas.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    recommended_on = models.DateField(_("recommended by the expert council on"), null=True, blank=True)
    created_by = acting_user()
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Where the item came from: a product of an association or an innovation project.
    source_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    reviews = GenericRelation(
        "expertise.ReviewRequest", content_type_field="target_type", object_id_field="target_id"
    )

    history = HistoricalRecords(m2m_fields=[author_pedagogues])
    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("bank item")
        verbose_name_plural = _("bank items")
        ordering = ["-published_on", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "bank"]),
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["published_on"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="banks_item_file_or_url"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="banks_item_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(recommended_on__isnull=True) | Q(status="published"),
                name="banks_item_recommended_is_published",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("banks:item-detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("banks:showcase-detail", args=[self.pk])

    def clean(self) -> None:
        if not self.file and not self.url:
            raise ValidationError(_("Attach a file or give a link."))
        if (
            self.institution_id
            and self.municipality_id
            and self.institution.municipality_id != self.municipality_id
        ):
            raise ValidationError({"institution": _("The institution belongs to another municipality.")})
        self.check_publication_date()

    def check_publication_date(self) -> None:
        """A publication date is real: not in the future and within the item's academic year (a past year's
        item is entered with its own date, so it counts in that year's indicators)."""
        day = self.published_on
        if not day:
            return
        if day > timezone.localdate():
            raise ValidationError({"published_on": _("The publication date is in the future.")})
        if self.year_id and not self.year.contains(day):
            raise ValidationError({"published_on": _(
                "The publication date should fall within the item's academic year {year} ({start} – {end})."
            ).format(year=self.year.title, start=self.year.start.strftime("%d.%m.%Y"),
                     end=self.year.end.strftime("%d.%m.%Y"))})

    @property
    def is_recommended(self) -> bool:
        return self.recommended_on is not None

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    @property
    def file_size(self) -> int | None:
        try:
            return self.file.size if self.file else None
        except OSError:
            return None

    @property
    def file_extension(self) -> str:
        return Path(self.file.name).suffix.lower().lstrip(".") if self.file else ""

    # --- the expert review tells the item its outcome (expertise.services) -------
    def review_concluded(self, request) -> None:
        from expertise.models import Decision

        # The council's conclusion date, which may be a past one entered after the fact.
        day = request.concluded_on or timezone.localdate()
        if request.decision == Decision.RECOMMENDED:
            self.status = ItemStatus.PUBLISHED
            self.published_on = self.published_on or day
            self.recommended_on = day
        else:
            self.status = ItemStatus.DRAFT
            self.published_on = None
            self.recommended_on = None
        self.save(update_fields=["status", "published_on", "recommended_on"])

    def review_resubmitted(self, request) -> None:
        self.status = ItemStatus.REVIEW
        self.save(update_fields=["status"])
