"""The one list page: every list template extends list_page.html, no app paginates or sorts by hand, old
export addresses lead to the export URLs with the same filters, and headers show the order the rows are in."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory

from core.listing import export_redirect

ROOT = Path(settings.BASE_DIR)
APPS = [*settings.DOMAIN_APPS, "core", "jobs", "notifications", "certificates", "monitoring"]


def app_files(pattern: str):
    for app in sorted(set(APPS)):
        yield from sorted((ROOT / app).rglob(pattern))


def test_every_list_template_extends_the_list_page():
    lists = [path for path in app_files("*_list.html") if "/templates/" in path.as_posix()]
    assert len(lists) >= 28
    wrong = [path.relative_to(ROOT).as_posix() for path in lists
             if not re.match(r'\{% extends "(\w+/)?list_page\.html" %\}', path.read_text(encoding="utf-8"))]
    assert wrong == []


def test_no_app_builds_its_own_paginator_or_reads_sort_by_hand():
    found = []
    for path in app_files("*.py"):
        if "/tests/" in path.as_posix() or "/migrations/" in path.as_posix():
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bPaginator\(|django\.core\.paginator", text) or re.search(r"GET\.get\(\s*[\"']sort[\"']", text):
            found.append(path.relative_to(ROOT).as_posix())
    assert found == ["core/listing.py", "core/templatetags/portal.py"]  # the helpers and the sort headers


@pytest.mark.parametrize("query, location", [
    ("?status=draft&export=xlsx&page=3", "/banks/export/?status=draft"),
    ("?format=xlsx&q=%D0%B0", "/banks/export/?q=%D0%B0"),
    ("?export=xlsx", "/banks/export/"),
])
def test_an_old_export_address_leads_to_the_export_url_with_the_filters(query, location):
    response = export_redirect(RequestFactory().get("/banks/" + query), "banks:item-export")
    assert (response.status_code, response["Location"]) == (302, location)


def test_a_list_without_an_export_parameter_is_not_redirected():
    assert export_redirect(RequestFactory().get("/banks/?status=draft&format=html"), "banks:item-export") is None


@pytest.mark.django_db
@pytest.mark.parametrize("path, location", [
    ("/pedagogues/?export=xlsx&q=%D0%98%D0%B2", "/pedagogues/export/?q=%D0%98%D0%B2"),
    ("/banks/?export=xlsx&status=draft", "/banks/export/?status=draft"),
    ("/expertise/experts/?format=xlsx&page=2", "/expertise/experts/export/"),
])
def test_every_list_with_an_export_leads_an_old_export_address_there(client, methodist, path, location):
    from expertise.models import CouncilOfficer

    CouncilOfficer.objects.create(municipality=methodist.roles.get().municipality, user=methodist, duty="secretary")
    client.force_login(methodist)
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, location)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/pedagogues/", "/banks/", "/innovation/", "/expertise/", "/monitoring/orders/",
                                  "/monitoring/tasks/?all=1"])
def test_every_filter_bar_has_the_same_small_controls(client, methodist, path):
    client.force_login(methodist)
    form = client.get(path).context["filter"].form
    classes = {name: field.widget.attrs.get("class", "") for name, field in form.fields.items()
               if not field.widget.is_hidden and field.widget.input_type != "checkbox"}
    assert classes and all(re.search(r"form-(control|select)-sm", css) for css in classes.values()), classes


def test_the_header_of_the_default_order_is_marked_and_reverses_it(client, methodist, city, year):
    from associations.tests.factories import CompetitionFactory

    CompetitionFactory(municipality=city)
    client.force_login(methodist)

    page = client.get("/associations/competitions/").content.decode()  # default order: -starts

    starts = re.search(r'<th scope="col" aria-sort="(\w+)"><a href="([^"]+)">', page)
    assert starts.groups() == ("descending", "?sort=starts")
    assert page.count("aria-sort=") == 1


def test_a_list_page_exports_what_it_shows(client, methodist, school, year):
    from banks.tests.factories import ItemFactory

    ItemFactory(institution=school, title="Первый материал", created_by=methodist)
    ItemFactory(institution=school, title="Второй материал", created_by=methodist)
    client.force_login(methodist)

    page = client.get("/banks/", {"q": "Втор"}).content.decode()

    assert "Второй материал" in page and "Первый материал" not in page
    assert 'href="/banks/export/?q=%D0%92%D1%82%D0%BE%D1%80"' in page
