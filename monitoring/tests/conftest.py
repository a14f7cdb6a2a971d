import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    # Indicator values are cached per (scope, year); test databases reuse primary keys.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def core_indicators_only(monkeypatch):
    """Other apps register their indicators in parallel; these tests rate a known set (core + test-only)."""
    from monitoring.registry import registry

    monkeypatch.setattr(
        registry, "_items", {k: v for k, v in registry._items.items() if k.startswith("core.")}
    )
