"""API: directions, indicator passports, targets and the computed values of a year for a scope; the yearly
report, the order drafted from it (its measures and assignments) and the control of its tasks.

Writes go through the pages' forms and services (``monitoring.forms``, ``monitoring.services``): the head of
the municipality builds a report, drafts an order from it, edits the draft and issues it; the executor reports
a task, the issuer (or the head) accepts, returns, extends or reminds it.
"""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework import serializers
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality
from core.params import parse_id
from core.rest import FormValidatedSerializer
from core.rest import MayWrite
from core.rest import ModelCleanSerializer
from core.rest import ScopedWriteMixin
from core.rest import form_errors
from core.rest import route
from core.scoping import MUNICIPAL_ROLES
from core.scoping import PERSONAL_DATA_ROLES
from core.scoping import HasRole
from core.scoping import Role
from core.scoping import roles_of
from monitoring import services
from monitoring import stored
from monitoring.computation import compute
from monitoring.forms import AssignmentForm
from monitoring.forms import CompletionForm
from monitoring.forms import DirectionForm
from monitoring.forms import ExtendForm
from monitoring.forms import IssueForm
from monitoring.forms import OrderForm
from monitoring.forms import PassportForm
from monitoring.forms import RecommendationForm
from monitoring.forms import ReviewForm
from monitoring.models import Assignment
from monitoring.models import Direction
from monitoring.models import IndicatorPassport
from monitoring.models import Order
from monitoring.models import OrderStatus
from monitoring.models import Recommendation
from monitoring.models import ReportSnapshot
from monitoring.models import Target


class DirectionSerializer(FormValidatedSerializer):
    """A direction's title, place and recommendation (the text of item 3's measure), as the head edits them on
    the settings page; the set of directions is fixed (they are the registry's)."""

    form_class = DirectionForm
    form_takes_user = False

    class Meta:
        model = Direction
        fields = ["id", "code", "title", "order", "recommendation"]


class PassportSerializer(FormValidatedSerializer):
    """An indicator's passport; the head marks it key and words its effect for item 2 (the settings page)."""

    form_class = PassportForm
    form_takes_user = False
    direction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = serializers.CharField(source="display_title", read_only=True)
    rule = serializers.CharField(source="display_rule", read_only=True)
    source = serializers.CharField(source="display_source", read_only=True)

    class Meta:
        model = IndicatorPassport
        fields = ["id", "code", "direction", "title", "unit", "better", "rule", "source", "is_key", "effect"]


class TargetSerializer(ModelCleanSerializer):
    code = serializers.CharField(source="passport.code", read_only=True)
    year_title = serializers.CharField(source="year.title", read_only=True)

    class Meta:
        model = Target
        fields = ["id", "passport", "code", "year", "year_title", "value", "tolerance"]


@route("monitoring/targets", "monitoring-target")
class TargetViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """The department's targets and tolerances (a share as a fraction: 0.4 = 40 %); the head sets them,
    as on the targets page; a target carries over to later years until changed."""

    serializer_class = TargetSerializer
    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES), MayWrite]
    write_roles = (Role.HEAD,)
    filterset_fields = ["year", "passport"]
    ordering_fields = ["year", "passport"]

    def get_queryset(self):
        return Target.objects.select_related("passport", "year").order_by("passport__code", "year__start_year")

    def get_write_queryset(self):
        # Targets are the same for every municipality, like the targets page: the heads keep them.
        queryset = self.get_queryset()
        return queryset if roles_of(self.request.user).has(Role.HEAD) else queryset.none()


def governed(user, queryset, field: str = "municipality_id"):
    """Return the rows of the municipalities the user heads (every row for the administrator or a regional head)."""
    roles = roles_of(user)
    if roles.is_global:
        return queryset
    return queryset.filter(**{f"{field}__in": roles.municipality_ids_for(Role.HEAD)})


class HeadEdits(ScopedWriteMixin):
    """The head changes the fixed rows (directions, passports): no create, no delete."""

    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_write_queryset(self):
        queryset = self.get_queryset()
        return queryset if roles_of(self.request.user).has(Role.HEAD) else queryset.none()


