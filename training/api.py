"""REST API of training: the catalogue, completions, diagnoses and routes, scoped like the pages.

A teacher reads only their own diagnoses, route and completions; a school only its staff's.
The catalogue is readable by every signed-in user and written by methodists.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework import permissions
from rest_framework import serializers
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.audit import AccessLoggedMixin
from core.models import AcademicYear
from core.models import Pedagogue
from core.rest import FormValidatedSerializer
from core.rest import MayEdit
from core.rest import PedagogueNamed
from core.rest import ScopedWriteMixin
from core.rest import form_errors
from core.rest import route
from core.scoping import roles_of
from training.filters import CompletionFilter
from training.filters import DiagnosisFilter
from training.filters import ProgrammeFilter
from training.filters import RouteFilter
from training.forms import DeadlineForm
from training.forms import DiagnosisForm
from training.forms import EvidenceForm
from training.forms import ExternalDiagnosisStartForm
from training.forms import OwnItemForm
from training.forms import ProviderForm
from training.forms import ReviewForm
from training.models import Completion
from training.models import Diagnosis
from training.models import DiagnosisKind
from training.models import ItemStatus
from training.models import Module
from training.models import Programme
from training.models import Provider
from training.models import Route
from training.models import RouteItem
from training.models import Statement
from training.models import may_manage
from training.models import owner_for
from training.services import create_route
from training.services import review_item
from training.services import save_answers
from training.services import start_diagnosis
from training.services import submit_evidence


class ManagerWrites(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or may_manage(request.user)


class ModuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Module
        fields = ["id", "title", "hours", "order"]


class ProgrammeSerializer(serializers.ModelSerializer):
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    provider_type = serializers.CharField(source="provider.type", read_only=True)
    modules = ModuleSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "title", "provider", "provider_name", "provider_type", "hours", "format",
                  "federal_register", "description", "target_positions", "competencies", "is_active", "modules",
                  "owner"]
        read_only_fields = ["owner"]


class ProviderSerializer(FormValidatedSerializer):
    """A provider of PD programmes, written with the catalogue page's form."""

    form_class = ProviderForm
    form_takes_user = False

    class Meta:
        model = Provider
        fields = ["id", "name", "short_name", "type", "website"]


@route("training/providers", "training-provider")
class ProviderViewSet(viewsets.ModelViewSet):
    """The providers of the shared catalogue: everyone reads them, the methodists keep them (as on the page); a
    provider whose programmes remain is not deleted (409)."""

    serializer_class = ProviderSerializer
    permission_classes = [ManagerWrites]
    search_fields = ["name", "short_name"]
    ordering = ["name"]
    queryset = Provider.objects.order_by("name", "pk")


class OwnerWrites(MayEdit):
    """A shared catalogue: everyone reads every programme, only its owner (or the admin for a regional one)
    changes or deletes it."""

    message = gettext_lazy("The programme belongs to another municipality: you use it, its owner changes it.")


@route("training/programmes", "training-programme")
class ProgrammeViewSet(viewsets.ModelViewSet):
    serializer_class = ProgrammeSerializer
    permission_classes = [ManagerWrites, OwnerWrites]
    filterset_class = ProgrammeFilter
    ordering_fields = ["title", "hours"]
    ordering = ["title"]

    def get_queryset(self):
        return Programme.objects.select_related("provider").prefetch_related(
            "modules", "target_positions", "competencies")

    def perform_create(self, serializer) -> None:
        serializer.save(owner_id=owner_for(self.request.user), created_by=self.request.user)


class CompletionSerializer(PedagogueNamed, serializers.ModelSerializer):
    programme_title = serializers.CharField(source="programme.title", read_only=True)

    class Meta:
        model = Completion
        fields = ["id", "pedagogue", "pedagogue_name", "programme", "programme_title", "module", "started",
                  "finished", "hours", "certificate_number"]
        # The unique constraint is checked in validate(), which names the completion already recorded (409).
        validators = []

    def validate_pedagogue(self, pedagogue):
        from core.models import Pedagogue

        if not Pedagogue.objects.editable_by(self.context["request"].user).filter(pk=pedagogue.pk).exists():
            raise serializers.ValidationError(_("You may not enter completions for this pedagogue."))
        return pedagogue

    def validate(self, attrs):
        instance = Completion(**{**({} if self.instance is None else {
            f.name: getattr(self.instance, f.name) for f in Completion._meta.concrete_fields}), **attrs})
        from django.core.exceptions import ValidationError

        try:
            instance.clean()
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        existing = instance.duplicate()
        if existing is not None:
            from core.duplicates import already_recorded_text
            from core.rest import Conflict

            raise Conflict(already_recorded_text(existing))
        return attrs


