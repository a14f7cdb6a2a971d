"""Compute every registered indicator for a scope and a year, compare with the previous
year and the targets, and roll indicators up into directions (DOMAIN.md's rating rules).

``indicator_values`` is the single entry point to the indicators' values: the stored ones
(``monitoring.stored``) on a page, computed ones in the report build; everything else works on its result.
"""

from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from core.models import AcademicYear
from core.models import Institution
from monitoring.models import Direction
from monitoring.models import IndicatorPassport
from monitoring.models import Target
from monitoring.models import default_tolerance
from monitoring.registry import Better
from monitoring.registry import Unit
from monitoring.registry import registry
from monitoring.stored import CHART_YEARS  # how many academic years the dashboard's charts show

CACHE_SECONDS = int(getattr(settings, "MONITORING_CACHE_SECONDS", 300))
VERSION_KEY = "monitoring:values:version"


class Dynamics:
    POSITIVE = "positive"
    NONE = "none"
    NEGATIVE = "negative"
    UNKNOWN = "unknown"


class Rating:
    SATISFACTORY = "satisfactory"
    UNSATISFACTORY = "unsatisfactory"
    UNRATED = "unrated"


def scope_key(scope) -> str:
    kind = "institution" if isinstance(scope, Institution) else "municipality"
    return f"{kind}:{scope.pk}"


