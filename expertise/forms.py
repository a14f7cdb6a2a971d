from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.autocomplete import autocomplete_field
from core.forms import BootstrapFormMixin
from core.models import Institution
from core.models import Pedagogue
from core.scoping import Role
from core.scoping import roles_of
from expertise.models import Decision
from expertise.models import Expert
from expertise.models import RequestType
from expertise.models import ReviewRequest


class RequestForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ReviewRequest
        fields = ["type", "title", "institution", "authors", "description", "file", "submitted_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        roles = roles_of(user)
        self.fields["institution"].queryset = (
            Institution.objects.editable_by(user) | Institution.objects.filter(pk__in=roles.institution_ids)
        ).active().distinct()
        self.fields["institution"].help_text = _("The author's institution, or the audited one for an audit.")
        autocomplete_field(self.fields["institution"], "institutions", params={"active": 1})
        types = [(v, label) for v, label in RequestType.choices if v != RequestType.BANK_ITEM]
        if not roles.has(Role.METHODIST, Role.HEAD):
            types = [(v, label) for v, label in types if v != RequestType.AUDIT]
            del self.fields["submitted_on"]  # an author's request is dated the day it is sent
        else:
            self.fields["submitted_on"].help_text = _("Enter a past day for a request received on paper.")
            self.fields["submitted_on"].initial = timezone.localdate()
        self.fields["type"].choices = [("", "---------"), *types]


class AssignForm(BootstrapFormMixin, forms.Form):
    experts = forms.ModelMultipleChoiceField(
        label=_("Experts"), queryset=Expert.objects.none(), widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"required": _("Choose at least one expert.")},
    )
    deadline = forms.DateField(label=_("Deadline"))

    def __init__(self, *args, request: ReviewRequest, **kwargs):
        super().__init__(*args, **kwargs)
        experts = (
            Expert.objects.filter(municipality=request.municipality)
            .active_on(timezone.localdate())
            .select_related("pedagogue__institution")
        )
        self.fields["experts"].queryset = experts
        autocomplete_field(self.fields["experts"], "experts", params={"municipality": request.municipality_id})
        self.initial.setdefault("deadline", timezone.localdate() + timezone.timedelta(days=14))

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline is in the past."))
        return deadline


class ReviewForm(BootstrapFormMixin, forms.Form):
    """The review form: one score per criterion of the request type, and a comment."""

    comment = forms.CharField(label=_("Comment and recommendations"), widget=forms.Textarea(attrs={"rows": 5}))
    recommendation = forms.ChoiceField(label=_("Your recommendation"), choices=Decision.choices,
                                       widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why the recommendation differs from the score"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when «Recommended» comes with under half the points or «Rejected» with three "
                    "quarters or more."),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        comment = self.fields.pop("comment")
        recommendation = self.fields.pop("recommendation")
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title, coerce=int,
                choices=[("", "—")] + [(n, str(n)) for n in range(criterion.max_score + 1)],
                help_text=_("from 0 to {max}").format(max=criterion.max_score),
                widget=forms.Select(attrs={"class": "form-select"}),
                error_messages={"required": _("Score this criterion.")},
            )
        self.fields["comment"] = comment
        self.fields["recommendation"] = recommendation
        self.fields["reason"] = self.fields.pop("reason")
        recommendation.widget.attrs["class"] = "form-check-input"

    def scores(self) -> dict[int, int]:
        return {criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}


class ConcludeForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Conclusion"), choices=Decision.choices, widget=forms.RadioSelect)
    conclusion = forms.CharField(label=_("Text of the conclusion"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    concluded_on = forms.DateField(
        label=_("concluded on"), required=False,
        help_text=_("The day of the council's conclusion: today unless you enter a past one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].widget.attrs["class"] = "form-check-input"


class ExpertForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Expert
        fields = ["pedagogue", "user", "specialisations", "subjects", "active_from", "active_to"]
        widgets = {"subjects": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pedagogue"].queryset = Pedagogue.objects.editable_by(user).select_related("institution")
        autocomplete_field(self.fields["pedagogue"], "pedagogues", params={"editable": 1})
        from django.contrib.auth import get_user_model

        municipalities = roles_of(user).municipality_ids_for(Role.METHODIST, Role.HEAD)
        users = get_user_model().objects.filter(roles__role=Role.EXPERT)
        if not roles_of(user).is_admin:
            users = users.filter(roles__municipality_id__in=municipalities)
        self.fields["user"].queryset = users.distinct()
        self.fields["user"].required = False

    def save(self, commit=True):
        self.instance.municipality_id = self.instance.pedagogue.municipality_id
        return super().save(commit)
