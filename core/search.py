"""One search for every search box and API ``?q=``: a word matches a text field ignoring case, Cyrillic
included, on SQLite and PostgreSQL alike.

SQLite's ``LIKE`` and ``LOWER`` fold ASCII letters only, so on SQLite the lookup compares
``ULOWER(column)`` — Python's ``str.lower``, registered on every new connection — with the lowered
pattern; on PostgreSQL it is the database's own ``UPPER(…) LIKE UPPER(…)`` (Django's ``icontains``).

    Pedagogue.objects.filter(last_name__ucontains="иван")      # finds «Иванова» and «ИВАНОВ»
    queryset.filter(words_q("иван сш", "last_name", "institution__short_name"))
"""

from django.db.backends.signals import connection_created
from django.db.models import CharField
from django.db.models import Lookup
from django.db.models import Q
from django.db.models import TextField
from django.dispatch import receiver
from rest_framework import filters


def _lower(value):
    return value.lower() if isinstance(value, str) else value


@receiver(connection_created, dispatch_uid="core.search.ulower")
def register_ulower(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("ULOWER", 1, _lower, deterministic=True)


@CharField.register_lookup
@TextField.register_lookup
class UContains(Lookup):
    """``field__ucontains=word``: the field contains the word, whatever the case of either."""

    lookup_name = "ucontains"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        params = [*lhs_params, *(f"%{connection.ops.prep_for_like_query(value)}%" for value in rhs_params)]
        if connection.vendor == "sqlite":
            return f"ULOWER({lhs}) LIKE ULOWER({rhs}) ESCAPE '\\'", params
        if connection.vendor == "postgresql":
            return f"UPPER({lhs}::text) LIKE UPPER({rhs})", params
        return f"LOWER({lhs}) LIKE LOWER({rhs})", params


def contains_q(fields: tuple[str, ...] | list[str], word: str) -> Q:
    """Return a Q matching ``word`` inside any of ``fields``."""
    q = Q()
    for name in fields:
        q |= Q(**{f"{name}__ucontains": word})
    return q


def words_q(text: str, *fields: str) -> Q:
    """Return a Q matching every word of ``text``, each inside any of ``fields``."""
    q = Q()
    for word in str(text or "").split():
        q &= contains_q(fields, word)
    return q


class SearchFilter(filters.SearchFilter):
    """DRF's ``?search=`` through the same lookup as every search box (``DEFAULT_FILTER_BACKENDS``)."""

    def construct_search(self, field_name, queryset=None):
        if field_name[:1] in self.lookup_prefixes:
            return super().construct_search(field_name, queryset)
        return f"{field_name}__ucontains"
