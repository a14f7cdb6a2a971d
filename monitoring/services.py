"""Writes that touch several models: freezing a report, drafting an order from it, and the execution control of
its tasks (report, accept, return, extend, remind) with the notifications they send."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.utils.translation import pgettext

from core.models import AcademicYear
from core.models import Municipality
from monitoring.computation import IndicatorResult
from monitoring.computation import Results
from monitoring.computation import as_number
from monitoring.computation import compute
from monitoring.computation import display
from monitoring.models import Assignment
from monitoring.models import AssignmentEvent
from monitoring.models import AssignmentStatus
from monitoring.models import Direction
from monitoring.models import Order
from monitoring.models import Recommendation
from monitoring.models import ReportSnapshot
from monitoring.models import TaskEventKind
from monitoring.registry import Better
from notifications.kinds import Kind
from notifications.services import notify


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


# --- the wording of the order ------------------------------------------------------------------------------


def _first_time(item: IndicatorResult) -> bool:
    previous = as_number(item.previous)
    return previous is not None and previous == 0


def change_phrase(item: IndicatorResult) -> str:
    """Return the figures of a change as a sentence carries them: «с 46,6 % до 59,9 %», «впервые 3», «без
    изменений (21,6 %)» when both years read the same."""
    value = _nbsp(display(item.value, item.unit))
    previous = _nbsp(display(item.previous, item.unit))
    if value == previous:
        return _("unchanged ({value})").format(value=value)
    if _first_time(item):
        return _("for the first time {value}").format(value=value)
    return _("from {previous} to {value}").format(previous=previous, value=value)


def _nbsp(figure: str) -> str:
    """Keep «63,5 %» on one line of the document."""
    return figure.replace(" %", "\u00a0%")


def effect_phrase(item: IndicatorResult) -> str:
    """Return how item 2 names one positive dynamics, the figures inside the sentence: the passport's phrase
    followed by them, or a phrase built from the indicator's title."""
    if item.effect.strip():
        phrase = item.effect.strip().rstrip(".;")
        if _first_time(item):
            return _("{effect}: {change}").format(effect=phrase, change=change_phrase(item))
        return f"{phrase} {change_phrase(item)}"
    value = _nbsp(display(item.value, item.unit))
    if _first_time(item):
        return _("for the first time the indicator «{title}» reached {value}").format(title=item.title, value=value)
    if item.better == Better.DOWN:
        template = _("decrease of the indicator «{title}» from {previous} to {value}")
    else:
        template = _("growth of the indicator «{title}» from {previous} to {value}")
    return template.format(title=item.title, previous=_nbsp(display(item.previous, item.unit)), value=value)


def quoted_list(titles: list[str]) -> str:
    return "; ".join(f"«{title}»" for title in titles)


def effects_text(results: Results) -> str:
    """Return item 2: the improvements of satisfactory directions, then — saying so — those of directions rated
    unsatisfactory."""
    parts = []
    effects = [effect_phrase(item) for item in results.positive_effects]
    if effects:
        parts.append(_("Note such positive effects as {effects}.").format(effects="; ".join(effects)))
    titles = {d.code: d.title for d in results.directions}
    by_direction: dict[str, list[str]] = {}
    for item in results.unsatisfactory_improvements:
        by_direction.setdefault(item.direction, []).append(effect_phrase(item))
    if by_direction:
        groups = "; ".join(
            _("in the direction «{direction}»: {effects}").format(direction=titles[code], effects=", ".join(phrases))
            for code, phrases in by_direction.items()
        )
        parts.append(
            _(
                "The positive dynamics in the directions rated unsatisfactory is not yet enough to reach the "
                "targets: {groups}."
            ).format(groups=groups)
        )
    return " ".join(parts)


def order_texts(results: Results) -> dict[str, str]:
    """Return the drafted texts of the order's fixed parts from the frozen results."""
    satisfactory = [d.title for d in results.satisfactory]
    return {
        "title": _("On the results of monitoring of the municipal methodical service"),
        "preamble": _(
            "In accordance with the work plan of the education department, the results of the municipal "
            "methodical service in supporting the professional development of the staff in the {year} academic "
            "year were monitored. On the basis of the analysis of the data obtained, I order:"
        ).format(year=results.year.replace("/", "–")),
        "satisfactory": _(
            "Consider satisfactory the results of methodical support in such directions as {directions}."
        ).format(directions=quoted_list(satisfactory))
        if satisfactory
        else "",
        "effects": effects_text(results),
        "improvement": _(
            "In order to further improve the system of professional development it is necessary to:"
        ),
        "control": _("I reserve control over the execution of the order."),
    }


# --- the effect of last year's measures (the last step of the МУКО cycle) ---------------------------------------


