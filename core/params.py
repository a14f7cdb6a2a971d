"""Request parameters that name objects or numbers, validated in one place so bad input is a 400 (or is
ignored by a page's filter form), never a 500.

- ``parse_id(value)``: an object id from a query string — ASCII digits, 1 … 2**63-1 (a 64-bit key), else
  ``None``. ``str.isdigit()`` is not enough: ``"²"`` passes it and ``int("²")`` fails; a 23-digit number passes
  ``int()`` and overflows the database driver (``OverflowError`` on SQLite, ``DataError`` on PostgreSQL).
- The id and number filters of django-filter, used by every page's filter form and every API list, get fields
  with the same bounds (``install()``, run when ``core.filters`` is imported, which the URL conf does): a bad
  value is an invalid choice — the API answers 400 naming the parameter, a page ignores the filter.
"""

from decimal import Decimal

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django_filters import fields as filter_fields

MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    text = str(value).strip() if value is not None else ""
    if not text or len(text) > 19 or not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def _integer_key(field: forms.ModelChoiceField) -> bool:
    model = field.queryset.model if field.queryset is not None else None
    if model is None:
        return False
    key = model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk
    return isinstance(key, models.IntegerField | models.AutoField)


class BoundedModelChoiceField(filter_fields.ModelChoiceField):
    def to_python(self, value):
        if (value not in self.empty_values and not (self.null_label is not None and value == self.null_value)
                and _integer_key(self) and parse_id(value) is None):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(filter_fields.ModelMultipleChoiceField):
    def _check_values(self, value):
        if _integer_key(self):
            for item in value:
                if item != self.null_value and parse_id(item) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                    )
        return super()._check_values(value)


class BoundedDecimalField(forms.DecimalField):
    """A number filter's field: finite and within what a 64-bit column holds."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_value", Decimal(MAX_ID))
        kwargs.setdefault("min_value", -Decimal(MAX_ID))
        kwargs.setdefault("max_digits", 30)
        super().__init__(*args, **kwargs)


def install() -> None:
    django_filters.ModelChoiceFilter.field_class = BoundedModelChoiceField
    django_filters.ModelMultipleChoiceFilter.field_class = BoundedModelMultipleChoiceField
    django_filters.NumberFilter.field_class = BoundedDecimalField