def invalidate_values() -> None:
    """Forget the cached dashboard renderings (directions, passports or targets changed how values are rated).

    The values themselves are stored (``monitoring.stored``) and go stale only for the records' own scopes."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def indicator_values(
    scope, year: AcademicYear, *, use_cache: bool = True, refresh: bool = False, on_computed=None
) -> dict[str, Decimal | int | None]:
    """Return ``{indicator code: value}`` of every registered indicator for the scope and year.

    By default the stored values (``monitoring.stored.read``: computed by the worker; a value not stored yet is
    None while it is queued). ``use_cache=False`` computes them now without storing (the report build);
    ``refresh`` computes and stores them. Each indicator runs its own fixed number of queries, so the total
    does not grow with the data; ``on_computed()`` is called after each indicator computed.
    """
    from monitoring import stored

    if refresh:
        values = stored.compute_values(scope, year, on_computed=on_computed)
        stored.store(scope, year, breakdowns=False, values=values)
        return {code: as_number(value) for code, value in values.items()}
    if not use_cache:
        values = {}
        for item in registry:
            values[item.code] = item.compute(scope, year)
            if on_computed is not None:
                on_computed()
        return values
    return stored.read(scope, [year]).entries[year.pk].value_map()


def plain(number: Decimal) -> str:
    """Return a Decimal without trailing zeros and without an exponent (60, not 6E+1)."""
    return format(number.normalize(), "f")


def as_number(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))


def display(value, unit: str) -> str:
    """Return a value as people read it: shares in percent with one decimal, the rest as numbers."""
    number = as_number(value)
    if number is None:
        return "—"
    if unit == Unit.SHARE:
        return f"{number * 100:.1f}".replace(".", ",") + " %"
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", "\u00a0")
    return f"{number:.2f}".replace(".", ",")


def dynamics_of(value, previous, *, unit: str, better: str, tolerance: Decimal) -> str:
    """Return positive / none / negative against last year, with the tolerance, reversed for lower-is-better."""
    value, previous = as_number(value), as_number(previous)
    if value is None or previous is None:
        return Dynamics.UNKNOWN
    change = value - previous
    if unit == Unit.SHARE:
        limit = tolerance / 100  # percentage points of a fraction
    elif previous:
        limit = abs(previous) * tolerance / 100
    else:
        limit = Decimal(0)
    if abs(change) <= limit:
        return Dynamics.NONE
    improved = change > 0 if better != Better.DOWN else change < 0
    return Dynamics.POSITIVE if improved else Dynamics.NEGATIVE


def rating_of(value, target, *, better: str) -> str:
    value, target = as_number(value), as_number(target)
    if value is None or target is None:
        return Rating.UNRATED
    meets = value >= target if better != Better.DOWN else value <= target
    return Rating.SATISFACTORY if meets else Rating.UNSATISFACTORY


@dataclass
class IndicatorResult:
    code: str
    title: str
    direction: str
    unit: str
    better: str
    rule: str
    source: str
    is_key: bool
    effect: str
    value: str | None  # Decimal as text, so that the result is JSON as it is
    previous: str | None
    target: str | None
    tolerance: str
    dynamics: str
    rating: str
    rating_rule: str = ""
    dynamics_rule: str = ""

    @property
    def value_display(self) -> str:
        return display(self.value, self.unit)

    @property
    def previous_display(self) -> str:
        return display(self.previous, self.unit)

    @property
    def target_display(self) -> str:
        return display(self.target, self.unit)

    @property
    def tolerance_display(self) -> str:
        if self.unit == Unit.SHARE:
            return _("±{value} p.p.").format(value=plain(as_number(self.tolerance)).replace(".", ","))
        return _("±{value} %").format(value=plain(as_number(self.tolerance)).replace(".", ","))

    @property
    def change_display(self) -> str:
        value, previous = as_number(self.value), as_number(self.previous)
        if value is None or previous is None:
            return "—"
        change = value - previous
        if self.unit == Unit.SHARE:
            text = f"{change * 100:+.1f}".replace(".", ",")
            return _("{value} p.p.").format(value=text)
        if previous:
            return f"{change:+g} ({change / previous * 100:+.1f} %)".replace(".", ",")
        return f"{change:+g}"


@dataclass
class DirectionResult:
    code: str
    title: str
    indicators: list[IndicatorResult] = field(default_factory=list)
    rating: str = Rating.UNRATED
    has_positive: bool = False
    rating_rule: str = ""
    recommendation: str = ""
    has_dynamics: bool = False  # some deciding indicator has values for both years

    @property
    def key_indicators(self) -> list[IndicatorResult]:
        return [item for item in self.indicators if item.is_key]

    @property
    def no_positive_dynamics(self) -> bool:
        """Listed in item 3 of the order: none of its key indicators improved (and there was data to tell)."""
        return self.has_dynamics and not self.has_positive


@dataclass
class Results:
    year: str
    previous_year: str | None
    scope: str
    directions: list[DirectionResult]

    @property
    def indicators(self) -> list[IndicatorResult]:
        return [item for direction in self.directions for item in direction.indicators]

    def indicator(self, code: str) -> IndicatorResult | None:
        return next((item for item in self.indicators if item.code == code), None)

    @property
    def satisfactory(self) -> list[DirectionResult]:
        return [d for d in self.directions if d.rating == Rating.SATISFACTORY]

    @property
    def without_positive_dynamics(self) -> list[DirectionResult]:
        return [d for d in self.directions if d.no_positive_dynamics]

    @property
    def weak(self) -> list[DirectionResult]:
        """Return the directions item 3 of the order answers with a measure: rated unsatisfactory or without
        positive dynamics, in the directions' order."""
        return [d for d in self.directions if d.rating == Rating.UNSATISFACTORY or d.no_positive_dynamics]

    @property
    def positive_effects(self) -> list[IndicatorResult]:
        """Return the improvements item 2 of the order names: every improved indicator of a satisfactory
        direction (with the passport's phrase or one built from its title)."""
        return [
            item
            for direction in self.satisfactory
            for item in direction.indicators
            if item.dynamics == Dynamics.POSITIVE
        ]

    @property
    def unsatisfactory_improvements(self) -> list[IndicatorResult]:
        """Return the improved indicators of directions rated unsatisfactory (item 2 says they fall short)."""
        return [
            item
            for direction in self.directions
            if direction.rating == Rating.UNSATISFACTORY
            for item in direction.indicators
            if item.dynamics == Dynamics.POSITIVE
        ]

    def keep_meaningful_for_institution(self) -> None:
        """Drop the indicators that say nothing about one institution: those it has no value of in either year,
        and counts that are zero in both (a kindergarten's «city methodical associations active: 0»). A share
        of zero stays: it is the institution's own figure."""

        def meaningful(item: IndicatorResult) -> bool:
            value, previous = as_number(item.value), as_number(item.previous)
            if value is None and previous is None:
                return False
            return item.unit == Unit.SHARE or bool(value) or bool(previous)

        for direction in self.directions:
            direction.indicators = [item for item in direction.indicators if meaningful(item)]

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Results":
        directions = [
            DirectionResult(**{**d, "indicators": [IndicatorResult(**item) for item in d["indicators"]]})
            for d in data["directions"]
        ]
        return cls(
            year=data["year"], previous_year=data["previous_year"], scope=data["scope"], directions=directions
        )


def _text(value) -> str | None:
    return None if value is None else str(value)


def _rating_rule(item: IndicatorResult) -> str:
    if item.target is None:
        return _("No target is set for this year.")
    sign = "≥" if item.better != Better.DOWN else "≤"
    verdict = _("met") if item.rating == Rating.SATISFACTORY else _("not met")
    if item.value is None:
        return _("Target {sign} {target}; no value.").format(sign=sign, target=item.target_display)
    return _("Target {sign} {target}; value {value}: {verdict}.").format(
        sign=sign, target=item.target_display, value=item.value_display, verdict=verdict
    )


def _dynamics_rule(item: IndicatorResult) -> str:
    if item.dynamics == Dynamics.UNKNOWN:
        return _("No value for one of the two years.")
    direction = _("higher is better") if item.better != Better.DOWN else _("lower is better")
    return _("{previous} → {value} ({change}); tolerance {tolerance}, {direction}.").format(
        previous=item.previous_display,
        value=item.value_display,
        change=item.change_display,
        tolerance=item.tolerance_display,
        direction=direction,
    )


