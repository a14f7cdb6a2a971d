"""Every URL of the portal, generated from the URL conf, requested anonymously and as each persona (GET only).

- Anonymous visitors get a redirect to a login page, 401, 403 or 404 — except for the explicit allow-list of
  public URLs below. A new view without protection therefore fails this test until it is protected or
  deliberately added to ``PUBLIC``.
- Nobody ever gets a 500: each URL is filled with the id of a real object (``seed_demo --scale tiny``) and,
  separately, with an id that does not exist.
- Objects of school A stay out of reach of the outsider (a user of school B) on the core detail pages.
- Every URL name has a rule in the capability matrix (``core.capabilities.URL_ACCESS``), and every persona's
  answer agrees with it: a URL whose capability the persona's roles lack answers 403/404 (also for the API's
  writes and deletes), one they hold is not refused with a 403 (unless its rule says ``finer=True``: the view
  narrows further, e.g. a programme only its owner's methodists edit).
"""

import re
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver
from django.urls import reverse

from conftest import make_user
from core.capabilities import access_for
from core.capabilities import allows
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.scoping import Role
from core.scoping import roles_of

# URL names anyone may open without logging in. Keep this list short and deliberate.
PUBLIC = {
    "login", "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
    "set_language", "healthz", "api-schema", "api-docs",
    "banks:showcase", "banks:showcase-detail", "banks:showcase-file",
    "banks-showcase-list", "banks-showcase-detail",
    "certificates:verify-form", "certificates:verify", "certificate-verify",
    # Logging out needs no session; Django's LogoutView answers GET with 405.
    "logout", "admin:login", "admin:logout",
}
# URL names outside the capability matrix: the public ones above, the admin (staff only) and the API's schema.
UNRULED = PUBLIC | {"api-schema", "api-docs"}
# The admin has its own login page; its URLs are checked too (anonymous → admin login).
LOGIN_PREFIXES = ("/accounts/login/", "/admin/login/")
MISSING = 999_999

# The model whose id fills an int URL parameter: (parameter, route prefix) → model; the longest prefix wins.
PARAM_MODELS = {
    ("pk", "institutions/"): "core.Institution",
    ("pk", "pedagogues/"): "core.Pedagogue",
    ("pk", "monitoring/settings/directions/"): "monitoring.Direction",
    ("pk", "monitoring/settings/indicators/"): "monitoring.IndicatorPassport",
    ("pk", "monitoring/reports/"): "monitoring.ReportSnapshot",
    ("pk", "monitoring/orders/"): "monitoring.Order",
    ("pk", "monitoring/tasks/"): "monitoring.Assignment",
    ("file_pk", "monitoring/tasks/"): "monitoring.AssignmentFile",
    ("pk", "training/programmes/"): "training.Programme",
    ("pk", "training/providers/"): "training.Provider",
    ("pk", "training/completions/"): "training.Completion",
    ("pk", "training/diagnoses/"): "training.Diagnosis",
    ("pk", "training/routes/"): "training.Route",
    ("pk", "training/items/"): "training.RouteItem",
    ("pk", "associations/"): "associations.Association",
    ("membership_pk", "associations/"): "associations.Membership",
    ("item_pk", "associations/"): "associations.PlanItem",
    ("product_pk", "associations/"): "associations.Product",
    ("pk", "associations/meetings/"): "associations.Meeting",
    ("pk", "associations/competitions/"): "associations.Competition",
    ("entry_pk", "associations/"): "associations.Participation",
    ("pk", "mentoring/pairs/"): "mentoring.Pair",
    ("pk", "mentoring/tasks/"): "mentoring.Task",
    ("pk", "mentoring/programmes/"): "mentoring.Programme",
    ("pk", "mentoring/support/"): "mentoring.SupportRequest",
    ("pk", "mentoring/sessions/"): "mentoring.Session",
    ("pk", "mentoring/attestation/"): "mentoring.Attestation",
    ("pk", "innovation/"): "innovation.Project",
    ("stage_pk", "innovation/"): "innovation.Stage",
    ("participant_pk", "innovation/"): "innovation.Participant",
    ("product_pk", "innovation/"): "innovation.Product",
    ("institution_pk", ""): "core.Institution",
    ("pk", "expertise/"): "expertise.ReviewRequest",
    ("pk", "expertise/reviews/"): "expertise.Assignment",
    ("pk", "expertise/experts/"): "expertise.Expert",
    ("pk", "banks/"): "banks.Item",
    ("pk", "staffing/campaigns/"): "staffing.Campaign",
    ("campaign_pk", "staffing/"): "staffing.Campaign",
    ("pk", "staffing/documents/"): "staffing.RegulatoryDocument",
    ("pk", "certificates/"): "certificates.Certificate",
    ("pk", "certificates/issue/"): "associations.Meeting",
}


