"""One way for the domain apps to contribute a module by convention (``nav``, ``record``, ``api``,
``reminders``, ``certificate_sources``, ``demo``…): the app owns ``<app>/<name>.py`` and the consumer asks
for every such module here, in the order of ``settings.DOMAIN_APPS``.

Django's ``autodiscover_modules`` imports modules for their side effects (the indicator registry); the
consumers below want the modules themselves, so they come through this helper instead of a loop of
``find_spec`` + ``import_module`` of their own.
"""

from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.conf import settings


@cache
def _modules(name: str, apps: tuple[str, ...]) -> tuple[tuple[str, ModuleType], ...]:
    found = []
    for app in apps:
        if find_spec(app) is not None and find_spec(f"{app}.{name}") is not None:
            found.append((app, import_module(f"{app}.{name}")))
    return tuple(found)


def domain_modules(name: str, *, apps: list[str] | tuple[str, ...] | None = None) -> list[tuple[str, ModuleType]]:
    """Return ``(app, module)`` for every domain app that has a module ``<app>.<name>``.

    ``apps`` narrows (and orders) the apps asked; by default ``settings.DOMAIN_APPS``. Modules never change
    while a process runs, so the look-up is done once per name.
    """
    return list(_modules(name, tuple(settings.DOMAIN_APPS if apps is None else apps)))


def domain_module(app: str, name: str) -> ModuleType | None:
    """Return ``<app>.<name>`` when that app has it, else ``None``."""
    found = _modules(name, (app,))
    return found[0][1] if found else None