@route("training/completions", "training-completion")
class CompletionViewSet(viewsets.ModelViewSet):
    serializer_class = CompletionSerializer
    permission_classes = [ManagerWrites]
    filterset_class = CompletionFilter
    ordering_fields = ["finished", "hours"]
    ordering = ["-finished"]

    def get_queryset(self):
        return Completion.objects.for_user(self.request.user).select_related("pedagogue", "programme")

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user)


class DiagnosisSerializer(PedagogueNamed, serializers.ModelSerializer):
    competency_means = serializers.SerializerMethodField()
    deficits = serializers.SerializerMethodField()

    class Meta:
        model = Diagnosis
        fields = ["id", "pedagogue", "pedagogue_name", "year", "kind", "started_at", "completed_at",
                  "competency_means", "deficits"]

    def get_competency_means(self, obj) -> dict:
        return {str(k): str(v) for k, v in obj.competency_means().items()}

    def get_deficits(self, obj) -> list[int]:
        return sorted(obj.deficient_competencies())


class DiagnosisAnswersSerializer(serializers.Serializer):
    """A self-diagnosis answered as on its page (``DiagnosisForm``, ``save_answers``): the teacher's own, continued
    while unfinished; a methodist records an external one for a pedagogue they may edit."""

    scores = serializers.DictField(child=serializers.IntegerField(), help_text="Statement id → score 0..3.")
    finish = serializers.BooleanField(default=False, help_text="Complete it (every statement rated).")
    pedagogue = serializers.IntegerField(required=False, help_text="For an external diagnosis (a methodist).")
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="Who diagnosed and how.")

    def save_answers(self, user) -> Diagnosis:
        data = self.validated_data
        try:
            scores = {int(pk): score for pk, score in data["scores"].items()}
        except ValueError as exc:
            raise serializers.ValidationError({"scores": [_("A score must be 0, 1, 2 or 3.")]}) from exc
        statements = list(Statement.objects.all())
        form = DiagnosisForm({f"s{pk}": score for pk, score in scores.items()}, statements=statements,
                             initial_scores={})
        if not form.is_valid() or set(scores) - {s.pk for s in statements}:
            raise serializers.ValidationError({"scores": [_("A score must be 0, 1, 2 or 3.")]})
        if "pedagogue" in data:
            start = ExternalDiagnosisStartForm({"pedagogue": data["pedagogue"], "note": data["note"]}, user=user)
            if not may_manage(user) or not start.is_valid():
                raise serializers.ValidationError({"pedagogue": [_("You may not record a diagnosis for this pedagogue.")]})
            diagnosis = start_diagnosis(pedagogue=start.cleaned_data["pedagogue"], kind=DiagnosisKind.EXTERNAL, by=user)
            diagnosis.note = start.cleaned_data["note"]
            diagnosis.save(update_fields=["note"])
        else:
            pedagogue_id = roles_of(user).pedagogue_id
            if not pedagogue_id:
                raise serializers.ValidationError({"pedagogue": [_("Only a pedagogue answers their self-diagnosis.")]})
            diagnosis = start_diagnosis(pedagogue=Pedagogue.objects.get(pk=pedagogue_id), kind=DiagnosisKind.SELF,
                                        by=user)
        try:
            return save_answers(diagnosis=diagnosis, scores=form.scores(), finish=data["finish"])
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"scores": exc.messages}) from exc


@route("training/diagnoses", "training-diagnosis")
class DiagnosisViewSet(AccessLoggedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    access_what = "training.diagnosis"
    serializer_class = DiagnosisSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = DiagnosisFilter
    ordering = ["-started_at"]

    def get_queryset(self):
        return Diagnosis.objects.for_user(self.request.user).completed().select_related("pedagogue")

    @extend_schema(request=DiagnosisAnswersSerializer, responses={201: DiagnosisSerializer})
    def create(self, request, *args, **kwargs):
        """Answer (and with ``finish`` complete) a diagnosis: posting again continues the unfinished one."""
        answers = DiagnosisAnswersSerializer(data=request.data)
        answers.is_valid(raise_exception=True)
        diagnosis = answers.save_answers(request.user)
        return Response(DiagnosisSerializer(diagnosis, context=self.get_serializer_context()).data, status=201)


class RouteItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = RouteItem
        fields = ["id", "kind", "title", "programme", "competencies", "deadline", "status", "evidence_link",
                  "review_comment"]


class RouteItemWriteSerializer(FormValidatedSerializer):
    """A step of a route, written by the route's teacher with the route page's forms: an own item is added with
    ``OwnItemForm`` (kind, title, competencies, a deadline in the route's year), afterwards only its deadline
    changes (``DeadlineForm``, the evidence page's)."""

    parent_fields = ("route",)

    class Meta:
        model = RouteItem
        fields = ["id", "route", "kind", "title", "programme", "competencies", "deadline", "status", "evidence_link",
                  "evidence_note", "submitted_at", "review_comment", "reviewed_at"]
        read_only_fields = ["programme", "status", "evidence_link", "evidence_note", "submitted_at",
                            "review_comment", "reviewed_at"]

    @property
    def form_class(self):
        return OwnItemForm if self.instance is None else DeadlineForm

    def get_fields(self):
        fields = super().get_fields()
        if not fields["route"].read_only:
            fields["route"].queryset = own_routes(self.user)
        return fields

    def get_form_kwargs(self, attrs: dict) -> dict:
        return {"route": attrs["route"]} if self.instance is None else {}


def own_routes(user):
    """The routes a user writes the steps of: their own (as the route page's owner)."""
    return Route.objects.filter(pedagogue_id=roles_of(user).pedagogue_id or 0)


class EvidenceSerializer(serializers.Serializer):
    link = serializers.URLField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    file = serializers.FileField(required=False)


class RouteItemReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "return"])
    comment = serializers.CharField(required=False, allow_blank=True, default="")