@route("monitoring/directions", "monitoring-direction")
class DirectionViewSet(HeadEdits, viewsets.ModelViewSet):
    serializer_class = DirectionSerializer
    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES), MayWrite]
    filterset_fields = ["code"]
    search_fields = ["title", "code"]
    ordering_fields = ["order", "code"]

    def get_queryset(self):
        # Directions are the same for every municipality: nothing to scope.
        return Direction.objects.ordered()


@route("monitoring/indicators", "monitoring-indicator")
class PassportViewSet(HeadEdits, viewsets.ModelViewSet):
    serializer_class = PassportSerializer
    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES), MayWrite]
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

    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES)]

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


# --- the yearly report, the order and its tasks -------------------------------------------------------------


class ReportSerializer(serializers.ModelSerializer):
    """A frozen yearly report: its values, ratings, rules and thresholds (``data``) as built."""

    year_title = serializers.CharField(source="year.title", read_only=True)
    municipality = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.all(), required=False,
        help_text="The municipality (default: the one the head works for).",
    )
    data = serializers.JSONField(read_only=True)

    class Meta:
        model = ReportSnapshot
        fields = ["id", "municipality", "year", "year_title", "created_at", "created_by", "data"]
        read_only_fields = ["created_at", "created_by"]

    def validate(self, attrs):
        user = self.context["request"].user
        heads = governed(user, Municipality.objects.all(), "pk")
        municipality = attrs.get("municipality") or heads.order_by("pk").first()
        if municipality is None or not heads.filter(pk=municipality.pk).exists():
            raise ValidationError({"municipality": _("Only the head of the education department builds the report.")})
        attrs["municipality"] = municipality
        return attrs

    def create(self, validated_data):
        return services.build_snapshot(municipality=validated_data["municipality"], year=validated_data["year"],
                                       by=self.context["request"].user)


@route("monitoring/reports", "monitoring-report")
class ReportViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """The municipality's frozen yearly reports. The head builds one (``POST``: the indicators of the year are
    computed now and frozen, as «Build the report» does); a report is never changed or deleted: orders and their
    evaluation refer to it."""

    serializer_class = ReportSerializer
    permission_classes = [HasRole.of(*MUNICIPAL_ROLES), MayWrite]
    http_method_names = ["get", "post", "head", "options"]
    write_roles = (Role.HEAD,)
    filterset_fields = ["year", "municipality"]

    def get_queryset(self):
        return ReportSnapshot.objects.for_user(self.request.user).select_related("year")


class OrderSerializer(FormValidatedSerializer):
    """A yearly order: ``POST`` with a report (``snapshot``) drafts it as «Draft the order» does (items 1–3 from
    the report, a measure per weak direction); the head edits a draft with the page's form (its measures and
    assignments are ``/monitoring/order-measures/`` and ``/monitoring/assignments/``) and issues it
    (``/issue/``); an issued order is frozen."""

    form_class = OrderForm
    form_takes_user = False
    parent_fields = ("snapshot",)
    year_title = serializers.CharField(source="year.title", read_only=True)

    class Meta:
        model = Order
        fields = ["id", "snapshot", "municipality", "year", "year_title", "status", "title", "preamble",
                  "satisfactory", "effects", "evaluation", "improvement", "control", "number", "date",
                  "signatory_position", "signatory_name", "issued_at", "created_at"]
        read_only_fields = ["municipality", "year", "status", "number", "date", "signatory_name", "issued_at",
                            "created_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and not fields["snapshot"].read_only:
            fields["snapshot"].queryset = governed(request.user, ReportSnapshot.objects.all())
        if self.instance is None:  # a new order is drafted from its report; its texts are edited afterwards
            for name, field in fields.items():
                if name != "snapshot":
                    field.read_only = True
        return fields

    def validate(self, attrs):
        return attrs if self.instance is None else super().validate(attrs)

    def create(self, validated_data):
        return services.draft_order(snapshot=validated_data["snapshot"], by=self.context["request"].user)


class OrderIssueSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=30)
    date = serializers.DateField()
    signatory_position = serializers.CharField(max_length=300)
    signatory_name = serializers.CharField(max_length=200)
    confirm = serializers.BooleanField(
        required=False, default=False,
        help_text="Issue despite the warnings (a future date, a number used this year) of a first attempt.",
    )


