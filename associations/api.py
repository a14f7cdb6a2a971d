"""Read-only REST API of associations and competitions, scoped like the pages (``for_user``).

Data is entered on the pages (with their forms, attendance screen and Excel import);
the API serves the same rows, filtered with the pages' FilterSets.
"""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from rest_framework import serializers, viewsets

from .filters import AssociationFilter, CompetitionFilter, MeetingFilter, ParticipationFilter, ProductFilter
from .models import (
    Association,
    Attendance,
    Competition,
    Meeting,
    Membership,
    Participant,
    Participation,
    Product,
)


class MembershipSerializer(serializers.ModelSerializer):
    pedagogue_name = serializers.CharField(source="pedagogue.full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "pedagogue", "pedagogue_name", "joined", "left"]


class AssociationSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    leader_name = serializers.CharField(source="leader.full_name", read_only=True, default="")
    member_count = serializers.IntegerField(read_only=True)
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Association
        fields = [
            "id", "municipality", "kind", "kind_display", "title", "subject", "position", "leader", "leader_name",
            "started", "ended", "goal", "member_count", "memberships",
        ]


class AssociationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AssociationSerializer
    filterset_class = AssociationFilter
    search_fields = ["title"]
    ordering_fields = ["title", "kind", "started", "member_count"]
    ordering = ["title"]

    def get_queryset(self):
        today = timezone.localdate()
        current = Q(memberships__joined__lte=today) & (
            Q(memberships__left__isnull=True) | Q(memberships__left__gte=today)
        )
        return (
            Association.objects.for_user(self.request.user)
            .select_related("leader")
            .prefetch_related(Prefetch("memberships", Membership.objects.select_related("pedagogue")))
            .annotate(member_count=Count("memberships", filter=current, distinct=True))
        )


class AttendanceSerializer(serializers.ModelSerializer):
    pedagogue_name = serializers.CharField(source="pedagogue.full_name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["pedagogue", "pedagogue_name", "present", "is_guest"]


class MeetingSerializer(serializers.ModelSerializer):
    attendance = AttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "association", "date", "topic", "kind", "format", "agenda", "minutes", "guests", "guests_count",
            "counts_toward_pd", "pd_hours", "attendance",
        ]


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    search_fields = ["topic"]
    ordering_fields = ["date", "topic"]
    ordering = ["-date"]

    def get_queryset(self):
        return Meeting.objects.for_user(self.request.user).prefetch_related(
            Prefetch("attendance", Attendance.objects.select_related("pedagogue"))
        )


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "association", "title", "type", "authors", "created_on", "description", "file", "url",
                  "bank_ref"]


class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProductSerializer
    filterset_class = ProductFilter
    search_fields = ["title"]
    ordering_fields = ["created_on", "title"]
    ordering = ["-created_on"]

    def get_queryset(self):
        return Product.objects.for_user(self.request.user).prefetch_related("authors")


class CompetitionSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    year_title = serializers.CharField(source="year.title", read_only=True)

    class Meta:
        model = Competition
        fields = ["id", "municipality", "title", "level", "level_display", "year", "year_title", "stage",
                  "organiser", "starts", "ends", "description"]


class CompetitionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CompetitionSerializer
    filterset_class = CompetitionFilter
    search_fields = ["title", "organiser"]
    ordering_fields = ["starts", "title", "level"]
    ordering = ["-starts"]

    def get_queryset(self):
        return Competition.objects.for_user(self.request.user).select_related("year")


class ParticipantSerializer(serializers.ModelSerializer):
    pedagogue_name = serializers.CharField(source="pedagogue.full_name", read_only=True)

    class Meta:
        model = Participant
        fields = ["pedagogue", "pedagogue_name", "institution"]


class ParticipationSerializer(serializers.ModelSerializer):
    participants = ParticipantSerializer(many=True, read_only=True)
    result_display = serializers.CharField(source="get_result_display", read_only=True)

    class Meta:
        model = Participation
        fields = ["id", "competition", "team_name", "nomination", "result", "result_display", "document",
                  "participants"]


class ParticipationViewSet(viewsets.ReadOnlyModelViewSet):
    """Competition entries with their participants; a school sees only its staff's entries."""

    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    ordering_fields = ["result", "competition__starts"]
    ordering = ["-competition__starts", "pk"]

    def get_queryset(self):
        return Participation.objects.for_user(self.request.user).prefetch_related(
            Prefetch("participants", Participant.objects.select_related("pedagogue"))
        )


routes = [
    ("associations", AssociationViewSet, "association"),
    ("association-meetings", MeetingViewSet, "association-meeting"),
    ("association-products", ProductViewSet, "association-product"),
    ("competitions", CompetitionViewSet, "competition"),
    ("competition-entries", ParticipationViewSet, "competition-entry"),
]
