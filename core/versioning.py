"""No change lost: the version a record was read at, and one-time tokens of create forms.

A record's version is the id of its latest ``simple_history`` row (``"h123"``): every save through the
ORM writes one, so a form or an API update that carries the version it was read at can tell whether
someone saved the record in between, and the history rows say what they changed.

Every ``ModelForm`` built on ``core.forms.BootstrapFormMixin`` carries the version of the record it edits
(a hidden ``record_version``) and, when it creates one, a one-time ``form_token``; the API's
serializers carry ``version`` (or the ``If-Match`` header), see ``core.rest``. A form or a request without
them is not checked (old clients, scripted posts), so the mechanism never refuses what it cannot judge.
"""

import uuid
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError
from django.db.models import Model
from django.db.models import OuterRef
from django.db.models import QuerySet
from django.db.models import Subquery
from django.utils.translation import gettext as _

from core.params import parse_id

VERSION_FIELD = "record_version"
TOKEN_FIELD = "form_token"
TOKEN_TTL = 24 * 3600


def history_model(model: type[Model]) -> type[Model] | None:
    """Return the simple_history model of ``model``, or None if it keeps no history."""
    manager = getattr(model, "_meta", None) and getattr(model._meta, "simple_history_manager_attribute", None)
    if not manager:
        return None
    return getattr(model, manager).model


def with_versions(queryset: QuerySet) -> QuerySet:
    """Annotate each row with its latest history id (``_version_id``) in one query."""
    history = history_model(queryset.model)
    if history is None:
        return queryset
    latest = history.objects.filter(id=OuterRef("pk")).order_by("-history_id").values("history_id")[:1]
    return queryset.annotate(_version_id=Subquery(latest))


def version_of(instance: Model) -> str | None:
    """Return the version of a saved record (None for records without history or not saved yet)."""
    history = history_model(type(instance))
    if history is None or instance.pk is None:
        return None
    if hasattr(instance, "_version_id"):
        latest = instance._version_id
    else:
        latest = (
            history.objects.filter(id=instance.pk).order_by("-history_id").values_list("history_id", flat=True).first()
        )
    return None if latest is None else f"h{latest}"


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str

    def __str__(self) -> str:
        return _("{field}: «{old}» → «{new}»").format(field=self.label, old=self.old, new=self.new)


def _display(model: type[Model], name: str, value) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    if value in (None, ""):
        return "—"
    if field.is_relation and field.many_to_one:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def changes_since(instance: Model, version: str | None) -> list[Change] | None:
    """Return what others saved on the record after ``version``.

    None when the version is unknown or current (nothing to refuse), a list (possibly empty when the
    saves changed no value) otherwise.
    """
    history = history_model(type(instance))
    if history is None or not version or not version.startswith("h") or parse_id(version[1:]) is None:
        return None
    current = version_of(instance)
    if current is None or current == version:
        return None
    rows = history.objects.filter(id=instance.pk)
    read = rows.filter(history_id=int(version[1:])).first()
    latest = rows.order_by("-history_id").first()
    if read is None or latest is None:
        return None
    model = type(instance)
    result = []
    for change in latest.diff_against(read).changes:
        try:
            label = str(model._meta.get_field(change.field).verbose_name)
        except FieldDoesNotExist:
            label = change.field
        result.append(Change(change.field, label, _display(model, change.field, change.old),
                             _display(model, change.field, change.new)))
    return result


def conflict_message(changes: list[Change], *, form: bool = True) -> str:
    """The message a user reads when their save would overwrite someone else's."""
    if form:
        text = _("Someone else saved this record after you opened it. Your input is kept below; "
                 "check it against their changes and save again.")
    else:
        text = _("Someone else saved this record after you read it: read it again and send your changes "
                 "with the new version.")
    if changes:
        text += " " + _("They changed: {changes}.").format(changes="; ".join(str(c) for c in changes))
    return text


class GuardField(forms.CharField):
    """A hidden bookkeeping field that never counts as a change of the form's data."""

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)

    def has_changed(self, initial, data) -> bool:
        return False


class TokenField(GuardField):
    """The one-time token: a form is always rendered with the fresh one it was built with, never the posted one."""

    def bound_data(self, data, initial):
        return initial


class ChangeGuardMixin:
    """For a top-level ModelForm: the version check on edit and the one-time token on create.

    Prefixed forms (formsets, several forms on a page) are left alone: their hidden fields would make an
    empty extra form look filled in.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not isinstance(self, forms.BaseModelForm) or self.prefix:
            return
        self._guard_create = self.instance.pk is None
        if not self._guard_create:
            version = version_of(self.instance)
            if version is not None:
                self.fields[VERSION_FIELD] = GuardField(initial=version)
        else:
            self.fields[TOKEN_FIELD] = TokenField(initial=uuid.uuid4().hex)

    def _post_clean(self):
        super()._post_clean()
        if not isinstance(self, forms.BaseModelForm) or self.prefix:
            return
        # Bookkeeping, not data: views pass cleaned_data on to services (``**form.cleaned_data``).
        for name in (TOKEN_FIELD, VERSION_FIELD):
            self.cleaned_data.pop(name, None)
        if TOKEN_FIELD in self.fields:
            token = self.data.get(TOKEN_FIELD) or ""
            if token and (cache.get(_token_key(token)) is not None
                          or (not self.errors and not cache.add(_token_key(token), 1, TOKEN_TTL))):
                # Said alone: the other messages would be about the copy already saved. The token is taken
                # when the form is valid (atomically: of two simultaneous posts one gets it); the form is
                # always shown again with a fresh one, so a save refused later by the view can be retried.
                self._errors.clear()
                self.add_error(None, _("This form has already been submitted: the record was saved once."))
                return
        if self.errors:
            return
        if VERSION_FIELD in self.fields:
            read_at = self.data.get(self.add_prefix(VERSION_FIELD)) or None
            changes = changes_since(self.instance, read_at)
            if changes is not None:
                # The form is shown again with what this user typed and, from now on, the current
                # version: saving again means "I have seen their changes".
                self.data = self.data.copy()
                self.data[self.add_prefix(VERSION_FIELD)] = version_of(self.instance)
                self.add_error(None, conflict_message(changes))


def _token_key(token: str) -> str:
    return f"form-token:{token[:64]}"


class IntegrityConflictMiddleware:
    """A page whose save lost a unique constraint to a concurrent one answers 409 with a message, not 500.

    Forms validate uniqueness before saving, so this is the race of two simultaneous saves (the API's
    views answer the same with ``core.rest.exception_handler``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IntegrityError):
            return None
        from django.template.response import TemplateResponse

        response = TemplateResponse(request, "409.html", {
            "message": _("A record with these values was saved at the same moment. Reload the data and try again."),
        }, status=409)
        return response.render()
