"""Picker of the pedagogues of an association's or a competition's municipality (see core/autocomplete.py).

An association's leader may be a teacher who sees only their own record elsewhere; the members, authors
and guests they enter come from the whole municipality, as the forms allow, so this source is opened by
the association (or competition) the user may edit, not by the user's own scope.
"""

from core.autocomplete import _int
from core.autocomplete import pedagogue_label
from core.autocomplete import register
from core.autocomplete import search_people
from core.models import Pedagogue

from .models import Association
from .models import Competition


def pedagogues(user, params):
    municipality_id = None
    if (pk := _int(params, "association")) is not None:
        municipality_id = Association.objects.editable_by(user).filter(pk=pk).values_list(
            "municipality_id", flat=True).first()
    elif (pk := _int(params, "competition")) is not None:
        municipality_id = Competition.objects.editable_by(user).filter(pk=pk).values_list(
            "municipality_id", flat=True).first()
    if municipality_id is None:
        return Pedagogue.objects.none()
    return (
        Pedagogue.objects.filter(municipality_id=municipality_id)
        .select_related("institution")
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


register(
    "association-pedagogues",
    queryset=pedagogues,
    search=search_people,
    label=pedagogue_label,
)
