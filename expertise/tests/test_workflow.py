import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils import translation

from expertise.models import Action
from expertise.models import Criterion
from expertise.models import Decision
from expertise.models import Status
from expertise.models import Transition
from expertise.services import IllegalTransition
from expertise.services import assign_experts
from expertise.services import conclude_request
from expertise.services import resubmit_request
from expertise.services import submit_request
from expertise.services import submit_review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in their English source form."""
    with translation.override("en"):
        yield

DEADLINE = timezone.localdate() + datetime.timedelta(days=10)


def full_scores(request, value=None):
    return {c.pk: (c.max_score if value is None else value) for c in request.criteria()}


def reviewed(request, experts, methodist, values=(None,)):
    assign_experts(request=request, experts=experts, deadline=DEADLINE, by=methodist)
    for expert, value in zip(experts, values * len(experts), strict=False):
        assignment = request.assignments.get(expert=expert)
        submit_review(assignment=assignment, scores=full_scores(request, value), comment="Хорошо", by=expert.user)
    request.refresh_from_db()
    return request


def test_submit_creates_a_submitted_request_with_a_logged_transition(school, school_user):
    request = submit_request(type="manual", title="Пособие", institution=school, by=school_user)

    assert request.status == Status.SUBMITTED
    assert request.municipality == school.municipality
    log = list(request.transitions.values_list("action", "from_status", "to_status", "by__username"))
    assert log == [("submit", "", "submitted", "school")]


def test_assigning_experts_moves_to_assigned_and_logs_who(submitted, expert_entry, second_expert, methodist):
    assignments = assign_experts(request=submitted, experts=[expert_entry, second_expert], deadline=DEADLINE,
                                 by=methodist)

    submitted.refresh_from_db()
    assert submitted.status == Status.ASSIGNED
    assert submitted.deadline == DEADLINE
    assert len(assignments) == 2
    last = submitted.transitions.last()
    assert (last.action, last.from_status, last.to_status, last.by) == ("assign", "submitted", "assigned", methodist)


def test_expert_from_the_authors_institution_is_refused(submitted, same_school_expert, expert_entry, methodist):
    with pytest.raises(ValidationError) as error:
        assign_experts(request=submitted, experts=[expert_entry, same_school_expert], deadline=DEADLINE, by=methodist)

    assert "conflict of interest" in error.value.messages[0]
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert submitted.assignments.count() == 0


def test_expert_out_of_the_register_is_refused(submitted, expert_entry, methodist):
    expert_entry.active_to = timezone.localdate() - datetime.timedelta(days=1)
    expert_entry.active_from = expert_entry.active_to - datetime.timedelta(days=100)
    expert_entry.save()

    with pytest.raises(ValidationError, match="not in the register"):
        assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)


def test_assigning_without_experts_or_with_a_past_deadline_is_refused(submitted, expert_entry, methodist):
    with pytest.raises(ValidationError, match="at least one expert"):
        assign_experts(request=submitted, experts=[], deadline=DEADLINE, by=methodist)
    with pytest.raises(ValidationError, match="in the past"):
        assign_experts(request=submitted, experts=[expert_entry], deadline=timezone.localdate() - datetime.timedelta(days=1),
                       by=methodist)


def test_request_is_reviewed_only_when_every_expert_has_submitted(submitted, expert_entry, second_expert, methodist):
    assign_experts(request=submitted, experts=[expert_entry, second_expert], deadline=DEADLINE, by=methodist)
    first = submitted.assignments.get(expert=expert_entry)

    submit_review(assignment=first, scores=full_scores(submitted), comment="Рекомендую", by=expert_entry.user)
    submitted.refresh_from_db()
    assert submitted.status == Status.ASSIGNED
    first.refresh_from_db()
    assert (first.total, first.max_total) == (12, 12)

    submit_review(assignment=submitted.assignments.get(expert=second_expert), scores=full_scores(submitted, 1),
                  comment="Доработать оформление", by=second_expert.user)
    submitted.refresh_from_db()
    assert submitted.status == Status.REVIEWED
    assert submitted.transitions.last().by == second_expert.user


def test_only_the_assigned_expert_may_submit_the_review(submitted, expert_entry, second_expert, methodist):
    assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    assignment = submitted.assignments.get()

    with pytest.raises(PermissionDenied):
        submit_review(assignment=assignment, scores=full_scores(submitted), comment="", by=second_expert.user)


def test_a_review_needs_every_criterion_within_its_range(submitted, expert_entry, methodist):
    assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    assignment = submitted.assignments.get()
    criteria = submitted.criteria()
    scores = full_scores(submitted)
    scores[criteria[0].pk] = 7
    del scores[criteria[1].pk]

    with pytest.raises(ValidationError) as error:
        submit_review(assignment=assignment, scores=scores, comment="", by=expert_entry.user)

    assert len(error.value.messages) == 2
    assert assignment.scores.count() == 0


def test_a_review_cannot_be_submitted_twice(submitted, expert_entry, second_expert, methodist):
    assign_experts(request=submitted, experts=[expert_entry, second_expert], deadline=DEADLINE, by=methodist)
    assignment = submitted.assignments.get(expert=expert_entry)
    submit_review(assignment=assignment, scores=full_scores(submitted), comment="", by=expert_entry.user)

    with pytest.raises(IllegalTransition, match="already been submitted"):
        submit_review(assignment=assignment, scores=full_scores(submitted), comment="", by=expert_entry.user)


def test_conclusion_gives_the_combined_score_over_every_review(submitted, expert_entry, second_expert, methodist):
    request = reviewed(submitted, [expert_entry, second_expert], methodist)
    request.assignments.filter(expert=second_expert).update(total=6)  # 12 + 6 of 24

    request = conclude_request(request=request, decision=Decision.RECOMMENDED, conclusion="Рекомендовано", by=methodist)

    assert request.status == Status.CONCLUDED
    assert request.decision == Decision.RECOMMENDED
    assert request.combined_score == Decimal("75.0")
    assert request.concluded_on == timezone.localdate()
    assert request.on_time is True
    assert list(request.transitions.values_list("action", flat=True)) == ["submit", "assign", "review", "conclude"]


def test_every_transition_is_logged_in_order(submitted, expert_entry, methodist):
    request = reviewed(submitted, [expert_entry], methodist)
    conclude_request(request=request, decision=Decision.REVISE, by=methodist)
    resubmit_request(request=request, by=submitted.submitted_by)

    log = list(Transition.objects.filter(request=submitted).values_list("action", "from_status", "to_status"))
    assert log == [
        ("submit", "", "submitted"),
        ("assign", "submitted", "assigned"),
        ("review", "assigned", "reviewed"),
        ("conclude", "reviewed", "concluded"),
        ("resubmit", "concluded", "submitted"),
    ]


def test_resubmission_starts_a_new_round_and_keeps_the_old_reviews(submitted, expert_entry, second_expert, methodist):
    request = reviewed(submitted, [expert_entry], methodist)
    conclude_request(request=request, decision=Decision.REVISE, by=methodist)

    request = resubmit_request(request=request, by=methodist)

    assert (request.status, request.round, request.decision, request.combined_score) == ("submitted", 2, "", None)
    assign_experts(request=request, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    assert request.assignments.count() == 2
    assert request.current_assignments().get().reviewed_at is None


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (Status.SUBMITTED, {Action.ASSIGN}),
        (Status.ASSIGNED, {Action.REVIEW}),
        (Status.REVIEWED, {Action.CONCLUDE}),
        (Status.CONCLUDED, set()),  # rejected/recommended: final
    ],
)
def test_only_the_legal_actions_are_possible_in_each_state(submitted, status, allowed):
    submitted.status = status
    if status == Status.CONCLUDED:
        submitted.decision = Decision.REJECTED
    possible = {action for action in (Action.ASSIGN, Action.REVIEW, Action.CONCLUDE, Action.RESUBMIT)
                if submitted.can(action)}
    assert possible == allowed


def test_only_a_request_to_revise_can_be_resubmitted(submitted, expert_entry, methodist):
    request = reviewed(submitted, [expert_entry], methodist)
    conclude_request(request=request, decision=Decision.REJECTED, by=methodist)

    with pytest.raises(IllegalTransition, match="Concluded"):
        resubmit_request(request=request, by=methodist)


def test_illegal_transitions_are_refused_with_a_message(submitted, expert_entry, methodist):
    with pytest.raises(IllegalTransition) as error:
        conclude_request(request=submitted, decision=Decision.RECOMMENDED, by=methodist)
    assert error.value.messages == ["Cannot conclude: the request is «Submitted»."]
    with pytest.raises(IllegalTransition):
        resubmit_request(request=submitted, by=methodist)

    assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    with pytest.raises(IllegalTransition, match="assign experts"):
        assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    with pytest.raises(IllegalTransition, match="Experts assigned"):
        conclude_request(request=submitted, decision=Decision.RECOMMENDED, by=methodist)

    request = submitted
    submit_review(assignment=request.assignments.get(), scores=full_scores(request), comment="", by=expert_entry.user)
    request.refresh_from_db()
    with pytest.raises(IllegalTransition):
        assign_experts(request=request, experts=[expert_entry], deadline=DEADLINE, by=methodist)

    conclude_request(request=request, decision=Decision.RECOMMENDED, by=methodist)
    with pytest.raises(IllegalTransition, match="Concluded"):
        conclude_request(request=request, decision=Decision.REJECTED, by=methodist)
    with pytest.raises(IllegalTransition):
        submit_review(assignment=request.assignments.get(), scores=full_scores(request), comment="",
                      by=expert_entry.user)
    assert request.transitions.count() == 4


def test_criteria_are_configured_per_request_type():
    assert Criterion.objects.filter(type="audit").count() == 4
    assert set(Criterion.objects.values_list("type", flat=True)) == {
        "audit", "recommendations", "manual", "project", "research", "pd_programme", "bank_item"}


def test_unanimous_recommendations_do_not_conclude_the_request(submitted, expert_entry, second_expert, methodist,
                                                               django_capture_on_commit_callbacks):
    from notifications.models import Notification

    assign_experts(request=submitted, experts=[expert_entry, second_expert], deadline=DEADLINE, by=methodist)
    with django_capture_on_commit_callbacks(execute=True):
        for expert in (expert_entry, second_expert):
            submit_review(assignment=submitted.assignments.get(expert=expert), scores=full_scores(submitted),
                          comment="", recommendation=Decision.RECOMMENDED, by=expert.user)

    submitted.refresh_from_db()
    # the council's chair decides; the experts' agreement gives no conclusion by itself
    assert (submitted.status, submitted.decision, submitted.conclusion) == ("reviewed", "", "")
    assert list(Notification.objects.filter(kind="reviews_complete").values_list("user__username", "url")) == [
        ("methodist", f"/expertise/{submitted.pk}/")]


def test_split_recommendations_wait_for_the_chair(submitted, expert_entry, second_expert, methodist):
    assign_experts(request=submitted, experts=[expert_entry, second_expert], deadline=DEADLINE, by=methodist)
    for expert, advice in ((expert_entry, Decision.RECOMMENDED), (second_expert, Decision.REVISE)):
        submit_review(assignment=submitted.assignments.get(expert=expert), scores=full_scores(submitted),
                      comment="", recommendation=advice, by=expert.user)

    submitted.refresh_from_db()
    assert (submitted.status, submitted.decision) == ("reviewed", "")


def test_only_the_councils_chair_or_secretary_concludes(submitted, expert_entry, methodist, head, council_chair):
    from expertise.models import CouncilDuty
    from expertise.models import CouncilOfficer

    assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    submit_review(assignment=submitted.assignments.get(), scores=full_scores(submitted), comment="",
                  recommendation=Decision.RECOMMENDED, by=expert_entry.user)
    with pytest.raises(PermissionDenied):
        conclude_request(request=submitted, decision=Decision.RECOMMENDED, by=head)  # a head without the duty
    council_chair.until = timezone.localdate() - datetime.timedelta(days=1)
    council_chair.save()
    with pytest.raises(PermissionDenied):
        conclude_request(request=submitted, decision=Decision.RECOMMENDED, by=methodist)  # the duty has ended

    CouncilOfficer.objects.create(municipality=submitted.municipality, user=head, duty=CouncilDuty.SECRETARY,
                                  since=timezone.localdate())
    request = conclude_request(request=submitted, decision=Decision.REVISE, conclusion="Доработать", by=head)

    assert (request.status, request.decision, request.conclusion) == ("concluded", "revise", "Доработать")
    assert request.transitions.last().by == head


def test_a_council_officer_must_be_a_methodist_or_head_of_the_municipality(city, expert):
    from expertise.models import CouncilOfficer

    officer = CouncilOfficer(municipality=city, user=expert)
    with pytest.raises(ValidationError) as error:
        officer.full_clean()
    assert "user" in error.value.message_dict


def test_a_recommendation_contradicting_the_score_needs_a_reason(submitted, expert_entry, methodist):
    assign_experts(request=submitted, experts=[expert_entry], deadline=DEADLINE, by=methodist)
    assignment = submitted.assignments.get()
    with pytest.raises(ValidationError) as error:
        submit_review(assignment=assignment, scores=full_scores(submitted, 0), comment="Слабо",
                      recommendation=Decision.RECOMMENDED, by=expert_entry.user)
    assert error.value.message_dict["reason"] == [
        "Your recommendation «Recommended» does not follow from the score 0 of 12: say why."]
    assignment.refresh_from_db()
    assert not assignment.is_done

    submit_review(assignment=assignment, scores=full_scores(submitted, 0), comment="Слабо",
                  recommendation=Decision.RECOMMENDED, reason="Тема нужна городу, оформление поправимо",
                  by=expert_entry.user)
    assignment.refresh_from_db()
    assert (assignment.total, assignment.reason) == (0, "Тема нужна городу, оформление поправимо")


@pytest.mark.parametrize(("score", "recommendation", "contradicts"), [
    (0, Decision.RECOMMENDED, True), (1, Decision.RECOMMENDED, True), (2, Decision.RECOMMENDED, False),
    (3, Decision.REJECTED, True), (2, Decision.REJECTED, False), (0, Decision.REVISE, False),
    (3, Decision.REVISE, False),
])
def test_which_recommendations_contradict_the_score(score, recommendation, contradicts):
    from expertise.models import recommendation_contradicts

    # four criteria of 3 points: 12 at most; 4 (33 %) and 8 (67 %) and 12 (100 %)
    assert recommendation_contradicts(recommendation, score * 4, 12) is contradicts


