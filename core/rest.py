"""What every app's write API shares: the pages' validation and scoping, versions, 409s, the schema.

- ``FormValidatedSerializer``: a ``ModelSerializer`` whose writes go through the app's own ``ModelForm``
  (the form the pages use), so the API accepts exactly what the form accepts, with the form's querysets
  (choices limited to the user's scope), its ``clean()`` and the model's ``full_clean()``; the form's
  errors come back as the serializer's field errors.
- ``ModelCleanSerializer``: for records without a form, runs the model's ``full_clean()``.
- ``version`` on every serializer of a model with history (and ``If-Match``): an update made from an older
  version answers 409 with what the other user changed (``core.versioning``).
- ``ScopedWriteMixin`` for viewsets: who may create (roles), which rows they may change or delete
  (``get_write_queryset``, usually ``editable_by``): a row the user sees but may not change is a 403.
- ``@route(prefix, basename)`` over a viewset, as ``@admin.register`` over a ModelAdmin: the API serves it at
  ``/api/v1/<prefix>/`` under the URL names ``<basename>-list`` / ``-detail`` (``routes_of`` reads them for
  config/api.py).
- ``MayEdit``, a permission: reading is for everyone in scope, writing only on the rows the model's manager
  gives through ``editable_by(user)`` (a subclass names another method in ``through``).
- ``exception_handler``: ``ProtectedError``/``RestrictedError`` (deleting what others refer to) and
  ``IntegrityError`` (a unique constraint lost to a concurrent write) answer 409, never 500.
- ``add_error_responses``: the schema documents the 400/403/404/409 answers of every operation.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db import models
from django.db.models import ProtectedError
from django.db.models import RestrictedError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions
from rest_framework import permissions
from rest_framework import serializers
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.duplicates import already_recorded_text
from core.scoping import roles_of
from core.versioning import TOKEN_FIELD
from core.versioning import VERSION_FIELD
from core.versioning import changes_since
from core.versioning import conflict_message
from core.versioning import version_of
from core.versioning import with_versions


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


def exception_handler(exc, context):
    """DRF's handler, with the database's refusals as 409 and model validation as 400."""
    if isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict(_("It cannot be deleted: other records refer to it."))
    elif isinstance(exc, IntegrityError):
        exc = Conflict(_("A record with these values was saved at the same moment. Reload the data and try again."))
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_errors(exc))
    return drf_exception_handler(exc, context)


def _django_errors(exc: DjangoValidationError) -> dict:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    return {(api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key): value
            for key, value in errors.items()}


# --- versions ---------------------------------------------------------------------------------------------

@extend_schema_field({"type": "string", "nullable": True,
                      "description": "The version the record was read at; send it back on update "
                                     "(or as If-Match): a newer version answers 409."})
class VersionField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", required=False, allow_null=True, **kwargs)

    def to_representation(self, instance) -> str | None:
        return version_of(instance)

    def to_internal_value(self, data) -> dict:
        if data is not None and not isinstance(data, str):
            raise serializers.ValidationError(_("A version is a string."))
        return {"_read_version": data}


class VersionedMixin:
    """Serializer part: the ``version`` field and the refusal of an update made from an older version."""

    def get_fields(self):
        fields = super().get_fields()
        model = getattr(getattr(self, "Meta", None), "model", None)
        if model is not None and "version" not in fields:
            fields["version"] = VersionField()
        return fields

    def validate(self, attrs):
        read_at = attrs.pop("_read_version", None)
        request = self.context.get("request")
        if not read_at and request is not None:
            read_at = request.headers.get("If-Match", "").removeprefix("W/").strip('"') or None
        if self.instance is not None and read_at:
            changes = changes_since(self.instance, read_at)
            if changes is not None:
                raise Conflict({
                    "detail": conflict_message(changes, form=False),
                    "version": version_of(self.instance),
                    "changes": [{"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in changes],
                })
        return super().validate(attrs)


# Serializer part for a record of one pedagogue (a completion, a membership, a mentee's attestation): the
# pedagogue's full name, read-only, beside the id, as ``pedagogue_name`` (list it in ``Meta.fields``):
#     class CompletionSerializer(PedagogueNamed, serializers.ModelSerializer):
# No docstring on purpose: the schema describes a serializer by the first docstring of its classes.
class PedagogueNamed(serializers.Serializer):
    pedagogue_name = serializers.CharField(source="pedagogue.full_name", read_only=True)


# --- validation -------------------------------------------------------------------------------------------

class ModelCleanSerializer(VersionedMixin, serializers.ModelSerializer):
    """Runs the model's ``full_clean()`` (``clean()``, field validators, constraints) on the new values."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        m2m = {f.name for f in model._meta.many_to_many}
        values = {k: v for k, v in attrs.items() if k not in m2m}
        if self.instance is None:
            candidate = model(**values)
        else:
            candidate = model._default_manager.get(pk=self.instance.pk)
            for name, value in values.items():
                setattr(candidate, name, value)
        self.prepare_instance(candidate)
        try:
            candidate.full_clean(exclude=m2m)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(_django_errors(exc)) from exc
        return attrs

    def prepare_instance(self, instance) -> None:
        """Set what the view sets before saving (author, municipality…), so ``clean()`` sees it."""


