import django_filters
from django.db.models import Count, Q
from rest_framework import serializers, viewsets

from core.scoping import HasRole, Role
from expertise.filters import ExpertFilter, RequestFilter
from expertise.models import Expert, ReviewRequest


class RequestSerializer(serializers.ModelSerializer):
    institution_name = serializers.CharField(source="institution.short_name", read_only=True)

    class Meta:
        model = ReviewRequest
        fields = ["id", "type", "title", "authors", "institution", "institution_name", "status", "submitted_on",
                  "deadline", "decision", "combined_score", "conclusion", "concluded_on", "round"]


class RequestViewSet(viewsets.ReadOnlyModelViewSet):
    """Review requests the user may see (an expert: only those assigned to them). Experts' names are not exposed."""

    serializer_class = RequestSerializer
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = RequestFilter

    def get_queryset(self):
        return ReviewRequest.objects.for_user(self.request.user).select_related("institution").order_by("-submitted_on", "-pk")


class ExpertSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="pedagogue.full_name", read_only=True)
    institution = serializers.CharField(source="pedagogue.institution", read_only=True, default=None)
    reviews_done = serializers.IntegerField(read_only=True)

    class Meta:
        model = Expert
        fields = ["id", "pedagogue", "name", "institution", "specialisations", "subjects", "active_from", "active_to",
                  "reviews_done"]


class ExpertViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ExpertSerializer
    permission_classes = [HasRole.of(Role.METHODIST, Role.HEAD)]
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = ExpertFilter

    def get_queryset(self):
        return (
            Expert.objects.for_user(self.request.user)
            .select_related("pedagogue__institution")
            .prefetch_related("subjects")
            .annotate(reviews_done=Count("assignments", filter=Q(assignments__reviewed_at__isnull=False)))
            .order_by("pedagogue__last_name", "pk")
        )


routes = [
    ("expertise/requests", RequestViewSet, "expertise-request"),
    ("expertise/experts", ExpertViewSet, "expertise-expert"),
]