def _rate_direction(direction: DirectionResult) -> None:
    # Key indicators decide; a direction with none flagged is judged by all of its indicators.
    deciding = direction.key_indicators or direction.indicators
    rated = [item for item in deciding if item.rating != Rating.UNRATED]
    good = [item for item in rated if item.rating == Rating.SATISFACTORY]
    direction.has_positive = any(item.dynamics == Dynamics.POSITIVE for item in deciding)
    direction.has_dynamics = any(item.dynamics != Dynamics.UNKNOWN for item in deciding)
    if not rated:
        direction.rating = Rating.UNRATED
        direction.rating_rule = _("No key indicator has a target and a value.")
        return
    direction.rating = Rating.SATISFACTORY if len(good) * 2 > len(rated) else Rating.UNSATISFACTORY
    direction.rating_rule = _(
        "{good} of {rated} key indicators meet their targets; satisfactory when more than half do."
    ).format(good=len(good), rated=len(rated))


def evaluate(
    values: dict, previous: dict, year: AcademicYear, previous_year: AcademicYear | None, scope
) -> Results:
    """Turn two years of values into ratings and dynamics (three queries: directions, passports, targets)."""
    passports = IndicatorPassport.objects.registered_by_code()
    targets = Target.objects.effective_for(year)
    results = Results(
        year=year.title,
        previous_year=previous_year.title if previous_year else None,
        scope=str(scope),
        directions=[],
    )
    by_code = {}
    for direction in Direction.objects.ordered():
        result = DirectionResult(
            code=direction.code, title=direction.title, recommendation=direction.recommendation_text()
        )
        results.directions.append(result)
        by_code[direction.code] = result
    # An institution's panel and rating leave out what it has no value of its own of (a share of institutions).
    for item in registry.for_scope(scope):
        passport = passports.get(item.code)
        target = targets.get(item.code)
        tolerance = target.effective_tolerance() if target else default_tolerance(item.unit)
        value, prev = values.get(item.code), previous.get(item.code)
        result = IndicatorResult(
            code=item.code,
            title=str(item.title),
            direction=item.direction,
            unit=item.unit,
            better=item.better,
            rule=str(item.rule),
            source=str(item.source),
            is_key=passport.is_key if passport else item.key,
            effect=passport.effect if passport else "",
            value=_text(value),
            previous=_text(prev),
            target=plain(target.value) if target else None,
            tolerance=str(tolerance),
            dynamics=dynamics_of(value, prev, unit=item.unit, better=item.better, tolerance=tolerance),
            rating=rating_of(value, target.value if target else None, better=item.better),
        )
        result.rating_rule = _rating_rule(result)
        result.dynamics_rule = _dynamics_rule(result)
        by_code[item.direction].indicators.append(result)
    for direction in results.directions:
        _rate_direction(direction)
    return results


def compute(scope, year: AcademicYear, *, use_cache: bool = True, progress=None, state=None) -> Results:
    """Return every indicator of the scope for the year and the previous year, rated and rolled up.

    Reads the stored values (``state``: a ``monitoring.stored.State`` already read for these years, else read
    here); ``use_cache=False`` computes them now. ``progress(done, total)`` is called after each indicator
    computed (not for stored values).
    """
    from monitoring import stored

    previous_year = year.previous()
    if use_cache:
        if state is None:
            state = stored.read(scope, [year, previous_year])
        values = state.entries[year.pk].value_map()
        previous = state.entries[previous_year.pk].value_map() if previous_year else {}
        return evaluate(values, previous, year, previous_year, scope)
    tick = None
    if progress is not None:
        total, done = len(registry) * (2 if previous_year else 1), 0

        def tick():
            nonlocal done
            done += 1
            progress(done, total)

    values = indicator_values(scope, year, use_cache=False, on_computed=tick)
    previous = indicator_values(scope, previous_year, use_cache=False, on_computed=tick) if previous_year else {}
    return evaluate(values, previous, year, previous_year, scope)


def chart_years(year: AcademicYear, *, years: int = CHART_YEARS) -> list[AcademicYear]:
    """Up to ``years`` academic years ending with ``year``, oldest first."""
    known = AcademicYear.objects.directory(must_have=year.start_year)
    return [each for start, each in known.items() if start <= year.start_year][-years:]


def series(scope, year: AcademicYear, *, years: int = CHART_YEARS, state=None) -> tuple[list[str], dict[str, list]]:
    """Return the titles of up to ``years`` academic years ending with ``year`` that have any value, and
    ``{code: [value per year]}`` for the charts (from the stored values; ``state`` when already read)."""
    from monitoring import stored

    span = chart_years(year, years=years)
    if state is None:
        state = stored.read(scope, span)
    columns = [(y, state.entries[y.pk].value_map()) for y in span if y.pk in state.entries]
    columns = [(y, values) for y, values in columns if any(v is not None for v in values.values())]
    titles = [y.title for y, _values in columns]
    data = {item.code: [_float(values.get(item.code)) for _y, values in columns] for item in registry}
    return titles, data


def _float(value):
    return None if value is None else float(value)