@dataclass
class MeasureEffect:
    number: str
    text: str
    direction: str
    status: str
    term: str
    effective: bool | None  # None: no direction to judge by, or no data for both years
    dynamics: str  # this year's figures of the direction's deciding indicators

    @property
    def effect_label(self) -> str:
        if self.effective is None:
            return _("cannot be judged")
        return _("effective") if self.effective else _("not yet effective")


def previous_order(municipality: Municipality, year: AcademicYear) -> Order | None:
    """Return the issued order of the academic year before ``year`` (the latest, when there are several)."""
    previous = year.previous()
    if previous is None:
        return None
    return (
        Order.objects.issued()
        .filter(municipality=municipality, year=previous)
        .select_related("year")
        .order_by("-date", "-pk")
        .first()
    )


def measures_effect(order: Order | None, results: Results) -> list[MeasureEffect]:
    """Return, for each measure (item 3.x) and assignment of last year's ``order``, its task's status and whether
    its direction's indicators moved this year (``results``)."""
    if order is None:
        return []
    directions = {d.code: d for d in results.directions}
    tasks = {task.measure_id: task for task in order.assignments.filter(measure__isnull=False)}
    rows = []
    for item in order.numbered_items():
        for child in item.get("children", []):
            measure = child["measure"]
            task = tasks.get(measure.pk)
            code = measure.direction.code if measure.direction_id else None
            rows.append(_effect_row(child["number"], measure.text, task, directions.get(code)))
        if "assignment" in item:
            rows.append(_effect_row(item["number"], item["assignment"].sentence(), item["assignment"], None))
    return rows


def _effect_row(number: str, text: str, task: Assignment | None, direction) -> MeasureEffect:
    effective, dynamics = None, ""
    if direction is not None:
        deciding = direction.key_indicators or direction.indicators
        if direction.has_dynamics:
            effective = direction.has_positive
        dynamics = "; ".join(
            f"{i.title}: {change_phrase(i)}"
            for i in deciding
            if i.value is not None and i.previous is not None
        )
    return MeasureEffect(
        number=number,
        text=text,
        direction=direction.title if direction is not None else "",
        status=task.get_status_display() if task is not None else "—",
        term=task.term_display if task is not None else "—",
        effective=effective,
        dynamics=dynamics,
    )


def evaluation_text(order: Order | None, rows: list[MeasureEffect]) -> str:
    """Return the order's paragraph on the effect of last year's measures (empty without last year's order)."""
    if order is None or not rows:
        return ""
    effective = [row.direction for row in rows if row.effective]
    not_yet = [row.direction for row in rows if row.effective is False]
    done = sum(1 for row in rows if row.status == str(AssignmentStatus.DONE.label))
    parts = [
        _("Assessment of the effectiveness of the measures taken by the order No. {number} of {date}:").format(
            number=order.number, date=order.date.strftime("%d.%m.%Y")
        )
    ]
    if effective:
        parts.append(
            _("the measures in the directions {directions} led to positive dynamics of their indicators;").format(
                directions=quoted_list(effective)
            )
        )
    if not_yet:
        parts.append(
            _("in the directions {directions} there is no positive dynamics yet;").format(
                directions=quoted_list(not_yet)
            )
        )
    parts.append(_("{done} of {total} measures and assignments are done.").format(done=done, total=len(rows)))
    return " ".join(parts)


# --- drafting and issuing --------------------------------------------------------------------------------------


@transaction.atomic
def draft_order(*, snapshot: ReportSnapshot, by=None) -> Order:
    """Create a draft order from a frozen report: items 1–3 prefilled (item 3 with a measure for every direction
    rated unsatisfactory or without positive dynamics, from the direction's recommendation text) and the
    assessment of last year's measures; no assignments yet."""
    results = Results.from_json(snapshot.data)
    with override(settings.LANGUAGE_CODE):
        texts = order_texts(results)
        last = previous_order(snapshot.municipality, snapshot.year)
        texts["evaluation"] = evaluation_text(last, measures_effect(last, results))
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
            # The head edits the text on the direction's page before drafting: today's text, not the snapshot's.
            text=directions[result.code].recommendation_text() if result.code in directions else result.recommendation,
        )
        for position, result in enumerate(results.weak, start=1)
    )
    return order


def _default_signatory_position() -> str:
    with override(settings.LANGUAGE_CODE):
        return pgettext("order signature", "Head of the education department")


@transaction.atomic
def issue_order(
    *, order: Order, number: str, date: datetime.date, signatory_position: str, signatory_name: str, by
) -> Order:
    """Issue the order and tell every executor of its tasks (measures and assignments) about their new task."""
    order.issue(
        number=number, date=date, signatory_position=signatory_position, signatory_name=signatory_name, by=by
    )
    ids = list(order.assignments.values_list("pk", flat=True))
    transaction.on_commit(partial(_notify_new_tasks, ids))
    return order


