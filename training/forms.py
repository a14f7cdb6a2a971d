from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.autocomplete import autocomplete_field
from core.forms import BootstrapFormMixin
from core.models import Pedagogue
from training.models import EVIDENCE_EXTENSIONS
from training.models import EVIDENCE_MAX_BYTES
from training.models import Competency
from training.models import Completion
from training.models import ItemKind
from training.models import Module
from training.models import Programme
from training.models import Provider
from training.models import RouteItem
from training.models import Statement


class ProviderForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Provider
        fields = ["name", "short_name", "type", "website"]


class ProgrammeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title", "provider", "hours", "format", "federal_register", "description", "target_positions",
                  "competencies", "is_active"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "target_positions": forms.SelectMultiple(attrs={"size": 8}),
            "competencies": forms.SelectMultiple(attrs={"size": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = Competency.objects.select_related("block")
        self.fields["competencies"].label_from_instance = lambda c: f"{c.block} — {c.title}"
        self.fields["hours"].error_messages.update(
            min_value=_("A PD programme has at least 16 hours."),
            max_value=_("A PD programme has at most 249 hours."),
        )


class ModuleForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Module
        fields = ["title", "hours", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False

    def clean_order(self):
        return self.cleaned_data.get("order") or 0


class BaseModuleFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        total = sum(
            form.cleaned_data.get("hours") or 0
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        hours = getattr(self.instance, "hours", None)
        if hours and total > hours:
            raise forms.ValidationError(
                _("The modules have {total} hours, more than the programme's {hours}.").format(total=total, hours=hours)
            )


ModuleFormSet = forms.inlineformset_factory(
    Programme, Module, form=ModuleForm, formset=BaseModuleFormSet, extra=2, can_delete=True
)


class CompletionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Completion
        fields = ["pedagogue", "programme", "module", "started", "finished", "hours", "certificate_number"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pedagogue"].queryset = (
            Pedagogue.objects.editable_by(user).select_related("institution").order_by("last_name", "first_name")
        )
        self.fields["programme"].queryset = Programme.objects.select_related("provider")
        self.fields["module"].queryset = Module.objects.select_related("programme")
        # Pickers that search as the user types: the page carries only the chosen person, programme and module;
        # the modules offered are those of the chosen programme.
        autocomplete_field(self.fields["pedagogue"], "pedagogues", params={"editable": 1})
        autocomplete_field(self.fields["programme"], "training-programmes")
        autocomplete_field(self.fields["module"], "training-modules", forward=["programme"])
        self.fields["hours"].required = False
        self.fields["hours"].help_text = _("Empty: the hours of the module or of the whole programme.")

    def clean(self):
        data = super().clean()
        programme, module = data.get("programme"), data.get("module")
        # Only an empty «Hours» takes the programme's (or module's) hours: a 0 is an error, not «all of them».
        if programme and data.get("hours") is None and "hours" not in self.errors:
            data["hours"] = module.hours if module else programme.hours
            self.instance.hours = data["hours"]
        return data


SCORE_CHOICES = [(0, "0"), (1, "1"), (2, "2"), (3, "3")]


class DiagnosisForm(forms.Form):
    """One radio group (0–3) per statement; all optional so the pedagogue can save and continue."""

    def __init__(self, *args, statements: list[Statement], initial_scores: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        for statement in statements:
            self.fields[f"s{statement.pk}"] = forms.TypedChoiceField(
                label=statement.text, choices=SCORE_CHOICES, coerce=int, required=False,
                widget=forms.RadioSelect, initial=initial_scores.get(statement.pk),
            )

    def scores(self) -> dict[int, int]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("s") and value not in (None, "")
        }

    def grouped(self):
        """Yield (block, [(competency, [bound fields])]) in framework order for the template."""
        blocks: dict = {}
        for statement in self.statements:
            competency = statement.competency
            blocks.setdefault(competency.block, {}).setdefault(competency, []).append(self[f"s{statement.pk}"])
        return [(block, list(competencies.items())) for block, competencies in blocks.items()]


class ExternalDiagnosisStartForm(BootstrapFormMixin, forms.Form):
    pedagogue = forms.ModelChoiceField(label=gettext_lazy("Pedagogue"), queryset=Pedagogue.objects.none())
    note = forms.CharField(label=gettext_lazy("Who diagnosed and how"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pedagogue"].queryset = (
            Pedagogue.objects.editable_by(user).filter(institution__isnull=False).select_related("institution")
        )
        autocomplete_field(self.fields["pedagogue"], "pedagogues", params={"editable": 1, "staff": 1})


class DeadlineInYearMixin:
    """A route item's deadline falls within its route's academic year (an own item, a changed deadline)."""

    route = None

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        year = (self.route or self.instance.route).year
        if deadline and not year.start <= deadline <= year.end:
            raise forms.ValidationError(
                _("The deadline must fall within the academic year {year}.").format(year=year)
            )
        return deadline


class OwnItemForm(DeadlineInYearMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = RouteItem
        fields = ["kind", "title", "competencies", "deadline"]
        widgets = {"competencies": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, route, **kwargs):
        super().__init__(*args, **kwargs)
        self.route = route
        self.fields["kind"].choices = ItemKind.choices
        self.fields["competencies"].queryset = Competency.objects.select_related("block")
        self.fields["deadline"].required = True

    def save(self, commit: bool = True) -> RouteItem:
        """Add the item at the end of the route (the page and the API)."""
        item = super().save(commit=False)
        if item.pk is None:
            item.route = self.route
            item.order = self.route.items.count() + 1
        if commit:
            item.save()
            self.save_m2m()
        return item


class DeadlineForm(DeadlineInYearMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = RouteItem
        fields = ["deadline"]


class EvidenceForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("File"), required=False,
                           help_text=gettext_lazy("PDF, Word, image, presentation or ZIP up to 10 MB."))
    link = forms.URLField(label=gettext_lazy("Or a link"), required=False, assume_scheme="https")
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)

    def __init__(self, *args, item: RouteItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file:
            return file
        extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        if extension not in EVIDENCE_EXTENSIONS:
            raise forms.ValidationError(_("Files of type «{ext}» are not accepted. Use: {allowed}.").format(
                ext=extension or "?", allowed=", ".join(EVIDENCE_EXTENSIONS)))
        if file.size > min(EVIDENCE_MAX_BYTES, settings.UPLOAD_MAX_BYTES):
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return file

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("file") and not data.get("link") and not self.item.has_evidence:
            raise forms.ValidationError(_("Attach a file or give a link."))
        return data


class ReviewForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("return", "return")], widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say in the comment what to fix."))
        return data
