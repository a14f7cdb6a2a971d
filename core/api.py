"""REST API of the directory: institutions and pedagogues, scoped like the pages.

Everyone reads what ``for_user`` gives them; writing needs the right to edit
(``editable_by``). An object outside the user's scope is a 404, one the user
sees but may not change is a 403.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import ProtectedError
from django.db.models import RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework import permissions
from rest_framework import serializers
from rest_framework import viewsets

from core.audit import AccessLoggedMixin
from core.capabilities import Cap
from core.filters import InstitutionFilter
from core.filters import PedagogueFilter
from core.forms import CategoryAwardForm
from core.models import CategoryAward
from core.models import Employment
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.models import Position
from core.rest import FormValidatedSerializer
from core.rest import MayEdit
from core.rest import ScopedWriteMixin
from core.rest import route
from core.scoping import Role
from core.scoping import roles_of
from core.services import deactivatable_institutions
from core.services import place_pedagogue


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


class ProtectedDestroyMixin:
    """Deleting a row other records still point to answers 409 with a reason, not a 500."""

    def perform_destroy(self, instance) -> None:
        try:
            with transaction.atomic():
                instance.delete()
        except (ProtectedError, RestrictedError) as exc:
            raise Conflict(_("It cannot be deleted: other records refer to it.")) from exc


class InstitutionSerializer(serializers.ModelSerializer):
    type_display = serializers.CharField(source="get_type_display", read_only=True)
    staff_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Institution
        fields = [
            "id", "municipality", "name", "short_name", "type", "type_display", "address", "director",
            "phone", "email", "is_active", "staff_count",
        ]

    def validate_municipality(self, municipality: Municipality) -> Municipality:
        roles = roles_of(self.context["request"].user)
        if self.instance is not None and self.instance.municipality_id == municipality.pk:
            return municipality
        if not (roles.is_admin or municipality.pk in roles.municipality_ids_for(Role.METHODIST, Role.HEAD)):
            raise serializers.ValidationError(_("You may not add institutions to this municipality."))
        return municipality

    def validate_is_active(self, is_active: bool) -> bool:
        """Deactivating is the municipality's decision (the institution page's confirmation), not the school's."""
        if self.instance is not None and is_active != self.instance.is_active and not deactivatable_institutions(
                self.context["request"].user).filter(pk=self.instance.pk).exists():
            raise serializers.ValidationError(_("Only the municipality's methodists or head deactivate an institution."))
        return is_active


@route("institutions", "institution")
class InstitutionViewSet(viewsets.ModelViewSet):
    """Institutions are not deleted but deactivated (``is_active``): history and reports refer to them."""

    serializer_class = InstitutionSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    permission_classes = [permissions.IsAuthenticated, MayEdit]
    filterset_class = InstitutionFilter
    search_fields = ["name", "short_name"]
    ordering_fields = ["short_name", "name", "type", "municipality__name", "staff_count"]
    ordering = ["short_name"]

    def get_queryset(self):
        return (
            Institution.objects.for_user(self.request.user)
            .select_related("municipality")
            .annotate(staff_count=Count("staff"))
        )