def walk(patterns, prefix="", namespace=""):
    """Yield (route, full URL name, parameter names) for every URL pattern."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            params = list(entry.pattern.regex.groupindex) + list(
                getattr(entry.pattern, "converters", {}).keys()
            )
            params += re.findall(r"\(\?P<(\w+)>", prefix)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            unnamed = entry.pattern.regex.groups - len(entry.pattern.regex.groupindex)
            yield route, name, entry.callback, sorted(set(params)) + ["#"] * unnamed


def model_for(param: str, route: str, callback):
    from django.apps import apps

    view_class = getattr(callback, "cls", None)  # DRF viewsets
    if view_class is not None and param == "pk":
        queryset = getattr(view_class, "queryset", None)
        if queryset is not None:
            return queryset.model
        serializer = getattr(view_class, "serializer_class", None)
        if serializer is not None:
            return serializer.Meta.model
    plain = re.sub(r"[\^$\\]", "", route.removeprefix("api/v1/"))
    candidates = [(prefix, label) for (name, prefix), label in PARAM_MODELS.items()
                  if name == param and plain.startswith(prefix)]
    if not candidates:
        return None
    return apps.get_model(max(candidates, key=lambda c: len(c[0]))[1])


def first_value(param: str, route: str, callback):
    if param == "code":
        from monitoring.models import IndicatorPassport

        return IndicatorPassport.objects.order_by("pk").values_list("code", flat=True).first() or "none"
    if param == "number":
        from certificates.models import Certificate

        return Certificate.objects.order_by("pk").values_list("number", flat=True).first() or "none"
    if param == "key":
        return "associations.meeting"
    if param == "which":
        return "planned"
    if param in ("uidb64", "token"):
        return "x"
    if param == "path":
        return "nothing.txt"
    if param == "app_label":
        return "core"
    model = model_for(param, route, callback)
    if model is None:
        return MISSING
    return model._default_manager.order_by("pk").values_list("pk", flat=True).first() or MISSING


def missing_value(param: str):
    return {"code": "no-such-code", "number": "NO-SUCH", "key": "no.such", "which": "planned",
            "uidb64": "x", "token": "x", "path": "nothing.txt", "app_label": "core"}.get(param, MISSING)


def urls_to_request():
    """(name, url, is_missing) for every named URL, once with real ids and once with missing ids."""
    found = []
    for route, name, callback, params in walk(get_resolver().url_patterns):
        if name is None or "format" in params or name == "admin:view_on_site":
            continue  # unnamed (DEBUG media) and DRF format-suffix duplicates of named routes
        if not params:
            found.append((name, reverse(name), False))
            continue
        if "#" in params:  # the admin's positional groups: an object id that does not exist
            found.append((name, reverse(name, args=[str(MISSING)] * len(params)), True))
            continue
        real = {p: first_value(p, route, callback) for p in params}
        found.append((name, reverse(name, kwargs=real), False))
        found.append((name, reverse(name, kwargs={p: missing_value(p) for p in params}), True))
    return found


@pytest.fixture
def personas(db):
    call_command("seed_demo", scale="tiny", verbosity=0)
    city = Municipality.objects.order_by("pk").first()
    school, other_school = Institution.objects.filter(municipality=city).order_by("pk")[:2]
    teacher = make_user("sec-teacher", Role.TEACHER, institution=school)
    pedagogue = Pedagogue.objects.filter(institution=school, user__isnull=True).order_by("pk").first()
    pedagogue.user = teacher
    pedagogue.save(update_fields=["user"])
    return {
        "head": make_user("sec-head", Role.HEAD, municipality=city),
        "methodist": make_user("sec-methodist", Role.METHODIST, municipality=city),
        "school_user": make_user("sec-school", Role.SCHOOL, institution=school),
        "outsider": make_user("sec-outsider", Role.SCHOOL, institution=other_school),
        "expert": make_user("sec-expert", Role.EXPERT, municipality=city),
        "teacher": teacher,
        "_school": school,
        "_other_school": other_school,
    }


def anonymous_is_kept_out(response) -> bool:
    # 405: a POST-only view answering GET does nothing (this test sends GET only).
    if response.status_code in (401, 403, 404, 405):
        return True
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PREFIXES)


def test_every_url_keeps_anonymous_visitors_out_and_never_fails_for_any_persona(personas):
    started = time.monotonic()
    urls = urls_to_request()
    assert len(urls) > 300, "the URL conf walk found too few URLs"
    problems = []

    anonymous = Client(raise_request_exception=False)
    for name, url, _missing in urls:
        response = anonymous.get(url)
        if response.status_code >= 500:
            problems.append(f"anonymous {url} ({name}): {response.status_code}")
        elif name not in PUBLIC and not anonymous_is_kept_out(response):
            problems.append(f"anonymous {url} ({name}) is not protected: {response.status_code}")

    for persona in ("head", "methodist", "school_user", "outsider", "expert", "teacher"):
        client = Client(raise_request_exception=False)
        client.force_login(personas[persona])
        roles = roles_of(personas[persona])
        for name, url, _missing in urls:
            if name == "logout" or name.startswith("admin:") or (name == "api-schema" and persona != "head"):
                continue  # the admin lets in staff only; no persona is staff (anonymous covers it above)
            response = client.get(url)
            if response.status_code >= 500:
                problems.append(f"{persona} {url} ({name}): {response.status_code}")
            elif name not in UNRULED:
                problems += matrix_disagreements(persona, roles, name, url, "GET", response)
            if name not in UNRULED and url.startswith("/api/") and not _missing:
                for method in ("DELETE", "POST"):
                    if not allows(roles, name, method):  # only what the matrix refuses: nothing is changed
                        answer = getattr(client, method.lower())(url, content_type="application/json")
                        problems += matrix_disagreements(persona, roles, name, url, method, answer)

    assert problems == [], "\n".join(problems)
    print(f"{len(urls)} URLs x 7 clients in {time.monotonic() - started:.1f} s")


def matrix_disagreements(persona, roles, name, url, method, response) -> list[str]:
    """Compare one answer with the capability matrix."""
    status = response.status_code
    if not allows(roles, name, method):
        if status in (403, 404, 405):
            return []
        return [f"{persona} {method} {url} ({name}) is refused by the matrix but answers {status}"]
    if method == "GET" and status == 403 and not access_for(name).finer:
        return [f"{persona} {method} {url} ({name}) is allowed by the matrix but answers 403"]
    return []


def test_every_url_name_has_a_rule_in_the_capability_matrix(db):
    names = {name for _route, name, _cb, _params in walk(get_resolver().url_patterns)
             if name and not name.startswith("admin:") and name not in UNRULED}

    assert sorted(name for name in names if access_for(name) is None) == []


def test_the_matrix_keeps_the_expert_out_of_personal_data_and_lets_a_school_delete_nobody():
    from core.capabilities import MATRIX
    from core.capabilities import Cap

    assert Cap.PERSONAL_DATA not in MATRIX[Role.EXPERT] and Cap.DIAGNOSES not in MATRIX[Role.EXPERT]
    assert Cap.EXPORT not in MATRIX[Role.EXPERT]
    assert Cap.DELETE_PEOPLE not in MATRIX[Role.SCHOOL] and Cap.DELETE not in MATRIX[Role.SCHOOL]
    assert access_for("pedagogue-detail").caps_for("DELETE") == (Cap.DELETE_PEOPLE,)


def test_public_allow_list_names_only_existing_urls(db):
    names = {name for _route, name, _cb, _params in walk(get_resolver().url_patterns)}

    assert PUBLIC - names == set()


def test_a_new_unprotected_view_would_be_reported(db, settings):
    """The check itself: a view that lets anyone in is not 'kept out'."""
    response = Client().get(reverse("healthz"))

    assert "healthz" in PUBLIC
    assert not anonymous_is_kept_out(response)


@pytest.mark.parametrize("url_name", ["core:institution-detail", "core:institution-edit"])
def test_outsider_cannot_open_another_schools_institution_pages(personas, url_name):
    client = Client()
    client.force_login(personas["outsider"])

    response = client.get(reverse(url_name, kwargs={"pk": personas["_school"].pk}))

    assert response.status_code in (403, 404)


def test_school_user_cannot_open_another_schools_pedagogue(personas):
    stranger = Pedagogue.objects.filter(institution=personas["_other_school"]).order_by("pk").first()
    client = Client()
    client.force_login(personas["school_user"])

    assert client.get(reverse("core:pedagogue-detail", kwargs={"pk": stranger.pk})).status_code == 404
    assert client.get(reverse("core:pedagogue-edit", kwargs={"pk": stranger.pk})).status_code in (403, 404)


def test_no_api_delete_answers_500_even_for_the_administrator(personas):
    """Every API detail route DELETEd as the administrator, on the demo's first object (with its dependants):
    deleted (204), refused (403/405) or kept because others refer to it (409 with a message) — never a 500."""
    admin = make_user("sec-admin", Role.ADMIN)
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    answers, problems = {}, []
    for name, url, missing in urls_to_request():
        if missing or not url.startswith("/api/v1/") or not name.endswith("-detail"):
            continue
        response = client.delete(url)
        answers[name] = response.status_code
        if response.status_code >= 500:
            problems.append(f"DELETE {url} ({name}): {response.status_code}")
        elif response.status_code == 409 and not response.json().get("detail"):
            problems.append(f"DELETE {url} ({name}): 409 without a message")

    assert problems == [], "\n".join(problems)
    assert len(answers) > 20
    assert answers["pedagogue-detail"] == 409  # the demo's first pedagogue has completions, routes, …
    assert answers["training-programme-detail"] == 409  # and the first programme its completions
