"""The portal's URLs plus ``/bench/anchor/``: a minimal logged-in Django page that renders a table of the size of
a list page (25 rows of 6 columns from one query) — what a list should cost at best (bench/ratios.py)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as portal

TEMPLATE = engines["django"].from_string(
    """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Anchor</title></head><body>
<p>{{ request.user.username }}</p><table><thead><tr><th>ФИО</th><th>Дата рождения</th><th>Учреждение</th>
<th>Должность</th><th>Категория</th><th>Стаж с</th></tr></thead><tbody>
{% for p in rows %}<tr><td><a href="/pedagogues/{{ p.pk }}/">{{ p.last_name }} {{ p.first_name }} {{ p.middle_name }}</a></td>
<td>{{ p.birth_date|date:"d.m.Y" }}</td><td>{{ p.institution.short_name }}</td><td>{{ p.position.name }}</td>
<td>{{ p.get_category_display }}</td><td>{{ p.experience_start|date:"d.m.Y"|default:"—" }}</td></tr>{% endfor %}
</tbody></table></body></html>"""
)


@login_required
def anchor(request):
    from core.models import Pedagogue

    rows = Pedagogue.objects.select_related("institution", "position").order_by("last_name", "pk")[:25]
    return HttpResponse(TEMPLATE.render({"rows": rows}, request))


urlpatterns = [path("bench/anchor/", anchor), *portal]