class EmploymentSerializer(serializers.ModelSerializer):
    institution_name = serializers.CharField(source="institution.short_name", read_only=True)
    position_name = serializers.CharField(source="position.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Employment
        fields = ["id", "institution", "institution_name", "position", "position_name", "rate", "hired", "left"]
        read_only_fields = fields


class PedagogueSerializer(serializers.ModelSerializer):
    """``institution``/``position``/``rate`` write the current job: a change of institution closes the open
    employment and opens a new one from ``hired`` (today by default). The category is read-only here: it is
    the last award of the category history (``/api/v1/category-awards/``), whose rules are the model's."""

    full_name = serializers.CharField(read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())
    position = serializers.PrimaryKeyRelatedField(queryset=Position.objects.all(), allow_null=True, required=False)
    hired = serializers.DateField(write_only=True, required=False, help_text="Start of the current job.")
    rate = serializers.DecimalField(
        max_digits=4, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal("3"), write_only=True,
        required=False, allow_null=True, help_text="The current job's share of a full rate (ставка); empty: 1.",
    )
    employments = EmploymentSerializer(many=True, read_only=True)

    class Meta:
        model = Pedagogue
        fields = [
            "id", "last_name", "first_name", "middle_name", "full_name", "birth_date", "municipality",
            "institution", "position", "rate", "hired", "subjects", "experience_start", "category",
            "category_display", "category_date", "category_valid_until", "email", "phone", "employments",
        ]
        read_only_fields = ["municipality", "category", "category_date", "category_valid_until"]

    def validate_institution(self, institution: Institution) -> Institution:
        if self.instance is not None and self.instance.institution_id == institution.pk:
            return institution
        if not Institution.objects.editable_by(self.context["request"].user).filter(pk=institution.pk).exists():
            raise serializers.ValidationError(_("You may not place pedagogues in this institution."))
        return institution

    def validate(self, attrs: dict) -> dict:
        birth = attrs.get("birth_date")
        if birth and birth > timezone.localdate():
            raise serializers.ValidationError({"birth_date": _("The birth date is in the future.")})
        return attrs

    @transaction.atomic
    def create(self, validated_data: dict) -> Pedagogue:
        institution = validated_data.pop("institution")
        position = validated_data.pop("position", None)
        hired = validated_data.pop("hired", None) or timezone.localdate()
        rate = validated_data.pop("rate", None)
        subjects = validated_data.pop("subjects", [])
        pedagogue = Pedagogue.objects.create(
            municipality_id=institution.municipality_id, institution=institution, position=position, **validated_data
        )
        pedagogue.subjects.set(subjects)
        place_pedagogue(pedagogue=pedagogue, institution=institution, position=position, hired=hired, rate=rate)
        return pedagogue

    @transaction.atomic
    def update(self, instance: Pedagogue, validated_data: dict) -> Pedagogue:
        institution = validated_data.pop("institution", instance.institution)
        position = validated_data.pop("position", instance.position)
        hired: datetime.date | None = validated_data.pop("hired", None)
        rate = validated_data.pop("rate", None)
        instance = super().update(instance, validated_data)
        if institution and (institution.pk != instance.institution_id or position != instance.position or hired
                            or rate is not None):
            current = instance.employments.filter(left__isnull=True).order_by("-hired", "-pk").first()
            if hired is None and current is not None and current.institution_id == institution.pk:
                hired = current.hired  # a new position or rate in the same job does not restart it
            place_pedagogue(pedagogue=instance, institution=institution, position=position,
                            hired=hired or timezone.localdate(), rate=rate)
        return instance


@route("pedagogues", "pedagogue")
class PedagogueViewSet(AccessLoggedMixin, ProtectedDestroyMixin, viewsets.ModelViewSet):
    access_what = "core.pedagogue"
    serializer_class = PedagogueSerializer
    permission_classes = [permissions.IsAuthenticated, MayEdit]
    filterset_class = PedagogueFilter
    search_fields = ["last_name", "first_name", "middle_name"]
    ordering_fields = ["last_name", "birth_date", "institution__short_name", "category", "experience_start"]
    ordering = ["last_name", "first_name", "middle_name"]

    def get_queryset(self):
        return (
            Pedagogue.objects.for_user(self.request.user)
            .select_related("institution", "position")
            .prefetch_related(
                "subjects", Prefetch("employments", Employment.objects.select_related("institution", "position"))
            )
        )

    def create(self, request, *args, **kwargs):
        roles = roles_of(request.user)
        if not (roles.is_admin or roles.municipality_ids_for(Role.METHODIST, Role.HEAD)
                or roles.institution_ids_for(Role.SCHOOL)):
            self.permission_denied(request)
        return super().create(request, *args, **kwargs)

    def perform_destroy(self, instance) -> None:
        # People are not deleted by a click (the matrix: Cap.DELETE_PEOPLE, the administrator only): a departure
        # is an employment that ends, and an erasure on request is the administrator's action with a reason.
        if not roles_of(self.request.user).can(Cap.DELETE_PEOPLE):
            self.permission_denied(self.request, message=_(
                "Pedagogues are not deleted: close the employment when a person leaves; the administrator "
                "erases a person's data on their request."))
        super().perform_destroy(instance)


class CategoryAwardSerializer(FormValidatedSerializer):
    """One award of a pedagogue's category history, written through the page's form: no order date in the
    future, «педагог-методист»/«педагог-наставник» only on a highest category held on the order date
    (``CategoryAward.clean``); ``valid_until`` is five years on unless given."""

    form_class = CategoryAwardForm
    parent_fields = ("pedagogue",)
    category_display = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = CategoryAward
        fields = ["id", "pedagogue", "category", "category_display", "order_date", "order_number", "valid_until"]
        extra_kwargs = {"valid_until": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and not fields["pedagogue"].read_only:
            fields["pedagogue"].queryset = Pedagogue.objects.editable_by(request.user)
        return fields

    def get_form_kwargs(self, attrs: dict) -> dict:
        return {"pedagogue": self.parent_record(attrs, "pedagogue")}


@route("category-awards", "category-award")
class CategoryAwardViewSet(AccessLoggedMixin, ScopedWriteMixin, viewsets.ModelViewSet):
    """The category history of the pedagogues the user sees (``?pedagogue=<id>``); who may edit a pedagogue
    (``Pedagogue.objects.editable_by``) adds, corrects and deletes its awards, as on the pedagogue's page."""

    access_what = "core.category_award"
    serializer_class = CategoryAwardSerializer
    filterset_fields = ["pedagogue", "category"]
    ordering_fields = ["order_date", "valid_until"]
    write_roles = (Role.METHODIST, Role.HEAD, Role.SCHOOL)

    def get_queryset(self):
        return CategoryAward.objects.for_user(self.request.user).order_by("-order_date", "-pk")

    def get_write_queryset(self):
        return self.get_queryset().filter(pedagogue__in=Pedagogue.objects.editable_by(self.request.user).values("pk"))
