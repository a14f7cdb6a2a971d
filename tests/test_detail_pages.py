"""Every detail page is built one way: its template extends templates/detail_page.html (directly or through
monitoring/detail_page.html), so the breadcrumb, the heading, what stands under it and the actions look and
behave alike on every record."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode

from conftest import client_of

DETAIL_TEMPLATES = sorted(
    str(path.relative_to(path.parents[1]))
    for path in Path(settings.BASE_DIR).glob("*/templates/*/*_detail.html")
)


def _parents(name: str) -> list[str]:
    """The chain of templates ``name`` extends, nearest first."""
    chain = []
    template = get_template(name).template
    while True:
        extends = next((node for node in template.nodelist if isinstance(node, ExtendsNode)), None)
        if extends is None:
            return chain
        chain.append(extends.parent_name.var)
        template = get_template(chain[-1]).template


def test_the_detail_templates_are_found():
    assert len(DETAIL_TEMPLATES) >= 23
    assert "core/pedagogue_detail.html" in DETAIL_TEMPLATES


@pytest.mark.parametrize("name", DETAIL_TEMPLATES)
def test_every_detail_page_extends_the_detail_base(name):
    assert "detail_page.html" in _parents(name), f"{name} extends {_parents(name)}"


@pytest.mark.django_db
def test_the_record_is_named_once_for_the_heading_the_window_title_and_the_last_crumb(school, methodist):
    school.short_name = 'Школа "Мечта" <b>№ 1</b>'
    school.save()
    page = client_of(methodist).get(school.get_absolute_url()).content.decode()

    shown = "Школа &quot;Мечта&quot; &lt;b&gt;№ 1&lt;/b&gt;"  # escaped once, never as markup
    assert f'<h1 class="h3 mb-1">{shown}</h1>' in page
    assert f"<title>{shown} · " in page
    assert f'<li class="breadcrumb-item active" aria-current="page">{shown}</li>' in page
    assert page.count("<h1") == 1 and "<b>№ 1</b>" not in page

