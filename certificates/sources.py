"""The certificate-source protocol: what an app offers to certify.

An app declares ``sources = [CertificateSource(...)]`` in ``<app>/certificate_sources.py``
(like the indicators in ``<app>/indicators.py``); the certificates app discovers them
and never imports a domain model. A source answers three questions:

- ``events_for(user)``: the events the user may issue for (a QuerySet, newest first),
  optionally narrowed by ``search(queryset, text)``;
- ``describe(event)``: what is printed about the event (``Event``);
- ``recipients(event)``: who gets a document and which (``Recipient``).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.discovery import domain_modules


class Kind(models.TextChoices):
    CERTIFICATE = "certificate", pgettext_lazy("certificate document", "Certificate")
    DIPLOMA = "diploma", _("Diploma")
    PARTICIPATION = "participation", _("Certificate of participation")


@dataclass(frozen=True)
class Event:
    """What a certificate prints about the event."""

    title: str
    date: datetime.date
    municipality_id: int
    hours: Decimal | None = None


@dataclass(frozen=True)
class Recipient:
    """One document to issue: the pedagogue, the kind, and the line printed under the name."""

    pedagogue: models.Model
    kind: str = Kind.CERTIFICATE
    line: str = ""  # e.g. «Победитель» or «в номинации …»


@dataclass(frozen=True)
class CertificateSource:
    key: str  # stable, "<app>.<what>", stored on every certificate
    title: str
    model: type[models.Model]
    events_for: Callable[[object], models.QuerySet]
    describe: Callable[[models.Model], Event]
    recipients: Callable[[models.Model], list[Recipient]]
    search: Callable[[models.QuerySet, str], models.QuerySet] | None = None
    event_url: Callable[[models.Model], str] | None = None
    # For the home page's «certificates to issue», in the database: the rows ``recipients`` reads (one per
    # pedagogue), the path from a row to its event and to its pedagogue, and the event's date field.
    recipient_rows: Callable[[], models.QuerySet] | None = None
    row_event: str = ""
    row_holder: str = "pedagogue"
    date_field: str = "date"


def all_sources() -> dict[str, CertificateSource]:
    """Return every app's sources by key, in the order of ``settings.DOMAIN_APPS``."""
    found: dict[str, CertificateSource] = {}
    for app, module in domain_modules("certificate_sources"):
        if app == "certificates":
            continue
        for source in getattr(module, "sources", []):
            if source.key in found:
                raise ImproperlyConfigured(f"Certificate source {source.key!r} is declared twice")
            found[source.key] = source
    return found


def get_source(key: str) -> CertificateSource | None:
    return all_sources().get(key)
