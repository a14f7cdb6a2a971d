"""A background job: one unit of heavy work (a file export, a report build) with its progress and result."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobQuerySet(models.QuerySet):
    def for_user(self, user) -> "JobQuerySet":
        """A user sees only their own jobs; a superuser sees every job."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(owner=user)


def job_file_path(job: "Job", filename: str) -> str:
    """A deterministic place per job: re-running the job overwrites its file instead of adding another."""
    created = job.created
    return f"jobs/{created:%Y}/{created:%m}/{job.pk}/{filename}"


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    FILE = "file"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=64)
    label = models.CharField(_("title"), max_length=255)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    message = models.CharField(_("message"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    response_status = models.PositiveSmallIntegerField(_("HTTP status of the view"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=job_file_path, max_length=255, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=128, blank=True)
    result_url = models.CharField(_("result address"), max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["owner", "-created"], name="jobs_owner_created")]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="jobs_progress_max_100"),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def has_file(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    def download_url(self) -> str:
        return reverse("jobs:download", args=[self.pk]) if self.has_file else ""

    @property
    def badge_class(self) -> str:
        return {
            self.Status.QUEUED: "text-bg-secondary",
            self.Status.RUNNING: "text-bg-primary",
            self.Status.DONE: "text-bg-success",
            self.Status.FAILED: "text-bg-danger",
        }[self.status]
