from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.autocomplete import autocomplete_field
from core.duplicates import DuplicateError
from core.forms import BootstrapFormMixin
from core.forms import MunicipalityFieldMixin
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.params import parse_id
from core.scoping import Role
from core.scoping import roles_of
from mentoring.models import Attestation
from mentoring.models import AttestationSupport
from mentoring.models import Evaluation
from mentoring.models import Pair
from mentoring.models import Programme
from mentoring.models import Session
from mentoring.models import SupportRequest
from mentoring.models import Task
from mentoring.models import YoungSpecialistMark
from mentoring.services import award_category
from mentoring.services import overlapping_pair

REGULATION_EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".rtf")


class PedagogueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.institution or '—'})"


class PedagogueMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.institution or '—'})"


def staff_choices(user):
    return Pedagogue.objects.for_user(user).filter(institution__isnull=False).select_related("institution")


def municipalities_of(user):
    roles = roles_of(user)
    if roles.is_global:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=roles.municipality_ids_for(Role.METHODIST, Role.HEAD))


class ScopedForm(MunicipalityFieldMixin, BootstrapFormMixin, forms.ModelForm):
    """A model form whose reference choices come from the user's scope."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if "institution" in self.fields:
            self.fields["institution"].queryset = Institution.objects.editable_by(user).natural()
            if self.fields["institution"].queryset.count() == 1 and not self.instance.pk:
                self.initial.setdefault("institution", self.fields["institution"].queryset.get().pk)
            autocomplete_field(self.fields["institution"], "institutions", params={"editable": 1})
        if "municipality" in self.fields:
            self.limit_municipality(municipalities_of(user))


class ProgrammeForm(ScopedForm):
    curator = PedagogueChoiceField(label=gettext_lazy("Curator"), queryset=Pedagogue.objects.none(), required=False)

    class Meta:
        model = Programme
        fields = ["institution", "title", "curator", "start", "end", "regulation", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curator"].queryset = staff_choices(self.user)
        autocomplete_field(self.fields["curator"], "pedagogues", params={"staff": 1})

    def clean_regulation(self):
        file = self.cleaned_data.get("regulation")
        if file and hasattr(file, "size"):
            if not file.name.lower().endswith(REGULATION_EXTENSIONS):
                raise forms.ValidationError(_("Upload the regulation as PDF, DOC, DOCX, ODT or RTF."))
            if file.size > settings.UPLOAD_MAX_BYTES:
                raise forms.ValidationError(_("The file is larger than {size} MB.").format(
                    size=settings.UPLOAD_MAX_BYTES // (1024 * 1024)))
        return file


class PairForm(ScopedForm):
    mentors = PedagogueMultipleChoiceField(label=gettext_lazy("Mentors"), queryset=Pedagogue.objects.none())
    mentees = PedagogueMultipleChoiceField(label=gettext_lazy("Mentees"), queryset=Pedagogue.objects.none())

    class Meta:
        model = Pair
        fields = ["institution", "programme", "form", "mentors", "mentees", "start", "end", "order_number",
                  "order_date", "pd_hours", "goal"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = staff_choices(self.user)
        self.fields["mentors"].queryset = people
        self.fields["mentees"].queryset = self.mentees_of(people, self.chosen_institution())
        self.fields["programme"].queryset = Programme.objects.editable_by(self.user).select_related("institution")
        # The chosen institution is sent along: mentees are its staff, mentors its staff first and then any of
        # the scope (a mentor from another school); the programmes offered are those of the institution.
        autocomplete_field(self.fields["mentors"], "pedagogues", params={"staff": 1, "institution_first": 1},
                           forward=["institution"])
        autocomplete_field(self.fields["mentees"], "pedagogues", params={"staff": 1}, forward=["institution"])
        autocomplete_field(self.fields["programme"], "mentoring-programmes", params={"editable": 1},
                           forward=["institution"])
        if self.instance.pk:
            self.initial["mentors"] = [p.pk for p in self.instance.mentors]
            self.initial["mentees"] = [p.pk for p in self.instance.mentees]

    def chosen_institution(self) -> int | None:
        """The institution's id as sent (a bound form) or as it is (the pair's, or the only one offered)."""
        if self.is_bound:
            return parse_id(self.data.get(self.add_prefix("institution")))
        return parse_id(self.initial.get("institution") or self.instance.institution_id)

    def mentees_of(self, people, institution: int | None):
        """The chosen institution's staff, keeping the pair's mentees who have moved since."""
        if institution is None:
            return people
        kept = [p.pk for p in self.instance.mentees] if self.instance.pk else []
        return people.filter(Q(institution_id=institution) | Q(pk__in=kept))

    def clean(self):
        cleaned = super().clean()
        # The pair's rules are Pair.clean()'s (run by the model form after this), given the chosen people.
        self.instance.with_people(cleaned.get("mentors") or [], cleaned.get("mentees") or [])
        return cleaned

    def validate_unique(self):
        """After the pair's own rules: the same mentors and mentees over overlapping dates are a duplicate."""
        super().validate_unique()
        cleaned = self.cleaned_data
        mentors, mentees, start = cleaned.get("mentors"), cleaned.get("mentees"), cleaned.get("start")
        if mentors and mentees and start and not self.errors:
            existing = overlapping_pair(mentors=mentors, mentees=mentees, start=start, end=cleaned.get("end"),
                                        exclude=self.instance.pk)
            if existing is not None:
                self.add_error(None, DuplicateError(existing))


class TaskForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "deadline", "is_checkpoint"]


class TaskDoneForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = ["done_on", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True
        self.fields["comment"].required = True
        self.initial.setdefault("done_on", timezone.localdate())

    def clean_done_on(self):
        day = self.cleaned_data["done_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A task cannot be done in the future."))
        return day


class ProcessEvaluationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["meetings_regular", "plan_followed", "cooperation", "process_comment"]
        widgets = {"process_comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("meetings_regular", "plan_followed", "cooperation"):
            self.fields[name].required = True


class EffectEvaluationForm(BootstrapFormMixin, forms.ModelForm):
    stays_in_profession = forms.NullBooleanField(
        label=gettext_lazy("The mentee intends to stay in the profession"), required=False,
        widget=forms.Select(choices=[("unknown", gettext_lazy("Unknown")), ("true", gettext_lazy("Yes")),
                                     ("false", gettext_lazy("No"))]),
    )

    class Meta:
        model = Evaluation
        fields = ["adaptation", "competence_growth", "mentee_results", "stays_in_profession", "effect_comment",
                  "evaluated_on"]
        widgets = {"mentee_results": forms.Textarea(attrs={"rows": 3}),
                   "effect_comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("adaptation", "competence_growth", "evaluated_on"):
            self.fields[name].required = True


class SupportRequestForm(ScopedForm):
    pedagogue = PedagogueChoiceField(label=gettext_lazy("Pedagogue"), queryset=Pedagogue.objects.none(),
                                     required=False)

    class Meta:
        model = SupportRequest
        fields = ["municipality", "requester_kind", "institution", "pedagogue", "received_on", "topic", "response",
                  "closed_on"]
        widgets = {"response": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].required = False
        self.fields["pedagogue"].queryset = staff_choices(self.user)
        autocomplete_field(self.fields["pedagogue"], "pedagogues", params={"staff": 1})
        self.initial.setdefault("received_on", timezone.localdate())


class SessionForm(ScopedForm):
    class Meta:
        model = Session
        fields = ["municipality", "kind", "date", "topic", "leader", "place", "pd_hours", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class AttendanceForm(BootstrapFormMixin, forms.Form):
    attendees = PedagogueMultipleChoiceField(
        label=gettext_lazy("Attended"), queryset=Pedagogue.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = queryset
        self.fields["attendees"].widget.attrs["class"] = "form-check-input"


class AttestationForm(BootstrapFormMixin, forms.ModelForm):
    pedagogue = PedagogueChoiceField(label=gettext_lazy("Pedagogue"), queryset=Pedagogue.objects.none())

    class Meta:
        model = Attestation
        fields = ["pedagogue", "category", "applied_on", "date", "result", "order_ref"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pedagogue"].queryset = staff_choices(user)
        autocomplete_field(self.fields["pedagogue"], "pedagogues", params={"staff": 1})

    def save(self, commit: bool = True):
        """Save the record; a category it assigns goes into the pedagogue's category history (page and API)."""
        if not commit:
            return super().save(commit=False)
        with transaction.atomic():
            attestation = super().save()
            award_category(attestation=attestation)
        return attestation


class AttestationSupportForm(BootstrapFormMixin, forms.ModelForm):
    pedagogue = PedagogueChoiceField(label=gettext_lazy("Pedagogue"), queryset=Pedagogue.objects.none())

    class Meta:
        model = AttestationSupport
        fields = ["pedagogue", "date", "kind", "description"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pedagogue"].queryset = staff_choices(user)
        autocomplete_field(self.fields["pedagogue"], "pedagogues", params={"staff": 1})
        self.initial.setdefault("date", timezone.localdate())


class YoungSpecialistMarkForm(BootstrapFormMixin, forms.ModelForm):
    pedagogue = PedagogueChoiceField(label=gettext_lazy("Pedagogue"), queryset=Pedagogue.objects.none())

    class Meta:
        model = YoungSpecialistMark
        fields = ["pedagogue", "is_young", "reason"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pedagogue"].queryset = Pedagogue.objects.editable_by(user).filter(
            institution__isnull=False).select_related("institution")
        autocomplete_field(self.fields["pedagogue"], "pedagogues", params={"editable": 1, "staff": 1})
