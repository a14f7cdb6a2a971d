"""Stored indicator values: what the dashboards, breakdowns and the API read instead of computing.

``StoredValues`` holds every indicator's value of one scope (a municipality, or one institution of it) and
academic year, plus the municipality's per-institution breakdowns, with the moment they were computed.
``PendingRecomputation`` marks a (scope, year) whose records changed after its values were computed; the
worker (``monitoring.stored.recompute``) clears it. Neither is edited by people (no history): both are derived.
Imported by ``monitoring.models``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality


def scope_key_of(municipality_id: int, institution_id: int | None) -> str:
    return f"institution:{institution_id}" if institution_id else f"municipality:{municipality_id}"


class ScopeYear(models.Model):
    """A row about one scope (a municipality, or one institution of it) and academic year."""

    scope_key = models.CharField(_("scope"), max_length=40)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("institution"),
    )
    year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="+", verbose_name=_("year"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.scope_key} {self.year_id}"


class StoredValues(ScopeYear):
    # {indicator code: value as text or None}; {code: {institution id: value as text}} for a municipality.
    values = models.JSONField(_("values"), default=dict)
    # None until computed: the worker computes them with the values, a request only when it needs them.
    breakdowns = models.JSONField(_("breakdowns"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"))
    duration_ms = models.PositiveIntegerField(_("computation time, ms"), default=0)

    class Meta:
        verbose_name = _("stored indicator values")
        verbose_name_plural = _("stored indicator values")
        constraints = [
            models.UniqueConstraint(fields=["scope_key", "year"], name="monitoring_storedvalues_scope_year"),
        ]
        indexes = [models.Index(fields=["municipality", "year"], name="monitoring_stored_muni_year")]


class PendingRecomputation(ScopeYear):
    requested_at = models.DateTimeField(_("requested at"))

    class Meta:
        verbose_name = _("pending recomputation")
        verbose_name_plural = _("pending recomputations")
        constraints = [
            models.UniqueConstraint(fields=["scope_key", "year"], name="monitoring_pending_scope_year"),
        ]
        indexes = [models.Index(fields=["municipality", "year"], name="monitoring_pending_muni_year")]


class RenderedDashboard(models.Model):
    """A dashboard's body as last rendered (zlib-compressed HTML), so that an emptied or evicted cache is not a cold
    rendering (issue 18). One row per (scope, year, institution type, language); ``version`` digests what the body
    was rendered from (``monitoring.rendered``): a row whose version is not the current one is rendered again."""

    key = models.CharField(_("rendering key"), max_length=200, unique=True)
    version = models.CharField(_("version"), max_length=64)
    html = models.BinaryField(_("rendered HTML"))
    rendered_at = models.DateTimeField(_("rendered at"))

    class Meta:
        verbose_name = _("rendered dashboard")
        verbose_name_plural = _("rendered dashboards")

    def __str__(self) -> str:
        return self.key
