"""API: directions, indicator passports and the computed values of a year for a scope."""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.capabilities import Cap, roles_with
from core.models import AcademicYear, Institution, Municipality
from core.params import parse_id
from core.rest import MayWrite, ModelCleanSerializer, ScopedWriteMixin
from core.scoping import HasRole, Role, roles_of
from monitoring import stored
from monitoring.computation import compute
from monitoring.models import Direction, IndicatorPassport, Target

READERS = roles_with(Cap.PERSONAL_DATA)


class DirectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Direction
        fields = ["id", "code", "title", "order"]


class PassportSerializer(serializers.ModelSerializer):
    direction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = serializers.CharField(source="display_title", read_only=True)
    rule = serializers.CharField(source="display_rule", read_only=True)
    source = serializers.CharField(source="display_source", read_only=True)

    class Meta:
        model = IndicatorPassport
        fields = ["id", "code", "direction", "title", "unit", "better", "rule", "source", "is_key"]


class TargetSerializer(ModelCleanSerializer):
    code = serializers.CharField(source="passport.code", read_only=True)
    year_title = serializers.CharField(source="year.title", read_only=True)

    class Meta:
        model = Target
        fields = ["id", "passport", "code", "year", "year_title", "value", "tolerance"]


class TargetViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """The department's targets and tolerances (a share as a fraction: 0.4 = 40 %); the head sets them,
    as on the targets page; a target carries over to later years until changed."""

    serializer_class = TargetSerializer
    permission_classes = [HasRole.of(*READERS), MayWrite]
    write_roles = (Role.HEAD,)
    filterset_fields = ["year", "passport"]
    ordering_fields = ["year", "passport"]

    def get_queryset(self):
        return Target.objects.select_related("passport", "year").order_by("passport__code", "year__start_year")

    def get_write_queryset(self):
        # Targets are the same for every municipality, like the targets page: the heads keep them.
        queryset = self.get_queryset()
        return queryset if roles_of(self.request.user).has(Role.HEAD) else queryset.none()


class DirectionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DirectionSerializer
    permission_classes = [HasRole.of(*READERS)]
    filterset_fields = ["code"]
    search_fields = ["title", "code"]
    ordering_fields = ["order", "code"]

    def get_queryset(self):
        # Directions are the same for every municipality: nothing to scope.
        return Direction.objects.ordered()


class PassportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PassportSerializer
    permission_classes = [HasRole.of(*READERS)]
    filterset_fields = ["direction__code", "is_key", "unit"]
    search_fields = ["title", "code"]
    ordering_fields = ["code"]

    queryset = IndicatorPassport.objects.none()  # for the schema; get_queryset gives the rows

    def get_queryset(self):
        if not getattr(self, "swagger_fake_view", False):
            IndicatorPassport.objects.registered_by_code()
        return IndicatorPassport.objects.registered().select_related("direction")


class ValuesView(APIView):
    """Every indicator of a year for the user's municipality or one institution it may see."""

    permission_classes = [HasRole.of(*READERS)]

    @extend_schema(
        parameters=[
            OpenApiParameter("year", str, required=True, description="2021/2022"),
            OpenApiParameter("institution", int, description="institution id (default: the municipality)"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        title = request.query_params.get("year", "")
        try:
            year = AcademicYear.objects.by_title(title)
        except AcademicYear.DoesNotExist:
            raise ValidationError({"year": _("Give an academic year like 2021/2022.")}) from None
        roles = roles_of(request.user)
        institution_id = request.query_params.get("institution")
        if institution_id:
            if parse_id(institution_id) is None:
                raise ValidationError({"institution": _("An institution id is a number.")})
            scope = get_object_or_404(Institution.objects.for_user(request.user), pk=institution_id)
        elif roles.is_global or roles.municipality_ids_for(Role.HEAD, Role.METHODIST):
            ids = roles.municipality_ids_for(Role.HEAD, Role.METHODIST)
            queryset = (
                Municipality.objects.all() if roles.is_global else Municipality.objects.filter(pk__in=ids)
            )
            scope = queryset.order_by("pk").first()
            if scope is None:
                raise NotFound
        else:
            scope = Institution.objects.filter(pk__in=roles.institution_ids_for(Role.SCHOOL)).first()
            if scope is None:
                raise PermissionDenied
        # The stored values (monitoring.stored): when they were computed, and whether a recomputation is queued.
        state = stored.read(scope, [year, year.previous()])
        results = compute(scope, year, state=state)
        return Response(
            {
                "year": results.year,
                "previous_year": results.previous_year,
                "computed_at": state.computed_at.isoformat() if state.computed_at else None,
                "recomputing": state.pending,
                "scope": {
                    "kind": "institution" if isinstance(scope, Institution) else "municipality",
                    "id": scope.pk,
                    "name": str(scope),
                },
                "directions": [
                    {
                        "code": d.code,
                        "title": d.title,
                        "rating": d.rating,
                        "rule": d.rating_rule,
                        "has_positive_dynamics": d.has_positive,
                    }
                    for d in results.directions
                ],
                "indicators": [
                    {
                        "code": item.code,
                        "direction": item.direction,
                        "title": item.title,
                        "unit": item.unit,
                        "better": item.better,
                        "value": item.value,
                        "previous": item.previous,
                        "target": item.target,
                        "tolerance": item.tolerance,
                        "dynamics": item.dynamics,
                        "rating": item.rating,
                        "rating_rule": item.rating_rule,
                        "dynamics_rule": item.dynamics_rule,
                        "is_key": item.is_key,
                    }
                    for item in results.indicators
                ],
            }
        )


routes = [
    ("monitoring/targets", TargetViewSet, "monitoring-target"),
    ("monitoring/directions", DirectionViewSet, "monitoring-direction"),
    ("monitoring/indicators", PassportViewSet, "monitoring-indicator"),
]
urlpatterns = [path("monitoring/values/", ValuesView.as_view(), name="monitoring-values")]