def _run(form, run):
    """Validate a page's form and run the service with its data (a form error or a refused step is a 400)."""
    if not form.is_valid():
        raise ValidationError(form_errors(form))
    with transaction.atomic():
        run(form.cleaned_data)


class DraftOnly:
    """Viewset part: a change of an issued order answers 403 with the reason."""

    def order_of(self, obj) -> Order:
        return obj

    def get_object(self):
        obj = super().get_object()
        if self.request.method not in permissions.SAFE_METHODS and self.order_of(obj).is_issued \
                and getattr(self, "action", None) in ("update", "partial_update", "destroy", "issue"):
            self.permission_denied(self.request, message=_("The order is issued and can no longer be changed."))
        return obj


@route("monitoring/orders", "monitoring-order")
class OrderViewSet(DraftOnly, ScopedWriteMixin, viewsets.ModelViewSet):
    """The municipality's orders (drafts and issued). The head drafts, edits, deletes a draft and issues it."""

    serializer_class = OrderSerializer
    permission_classes = [HasRole.of(*MUNICIPAL_ROLES), MayWrite]
    write_roles = (Role.HEAD,)
    filterset_fields = ["year", "status", "municipality"]

    def get_queryset(self):
        return Order.objects.for_user(self.request.user).select_related("year").order_by("-year__start_year", "-pk")

    def get_write_queryset(self):
        return governed(self.request.user, self.get_queryset())

    @extend_schema(request=OrderIssueSerializer, responses=OrderSerializer)
    @action(detail=True, methods=["post"], serializer_class=OrderIssueSerializer)
    def issue(self, request, pk=None):
        """Issue the draft with its number, date and signatory (the page's issue form: a future date or a number
        already used that year answers 400 with the warnings until ``confirm`` is sent); its measures and
        assignments become tasks and their executors are notified."""
        order = self.get_object()
        form = IssueForm(request.data, order=order)
        if not form.is_valid():
            raise ValidationError({**form_errors(form), **({"warnings": form.warnings} if form.warnings else {})})
        services.issue_order(order=order, by=request.user,
                             **{k: v for k, v in form.cleaned_data.items() if k != "confirm"})
        fresh = self.get_queryset().get(pk=order.pk)
        return Response(OrderSerializer(fresh, context=self.get_serializer_context()).data)


class OrderPartSerializer(FormValidatedSerializer):
    """Part of a draft order, written through the order page's row form (users limited to the municipality's)."""

    parent_fields = ("order",)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and not fields["order"].read_only:
            fields["order"].queryset = governed(request.user, Order.objects.filter(status=OrderStatus.DRAFT))
        return fields

    def get_form_kwargs(self, attrs: dict) -> dict:
        return {"municipality": self.parent_record(attrs, "order").municipality}

    def new_instance(self, attrs):
        return self.Meta.model(order=attrs["order"])


class MeasureSerializer(OrderPartSerializer):
    form_class = RecommendationForm

    class Meta:
        model = Recommendation
        fields = ["id", "order", "position", "direction", "text", "responsible", "addressee", "follower",
                  "deadline", "term"]


@route("monitoring/order-measures", "monitoring-measure")
class MeasureViewSet(DraftOnly, ScopedWriteMixin, viewsets.ModelViewSet):
    """The measures of item 3 of the orders the user sees; the head adds, changes and removes a draft's."""

    serializer_class = MeasureSerializer
    permission_classes = [HasRole.of(*MUNICIPAL_ROLES), MayWrite]
    write_roles = (Role.HEAD,)
    filterset_fields = ["order", "direction"]

    def order_of(self, obj) -> Order:
        return obj.order

    def get_queryset(self):
        return Recommendation.objects.filter(order__in=Order.objects.for_user(self.request.user).values("pk")) \
            .select_related("order").order_by("order", "position", "pk")

    def get_write_queryset(self):
        return governed(self.request.user, self.get_queryset(), "order__municipality_id")


