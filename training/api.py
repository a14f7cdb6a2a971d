"""REST API of training: the catalogue, completions, diagnoses and routes, scoped like the pages.

A teacher reads only their own diagnoses, route and completions; a school only its staff's.
The catalogue is readable by every signed-in user and written by methodists.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import mixins, permissions, serializers, viewsets

from core.audit import AccessLoggedMixin
from core.rest import FormValidatedSerializer
from training.filters import CompletionFilter, DiagnosisFilter, ProgrammeFilter, RouteFilter
from training.forms import ProviderForm
from training.models import (
    Completion,
    Diagnosis,
    Module,
    Programme,
    Provider,
    Route,
    RouteItem,
    may_manage,
    owner_for,
)


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

    class Meta:
        model = Provider
        fields = ["id", "name", "short_name", "type", "website"]

    def get_form_kwargs(self, attrs: dict) -> dict:
        return {}


class ProviderViewSet(viewsets.ModelViewSet):
    """The providers of the shared catalogue: everyone reads them, the methodists keep them (as on the page); a
    provider whose programmes remain is not deleted (409)."""

    serializer_class = ProviderSerializer
    permission_classes = [ManagerWrites]
    search_fields = ["name", "short_name"]
    ordering = ["name"]
    queryset = Provider.objects.order_by("name", "pk")


class OwnerWrites(permissions.BasePermission):
    """A shared catalogue: everyone reads every programme, only its owner (or the admin for a regional one)
    changes or deletes it."""

    message = gettext_lazy("The programme belongs to another municipality: you use it, its owner changes it.")

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return Programme.objects.editable_by(request.user).filter(pk=obj.pk).exists()


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


class CompletionSerializer(serializers.ModelSerializer):
    pedagogue_name = serializers.CharField(source="pedagogue.full_name", read_only=True)
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


class DiagnosisSerializer(serializers.ModelSerializer):
    pedagogue_name = serializers.CharField(source="pedagogue.full_name", read_only=True)
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


class DiagnosisViewSet(AccessLoggedMixin, viewsets.ReadOnlyModelViewSet):
    access_what = "training.diagnosis"
    serializer_class = DiagnosisSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = DiagnosisFilter
    ordering = ["-started_at"]

    def get_queryset(self):
        return Diagnosis.objects.for_user(self.request.user).completed().select_related("pedagogue")


class RouteItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = RouteItem
        fields = ["id", "kind", "title", "programme", "competencies", "deadline", "status", "evidence_link",
                  "review_comment"]


class RouteSerializer(serializers.ModelSerializer):
    pedagogue_name = serializers.CharField(source="pedagogue.full_name", read_only=True)
    items = RouteItemSerializer(many=True, read_only=True)
    items_total = serializers.IntegerField(read_only=True)
    items_accepted = serializers.IntegerField(read_only=True)

    class Meta:
        model = Route
        fields = ["id", "pedagogue", "pedagogue_name", "year", "diagnosis", "goal", "items_total",
                  "items_accepted", "items"]


class RouteViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RouteSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = RouteFilter
    ordering = ["-year__start_year"]

    def get_queryset(self):
        return (Route.objects.for_user(self.request.user).select_related("pedagogue").with_progress()
                .prefetch_related("items", "items__competencies"))


routes = [
    ("training/programmes", ProgrammeViewSet, "training-programme"),
    ("training/providers", ProviderViewSet, "training-provider"),
    ("training/completions", CompletionViewSet, "training-completion"),
    ("training/diagnoses", DiagnosisViewSet, "training-diagnosis"),
    ("training/routes", RouteViewSet, "training-route"),
]
