from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import Channel
from .kinds import Kind


class PreferencesForm(forms.Form):
    """One choice of channel per kind."""

    def __init__(self, *args, channels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Channel.choices, initial=channels[kind.value],
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}), error_messages={"required": _("Choose how to receive this notification.")},
            )

    def kind_fields(self):
        return [self[kind.value] for kind in Kind]
