"""REST API of innovation sites: read as the pages show them; written through the page's form
(a methodist for the municipality, a school for the sites it leads)."""

import django_filters
from django.db.models import Count
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers
from rest_framework import viewsets

from core.rest import FormValidatedSerializer
from core.rest import PedagogueNamed
from core.rest import ScopedWriteMixin
from core.rest import route
from core.scoping import Role
from innovation.filters import ProjectFilter
from innovation.forms import ProjectForm
from innovation.models import Participant
from innovation.models import Product
from innovation.models import Project
from innovation.models import Stage


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Stage
        fields = ["id", "title", "start", "end", "report_due", "reported_on", "planned_report", "actual_report", "summary"]


@extend_schema_serializer(component_name="InnovationParticipant")
class ParticipantSerializer(PedagogueNamed, serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["id", "pedagogue", "pedagogue_name", "institution", "role", "joined", "left"]


@extend_schema_serializer(component_name="InnovationProduct")
class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "title", "kind", "year", "authors", "description", "file", "url"]


class ProjectSerializer(FormValidatedSerializer):
    form_class = ProjectForm
    institution_name = serializers.CharField(source="institution.short_name", read_only=True)
    participant_count = serializers.IntegerField(read_only=True)
    product_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Project
        fields = ["id", "title", "topic", "municipality", "institution", "institution_name", "partners", "level",
                  "status", "start", "end", "decree", "supervisor", "goal", "results", "participant_count",
                  "product_count"]

    def new_instance(self, attrs):
        return Project(created_by=self.user)


class ProjectDetailSerializer(ProjectSerializer):
    stages = StageSerializer(many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    products = ProductSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "stages", "participants", "products"]


@route("innovation/projects", "innovation-project")
class ProjectViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """Innovation sites the user may see; filter with ``q``, ``level``, ``status``, ``institution``, ``year``."""

    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = ProjectFilter
    write_roles = (Role.METHODIST, Role.SCHOOL)

    def get_queryset(self):
        return (
            Project.objects.for_user(self.request.user)
            .select_related("institution")
            .prefetch_related("partners")
            .annotate(participant_count=Count("participants", distinct=True), product_count=Count("products", distinct=True))
            .order_by("-start", "pk")
        )

    def get_write_queryset(self):
        return Project.objects.editable_by(self.request.user)

    def get_serializer_class(self):
        return ProjectDetailSerializer if self.action == "retrieve" else ProjectSerializer
