"""Issuing certificates in bulk for an event of a source."""

import datetime
from dataclasses import dataclass
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db import transaction
from django.db.models import Exists
from django.db.models import OuterRef
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core import freshness

from .models import Certificate
from .models import NumberCounter
from .signals import certificate_issued
from .sources import CertificateSource
from .sources import Recipient


def academic_year_start(today: datetime.date) -> datetime.date:
    return datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def waiting_events(source: CertificateSource, user, today: datetime.date) -> models.QuerySet | None:
    """Return the user's events of the source held this academic year (up to today) with a recipient who has
    no certificate of the event yet: what the home page counts and the issue page lists. ``None`` when the
    source does not say who its recipients are in the database."""
    if source.recipient_rows is None:
        return None
    issued = Certificate.objects.filter(
        source_key=source.key,
        source_id=OuterRef(f"{source.row_event}_id"),
        holder_id=OuterRef(f"{source.row_holder}_id"),
    )
    missing = source.recipient_rows().filter(**{source.row_event: OuterRef("pk")}).filter(~Exists(issued))
    held = {f"{source.date_field}__range": (academic_year_start(today), today)}
    return source.events_for(user).filter(**held).filter(Exists(missing))


@dataclass
class PreviewRow:
    recipient: Recipient
    certificate: Certificate | None  # the one already issued, if any


def preview_recipients(*, source: CertificateSource, event: models.Model) -> list[PreviewRow]:
    """Return the event's recipients (each pedagogue and kind once) with the certificate already issued."""
    issued = {
        (c.holder_id, c.kind): c for c in Certificate.objects.of_event(source.key, event).only(
            "pk", "number", "holder_id", "kind", "revoked_at"
        )
    }
    rows, seen = [], set()
    for recipient in source.recipients(event):
        key = (recipient.pedagogue.pk, recipient.kind)
        if key in seen:
            continue
        seen.add(key)
        rows.append(PreviewRow(recipient, issued.get(key)))
    return rows


@transaction.atomic
def issue_certificates(*, source: CertificateSource, event: models.Model, by) -> list[Certificate]:
    """Issue the missing certificates of an event in one transaction and return the new ones.

    Issuing twice adds nothing: a (event, holder, kind) that has a certificate is skipped.
    ``certificate_issued`` is sent for each new certificate after the commit.
    """
    pending = [row.recipient for row in preview_recipients(source=source, event=event) if row.certificate is None]
    if not pending:
        return []
    described = source.describe(event)
    now = timezone.now()
    year = timezone.localtime(now).year
    source_type = ContentType.objects.get_for_model(event)
    certificates = [
        Certificate(
            number=Certificate.format_number(year, sequence),
            year=year,
            sequence=sequence,
            kind=recipient.kind,
            holder=recipient.pedagogue,
            holder_name=recipient.pedagogue.full_name,
            municipality_id=described.municipality_id,
            event_title=described.title[:500],
            event_date=described.date,
            hours=described.hours,
            line=recipient.line[:300],
            issued_at=now,
            issued_by=by,
            source_key=source.key,
            source_type=source_type,
            source_id=event.pk,
        )
        for recipient, sequence in zip(pending, NumberCounter.allocate(year, len(pending)), strict=True)
    ]
    bulk_create_with_history(certificates, Certificate, default_user=by)
    # Re-read: not every backend returns the primary keys of a bulk insert.
    created = list(
        Certificate.objects.filter(number__in=[c.number for c in certificates]).select_related("holder")
    )
    freshness.bulk_written(created)  # a bulk insert sends no signals: the home page's counts
    for certificate in created:
        transaction.on_commit(partial(certificate_issued.send, sender=Certificate, certificate=certificate))
    return created
