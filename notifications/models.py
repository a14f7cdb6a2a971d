"""In-app notifications and each user's choice of channel per kind."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .kinds import DEFAULT_CHANNEL
from .kinds import Channel
from .kinds import Kind


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> "NotificationQuerySet":
        """Only the user's own notifications (nobody, not even an admin, reads another's)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        from core import freshness

        count = self.unread().update(read_at=timezone.now())
        freshness.records_changed()  # an update() sends no signal: the navbar's cached unread count
        return count


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    day = models.DateField(_("day"))
    created = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email = models.BooleanField(_("goes to the e-mail digest"), default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = [models.F("read_at").asc(nulls_first=True), "-created", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["email", "emailed_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "content_type", "object_id", "day"], name="notifications_once_a_day"
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "title", "day"], condition=Q(content_type__isnull=True),
                name="notifications_once_a_day_without_object",
            ),
            models.CheckConstraint(
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="notifications_target_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class PreferenceQuerySet(models.QuerySet):
    def channels_of(self, user) -> dict[str, str]:
        """Return every kind's channel for the user, defaults filled in."""
        chosen = dict(self.filter(user=user).values_list("kind", "channel"))
        return {kind: chosen.get(kind, DEFAULT_CHANNEL[kind]) for kind in Kind.values}


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    history = HistoricalRecords()
    objects = PreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notifications_preference_unique")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.channel}"
