"""Writes that touch a submission and its rows together."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from staffing.models import Need, Submission, posts_of

NEED_FIELDS = ("position", "subject", "rates", "weekly_hours", "reason", "vacant_since", "support", "requirements",
               "contact")


@transaction.atomic
def replace_needs(*, submission: Submission, needs: list[dict], by) -> int:
    """Replace every row of the (possibly not yet saved) draft with ``needs``; return how many were written."""
    if submission.pk is None:
        submission, _created = Submission.objects.get_or_create(
            campaign=submission.campaign, institution=submission.institution
        )
    submission = Submission.objects.select_for_update().select_related("campaign").get(pk=submission.pk)
    if not submission.is_editable:
        raise ValidationError(_("The submission can no longer be changed."))
    submission.needs.all().delete()
    rows = [
        Need(submission=submission, posts=posts_of(data.get("rates"), data.get("weekly_hours")),
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
