"""The Python <select> and <input> give the same markup as Django's templates."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from core.filters import PedagoguePageFilter
from core.models import Institution
from core.renderers import PortalFormRenderer


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", "Алгебра & <геометрия>"), (1, "Один")], required=False)
    grouped = forms.ChoiceField(choices=[("Школы", [("1", "СШ № 1"), ("2", "СШ «№ 2»")]), ("x", "Другое")])
    many = forms.MultipleChoiceField(choices=[("a", "А"), ("b", "Б")], required=False)
    styled = forms.ChoiceField(
        choices=[("a", "А")], widget=forms.Select(attrs={"class": "form-select", "data-x": '"q"', "disabled": True})
    )


class Inputs(forms.Form):
    text = forms.CharField(required=False, widget=forms.TextInput(attrs={"placeholder": "Фамилия «и» <имя>", "x": 0}))
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search", "autofocus": True}))
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date", "hidden": False}))
    number = forms.IntegerField(required=False, min_value=0)
    mail = forms.EmailField(required=False)
    flag = forms.BooleanField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    token = forms.CharField(required=False, widget=forms.HiddenInput)


@pytest.mark.parametrize("data", [{}, {"plain": "a", "grouped": "2", "many": ["a", "b"], "styled": "a"}])
def test_every_kind_of_select_renders_as_djangos(data):
    ours = Sample(data or None, initial={"plain": 1}, renderer=PortalFormRenderer())
    django = Sample(data or None, initial={"plain": 1}, renderer=DjangoTemplates())
    for name in ours.fields:
        assert str(ours[name]) == str(django[name])
    assert '<optgroup label="Школы">' in str(ours["grouped"]) and "Алгебра &amp; &lt;геометрия&gt;" in str(ours["plain"])


@pytest.mark.parametrize("data", [None, {"text": 'О\'Нил & "Ко" <b>', "search": "", "day": "2024-02-30", "number": "-5",
                                         "mail": "a@b", "flag": "on", "secret": "<s>", "token": "1 2"}])
def test_every_kind_of_input_renders_as_djangos(data):
    initial = {"day": datetime.date(2024, 1, 31), "number": 7}
    ours = Inputs(data, initial=initial, renderer=PortalFormRenderer())
    django = Inputs(data, initial=initial, renderer=DjangoTemplates())
    for name in ours.fields:
        assert str(ours[name]) == str(django[name])
    if data:
        assert 'value="О&#x27;Нил &amp; &quot;Ко&quot; &lt;b&gt;"' in str(ours["text"])


def test_a_real_filter_form_renders_as_djangos(rf, methodist, school, other_school):
    request = rf.get("/pedagogues/", {"institution": school.pk})
    request.user = methodist
    form = PedagoguePageFilter(request.GET, queryset=Institution.objects.none(), request=request).form
    form.renderer = PortalFormRenderer()
    ours = "".join(str(bound) for bound in form)
    form.renderer = DjangoTemplates()
    django = "".join(str(bound) for bound in form)

    assert ours == django
    assert f'<option value="{school.pk}" selected>СШ № 1</option>' in ours
