"""The API's routes: every app marks its viewsets with ``@core.rest.route(prefix, basename)`` beside the class
(as ``@admin.register``), and config/api.py serves what they mark."""

import sys
import types

from django.urls import reverse
from rest_framework import viewsets
from rest_framework.viewsets import ViewSetMixin

from core.discovery import domain_modules
from core.rest import route
from core.rest import routes_of


def test_every_viewset_an_app_defines_is_served_but_the_one_base_class():
    unrouted = [f"{app}.{value.__name__}" for app, module in domain_modules("api") for value in vars(module).values()
                if isinstance(value, type) and value.__module__ == module.__name__
                and issubclass(value, ViewSetMixin) and "api_route" not in vars(value)]
    assert unrouted == ["associations.AssociationChildViewSet"]  # the base of the associations' child records


def test_the_routes_keep_their_addresses_and_url_names():
    served = {basename: prefix for _app, module in domain_modules("api") for prefix, _view, basename in routes_of(module)}
    assert len(served) == 41
    assert served["mentoring-pair"] == "mentoring/pairs" and served["monitoring-measure"] == "monitoring/order-measures"
    assert reverse("mentoring-pair-list") == "/api/v1/mentoring/pairs/"
    assert reverse("competition-entry-detail", args=[7]) == "/api/v1/competition-entries/7/"
    assert reverse("institution-list") == "/api/v1/institutions/"


def test_a_route_is_read_from_the_module_that_defines_it_and_not_inherited():
    module = types.ModuleType("fake_api")
    sys.modules["fake_api"] = module
    try:
        exec(  # a module of viewsets, as an app's api.py
            "from rest_framework import viewsets\n"
            "class Base(viewsets.ViewSet): pass\n"
            "class Child(Base): pass\n",
            module.__dict__,
        )
        route("things", "thing")(module.Base)
        module.Imported = route("elsewhere", "other")(type("Imported", (viewsets.ViewSet,), {"__module__": "x"}))
        assert routes_of(module) == [("things", module.Base, "thing")]
    finally:
        del sys.modules["fake_api"]
