from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.html import format_html
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.autocomplete import autocomplete_field
from core.duplicates import record_link
from core.models import CategoryAward
from core.models import Employment
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.models import Subordination
from core.scoping import Role
from core.scoping import roles_of
from core.versioning import ChangeGuardMixin


class MunicipalityFieldMixin:
    """The municipality of a municipal record (an association, a competition, a campaign, a mentoring session):
    offered among ``choices``, the municipalities the user enters that record for; fixed once the record exists;
    hidden, holding its one choice, when there is only one."""

    def limit_municipality(self, choices) -> None:
        field = self.fields["municipality"]
        field.queryset = choices
        if self.instance.pk:
            field.disabled = True
        elif len(field.queryset) == 1:
            field.initial = field.queryset[0].pk
            field.widget = forms.HiddenInput()


class BootstrapFormMixin(ChangeGuardMixin):
    """Give every widget the Bootstrap class it needs, and mark invalid fields; a ModelForm also carries
    the version of the record it edits or a one-time token when it creates one (``core.versioning``).

    Invalid fields are marked after validation (``full_clean``), never in
    ``__init__``: validating there would run before subclasses and formsets
    finish setting up fields (restricted querysets, inline foreign keys).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DecimalField | forms.FloatField) and isinstance(field.widget, forms.NumberInput):
                # People write «1,5»: a localized text box reads a comma (and a dot) and shows the comma.
                attrs = {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max")}
                field.localize = True
                field.widget = forms.TextInput(attrs=attrs | {"inputmode": "decimal"})
                field.widget.is_localized = True
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class InstitutionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Institution
        fields = ["municipality", "name", "short_name", "type", "subordination", "address", "director", "phone",
                  "email"]  # deactivated behind its confirmation page (institution_active), never deleted

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        roles = roles_of(user)
        field = self.fields["municipality"]
        if roles.is_admin:
            field.queryset = Municipality.objects.all()
        else:
            field.queryset = Municipality.objects.filter(pk__in=roles.municipality_ids_for(Role.METHODIST, Role.HEAD))
        if self.instance.pk and self.instance.municipality_id not in set(field.queryset.values_list("pk", flat=True)):
            # A school edits its own card but cannot move it to another municipality.
            field.queryset = Municipality.objects.filter(pk=self.instance.municipality_id)
            field.disabled = True
        if field.queryset.count() == 1 and not self.instance.pk:
            field.initial = field.queryset.first()
        self.fields["subordination"].required = False  # municipal unless said otherwise

    def clean_subordination(self):
        return self.cleaned_data.get("subordination") or Subordination.MUNICIPAL


class PedagogueForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Pedagogue
        fields = [
            "last_name", "first_name", "middle_name", "birth_date", "experience_start",
            "subjects", "email", "phone",
        ]
        widgets = {
            "subjects": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {"subjects": gettext_lazy("Hold Ctrl (⌘ on a Mac) to choose several.")}

    # Shown (as a checkbox) only when a likely duplicate is found on a new record.
    confirm_duplicate = forms.BooleanField(
        required=False, widget=forms.HiddenInput,
        label=gettext_lazy("This is another person with the same name and birth date"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and not data.get("confirm_duplicate"):
            twins = self.likely_duplicates(data)
            if twins:
                self.fields["confirm_duplicate"].widget = forms.CheckboxInput(attrs={"class": "form-check-input"})
                visible = set(Pedagogue.objects.for_user(self.user).filter(pk__in=[p.pk for p in twins])
                              .values_list("pk", flat=True)) if self.user else set()
                shown = [record_link(p) if p.pk in visible else _("a record of another institution") for p in twins]
                self.add_error(None, format_html(
                    _("A pedagogue with this name and birth date is already recorded in the municipality: {records}. "
                      "Open that record instead of entering the person again, or tick «{confirm}» below."),
                    records=format_html_join(", ", "{}", ((item,) for item in shown)),
                    confirm=self.fields["confirm_duplicate"].label,
                ))
        return data

    def likely_duplicates(self, data) -> list[Pedagogue]:
        """Return the people of the user's municipalities with the same full name and birth date."""
        if not (data.get("last_name") and data.get("first_name") and data.get("birth_date")):
            return []
        roles = roles_of(self.user) if self.user else None
        people = Pedagogue.objects.filter(birth_date=data["birth_date"])
        if roles is not None and not roles.is_global:
            municipalities = roles.municipality_ids | set(
                Institution.objects.filter(pk__in=roles.institution_ids).values_list("municipality_id", flat=True))
            people = people.filter(municipality_id__in=municipalities)
        # Names are compared in Python: SQLite's case-insensitive match folds only Latin letters.
        wanted = tuple((data.get(name) or "").strip().casefold() for name in ("last_name", "first_name", "middle_name"))
        return [p for p in people.order_by("pk")[:200]
                if (p.last_name.strip().casefold(), p.first_name.strip().casefold(),
                    p.middle_name.strip().casefold()) == wanted][:5]


class EmploymentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Employment
        fields = ["institution", "position", "rate", "hired", "left"]
        widgets = {"rate": forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "3"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rate"].required = False  # an empty rate is a full one

    def clean_rate(self):
        return self.cleaned_data.get("rate") or Decimal("1")


class CategoryAwardForm(BootstrapFormMixin, forms.ModelForm):
    """One award of the pedagogue's category history; the rules are the model's (``CategoryAward.clean``)."""

    class Meta:
        model = CategoryAward
        fields = ["category", "order_date", "order_number", "valid_until"]

    def __init__(self, *args, pedagogue: Pedagogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.pedagogue = pedagogue
        self.fields["valid_until"].required = False


class BaseEmploymentFormSet(forms.BaseInlineFormSet):
    """The employment history; at most one open employment (the current main job)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Rows may keep institutions the editor cannot edit (a previous school),
        # but a new row can only name an institution the editor is responsible for.
        existing = self.instance.employments.values("institution_id") if self.instance.pk else []
        self.editable_ids = set(Institution.objects.editable_by(user).values_list("pk", flat=True))
        self.institutions = Institution.objects.filter(
            Q(pk__in=self.editable_ids) | Q(pk__in=existing)
        ).natural()

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["institution"].queryset = self.institutions
        autocomplete_field(form.fields["institution"], "institutions", params={"editable": 1})
        if form.instance.pk and form.instance.institution_id not in self.editable_ids:
            # A period in an institution the editor is not responsible for stays as it is.
            for field in form.fields.values():
                field.disabled = True

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if sum(1 for f in kept if not f.cleaned_data.get("left")) > 1:
            raise forms.ValidationError(
                _("Only one employment can be open (the current main job). Give the others a leaving date.")
            )

    def current_job(self) -> dict | None:
        """Return the cleaned data of the open employment, if any (after validation)."""
        kept = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        open_jobs = [data for data in kept if not data.get("left")]
        return max(open_jobs, key=lambda data: data["hired"]) if open_jobs else None

    def latest_job(self) -> dict | None:
        kept = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        return max(kept, key=lambda data: data["hired"]) if kept else None


def employment_formset_class():
    return forms.inlineformset_factory(
        Pedagogue,
        Employment,
        form=EmploymentForm,
        formset=BaseEmploymentFormSet,
        extra=1,
        min_num=1,
        validate_min=True,
        can_delete=True,
    )
