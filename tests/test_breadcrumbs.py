"""Every breadcrumb is drawn by one piece: templates/includes/breadcrumbs.html (through the ``{% breadcrumbs %}``
tag, the form page's trail) or the detail page's blocks (a detail page adds its middle crumbs in extra_crumbs). Hand-written ones had three labels for screen readers,
one of them the English word «breadcrumb» on a Russian page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context
from django.template import Template
from django.template import TemplateSyntaxError
from django.utils import translation

from conftest import client_of

DRAWN_BY = {"templates/includes/breadcrumbs.html", "templates/detail_page.html"}


def _templates() -> list[Path]:
    base = Path(settings.BASE_DIR)
    return sorted([*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")])


def test_no_template_draws_a_breadcrumb_of_its_own():
    base = Path(settings.BASE_DIR)
    own = [str(path.relative_to(base)) for path in _templates()
           if re.search(r'<ol class="breadcrumb[" ]', path.read_text()) and str(path.relative_to(base)) not in DRAWN_BY]
    assert own == []


def test_the_tag_draws_the_trail_and_the_page_in_russian():
    template = Template('{% load portal %}{% breadcrumbs "/staffing/" _("Staffing needs") "/staffing/1/" name '
                        'current=_("Regulatory documents") %}')
    with translation.override("ru"):
        html = template.render(Context({"name": "Кадры <2026>"}))
    assert html == (
        '<nav aria-label="Навигационная цепочка"><ol class="breadcrumb">'
        '<li class="breadcrumb-item"><a href="/staffing/">Кадровая потребность</a></li>'
        '<li class="breadcrumb-item"><a href="/staffing/1/">Кадры &lt;2026&gt;</a></li>'
        '<li class="breadcrumb-item active" aria-current="page">Нормативные документы</li></ol></nav>\n'
    )


def test_a_link_without_its_label_is_refused_when_the_page_is_built():
    with pytest.raises(TemplateSyntaxError, match="URL and label pairs"):
        Template('{% load portal %}{% breadcrumbs "/staffing/" current="x" %}').render(Context())


@pytest.mark.django_db
def test_pages_show_their_trail(methodist, school):
    page = client_of(methodist).get("/associations/products/").content.decode()
    crumbs = re.search(r'<nav aria-label="([^"]+)"><ol class="breadcrumb">(.*?)</ol></nav>', page)
    assert crumbs[1] == "Навигационная цепочка"
    assert re.findall(r"<li[^>]*>(?:<a href=\"([^\"]+)\">)?([^<]+)", crumbs[2]) == [
        ("/associations/", "Объединения и сообщества"),
        ("", "Методические продукты"),
    ]
