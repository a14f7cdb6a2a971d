from django import forms
from django.utils.translation import gettext_lazy as _

from banks.models import ALLOWED_EXTENSIONS
from banks.models import Item
from core.autocomplete import autocomplete_field
from core.forms import BootstrapFormMixin
from core.models import AcademicYear
from core.models import Institution
from core.models import Pedagogue
from core.scoping import Role
from core.scoping import roles_of


class ItemForm(BootstrapFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("link"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Item
        fields = ["bank", "title", "authors", "author_pedagogues", "institution", "subject", "kind", "year",
                  "description", "keywords", "file", "url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        roles = roles_of(user)
        institutions = Institution.objects.editable_by(user) | Institution.objects.filter(
            pk__in=roles.institution_ids_for(Role.TEACHER)
        )
        self.fields["institution"].queryset = institutions.active().distinct()
        self.fields["author_pedagogues"].queryset = Pedagogue.objects.for_user(user).select_related("institution")
        self.fields["author_pedagogues"].required = False
        autocomplete_field(self.fields["author_pedagogues"], "pedagogues")
        autocomplete_field(self.fields["institution"], "institutions", params={"active": 1})
        self.fields["file"].widget.attrs["accept"] = ",".join("." + ext for ext in ALLOWED_EXTENSIONS)
        self.fields["file"].help_text = _("Allowed types: {types}.").format(types=", ".join(ALLOWED_EXTENSIONS))
        if not self.instance.pk:
            self.initial.setdefault("year", AcademicYear.objects.current())

    def clean(self):
        data = super().clean()
        has_file = data.get("file") or (self.instance.pk and self.instance.file and data.get("file") is not False)
        if not has_file and not data.get("url") and "file" not in self.errors:
            raise forms.ValidationError(_("Attach a file or give a link."))
        return data

    def save(self, commit=True):
        self.instance.municipality_id = self.instance.institution.municipality_id
        return super().save(commit)
