"""Who looked at whom, and whose data was erased (152-ФЗ).

``log_access(request, ...)`` writes one row per request that shows or exports personal data (a pedagogue's
record, the staff list and its export, diagnoses, the pedagogues API): who, when, what, how many rows. It is
one INSERT, never one per row. The log is kept ``settings.ACCESS_LOG_DAYS`` days (``purge_access_log``, run
by the daily ``jobs.purge`` and ``manage.py purge_access_log``).

``erase_person(...)`` answers a person's request to erase their data: the names and contacts of the
pedagogue record (and its change history) are replaced, the linked account is closed; the record stays with
its employments, categories, completions and diagnoses, so the indicators of past years count it as before.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AccessKind(models.TextChoices):
    VIEW = "view", _("Viewed a record")
    LIST = "list", _("Viewed a list")
    EXPORT = "export", _("Exported")
    API = "api", _("Read through the API")


class AccessLog(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("user"),
    )
    # Kept as text too: the entry still says who it was after the account is deleted.
    username = models.CharField(_("user name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=AccessKind.choices)
    what = models.CharField(_("what"), max_length=50, help_text=_("The kind of records, e.g. core.pedagogue."))
    object_id = models.PositiveIntegerField(_("record id"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    path = models.CharField(_("address"), max_length=500)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]
        indexes = [models.Index(fields=["what", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.what} ({self.rows})"


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def log_access(request, what: str, *, kind: str, rows: int, object_id: int | None = None) -> None:
    """Record that the request's user saw ``rows`` records of ``what`` (one INSERT)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    AccessLog.objects.create(
        user=user, username=user.get_username(), kind=kind, what=what, object_id=object_id, rows=rows,
        path=request.get_full_path()[:500], ip=client_ip(request),
    )


class CountingRows:
    """Wrap the rows of an export's sheet to learn how many were written, without a second query."""

    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def purge_access_log(*, days: int | None = None, now: datetime.datetime | None = None) -> int:
    """Delete entries older than ``days`` (``settings.ACCESS_LOG_DAYS``); return how many."""
    days = settings.ACCESS_LOG_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _by_model = AccessLog.objects.filter(at__lt=cutoff).delete()
    return deleted


# --- erasure on request (152-ФЗ) -------------------------------------------------------------------------


class Erasure(models.Model):
    """A person's data erased on their request: by whom, when and why (kept, unlike the access log)."""

    pedagogue = models.ForeignKey(
        "core.Pedagogue", on_delete=models.PROTECT, related_name="erasures", verbose_name=_("pedagogue")
    )
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("erased by")
    )
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("erasure of personal data")
        verbose_name_plural = _("erasures of personal data")
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return gettext("Erasure No. {number}").format(number=self.pk)


ERASED_NAME = _("Erased")


@dataclass
class ErasureResult:
    erasure: Erasure
    history_rows: int


@transaction.atomic
def erase_person(*, pedagogue, by, reason: str) -> ErasureResult:
    """Replace the pedagogue's names and contacts, drop the change history that holds the old ones and close
    the linked account; keep the record and everything counted from it (employments, categories, hours,
    diagnoses), so past indicators do not change. Only an administrator may do it, with a reason."""
    from core.scoping import roles_of

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": gettext("Give the reason for the erasure (the person's request).")})
    if not roles_of(by).is_admin:
        raise ValidationError(gettext("Only an administrator erases a person's data."))
    erasure = Erasure.objects.create(pedagogue=pedagogue, erased_by=by, reason=reason)
    history_rows, _by_model = pedagogue.history.all().delete()
    account = pedagogue.user
    pedagogue.last_name = str(ERASED_NAME)
    pedagogue.first_name = gettext("No. {number}").format(number=pedagogue.pk)
    pedagogue.middle_name = ""
    pedagogue.email = ""
    pedagogue.phone = ""
    pedagogue.user = None
    pedagogue._change_reason = gettext("Erased on request (erasure No. {number})").format(number=erasure.pk)
    pedagogue.save()
    if apps.is_installed("certificates"):
        # The name printed on the person's certificates (and kept in their history) goes too.
        certificate = apps.get_model("certificates", "Certificate")
        certificate.objects.filter(holder=pedagogue).update(holder_name=pedagogue.full_name)
        if hasattr(certificate, "history"):
            certificate.history.filter(holder_id=pedagogue.pk).update(holder_name=pedagogue.full_name)
    if account is not None:
        account.first_name = account.last_name = account.email = ""
        account.is_active = False
        account.set_unusable_password()
        account.save()
    return ErasureResult(erasure=erasure, history_rows=history_rows)


class AccessLoggedMixin:
    """For a viewset of personal data: its list and detail answers are logged (one INSERT per request)."""

    access_what = ""

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if response.status_code == 200:
            data = response.data
            rows = len(data.get("results", ())) if isinstance(data, dict) else len(data)
            log_access(request, self.access_what, kind=AccessKind.API, rows=rows)
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if response.status_code == 200:
            log_access(request, self.access_what, kind=AccessKind.API, rows=1, object_id=response.data.get("id"))
        return response
