"""Writes that touch several training records at once."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import freshness
from core.models import AcademicYear
from core.models import Pedagogue
from training.models import Answer
from training.models import Diagnosis
from training.models import DiagnosisKind
from training.models import ItemStatus
from training.models import Route
from training.models import RouteItem
from training.models import Statement
from training.models import Suggestion


@transaction.atomic
def save_answers(*, diagnosis: Diagnosis, scores: dict[int, int], finish: bool) -> Diagnosis:
    """Store the scores (statement id → 0..3) of a diagnosis; with ``finish`` close it.

    A diagnosis can be saved half-done and continued; finishing needs every statement rated.
    """
    if diagnosis.is_completed:
        raise ValidationError(_("This diagnosis is completed and cannot be changed."))
    known = set(Statement.objects.values_list("pk", flat=True))
    for statement_id, score in scores.items():
        if statement_id not in known or score not in (0, 1, 2, 3):
            raise ValidationError(_("A score must be 0, 1, 2 or 3."))
    existing = {a.statement_id: a for a in diagnosis.answers.all()}
    to_create, to_update = [], []
    for statement_id, score in scores.items():
        if statement_id in existing:
            answer = existing[statement_id]
            if answer.score != score:
                answer.score = score
                to_update.append(answer)
        else:
            to_create.append(Answer(diagnosis=diagnosis, statement_id=statement_id, score=score))
    Answer.objects.bulk_create(to_create)
    Answer.objects.bulk_update(to_update, ["score"])
    if to_create or to_update:
        freshness.bulk_written([diagnosis])  # no signals from bulk writes: the diagnosis's scope and year
    if finish:
        if diagnosis.answers.count() < len(known):
            raise ValidationError(_("Rate every statement to finish the diagnosis."))
        diagnosis.completed_at = timezone.now()
        diagnosis.save(update_fields=["completed_at"])
    return diagnosis


def start_diagnosis(*, pedagogue: Pedagogue, kind: str, by, year: AcademicYear | None = None) -> Diagnosis:
    """Return the pedagogue's unfinished diagnosis of that kind, or a new one (save and continue)."""
    draft = Diagnosis.objects.filter(pedagogue=pedagogue, kind=kind, completed_at__isnull=True).first()
    if draft and kind == DiagnosisKind.SELF:
        return draft
    year = year or AcademicYear.objects.current()
    return Diagnosis.objects.create(pedagogue=pedagogue, kind=kind, year=year, recorded_by=by)


@transaction.atomic
def create_route(*, pedagogue: Pedagogue, year: AcademicYear, goal: str = "") -> Route:
    """Create the pedagogue's route for the year, based on their latest completed diagnosis."""
    if Route.objects.filter(pedagogue=pedagogue, year=year).exists():
        raise ValidationError(_("A route for {year} already exists.").format(year=year))
    diagnosis = Diagnosis.objects.completed().filter(pedagogue=pedagogue).order_by("-completed_at").first()
    return Route.objects.create(pedagogue=pedagogue, year=year, diagnosis=diagnosis, goal=goal)


@transaction.atomic
def add_suggestion(*, route: Route, suggestion: Suggestion, deadline: datetime.date | None) -> RouteItem:
    item = RouteItem.objects.create(
        route=route,
        kind=suggestion.kind,
        title=suggestion.title,
        programme=suggestion.programme,
        activity=suggestion.activity,
        deadline=deadline or route.year.end,
        order=route.items.count() + 1,
    )
    item.competencies.set(suggestion.competency_ids)
    return item


@transaction.atomic
def submit_evidence(*, item: RouteItem, file=None, link: str = "", note: str = "") -> RouteItem:
    if item.status == ItemStatus.ACCEPTED:
        raise ValidationError(_("An accepted item cannot be changed."))
    if not file and not link and not item.has_evidence:
        raise ValidationError(_("Attach a file or give a link."))
    if file:
        item.evidence_file = file
    if link:
        item.evidence_link = link
    item.evidence_note = note
    item.status = ItemStatus.SUBMITTED
    item.submitted_at = timezone.now()
    item.full_clean(exclude=["route", "programme", "activity", "reviewed_by"])
    item.save()
    return item


@transaction.atomic
def review_item(*, item: RouteItem, accept: bool, comment: str, by) -> RouteItem:
    """The tutor accepts the evidence or returns the item with a comment."""
    if item.status != ItemStatus.SUBMITTED:
        raise ValidationError(_("Only submitted evidence can be reviewed."))
    if not accept and not comment.strip():
        raise ValidationError(_("Say in the comment what to fix."))
    item.status = ItemStatus.ACCEPTED if accept else ItemStatus.RETURNED
    item.review_comment = comment
    item.reviewed_by = by
    item.reviewed_at = timezone.now()
    item.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at"])
    return item