@route("training/route-items", "training-route-item")
class RouteItemViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """The steps of the routes the user sees. The route's teacher adds own steps, changes a deadline, removes a
    step not yet accepted and sends the evidence (``…/evidence/``: the step is submitted); a methodist of the
    route's scope accepts or returns it (``…/review/``), as on the route page."""

    serializer_class = RouteItemWriteSerializer
    filterset_fields = ["route", "status"]
    ordering = ["route", "deadline", "order", "pk"]

    def get_queryset(self):
        return RouteItem.objects.filter(route__in=Route.objects.for_user(self.request.user)).select_related(
            "route__year").prefetch_related("competencies")

    def get_write_queryset(self):
        if self.action == "review":
            return self.get_queryset() if may_manage(self.request.user) else RouteItem.objects.none()
        return RouteItem.objects.filter(route__in=own_routes(self.request.user)).exclude(status=ItemStatus.ACCEPTED)

    def _answer(self, item) -> Response:
        return Response(RouteItemWriteSerializer(self.get_queryset().get(pk=item.pk),
                                                 context=self.get_serializer_context()).data)

    def _run(self, service, **kwargs) -> None:
        try:
            service(**kwargs)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages}) from exc

    @extend_schema(request=EvidenceSerializer, responses=RouteItemWriteSerializer)
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        """Send the evidence of a step (a file or a link), as the evidence page: the step becomes submitted."""
        item = self.get_object()
        form = EvidenceForm(request.data, request.FILES, item=item)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        self._run(submit_evidence, item=item, file=form.cleaned_data.get("file"),
                  link=form.cleaned_data.get("link") or "", note=form.cleaned_data.get("note") or "")
        return self._answer(item)

    @extend_schema(request=RouteItemReviewSerializer, responses=RouteItemWriteSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Accept the submitted evidence or return the step with a comment (a methodist, as on the route page)."""
        item = self.get_object()
        form = ReviewForm(request.data)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        self._run(review_item, item=item, accept=form.cleaned_data["decision"] == "accept",
                  comment=form.cleaned_data["comment"], by=request.user)
        return self._answer(item)


class RouteSerializer(PedagogueNamed, serializers.ModelSerializer):
    items = RouteItemSerializer(many=True, read_only=True)
    items_total = serializers.IntegerField(read_only=True)
    items_accepted = serializers.IntegerField(read_only=True)

    class Meta:
        model = Route
        fields = ["id", "pedagogue", "pedagogue_name", "year", "diagnosis", "goal", "items_total",
                  "items_accepted", "items"]


class RouteCreateSerializer(serializers.Serializer):
    goal = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


@route("training/routes", "training-route")
class RouteViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RouteSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = RouteFilter
    ordering = ["-year__start_year"]

    def get_queryset(self):
        return (Route.objects.for_user(self.request.user).select_related("pedagogue").with_progress()
                .prefetch_related("items", "items__competencies"))

    @extend_schema(request=RouteCreateSerializer, responses={201: RouteSerializer})
    def create(self, request, *args, **kwargs):
        """The teacher's route of the current year from their latest diagnosis (``create_route``, as «My route»)."""
        body = RouteCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        pedagogue_id = roles_of(request.user).pedagogue_id
        if not pedagogue_id:
            raise serializers.ValidationError({"pedagogue": [_("Only a pedagogue creates their route.")]})
        try:
            route = create_route(pedagogue=Pedagogue.objects.get(pk=pedagogue_id),
                                 year=AcademicYear.objects.current(), goal=body.validated_data["goal"])
        except DjangoValidationError as exc:
            raise serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages}) from exc
        return Response(self.get_serializer(self.get_queryset().get(pk=route.pk)).data, status=201)
