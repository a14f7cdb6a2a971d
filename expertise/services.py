"""The writes of the review workflow: each one checks that the move is legal,
changes the request and its assignments, and logs the transition."""

from collections.abc import Iterable
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP
from decimal import Decimal
from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.scoping import roles_of
from expertise.models import TRANSITIONS
from expertise.models import Action
from expertise.models import Assignment
from expertise.models import CouncilOfficer
from expertise.models import Decision
from expertise.models import Expert
from expertise.models import RequestType
from expertise.models import ReviewRequest
from expertise.models import Score
from expertise.models import Status
from expertise.models import Transition
from expertise.models import recommendation_contradicts


class IllegalTransition(ValidationError):
    """The request is not in a state from which the action may be taken."""


def check_transition(request: ReviewRequest, action: str) -> str:
    """Return the status the action leads to; raise IllegalTransition with a message for the user."""
    if not request.can(action):
        raise IllegalTransition(
            _("Cannot {action}: the request is «{status}».").format(
                action=Action(action).label, status=request.get_status_display()
            )
        )
    return TRANSITIONS[action][1]


def _move(request: ReviewRequest, action: str, *, by, note: str = "") -> None:
    target = check_transition(request, action)
    Transition.objects.create(request=request, action=action, from_status=request.status, to_status=target, by=by,
                              note=note[:400])
    request.status = target


def conflict_of_interest(request: ReviewRequest, expert: Expert) -> bool:
    """An expert from the author's (or audited) institution may not review the request."""
    return expert.pedagogue.institution_id is not None and expert.pedagogue.institution_id == request.institution_id


@transaction.atomic
def submit_request(
    *,
    type: str,
    title: str,
    institution,
    by,
    description: str = "",
    authors: str = "",
    file=None,
    target=None,
    deadline: date | None = None,
    submitted_on: date | None = None,
) -> ReviewRequest:
    """Create a request in the "submitted" state and log it; ``submitted_on`` is the real day it came (a past
    one when a methodist enters a past year's request), today by default."""
    request = ReviewRequest(
        type=type, title=title, institution=institution, municipality_id=institution.municipality_id,
        description=description, authors=authors, submitted_by=by, deadline=deadline,
        submitted_on=submitted_on or timezone.localdate(),
    )
    request.check_dates()
    if file:
        request.file = file
    if target is not None:
        request.target = target
    request.save()
    Transition.objects.create(request=request, action=Action.SUBMIT, to_status=Status.SUBMITTED, by=by)
    return request


@transaction.atomic
def assign_experts(*, request: ReviewRequest, experts: Iterable[Expert], deadline: date, by) -> list[Assignment]:
    """Name the experts and the deadline; refuse experts of the author's institution or out of the register."""
    request = ReviewRequest.objects.select_for_update().get(pk=request.pk)
    check_transition(request, Action.ASSIGN)
    experts = list(experts)
    if not experts:
        raise ValidationError(_("Choose at least one expert."))
    today = timezone.localdate()
    if deadline < today:
        raise ValidationError(_("The deadline is in the past."))
    errors = []
    for expert in experts:
        if conflict_of_interest(request, expert):
            errors.append(
                _("{expert} works at {institution}, the author's institution (conflict of interest).").format(
                    expert=expert, institution=request.institution
                )
            )
        elif not expert.is_active_on(today):
            errors.append(_("{expert} is not in the register of experts today.").format(expert=expert))
        elif expert.municipality_id != request.municipality_id and not roles_of(by).is_global:
            errors.append(_("{expert} is an expert of another municipality.").format(expert=expert))
    if errors:
        raise ValidationError(errors)
    _move(request, Action.ASSIGN, by=by, note=", ".join(str(e) for e in experts))
    request.deadline = deadline
    request.save(update_fields=["status", "deadline"])
    assignments = [
        Assignment.objects.create(request=request, expert=expert, assigned_by=by, round=request.round)
        for expert in experts
    ]
    transaction.on_commit(partial(_notify_assigned, [a.pk for a in assignments]))
    return assignments


def _notify_assigned(assignment_pks: list[int]) -> None:
    from django.urls import reverse

    from notifications.kinds import Kind
    from notifications.services import notify

    for assignment in Assignment.objects.filter(pk__in=assignment_pks, expert__user__isnull=False).select_related(
        "request", "expert__user"
    ):
        notify(
            user=assignment.expert.user, kind=Kind.REVIEW_ASSIGNED,
            title=_("A review is assigned to you: «{title}»").format(title=assignment.request.title),
            url=reverse("expertise:review-form", args=[assignment.pk]), obj=assignment,
            body=_("Deadline: {date}.").format(date=assignment.request.deadline.strftime("%d.%m.%Y"))
            if assignment.request.deadline else "",
        )


def _notify_reviewed(request_pk: int) -> None:
    """Tell the council's chair and secretary that every review is in and the conclusion is theirs to give."""
    from notifications.kinds import Kind
    from notifications.services import notify

    request = ReviewRequest.objects.get(pk=request_pk)
    officers = CouncilOfficer.objects.filter(municipality_id=request.municipality_id).active_on(
        timezone.localdate()).select_related("user")
    for user in {officer.user for officer in officers}:
        notify(user=user, kind=Kind.REVIEWS_COMPLETE,
               title=_("The reviews of «{title}» are in: give the conclusion").format(title=request.title),
               url=request.get_absolute_url(), obj=request)