def form_errors(form: forms.BaseForm) -> dict:
    """A form's errors as a serializer's: field → messages, ``non_field_errors`` for the rest."""
    return {(api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): list(messages)
            for name, messages in form.errors.items()}


def _form_value(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [_form_value(v) for v in value]
    if value is None:
        return ""
    return value


class FormValidatedSerializer(VersionedMixin, serializers.ModelSerializer):
    """Writes through the pages' ``ModelForm``: ``form_class`` and ``get_form_kwargs(attrs)``.

    A partial update starts from what the form would show for the record (its initial values), so
    PATCH and PUT meet the same rules. Serializer fields the form does not write are read-only, except
    ``parent_fields`` (the record a child form is opened from, e.g. a meeting's association: writable
    on create, fixed afterwards; scope their querysets in ``get_fields``). ``form_names`` maps a
    serializer field to the form field it feeds when their names differ.
    """

    form_class: type[forms.BaseModelForm]
    parent_fields: tuple[str, ...] = ()
    form_names: dict[str, str] = {}
    form_takes_user = True  # False for a form without the ``user`` keyword (a catalogue's, the head's settings)

    @property
    def user(self):
        return self.context["request"].user

    def get_form_kwargs(self, attrs: dict) -> dict:
        return {"user": self.user} if self.form_takes_user else {}

    def parent_record(self, attrs: dict, name: str):
        """The parent record: the one given on create, the record's own afterwards."""
        if self.instance is not None:
            return getattr(self.instance, name)
        return attrs[name]

    def new_instance(self, attrs: dict) -> models.Model | None:
        """The unsaved record a create form starts from, as the page's view makes it (author, defaults)."""
        return None

    def get_fields(self):
        fields = super().get_fields()
        writable = {self.form_names.get(name, name) for name in fields} & set(self.form_class.base_fields)
        for name, field in fields.items():
            if name == "version" or field.read_only:
                continue
            if name in self.parent_fields:
                field.read_only = self.instance is not None
            elif self.form_names.get(name, name) not in writable:
                field.read_only = True
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        kwargs = self.get_form_kwargs(attrs)
        instance = self.instance if self.instance is not None else self.new_instance(attrs)
        blank = self.form_class(instance=instance, **kwargs)
        data: dict = {}
        files: dict = {}
        for name, field in blank.fields.items():
            if name in (VERSION_FIELD, TOKEN_FIELD) or isinstance(field, forms.FileField):
                continue
            value = blank.get_initial_for_field(field, name)
            if isinstance(field, forms.ModelMultipleChoiceField) and value is None:
                value = []
            data[name] = _form_value(value)
        for key, value in attrs.items():
            name = self.form_names.get(key, key)
            if name not in blank.fields:
                continue
            if isinstance(blank.fields[name], forms.FileField):
                if value:
                    files[name] = value
                else:
                    data[f"{name}-clear"] = True
            else:
                data[name] = _form_value(value)
        form = self.form_class(data=data, files=files, instance=instance, **kwargs)
        if not form.is_valid():
            # A duplicate (core.duplicates.DuplicateError) is a conflict with a record that exists: 409 naming it.
            duplicate = next((error for errors in form.errors.as_data().values() for error in errors
                              if getattr(error, "record", None) is not None), None)
            if duplicate is not None:
                raise Conflict(already_recorded_text(duplicate.record))
            reverse = {v: k for k, v in self.form_names.items()}
            errors = {}
            for name, messages in form.errors.items():
                key = api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else reverse.get(name, name)
                errors[key] = list(messages)
            raise serializers.ValidationError(errors)
        self._form = form
        return attrs

    def save_form(self, form: forms.BaseModelForm) -> models.Model:
        """Save as the page's view does (override when the view does more than ``form.save()``)."""
        return form.save()

    def create(self, validated_data):
        return self.save_form(self._form)

    def update(self, instance, validated_data):
        return self.save_form(self._form)


# --- viewsets ---------------------------------------------------------------------------------------------

class MayWrite(permissions.BasePermission):
    """Reads for everyone the viewset lets in; creating needs one of the view's ``write_roles``."""

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        # Changing or deleting a row is decided per row (``get_write_queryset``); creating by role.
        roles = getattr(view, "write_roles", ())
        if getattr(view, "action", None) != "create" or not roles:
            return True
        return roles_of(request.user).has(*roles)


def route(prefix: str, basename: str):
    """Class decorator of an app's viewset (as ``@admin.register`` is of a ModelAdmin): the API serves it at
    ``/api/v1/<prefix>/``, its URL names ``<basename>-list`` and ``<basename>-detail`` — the names the capability
    matrix (``core.capabilities``) grants. A subclass is not routed by its parent's decorator."""

    def mark(viewset):
        viewset.api_route = (prefix, basename)
        return viewset

    return mark


def routes_of(module) -> list[tuple[str, type, str]]:
    """``(prefix, viewset, basename)`` of the viewsets ``module`` defines under ``@route``, in their order."""
    return [
        (value.api_route[0], value, value.api_route[1])
        for value in vars(module).values()
        if isinstance(value, type) and value.__module__ == module.__name__ and "api_route" in vars(value)
    ]


class MayEdit(permissions.BasePermission):
    """Safe methods for everyone in scope; writes only on objects the user may edit: those the model's manager
    gives through ``editable_by(user)`` (or the method a subclass names in ``through``)."""

    through = "editable_by"

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return getattr(type(obj).objects, self.through)(request.user).filter(pk=obj.pk).exists()


class ScopedWriteMixin:
    """Viewset part: versions in lists in one query; writes limited to ``get_write_queryset()``.

    A row outside ``get_queryset()`` (the user's scope) is a 404 as for reads; a row the user sees but may
    not change or delete answers 403.
    """

    write_roles: tuple = ()
    permission_classes = [MayWrite]

    def get_write_queryset(self):
        return self.get_queryset()

    def filter_queryset(self, queryset):
        return with_versions(super().filter_queryset(queryset))

    def get_object(self):
        obj = super().get_object()
        if self.request.method not in permissions.SAFE_METHODS and \
                not self.get_write_queryset().filter(pk=obj.pk).exists():
            self.permission_denied(self.request, message=_("You may not change this record."))
        return obj

    def perform_create(self, serializer):
        serializer.save()
        self._reread(serializer)

    def perform_update(self, serializer):
        serializer.save()
        self._reread(serializer)

    def _reread(self, serializer) -> None:
        """Answer with the row as a GET reads it (annotations, the new version)."""
        fresh = with_versions(self.get_queryset()).filter(pk=serializer.instance.pk).first()
        if fresh is not None:
            serializer.instance = fresh


# --- schema -----------------------------------------------------------------------------------------------

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
VALIDATION_SCHEMA = {
    "description": "Field errors (field name → messages) or a list of messages.",
    "oneOf": [
        {"type": "object", "additionalProperties": True},
        {"type": "array", "items": {"type": "string"}},
    ],
}
ERRORS = {
    "400": ("Invalid input: the messages name the fields.", VALIDATION_SCHEMA),
    "403": ("Not allowed for this user or this record.", ERROR_SCHEMA),
    "404": ("Not found in the user's scope.", ERROR_SCHEMA),
    "409": ("Conflict: other records refer to it, it was saved by someone else meanwhile, "
            "or a duplicate was saved at the same moment.", ERROR_SCHEMA),
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: document the error answers every operation can give."""
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, (description, schema) in ERRORS.items():
                if status == "409" and method in ("get", "head", "options"):
                    continue
                responses.setdefault(status, {
                    "description": description,
                    "content": {"application/json": {"schema": schema}},
                })
    return result
