"""Writes that touch several models: freezing a report, drafting an order from it."""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from core.models import AcademicYear, Municipality
from monitoring.computation import IndicatorResult, Results, compute, display
from monitoring.models import Direction, Order, Recommendation, ReportSnapshot


def build_snapshot(
    *, municipality: Municipality, year: AcademicYear, by=None, progress: Callable[[int, int], None] | None = None
) -> ReportSnapshot:
    """Compute the municipality's indicators for the year and freeze them (texts in the portal's language).

    ``progress(done, total)`` is called after each indicator of each of the two years (a background job shows
    it). The computation runs outside a transaction so that a job's progress updates are visible meanwhile;
    the snapshot is one INSERT.
    """
    with override(settings.LANGUAGE_CODE):
        results = compute(municipality, year, use_cache=False, progress=progress)
        data = results.to_json()
    return ReportSnapshot.objects.create(municipality=municipality, year=year, data=data, created_by=by)


def effect_phrase(item: IndicatorResult) -> str:
    """Return how item 2 names one positive dynamics: the passport's phrase or the generic template."""
    numbers = _("{previous} → {value}").format(
        previous=display(item.previous, item.unit), value=display(item.value, item.unit)
    )
    if item.effect:
        return "{effect} ({numbers})".format(effect=item.effect.strip().rstrip("."), numbers=numbers)
    return _("positive dynamics of the indicator «{title}» ({numbers})").format(
        title=item.title, numbers=numbers
    )


def quoted_list(titles: list[str]) -> str:
    return "; ".join(f"«{title}»" for title in titles)


def order_texts(results: Results) -> dict[str, str]:
    """Return the drafted texts of the order's fixed parts from the frozen results."""
    satisfactory = [d.title for d in results.satisfactory]
    effects = [effect_phrase(item) for item in results.positive_effects]
    return {
        "title": _("On the results of monitoring of the municipal methodical service"),
        "preamble": _(
            "In accordance with the work plan of the education department, the results of the municipal "
            "methodical service in supporting the professional development of the staff in the {year} academic "
            "year were monitored. On the basis of the analysis of the data obtained, I order:"
        ).format(year=results.year.replace("/", " – ")),
        "satisfactory": _(
            "Consider satisfactory the results of methodical support in such directions as {directions}."
        ).format(directions=quoted_list(satisfactory))
        if satisfactory
        else "",
        "effects": _("Note such positive effects as {effects}.").format(effects="; ".join(effects))
        if effects
        else "",
        "improvement": _(
            "In order to further improve the system of professional development it is necessary to:"
        ),
        "control": _("I reserve control over the execution of the order."),
    }


@transaction.atomic
def draft_order(*, snapshot: ReportSnapshot, by=None) -> Order:
    """Create a draft order from a frozen report: items 1–3 prefilled from the templates, no assignments yet."""
    results = Results.from_json(snapshot.data)
    with override(settings.LANGUAGE_CODE):
        texts = order_texts(results)
    order = Order.objects.create(
        municipality=snapshot.municipality,
        year=snapshot.year,
        snapshot=snapshot,
        signatory_position=_default_signatory_position(),
        **texts,
    )
    directions = {d.code: d for d in Direction.objects.all()}
    Recommendation.objects.bulk_create(
        Recommendation(
            order=order,
            direction=directions.get(result.code),
            position=position,
            text=result.recommendation,
        )
        for position, result in enumerate(results.without_positive_dynamics, start=1)
    )
    return order


def _default_signatory_position() -> str:
    with override(settings.LANGUAGE_CODE):
        return pgettext("order signature", "Head of the education department")
