from django import forms
from django.utils.translation import gettext_lazy as _

from core.autocomplete import autocomplete_field
from core.forms import BootstrapFormMixin
from core.models import Institution
from core.models import Pedagogue
from innovation.models import Participant
from innovation.models import Product
from innovation.models import Project
from innovation.models import Stage


class ProjectForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "topic", "institution", "partners", "level", "status", "start", "end", "decree",
                  "supervisor", "goal", "results"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 3}),
                   "results": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.editable_by(user).active()
        self.fields["partners"].queryset = Institution.objects.for_user(user).active()
        self.fields["partners"].required = False
        autocomplete_field(self.fields["institution"], "institutions", params={"editable": 1, "active": 1})
        autocomplete_field(self.fields["partners"], "institutions", params={"active": 1})

    def clean(self):
        data = super().clean()
        institution = data.get("institution")
        if institution and institution in (data.get("partners") or []):
            self.add_error("partners", _("The lead institution cannot also be a partner."))
        return data

    def save(self, commit=True):
        self.instance.municipality_id = self.instance.institution.municipality_id
        return super().save(commit)


class StageForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["title", "start", "end", "report_due", "planned_report", "actual_report", "reported_on", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("actual_report") and not data.get("reported_on"):
            self.add_error("reported_on", _("Give the date of the actual report."))
        return data


class ParticipantForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["pedagogue", "role", "joined", "left"]

    def __init__(self, *args, project, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["pedagogue"].queryset = (
            Pedagogue.objects.for_user(user).filter(municipality=project.municipality).select_related("institution")
        )
        autocomplete_field(self.fields["pedagogue"], "pedagogues", params={"municipality": project.municipality_id})

    def clean(self):
        data = super().clean()
        pedagogue = data.get("pedagogue")
        if pedagogue and Participant.objects.filter(project=self.project, pedagogue=pedagogue).exclude(pk=self.instance.pk).exists():
            self.add_error("pedagogue", _("This pedagogue already takes part in the project."))
        if data.get("joined") and data.get("left") and data["left"] < data["joined"]:
            self.add_error("left", _("The leaving date is before the joining date."))
        return data


class ProductForm(BootstrapFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("link"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Product
        fields = ["title", "kind", "year", "authors", "description", "file", "url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
