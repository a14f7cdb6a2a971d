from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapFormMixin
from core.models import AcademicYear
from core.models import InstitutionType
from core.validators import document_validators
from monitoring.computation import plain
from monitoring.models import Assignment
from monitoring.models import Direction
from monitoring.models import IndicatorPassport
from monitoring.models import Order
from monitoring.models import Recommendation
from monitoring.registry import Unit


class FilterForm(BootstrapFormMixin, forms.Form):
    # No empty choice: a page always shows one year.
    year = forms.ModelChoiceField(
        AcademicYear.objects.all(), label=_("Year"), to_field_name="start_year", empty_label=None
    )
    institution_type = forms.ChoiceField(
        label=_("Institution type"), required=False, choices=[("", _("All types")), *InstitutionType.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # From the earliest year with records to the next one; a year asked for by URL stays choosable.
        chosen = self.initial.get("year")
        chosen = chosen if isinstance(chosen, AcademicYear) else None
        first, last = AcademicYear.objects.offered_span()
        years = AcademicYear.objects.offered()
        if chosen is not None:
            years = years | AcademicYear.objects.filter(pk=chosen.pk)
        self.fields["year"].queryset = years.order_by("-start_year")  # checks what is sent
        current = AcademicYear.objects.containing(timezone.localdate())
        self.fields["year"].label_from_instance = label = lambda year: (
            _("{year} (in progress)").format(year=year) if current and year.start_year == current.start_year
            else _("{year} (last finished)").format(year=year) if current and year.start_year == current.start_year - 1
            else str(year)
        )
        # The options from the directory of years the page has read already, not one more query.
        shown = [y for start, y in AcademicYear.objects.directory().items() if first <= start <= last or y == chosen]
        self.fields["year"].widget.choices = [(str(y.start_year), label(y)) for y in reversed(shown)]


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
            "evaluation",
            "preamble",
            "satisfactory",
            "effects",
            "improvement",
            "control",
            "signatory_position",
        ]
        widgets = {
            "evaluation": forms.Textarea(attrs={"rows": 3}),
            "preamble": forms.Textarea(attrs={"rows": 3}),
            "satisfactory": forms.Textarea(attrs={"rows": 3}),
            "effects": forms.Textarea(attrs={"rows": 3}),
            "improvement": forms.Textarea(attrs={"rows": 2}),
        }


class _AddressedForm(BootstrapFormMixin, forms.ModelForm):
    """An item of the order with a responsible (a user or an addressee), an optional follower and a term."""

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("responsible", "follower"):
            if municipality is not None:
                self.fields[name].queryset = staff_users(municipality)
            self.fields[name].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["deadline"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["deadline"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]


class RecommendationForm(_AddressedForm):
    class Meta:
        model = Recommendation
        fields = ["position", "direction", "text", "responsible", "addressee", "follower", "deadline", "term"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "position": forms.NumberInput(attrs={"min": 0})}


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


class AssignmentForm(_AddressedForm):
    class Meta:
        model = Assignment
        fields = ["position", "responsible", "addressee", "text", "follower", "deadline", "term"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "position": forms.NumberInput(attrs={"min": 0})}


RecommendationFormSet = forms.inlineformset_factory(
    Order, Recommendation, form=RecommendationForm, extra=1, can_delete=True
)
AssignmentFormSet = forms.inlineformset_factory(
    Order,
    Assignment,
    form=AssignmentForm,
    extra=1,
    can_delete=True,
    # The tasks of item 3 measures are made when the order is issued; the draft's formset holds assignments only.
)


def with_extra_row(data, prefix: str):
    """Return the POST data with one more (empty) form in the formset ``prefix``: «Add a row» without JavaScript.

    The new row's position comes after the others (as formsets.js numbers a row added in place), so a row the
    head only writes the text of saves without a «required» error on its number."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    index = int(data.get(key) or 0)
    data[key] = str(index + 1)
    data.setdefault(f"{prefix}-{index}-position", str(index + 1))
    return data


class IssueForm(BootstrapFormMixin, forms.Form):
    number = forms.CharField(label=_("Number"), max_length=30, help_text=_("e.g. 110а"))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    signatory_position = forms.CharField(
        label=_("Signatory's position"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200, help_text=_("e.g. Egorova O.Yu."))
    confirm = forms.BooleanField(
        label=_("Issue anyway"), required=False, widget=forms.HiddenInput()
    )

    def __init__(self, *args, order: Order | None = None, **kwargs):
        self.order = order
        self.warnings: list[str] = []
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        number, date = data.get("number"), data.get("date")
        if self.order is not None and number and date:
            self.warnings = self.order.issue_warnings(number=number, date=date)
            if self.warnings and not data.get("confirm"):
                # Asked once: the page shows the warnings and an «Issue anyway» button that sends confirm=1.
                raise forms.ValidationError(_("Check the number and the date, then confirm."), code="confirm")
        return data


class ExtendForm(BootstrapFormMixin, forms.Form):
    deadline = forms.DateField(
        label=_("New deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    term = forms.CharField(label=_("or a term in words"), max_length=200, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if bool(data.get("deadline")) == bool((data.get("term") or "").strip()):
            raise forms.ValidationError(_("Give either a new date or a new term in words."))
        return data


class ReviewForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


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
