from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import BootstrapFormMixin
from core.forms import MunicipalityFieldMixin
from core.models import AcademicYear
from core.models import InstitutionType
from core.models import Municipality
from staffing.models import Campaign
from staffing.models import Need
from staffing.models import RegulatoryDocument
from staffing.models import Submission
from staffing.models import managing_municipality_ids


def _managed_municipalities(user):
    ids = managing_municipality_ids(user)
    return Municipality.objects.all() if ids is None else Municipality.objects.filter(pk__in=ids)


class CampaignForm(MunicipalityFieldMixin, BootstrapFormMixin, forms.ModelForm):
    types = forms.MultipleChoiceField(
        label=gettext_lazy("Institutions that must answer"),
        choices=InstitutionType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Leave every box empty to ask all active institutions."),
    )

    class Meta:
        model = Campaign
        fields = ["municipality", "title", "as_of", "year", "deadline", "types", "instructions"]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_municipality(_managed_municipalities(user))
        # Any year of the directory up to the next one: a campaign of a past year may be entered before any
        # other record of that year exists (filters offer only the years with records).
        today = timezone.localdate()
        next_year = (today.year if today.month >= 9 else today.year - 1) + 1
        self.fields["year"].queryset = AcademicYear.objects.filter(start_year__lte=next_year).order_by("-start_year")
        self.fields["types"].initial = self.instance.types
        self.fields["types"].widget.attrs.pop("class", None)

    def clean(self):
        cleaned = super().clean()
        as_of, year = cleaned.get("as_of"), cleaned.get("year")
        if as_of and year and not (year.start.replace(year=year.start_year - 1) <= as_of <= year.end):
            self.add_error("as_of", _("The date should fall within the academic year or the year before it."))
        return cleaned

    def save(self, commit: bool = True):
        self.instance.types = self.cleaned_data.get("types") or []
        return super().save(commit)


class SubmissionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Submission
        fields = ["no_needs", "contact"]


class EnteredSubmissionForm(SubmissionForm):
    """A methodist enters the answer an institution sent on paper or by e-mail, with the day it came
    (``Submission.clean`` refuses a day in the future or outside the campaign's year)."""

    class Meta(SubmissionForm.Meta):
        fields = ["received_on", "no_needs", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].required = True


class NeedForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Need
        fields = ["position", "subject", "rates", "weekly_hours", "reason", "vacant_since", "support",
                  "requirements", "contact"]
        widgets = {"rates": forms.NumberInput(attrs={"step": "0.25", "min": 0}),
                   "weekly_hours": forms.NumberInput(attrs={"min": 0})}

    # The rules of a row (rates or hours, their bounds, the vacancy date) are in Need.clean, shared with the upload.


class BaseNeedFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, no_needs: bool = False, **kwargs):
        self.no_needs = no_needs
        super().__init__(*args, **kwargs)

    def kept(self) -> list:
        """Return the forms of the rows that stay (blank extra rows have no cleaned data)."""
        return [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if self.no_needs and self.kept():
            raise forms.ValidationError(
                _("You marked «No staffing needs» but listed needs. Remove the rows or clear the mark.")
            )


NeedFormSet = forms.inlineformset_factory(
    Submission, Need, form=NeedForm, formset=BaseNeedFormSet, extra=2, can_delete=True
)


class ReturnForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What the institution should correct"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DocumentForm(MunicipalityFieldMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = RegulatoryDocument
        fields = ["municipality", "title", "number", "date", "status", "file", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_municipality(_managed_municipalities(user))

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "name") and not file.name.lower().endswith((".pdf", ".doc", ".docx", ".odt", ".rtf")):
            raise forms.ValidationError(_("Attach a PDF or a Word document."))
        return file
