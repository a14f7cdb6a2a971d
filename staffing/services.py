"""Writes that touch a submission and its rows together."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from staffing.models import Need
from staffing.models import Submission
from staffing.models import SubmissionStatus
from staffing.models import posts_of

NEED_FIELDS = ("position", "subject", "rates", "weekly_hours", "reason", "vacant_since", "support", "requirements",
               "contact")


@transaction.atomic
def replace_needs(*, submission: Submission, needs: list[dict], by, entering: bool = False) -> int:
    """Replace every row of the (possibly not yet saved) draft with ``needs``; return how many were written.
    ``entering``: a methodist enters a paper answer (any year's campaign, open or not, not yet submitted)."""
    if submission.pk is None:
        submission, _created = Submission.objects.get_or_create(
            campaign=submission.campaign, institution=submission.institution
        )
    submission = Submission.objects.select_for_update().select_related("campaign").get(pk=submission.pk)
    editable = submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED) if entering \
        else submission.is_editable
    if not editable:
        raise ValidationError(_("The submission can no longer be changed."))
    submission.needs.all().delete()
    rows = [
        Need(submission=submission, posts=posts_of(data.get("rates"), data.get("weekly_hours"),
                                                   data["position"].norm_hours if data.get("position") else None),
             **{key: data[key] for key in NEED_FIELDS if data.get(key) is not None})
        for data in needs
    ]
    bulk_create_with_history(rows, Need, default_user=by)
    submission.no_needs = False
    submission.save()
    return len(rows)


@transaction.atomic
def save_submission(*, form, needs) -> Submission:
    """Save the submission's own fields and its rows from the form and the formset."""
    submission = form.save()
    needs.instance = submission
    needs.save()
    return submission


@transaction.atomic
def enter_on_behalf(*, form, needs, by) -> Submission:
    """Save the answer a methodist enters for an institution (from paper or e-mail) as submitted on the day
    it was received, marked as entered by the methodist; the institution's school users are told."""
    submission = save_submission(form=form, needs=needs)
    return mark_entered(submission=submission, received_on=form.cleaned_data["received_on"], by=by)


@transaction.atomic
def mark_entered(*, submission: Submission, received_on, by) -> Submission:
    """Submit the answer a methodist entered, on the day it was received, marked so; notify the institution."""
    submission.entered_by_methodist = True
    submission.submit(by=by, received_on=received_on)
    transaction.on_commit(partial(notify_entered, submission.pk))
    return submission


def notify_entered(submission_pk: int) -> None:
    """Tell the institution's school users that the methodist entered their staffing answer."""
    from django.urls import reverse

    from notifications.kinds import Kind
    from notifications.services import notify
    from notifications.services import school_users

    submission = Submission.objects.select_related("campaign", "institution", "submitted_by").get(pk=submission_pk)
    url = reverse("staffing:submission-detail", args=[submission.campaign_id, submission.institution_id])
    for user in school_users([submission.institution_id]).get(submission.institution_id, []):
        notify(user=user, kind=Kind.STAFFING_ENTERED, obj=submission, url=url,
               title=_("The methodist entered the staffing needs of {school} received on {day}").format(
                   school=submission.institution.short_name, day=submission.received_on.strftime("%d.%m.%Y")))


@transaction.atomic
def return_submission(*, submission: Submission, by, comment: str) -> None:
    """Send a staffing answer back to its school for corrections; its school users are told once it commits."""
    submission.return_for_corrections(by=by, comment=comment)
    transaction.on_commit(partial(notify_returned, submission.pk))


def notify_returned(submission_pk: int) -> None:
    """Tell the institution's school users that their staffing answer came back with the methodist's comment."""
    from django.urls import reverse

    from notifications.kinds import Kind
    from notifications.services import notify
    from notifications.services import school_users

    submission = Submission.objects.select_related("campaign", "institution").get(pk=submission_pk)
    url = reverse("staffing:submission-detail", args=[submission.campaign_id, submission.institution_id])
    for user in school_users([submission.institution_id]).get(submission.institution_id, []):
        notify(user=user, kind=Kind.STAFFING_RETURNED, obj=submission, url=url, body=submission.review_comment,
               title=_("The staffing needs of {school} are returned for corrections").format(
                   school=submission.institution.short_name))