@transaction.atomic
def submit_review(
    *, assignment: Assignment, scores: Mapping[int, int], comment: str, by, recommendation: str = "",
    reason: str = "",
) -> Assignment:
    """Record the expert's scores per criterion and recommendation (with a ``reason`` when the recommendation
    contradicts the score); when the last expert is done, the request is reviewed and waits for the council's
    chair or secretary."""
    request = ReviewRequest.objects.select_for_update().get(pk=assignment.request_id)
    if assignment.expert.user_id != by.pk:
        raise PermissionDenied
    check_transition(request, Action.REVIEW)
    if assignment.is_done or assignment.round != request.round:
        raise IllegalTransition(_("This review has already been submitted."))
    criteria = request.criteria()
    if not criteria:
        raise ValidationError(_("No review criteria are configured for this request type."))
    errors = []
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None:
            errors.append(_("Score the criterion «{criterion}».").format(criterion=criterion))
        elif not 0 <= int(value) <= criterion.max_score:
            errors.append(
                _("The score for «{criterion}» must be from 0 to {max}.").format(
                    criterion=criterion, max=criterion.max_score
                )
            )
    if recommendation and recommendation not in Decision.values:
        errors.append(_("Choose a conclusion."))
    if errors:
        raise ValidationError(errors)
    total = sum(int(scores[criterion.pk]) for criterion in criteria)
    max_total = sum(criterion.max_score for criterion in criteria)
    if recommendation_contradicts(recommendation, total, max_total) and not reason.strip():
        raise ValidationError({"reason": _(
            "Your recommendation «{recommendation}» does not follow from the score {total} of {max}: say why."
        ).format(recommendation=Decision(recommendation).label, total=total, max=max_total)})
    Score.objects.bulk_create(
        Score(assignment=assignment, criterion=criterion, value=int(scores[criterion.pk])) for criterion in criteria
    )
    assignment.total = total
    assignment.max_total = max_total
    assignment.comment = comment
    assignment.recommendation = recommendation
    assignment.reason = reason.strip() if recommendation_contradicts(recommendation, total, max_total) else ""
    assignment.reviewed_at = timezone.now()
    assignment.save(update_fields=["total", "max_total", "comment", "recommendation", "reason", "reviewed_at"])
    if not request.current_assignments().filter(reviewed_at__isnull=True).exists():
        # The council's chair or secretary reads the reviews and decides; agreeing experts do not conclude.
        _move(request, Action.REVIEW, by=by)
        request.save(update_fields=["status"])
        transaction.on_commit(partial(_notify_reviewed, request.pk))
    return assignment


def combined_score(request: ReviewRequest) -> Decimal | None:
    """Return the experts' scores summed over the maximum, in per cent (one decimal)."""
    totals = request.current_assignments().filter(reviewed_at__isnull=False).aggregate(total=Sum("total"), max=Sum("max_total"))
    if not totals["max"]:
        return None
    return (Decimal(totals["total"]) * 100 / Decimal(totals["max"])).quantize(Decimal("0.1"), ROUND_HALF_UP)


@transaction.atomic
def conclude_request(
    *, request: ReviewRequest, decision: str, conclusion: str = "", by, concluded_on: date | None = None
) -> ReviewRequest:
    """Give the conclusion with the combined score on the day given (a past day entered after the fact) or
    today; tell the reviewed object (e.g. a bank item).

    Only the expert council's chair or secretary of the request's municipality concludes."""
    request = ReviewRequest.objects.select_for_update().get(pk=request.pk)
    if not ReviewRequest.objects.concludable_by(by).filter(pk=request.pk).exists():
        raise PermissionDenied(_("The conclusion is given by the expert council's chair or secretary."))
    if decision not in Decision.values:
        raise ValidationError(_("Choose a conclusion."))
    _move(request, Action.CONCLUDE, by=by, note=Decision(decision).label)
    request.decision = decision
    request.conclusion = conclusion
    request.combined_score = combined_score(request)
    request.concluded_on = concluded_on or timezone.localdate()
    request.check_dates()
    request.save(update_fields=["status", "decision", "conclusion", "combined_score", "concluded_on"])
    target = request.target
    if target is not None and hasattr(target, "review_concluded"):
        target.review_concluded(request)
    return request


@transaction.atomic
def resubmit_request(*, request: ReviewRequest, by, note: str = "") -> ReviewRequest:
    """Send a request concluded "to revise" back for a new review round (the old reviews stay in the log)."""
    request = ReviewRequest.objects.select_for_update().get(pk=request.pk)
    _move(request, Action.RESUBMIT, by=by, note=note)
    request.decision = ""
    request.concluded_on = None
    request.combined_score = None
    request.submitted_on = timezone.localdate()
    request.deadline = None
    # A new round: the experts are assigned anew; the earlier reviews stay on record.
    request.round += 1
    request.save(
        update_fields=["status", "decision", "concluded_on", "combined_score", "submitted_on", "deadline", "round"]
    )
    target = request.target
    if target is not None and hasattr(target, "review_resubmitted"):
        target.review_resubmitted(request)
    return request


def kept_because(request: ReviewRequest) -> str:
    """Why a request is no longer deleted by who submitted it: a review or a conclusion stays with its request.
    Empty while nothing was reviewed (the experts' assignments go with it)."""
    if request.status == Status.CONCLUDED:
        return _("The conclusion is issued: the request stays in the register with it.")
    if request.assignments.filter(reviewed_at__isnull=False).exists():
        return _("An expert has submitted a review: the request stays with it.")
    return ""


def open_review_for(target) -> ReviewRequest | None:
    from django.contrib.contenttypes.models import ContentType

    return (
        ReviewRequest.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        ).exclude(status=Status.CONCLUDED).first()
    )


__all__ = [
    "IllegalTransition", "RequestType", "assign_experts", "submit_review", "conclude_request", "resubmit_request",
    "submit_request", "conflict_of_interest", "combined_score", "open_review_for",
]
