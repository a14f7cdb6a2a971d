"""The Python <select> gives the same markup as Django's templates."""

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


@pytest.mark.parametrize("data", [{}, {"plain": "a", "grouped": "2", "many": ["a", "b"], "styled": "a"}])
def test_every_kind_of_select_renders_as_djangos(data):
    ours = Sample(data or None, initial={"plain": 1}, renderer=PortalFormRenderer())
    django = Sample(data or None, initial={"plain": 1}, renderer=DjangoTemplates())
    for name in ours.fields:
        assert str(ours[name]) == str(django[name])
    assert '<optgroup label="Школы">' in str(ours["grouped"]) and "Алгебра &amp; &lt;геометрия&gt;" in str(ours["plain"])


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
