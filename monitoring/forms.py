from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapFormMixin
from core.models import AcademicYear, InstitutionType
from core.validators import document_validators
from monitoring.computation import plain
from monitoring.models import Assignment, Direction, IndicatorPassport, Order, Recommendation
from monitoring.registry import Unit


class FilterForm(BootstrapFormMixin, forms.Form):
    year = forms.ModelChoiceField(AcademicYear.objects.all(), label=_("Year"), to_field_name="start_year")
    institution_type = forms.ChoiceField(
        label=_("Institution type"), required=False, choices=[("", _("All types")), *InstitutionType.choices]
    )


class DirectionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Direction
        fields = ["title", "order", "recommendation"]
        widgets = {"recommendation": forms.Textarea(attrs={"rows": 4})}


class PassportForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = IndicatorPassport
        fields = ["is_key", "effect"]


class TargetForm(BootstrapFormMixin, forms.Form):
    """The target and tolerance of one indicator for a year, in the units people use (percent for shares)."""

    target = forms.DecimalField(label=_("Target"), required=False, max_digits=14, decimal_places=4)
    tolerance = forms.DecimalField(
        label=_("Tolerance"), required=False, min_value=0, max_digits=8, decimal_places=2
    )

    def __init__(self, *args, passport: IndicatorPassport, **kwargs):
        self.passport = passport
        super().__init__(*args, **kwargs)
        if passport.unit == Unit.SHARE:
            self.fields["target"].help_text = _("percent")
            self.fields["target"].validators.append(_percent_validator)
            self.fields["tolerance"].help_text = _("percentage points")
        else:
            self.fields["tolerance"].help_text = _("percent of last year's value")
        self.fields["target"].widget.attrs["aria-label"] = _("Target for {title}").format(
            title=passport.display_title
        )
        self.fields["tolerance"].widget.attrs["aria-label"] = _("Tolerance for {title}").format(
            title=passport.display_title
        )

    def clean_target(self):
        value = self.cleaned_data["target"]
        if value is None:
            return None
        if self.passport.unit == Unit.SHARE:
            return (value / Decimal(100)).quantize(Decimal("0.0001"))
        return value


def _percent_validator(value):
    if value is not None and not (0 <= value <= 100):
        raise forms.ValidationError(_("A share is between 0 and 100 percent."))


def to_form_target(passport: IndicatorPassport, value: Decimal | None):
    if value is None:
        return None
    return plain(value * 100 if passport.unit == Unit.SHARE else value)


class OrderForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Order
        fields = [
            "title",
            "preamble",
            "satisfactory",
            "effects",
            "improvement",
            "control",
            "signatory_position",
        ]
        widgets = {
            "preamble": forms.Textarea(attrs={"rows": 3}),
            "satisfactory": forms.Textarea(attrs={"rows": 3}),
            "effects": forms.Textarea(attrs={"rows": 3}),
            "improvement": forms.Textarea(attrs={"rows": 2}),
        }


class RecommendationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


def staff_users(municipality):
    """Return the users who may be made responsible for an assignment: the municipality's staff and schools."""
    return (
        get_user_model()
        .objects.filter(
            Q(roles__municipality=municipality) | Q(roles__institution__municipality=municipality),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "username")
    )


class AssignmentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["responsible", "addressee", "text", "deadline", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "deadline": forms.DateInput()}

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.fields["responsible"].queryset = staff_users(municipality)
        self.fields["responsible"].label_from_instance = lambda user: user.get_full_name() or user.username


RecommendationFormSet = forms.inlineformset_factory(
    Order, Recommendation, form=RecommendationForm, extra=1, can_delete=True
)
AssignmentFormSet = forms.inlineformset_factory(
    Order, Assignment, form=AssignmentForm, extra=2, can_delete=True
)


class IssueForm(BootstrapFormMixin, forms.Form):
    number = forms.CharField(label=_("Number"), max_length=30)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput())
    signatory_position = forms.CharField(label=_("Signatory's position"), max_length=300)
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200, help_text=_("e.g. Egorova O.Yu."))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class CompletionForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(label=_("Files"), required=False, validators=document_validators())