class AssignmentSerializer(OrderPartSerializer):
    form_class = AssignmentForm
    is_task = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["id", "order", "measure", "position", "responsible", "addressee", "text", "follower", "deadline",
                  "term", "status", "completed_at", "comment", "is_task"]
        read_only_fields = ["measure", "status", "completed_at", "comment"]

    def get_is_task(self, obj) -> bool:
        return obj.order.is_issued


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True)


class ExtendSerializer(serializers.Serializer):
    deadline = serializers.DateField(required=False, allow_null=True)
    term = serializers.CharField(required=False, allow_blank=True, max_length=200)
    reason = serializers.CharField()


TASK_ACTIONS = ("report", "accept", "return_", "extend", "remind")


@route("monitoring/assignments", "monitoring-assignment")
class AssignmentViewSet(DraftOnly, ScopedWriteMixin, viewsets.ModelViewSet):
    """Assignments of the orders: a draft's (the head adds, changes and removes them) and, once the order is
    issued, tasks (their executor and follower see theirs). A task is reported by its executor (``/report/``)
    and accepted, returned, extended or reminded by the issuer or the head, as on the task's page."""

    serializer_class = AssignmentSerializer
    permission_classes = [permissions.IsAuthenticated, MayWrite]
    write_roles = (Role.HEAD,)
    filterset_fields = ["order", "status", "responsible"]
    queryset = Assignment.objects.none()  # for the schema; get_queryset gives the rows

    def order_of(self, obj) -> Order:
        return obj.order

    def get_queryset(self):
        return Assignment.objects.for_user(self.request.user).select_related("order", "order__issued_by") \
            .order_by("order", "position", "pk")

    def get_write_queryset(self):
        if getattr(self, "action", None) in TASK_ACTIONS:
            return self.get_queryset().tasks()  # the step itself checks who may take it
        return governed(self.request.user, self.get_queryset(), "order__municipality_id")

    def _step(self, request, form, run, *, control: bool):
        task = self.get_object()
        allowed = task.may_control(request.user) if control else task.may_report(request.user)
        if not allowed:
            raise PermissionDenied(_("Only the issuer of the order or the head can do this.") if control
                                   else _("Only the executor of an open task can report it."))
        if form is None:
            with transaction.atomic():
                run(task, {})
        else:
            _run(form, lambda data: run(task, data))
        fresh = self.get_queryset().get(pk=task.pk)
        return Response(AssignmentSerializer(fresh, context=self.get_serializer_context()).data)

    def _commented(self, request, form_class, service, *, control: bool = True):
        """A step that takes a comment (the task page's completion or review form) and calls ``service``."""
        return self._step(request, form_class(request.data), lambda task, data: service(
            task=task, by=request.user, comment=data["comment"]), control=control)

    @extend_schema(request=CommentSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=CommentSerializer)
    def report(self, request, pk=None):
        """The executor reports the task done (``comment``: what was done); the issuer is notified."""
        return self._commented(request, CompletionForm, services.report_task, control=False)

    @extend_schema(request=CommentSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=CommentSerializer)
    def accept(self, request, pk=None):
        return self._commented(request, ReviewForm, services.accept_task)

    @extend_schema(request=CommentSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="return", serializer_class=CommentSerializer)
    def return_(self, request, pk=None):
        """Send a reported task back with a comment saying what is to be redone."""
        return self._commented(request, ReviewForm, services.return_task)

    @extend_schema(request=ExtendSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=ExtendSerializer)
    def extend(self, request, pk=None):
        """Move the term (a new ``deadline`` or a ``term`` in words) for a ``reason``."""
        form = ExtendForm(request.data)
        return self._step(request, form, lambda task, data: services.extend_task(
            task=task, by=request.user, reason=data["reason"], deadline=data["deadline"], term=data["term"]),
            control=True)

    @extend_schema(request=None, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        """Send the executor a reminder now (at most one a day)."""
        return self._step(request, None, lambda task, data: services.remind_task(task=task, by=request.user),
                          control=True)


urlpatterns = [path("monitoring/values/", ValuesView.as_view(), name="monitoring-values")]
