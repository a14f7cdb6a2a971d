"""Bad input is a 400 (or an ignored filter), never a 5xx: every list page and every API list, with every
filter parameter declared anywhere in the portal set to a huge, negative, non-numeric or otherwise broken value.

- Page URLs without path parameters (lists, dashboards, exports, forms) get all parameter names at once, once
  per kind of bad value: a page ignores a filter it cannot read.
- API list routes get each filter their FilterSet declares one at a time, once per kind of bad value.
"""

import time
from urllib.parse import urlencode

import django_filters
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver
from django.urls import reverse

from conftest import make_user
from core.models import Institution
from core.models import Municipality
from core.scoping import Role
from tests.test_security_urls import walk

BAD_VALUES = {
    "huge": "99999999999999999999999",
    "negative": "-1",
    "text": "abc",
    "odd digits": "²",
    "float": "1e400",
    "broken date": "2021-13-45",
}
# Parameters pages read by hand (not through a FilterSet).
HAND_READ = {"year", "institution", "municipality", "page", "status", "kind", "on", "format", "all", "unread",
             "pedagogue", "bank", "export", "inline", "institution_type", "sort", "ordering", "search", "q",
             "campaign", "association", "competition", "programme", "direction", "indicator", "type"}
SKIP = {"logout", "set_language", "api-schema", "api-docs", "healthz"}


def filtersets():
    found, todo = [], [django_filters.FilterSet]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def declared_names() -> set[str]:
    names = set(HAND_READ)
    for filterset in filtersets():
        names.update(getattr(filterset, "base_filters", {}).keys())
    return names


def targets():
    """(name, path, filter names of the view or None) of every GET URL without path parameters."""
    found = []
    for _route, name, callback, params in walk(get_resolver().url_patterns):
        if not name or params or name in SKIP or name.startswith("admin:"):
            continue
        view_class = getattr(callback, "cls", None)
        filterset = getattr(view_class, "filterset_class", None) if view_class else None
        names = sorted(filterset.base_filters) if filterset is not None else None
        if names is None and getattr(view_class, "filterset_fields", None):
            names = sorted(view_class.filterset_fields)
        if view_class is not None and names is not None:
            names += ["page", "ordering", "search"]
        found.append((name, reverse(name), names))
    return found


@pytest.fixture
def clients(db):
    call_command("seed_demo", scale="tiny", verbosity=0)
    city = Municipality.objects.order_by("pk").first()
    school = Institution.objects.filter(municipality=city).order_by("pk").first()
    result = {}
    for persona, user in (("head", make_user("sweep-head", Role.HEAD, municipality=city)),
                          ("school", make_user("sweep-school", Role.SCHOOL, institution=school))):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        result[persona] = client
    return result


def test_no_list_page_or_api_list_answers_5xx_to_bad_parameters(clients):
    started = time.monotonic()
    all_names = sorted(declared_names())
    urls = targets()
    assert len(urls) > 100 and len(all_names) > 40, "the walk found too few URLs or parameters"
    api_lists = [(name, path, names) for name, path, names in urls if names is not None]
    assert len(api_lists) >= 24
    problems = []
    requests = 0
    for persona, client in clients.items():
        for name, path, names in urls:
            if names is None:  # a page: every parameter at once, per kind of bad value
                for kind, value in BAD_VALUES.items():
                    response = client.get(f"{path}?{urlencode(dict.fromkeys(all_names, value))}")
                    requests += 1
                    if response.status_code >= 500:
                        problems.append(f"{persona} {name} {kind}: {response.status_code}")
                continue
            for parameter in names:  # an API list: one declared filter at a time
                for kind, value in BAD_VALUES.items():
                    response = client.get(f"{path}?{urlencode({parameter: value})}")
                    requests += 1
                    if response.status_code >= 500:
                        problems.append(f"{persona} {name} ?{parameter}= {kind}: {response.status_code}")
    assert problems == [], "\n".join(problems)
    print(f"{requests} requests in {time.monotonic() - started:.1f} s")


def test_a_huge_or_non_numeric_id_filter_is_a_400_naming_the_parameter_in_the_api(clients):
    head = clients["head"]

    for value in (BAD_VALUES["huge"], "abc", "²", "-1"):
        response = head.get(f"/api/v1/pedagogues/?institution={value}")
        assert response.status_code == 400, value
        assert list(response.json()) == ["institution"]
    assert head.get("/api/v1/pedagogues/?institution=").status_code == 200


def test_pages_ignore_a_filter_they_cannot_read_and_the_dashboard_answers_400(clients):
    head = clients["head"]

    products = head.get(f"/associations/products/?association={BAD_VALUES['huge']}")
    assert products.status_code == 200
    assert head.get("/monitoring/?institution=abc").status_code == 400
    assert head.get(f"/monitoring/?institution={BAD_VALUES['huge']}").status_code == 400
    assert head.get("/monitoring/?institution=999999").status_code == 404


def test_parse_id_accepts_only_64_bit_positive_ascii_ids():
    from core.params import MAX_ID
    from core.params import parse_id

    assert parse_id("42") == 42
    assert parse_id(" 7 ") == 7
    assert parse_id(str(MAX_ID)) == MAX_ID
    for bad in (None, "", "0", "-1", "abc", "²", "١٢", str(MAX_ID + 1), "1e3", "4.0", "9" * 40):
        assert parse_id(bad) is None, bad


def test_an_id_in_the_path_too_large_for_any_column_is_a_404(clients):
    head = clients["head"]
    huge = BAD_VALUES["huge"]

    for url in (f"/pedagogues/{huge}/", f"/institutions/{huge}/", f"/api/v1/pedagogues/{huge}/",
                f"/training/programmes/{huge}/"):
        assert head.get(url).status_code == 404, url
