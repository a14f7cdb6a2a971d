"""Certificates and diplomas the municipality issues, each with a number anyone can verify."""

import datetime
import secrets

import segno
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.template import Context
from django.template import Template
from django.urls import reverse
from django.utils import formats
from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import Municipality
from core.models import Pedagogue
from core.models import acting_user
from core.scoping import ScopedQuerySet
from core.scoping import of_pedagogue
from core.search import words_q

from .default_templates import DEFAULT_BODIES
from .sources import Kind

NUMBER_PREFIX = "ММС"


# The check part of a verification code: unambiguous Latin capitals and digits (no 0/O, 1/I); 8 of them give
# 32**8 ≈ 10**12 combinations per number, so the register cannot be walked through the public check.
CHECK_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CHECK_LENGTH = 8


def new_check_code() -> str:
    return "".join(secrets.choice(CHECK_ALPHABET) for _ in range(CHECK_LENGTH))


def short_name(full_name: str) -> str:
    """«Иванова Анна Петровна» → «Иванова А. П.»: what the public verification shows of the holder."""
    last, *others = full_name.split() or [""]
    return " ".join([last, *(f"{name[0]}." for name in others if name)]).strip()


def portal_base_url() -> str:
    return getattr(settings, "PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def number_prefix() -> str:
    return getattr(settings, "CERTIFICATE_NUMBER_PREFIX", NUMBER_PREFIX)


class TemplateQuerySet(models.QuerySet):
    def active_for(self, kind: str) -> "CertificateTemplate | None":
        return self.filter(kind=kind, is_active=True).first()

    def active_bodies(self) -> dict[str, str]:
        """Return the body of every kind: the active template's, else the default layout."""
        return {**DEFAULT_BODIES, **dict(self.filter(is_active=True).values_list("kind", "body"))}


class CertificateTemplate(models.Model):
    """An admin-editable HTML layout (Django template syntax) of one kind of document."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    body = models.TextField(
        _("HTML body"),
        help_text=_(
            "A full HTML page in Django template syntax. Available: {{ number }}, {{ kind_title }}, "
            "{{ holder_name }}, {{ event_title }}, {{ event_date }}, {{ hours }}, {{ line }}, {{ issued_on }}, "
            "{{ municipality }}, {{ verify_url }}, {{ qr_code }} (an image data URI)."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("One active template per kind."))

    history = HistoricalRecords()
    objects = TemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(is_active=True), name="certificates_one_active_template_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.template import TemplateSyntaxError

        errors = {}
        try:
            Template(self.body)
        except TemplateSyntaxError as exc:
            errors["body"] = _("The template has an error: {error}").format(error=exc)
        others = CertificateTemplate.objects.filter(kind=self.kind, is_active=True).exclude(pk=self.pk)
        if self.is_active and others.exists():
            errors["is_active"] = _("Another template of this kind is active; deactivate it first.")
        if errors:
            raise ValidationError(errors)


class NumberCounter(models.Model):
    """The last number issued in a year; incremented under a row lock so numbers never collide."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"

    @classmethod
    def allocate(cls, year: int, count: int) -> range:
        """Reserve ``count`` consecutive sequence numbers of the year; call inside a transaction.

        The UPDATE takes the row lock (PostgreSQL) or the database write lock (SQLite) until the
        transaction ends, so a concurrent issue waits and continues after our block.
        """
        cls.objects.get_or_create(year=year)
        cls.objects.filter(year=year).update(last=F("last") + count)
        last = cls.objects.values_list("last", flat=True).get(year=year)
        return range(last - count + 1, last + 1)


class CertificateQuerySet(ScopedQuerySet):
    # Municipal roles see their municipality's certificates, a school its staff's, a teacher their own.
    scope = {**of_pedagogue("holder"), "municipality": "municipality"}

    def issuable_by(self, user) -> "CertificateQuerySet":
        """Return the certificates the user may revoke: a methodist's municipality's (an admin's all)."""
        from core.scoping import Role
        from core.scoping import roles_of

        roles = roles_of(user)
        if roles.is_admin:
            return self
        return self.filter(municipality_id__in=roles.municipality_ids_for(Role.METHODIST))

    def valid(self) -> "CertificateQuerySet":
        return self.filter(revoked_at__isnull=True)

    def revoked(self) -> "CertificateQuerySet":
        return self.filter(revoked_at__isnull=False)

    def of_event(self, source_key: str, event: models.Model) -> "CertificateQuerySet":
        return self.filter(
            source_key=source_key, source_type=ContentType.objects.get_for_model(event), source_id=event.pk
        )

    def by_code(self, code: str) -> "Certificate | None":
        """Return the certificate whose full verification code (``<number>-<check part>``) is ``code``;
        a number alone, or with a wrong check part, finds nothing."""
        number, _sep, check = (code or "").strip().rpartition("-")
        if not number or len(check) != CHECK_LENGTH:
            return None
        certificate = self.filter(number=number).first()
        if certificate is None or not secrets.compare_digest(certificate.check_code.encode(), check.upper().encode()):
            return None
        return certificate

    def search(self, text: str) -> "CertificateQuerySet":
        return self.filter(words_q(text, "number", "holder_name", "event_title"))


class Certificate(models.Model):
    """An issued certificate or diploma. What it prints is stored, so the PDF and the
    verification page say the same thing even if the event or the name changes later."""

    number = models.CharField(_("number"), max_length=40, unique=True)
    check_code = models.CharField(_("check code"), max_length=CHECK_LENGTH, default=new_check_code, editable=False)
    year = models.PositiveSmallIntegerField(_("year of issue"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence number"), editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CERTIFICATE)
    holder = models.ForeignKey(
        Pedagogue, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("holder")
    )
    holder_name = models.CharField(_("holder's name as printed"), max_length=300)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by the municipality")
    )
    event_title = models.CharField(_("event"), max_length=500)
    event_date = models.DateField(_("event date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    line = models.CharField(_("result"), max_length=300, blank=True)
    issued_at = models.DateTimeField(pgettext_lazy("certificate document", "issued at"), default=timezone.now)
    issued_by = acting_user(pgettext_lazy("certificate document", "issued by"))
    source_key = models.CharField(_("source"), max_length=60)
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    revoked_by = acting_user(_("revoked by"))

    history = HistoricalRecords()
    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["municipality", "issued_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "holder", "kind"], name="certificates_once_per_event_holder_kind"
            ),
            models.UniqueConstraint(fields=["year", "sequence"], name="certificates_sequence_per_year"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""), name="certificates_revocation_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.holder_name}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:detail", args=[self.pk])

    @staticmethod
    def format_number(year: int, sequence: int) -> str:
        return f"{number_prefix()}-{year}-{sequence:06d}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def kind_title(self) -> str:
        return self.get_kind_display()

    @property
    def code(self) -> str:
        """The verification code printed on the document and in its QR code: the number and the check part."""
        return f"{self.number}-{self.check_code}"

    def verify_path(self) -> str:
        return reverse("certificates:verify", args=[self.code])

    def verify_url(self) -> str:
        """Return the absolute verification URL (percent-encoded, for the QR code and the API)."""
        return portal_base_url() + self.verify_path()

    def verify_url_display(self) -> str:
        """Return the verification URL as people read it (the number in Cyrillic)."""
        return uri_to_iri(self.verify_url())

    def status_text(self) -> str:
        if self.is_valid:
            return gettext("valid")
        return gettext("revoked {date}: {reason}").format(
            date=formats.date_format(timezone.localtime(self.revoked_at).date(), "d.m.Y"), reason=self.revoke_reason
        )

    def printed_fields(self) -> list[tuple[str, str]]:
        """Return (label, value) of what the document prints about its holder and event —
        the same list the verification page and the API show, and nothing more."""
        fields = [
            (gettext("Document"), self.get_kind_display()),
            (gettext("Number"), self.number),
            (gettext("Holder"), self.holder_name),
            (gettext("Event"), self.event_title),
            (gettext("Date"), formats.date_format(self.event_date, "d.m.Y")),
        ]
        if self.hours:
            fields.append((gettext("Hours"), formats.number_format(self.hours.normalize())))
        if self.line:
            fields.append((gettext("Result"), self.line))
        return fields

    @property
    def public_holder_name(self) -> str:
        return short_name(self.holder_name)

    def public_fields(self) -> list[tuple[str, str]]:
        """The printed fields as the public verification page shows them: the holder as «Иванова А. П.»."""
        holder = gettext("Holder")
        return [(label, self.public_holder_name if label == holder else value) for label, value in self.printed_fields()]

    def public_data(self) -> dict:
        """Return what the verification API answers (the printed fields, the holder shortened, the validity)."""
        return {
            "number": self.number,
            "kind": self.kind,
            "kind_title": self.get_kind_display(),
            "holder_name": self.public_holder_name,
            "event_title": self.event_title,
            "event_date": self.event_date.isoformat(),
            "hours": str(self.hours.normalize()) if self.hours else None,
            "result": self.line or None,
            "valid": self.is_valid,
            "revoked_on": timezone.localtime(self.revoked_at).date().isoformat() if self.revoked_at else None,
            "revoke_reason": self.revoke_reason or None,
            "status": self.status_text(),
            "verify_url": self.verify_url(),
        }

    def qr_code(self) -> str:
        """Return the QR code of the verification URL as an SVG data URI."""
        return segno.make(self.verify_url(), error="m").svg_data_uri(scale=4, border=2)

    def render_html(self, bodies: dict[str, str] | None = None) -> str:
        """Render the document's HTML; pass ``CertificateTemplate.objects.active_bodies()`` when
        rendering many."""
        if bodies is None:
            template = CertificateTemplate.objects.active_for(self.kind)
            body = template.body if template else DEFAULT_BODIES[self.kind]
        else:
            body = bodies[self.kind]
        context = {
            "certificate": self,
            "number": self.number,
            "code": self.code,
            "kind": self.kind,
            "kind_title": self.get_kind_display(),
            "holder_name": self.holder_name,
            "event_title": self.event_title,
            "event_date": self.event_date,
            "hours": self.hours.normalize() if self.hours else None,
            "line": self.line,
            "issued_on": timezone.localtime(self.issued_at).date(),
            "municipality": self.municipality.name,
            "verify_url": self.verify_url_display(),
            "qr_code": self.qr_code(),
            "revoked": not self.is_valid,
        }
        return Template(body).render(Context(context))

    def render_pdf(self, bodies: dict[str, str] | None = None) -> bytes:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher

        # Admin-edited templates may embed only data: URIs (the QR code, inline images),
        # never files of the server or other hosts.
        fetcher = URLFetcher(allowed_protocols={"data"})
        return HTML(string=self.render_html(bodies), url_fetcher=fetcher).write_pdf()

    def pdf_filename(self) -> str:
        return f"{self.number}.pdf"

    def revoke(self, *, reason: str, by) -> None:
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the revocation.")})
        self.revoked_at = timezone.now()
        self.revoke_reason = reason.strip()
        self.revoked_by = by
        self.save(update_fields=["revoked_at", "revoke_reason", "revoked_by"])

    def issued_on(self) -> datetime.date:
        return timezone.localtime(self.issued_at).date()
