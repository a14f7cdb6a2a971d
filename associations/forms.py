from django import forms
from django.utils.translation import gettext_lazy as _

from core.autocomplete import autocomplete_field
from core.duplicates import DuplicateError
from core.forms import BootstrapFormMixin
from core.forms import MunicipalityFieldMixin
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.scoping import Role
from core.scoping import roles_of

from .models import Association
from .models import Competition
from .models import Meeting
from .models import Membership
from .models import Participation
from .models import PlanItem
from .models import Product
from .models import Result
from .models import entries_of
from .services import mark_attendance


class PedagogueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        where = obj.institution.short_name if obj.institution_id else "—"
        return f"{obj.full_name} ({where})"


class PedagoguesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        where = obj.institution.short_name if obj.institution_id else "—"
        return f"{obj.full_name} ({where})"


def municipal_pedagogues(municipality) -> "forms.QuerySet":
    return (
        Pedagogue.objects.filter(municipality=municipality)
        .select_related("institution")
        .order_by("last_name", "first_name", "middle_name")
    )


def data_municipalities(user):
    """Return the municipalities where the user may create associations and competitions."""
    roles = roles_of(user)
    if roles.is_admin:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=roles.municipality_ids_for(Role.METHODIST))


class AssociationForm(MunicipalityFieldMixin, BootstrapFormMixin, forms.ModelForm):
    leader = PedagogueChoiceField(queryset=Pedagogue.objects.none(), required=False, label=_("leader"))

    class Meta:
        model = Association
        fields = ["municipality", "kind", "institution", "title", "subject", "position", "leader", "started", "ended",
                  "goal"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.limit_municipality(data_municipalities(user))
        municipality = self.instance.municipality if self.instance.pk else None
        if municipality is None:
            municipality = self.fields["municipality"].queryset.first()
        self.fields["leader"].queryset = (
            municipal_pedagogues(municipality) if municipality else Pedagogue.objects.none()
        )
        # The leader is chosen by a methodist, who sees the municipality (several: the chosen one is sent along).
        autocomplete_field(self.fields["leader"], "pedagogues", forward=["municipality"])
        self.fields["institution"].queryset = Institution.objects.filter(
            municipality__in=self.fields["municipality"].queryset).active()
        # Searched like every institution choice, among the active ones of the chosen municipality.
        autocomplete_field(self.fields["institution"], "institutions", params={"active": 1}, forward=["municipality"])
        if self.instance.pk and not self.is_methodist():
            # A leader edits the content of their association, not who leads it or what it is.
            for name in ("municipality", "kind", "leader", "institution"):
                self.fields.pop(name)

    def is_methodist(self) -> bool:
        roles = roles_of(self.user)
        return roles.is_admin or self.instance.municipality_id in roles.municipality_ids_for(Role.METHODIST)


class MembershipForm(BootstrapFormMixin, forms.ModelForm):
    pedagogue = PedagogueChoiceField(queryset=Pedagogue.objects.none(), label=_("pedagogue"))

    class Meta:
        model = Membership
        fields = ["pedagogue", "joined", "left"]

    def __init__(self, *args, association: Association, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.association = association
        self.fields["pedagogue"].queryset = municipal_pedagogues(association.municipality)
        autocomplete_field(self.fields["pedagogue"], "association-pedagogues", params={"association": association.pk})
        if self.instance.pk:
            self.fields["pedagogue"].disabled = True

    def clean(self):
        data = super().clean()
        pedagogue, joined = data.get("pedagogue"), data.get("joined")
        if pedagogue and joined and not self.instance.pk:
            open_elsewhere = self.instance.association.memberships.filter(pedagogue=pedagogue, left__isnull=True)
            if open_elsewhere.exists():
                self.add_error("pedagogue", _("This pedagogue is already a member."))
        return data


class PlanItemForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["year", "planned_on", "title", "responsible", "done"]

    def __init__(self, *args, association: Association, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.association = association


class MeetingForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "date", "topic", "kind", "format", "agenda", "minutes", "guests", "guests_count",
            "counts_toward_pd", "pd_hours",
        ]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "guests": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, association: Association, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.association = association


class AttendanceForm(BootstrapFormMixin, forms.Form):
    """One screen: a present/absent box per member of the association on the meeting day, plus guests."""

    guest_pedagogues = PedagoguesChoiceField(
        queryset=Pedagogue.objects.none(), required=False, label=_("Guests from the portal's pedagogues"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    guests = forms.CharField(
        label=_("Other guests"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
    )
    guests_count = forms.IntegerField(label=_("Number of other guests"), min_value=0, max_value=1000, initial=0)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        self.meeting = meeting
        self.members = list(meeting.attendance_candidates())
        marks = dict(meeting.attendance.values_list("pedagogue_id", "present"))
        # Before any mark every member's box starts ticked; the page's instruction says so.
        self.all_ticked = not marks
        member_ids = {m.pedagogue_id for m in self.members}
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("guests", meeting.guests)
        initial.setdefault("guests_count", meeting.guests_count)
        initial.setdefault(
            "guest_pedagogues",
            list(meeting.attendance.filter(is_guest=True).values_list("pedagogue_id", flat=True)),
        )
        super().__init__(*args, **kwargs)
        for membership in self.members:
            name = self.member_field(membership.pedagogue_id)
            self.fields[name] = forms.BooleanField(
                label=membership.pedagogue.full_name, required=False,
                initial=marks.get(membership.pedagogue_id, not marks),
            )
            self.fields[name].widget.attrs["class"] = "form-check-input"
        self.fields["guest_pedagogues"].queryset = municipal_pedagogues(meeting.association.municipality).exclude(
            pk__in=member_ids
        )
        autocomplete_field(self.fields["guest_pedagogues"], "association-pedagogues",
                           params={"association": meeting.association_id})

    @staticmethod
    def member_field(pedagogue_id: int) -> str:
        return f"present_{pedagogue_id}"

    def member_rows(self):
        """Return (membership, bound field) pairs for the template."""
        return [(m, self[self.member_field(m.pedagogue_id)]) for m in self.members]

    def marks(self) -> dict[int, bool]:
        return {m.pedagogue_id: bool(self.cleaned_data.get(self.member_field(m.pedagogue_id))) for m in self.members}

    @classmethod
    def data_for(cls, meeting: Meeting, *, present, guest_pedagogues=(), guests: str = "", guests_count: int = 0):
        """The form's data for a list of present members (the API's body): every other member is absent."""
        data = {cls.member_field(pk): "on" for pk in present}
        data.update(guest_pedagogues=[str(pk) for pk in guest_pedagogues], guests=guests, guests_count=guests_count)
        return data

    def unknown_members(self, present) -> list[int]:
        """The ids marked present that are not members of the association on the meeting's day."""
        return sorted(set(present) - {m.pedagogue_id for m in self.members})

    def save(self) -> int:
        """Record the marks and guests (``mark_attendance``); return how many were present."""
        return mark_attendance(
            meeting=self.meeting, marks=self.marks(),
            guest_ids=[p.pk for p in self.cleaned_data["guest_pedagogues"]],
            guests=self.cleaned_data["guests"], guests_count=self.cleaned_data["guests_count"],
        )


class ProductForm(BootstrapFormMixin, forms.ModelForm):
    authors = PedagoguesChoiceField(
        queryset=Pedagogue.objects.none(), label=_("authors"), widget=forms.SelectMultiple(attrs={"size": 6})
    )
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Product
        fields = ["title", "type", "authors", "created_on", "description", "file", "url", "bank_ref"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, association: Association, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.association = association
        self.fields["authors"].queryset = municipal_pedagogues(association.municipality)
        autocomplete_field(self.fields["authors"], "association-pedagogues", params={"association": association.pk})

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and "file" not in self.errors:
            raise forms.ValidationError(_("Attach a file or give a link."))
        return data


class CompetitionForm(MunicipalityFieldMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Competition
        fields = ["municipality", "title", "level", "year", "stage", "organiser", "starts", "ends", "description"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_municipality(data_municipalities(user))


class ParticipationForm(BootstrapFormMixin, forms.ModelForm):
    participants = PedagoguesChoiceField(
        queryset=Pedagogue.objects.none(), label=_("participants"), widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("One pedagogue, or several for a team."),
    )

    class Meta:
        model = Participation
        fields = ["participants", "team_name", "nomination", "result", "document"]

    def __init__(self, *args, competition: Competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.competition = competition
        self.fields["participants"].queryset = municipal_pedagogues(competition.municipality)
        autocomplete_field(self.fields["participants"], "association-pedagogues",
                           params={"competition": competition.pk})
        if self.instance.pk:
            self.initial["participants"] = list(self.instance.participants.values_list("pedagogue_id", flat=True))
        self.fields["result"].initial = Result.PARTICIPANT

    def clean(self):
        data = super().clean()
        people = data.get("participants")
        if people and len(people) > 1 and not data.get("team_name"):
            self.add_error("team_name", _("Name the team: several participants are chosen."))
        if people:
            # One entry per person per competition: name the entry a chosen person already has.
            entries = entries_of(self.instance.competition, people, exclude=self.instance.pk)
            for entry in {entry.pk: entry for entry in entries.values()}.values():
                self.add_error("participants", DuplicateError(entry))
        return data