def _task_url(task: Assignment) -> str:
    return reverse("monitoring:task-detail", args=[task.pk])


def _tell(user, kind: str, title: str, task: Assignment, body: str = "", **options):
    """Notify the user of the task, linked to its page; ``title`` gets the first 80 characters of its text."""
    return notify(user=user, kind=kind, title=title.format(text=task.text[:80]), url=_task_url(task), obj=task,
                  body=body, **options)


def _order_line(task: Assignment) -> str:
    return _("{order}: {text}\nTerm: {term}.").format(order=task.order, text=task.text, term=task.term_display)


def _notify_new_tasks(ids: list[int]) -> None:
    with override(settings.LANGUAGE_CODE):
        for task in Assignment.objects.filter(pk__in=ids).select_related("order", "responsible", "follower"):
            for user in {task.responsible, task.follower} - {None}:
                _tell(user, Kind.ASSIGNMENT_NEW, _("New task: {text}"), task, _order_line(task))


def _event(task: Assignment, kind: str, by, comment: str = "", previous_term: str = "", new_term: str = ""):
    return AssignmentEvent.objects.create(
        assignment=task, kind=kind, by=by, comment=comment, previous_term=previous_term, new_term=new_term
    )


@transaction.atomic
def report_task(*, task: Assignment, by, comment: str) -> None:
    """The executor reports the task done; the issuer is told and accepts or returns it."""
    if not task.may_report(by):
        raise ValidationError(_("Only the executor of an open task can report it."))
    task.complete(comment=comment)
    _event(task, TaskEventKind.REPORTED, by, comment)
    issuer = task.order.issued_by
    if issuer is not None and issuer != by:
        transaction.on_commit(
            lambda: _tell(issuer, Kind.ASSIGNMENT_REPORTED, _("Reported as done: {text}"), task, comment)
        )


def _require_control(task: Assignment, by) -> None:
    if not task.may_control(by):
        raise ValidationError(_("Only the issuer of the order or the head can do this."))


@transaction.atomic
def accept_task(*, task: Assignment, by, comment: str = "") -> None:
    _require_control(task, by)
    if task.status != AssignmentStatus.REPORTED:
        raise ValidationError(_("Only a reported task can be accepted."))
    task.status = AssignmentStatus.DONE
    task._task_save(["status"])
    _event(task, TaskEventKind.ACCEPTED, by, comment)


@transaction.atomic
def return_task(*, task: Assignment, by, comment: str) -> None:
    """Send a reported task back to work with the issuer's comment; the executor is told."""
    _require_control(task, by)
    if task.status != AssignmentStatus.REPORTED:
        raise ValidationError(_("Only a reported task can be returned."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what is to be redone.")})
    task.status, task.completed_at = AssignmentStatus.OPEN, None
    task._task_save(["status", "completed_at"])
    _event(task, TaskEventKind.RETURNED, by, comment)
    executor = task.executor
    transaction.on_commit(
        lambda: _tell(executor, Kind.ASSIGNMENT_RETURNED, _("Returned for rework: {text}"), task, comment)
    )


@transaction.atomic
def extend_task(*, task: Assignment, by, reason: str, deadline: datetime.date | None = None, term: str = "") -> None:
    """Move a task's term (a new date or a term in words) for a stated reason."""
    _require_control(task, by)
    if task.status == AssignmentStatus.DONE:
        raise ValidationError(_("A done task keeps its term."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    if bool(deadline) == bool(term.strip()):
        raise ValidationError({"deadline": _("Give either a new date or a new term in words.")})
    previous = task.term_display
    task.deadline, task.term = deadline, "" if deadline else term.strip()
    task._task_save(["deadline", "term"])
    _event(task, TaskEventKind.EXTENDED, by, reason, previous_term=previous, new_term=task.term_display)


@transaction.atomic
def remind_task(*, task: Assignment, by, today: datetime.date | None = None) -> bool:
    """Send the executor a reminder now (once a day); return whether one was sent."""
    _require_control(task, by)
    if task.status != AssignmentStatus.OPEN or task.executor is None:
        return False
    today = today or timezone.localdate()
    overdue = task.is_overdue(today)
    kind = Kind.ASSIGNMENT_OVERDUE if overdue else Kind.ASSIGNMENT_DUE
    title = _("Overdue: {text}") if overdue else _("Reminder: {text}")
    sent = _tell(task.executor, kind, title, task, _order_line(task), today=today)
    if sent is not None:
        _event(task, TaskEventKind.REMINDED, by)
    return sent is not None

