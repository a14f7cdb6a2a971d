"""REST API of associations and competitions, scoped like the pages (``for_user``).

Reads are filtered with the pages' FilterSets. Writes go through the pages' forms
(``core.rest.FormValidatedSerializer``): a methodist creates associations and competitions of their
municipality; whoever may edit an association (its methodist or leader) writes its meetings and
products, and a competition's methodist its entries.
"""

from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.models import Pedagogue
from core.rest import FormValidatedSerializer
from core.rest import PedagogueNamed
from core.rest import ScopedWriteMixin
from core.rest import form_errors
from core.rest import route
from core.scoping import Role

from .filters import AssociationFilter
from .filters import CompetitionFilter
from .filters import MeetingFilter
from .filters import ParticipationFilter
from .filters import ProductFilter
from .forms import AssociationForm
from .forms import AttendanceForm
from .forms import CompetitionForm
from .forms import MeetingForm
from .forms import ParticipationForm
from .forms import PlanItemForm
from .forms import ProductForm
from .models import Association
from .models import Attendance
from .models import Competition
from .models import Meeting
from .models import Membership
from .models import Participant
from .models import Participation
from .models import PlanItem
from .models import Product
from .services import save_participation


class MembershipSerializer(PedagogueNamed, serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "pedagogue", "pedagogue_name", "joined", "left"]


class AssociationSerializer(FormValidatedSerializer):
    form_class = AssociationForm
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


@route("associations", "association")
class AssociationViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    serializer_class = AssociationSerializer
    write_roles = (Role.METHODIST,)
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

    def get_write_queryset(self):
        return Association.objects.editable_by(self.request.user)


class AttendanceSerializer(PedagogueNamed, serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["pedagogue", "pedagogue_name", "present", "is_guest"]


class AssociationChildSerializer(FormValidatedSerializer):
    """A record opened from an association the user may edit (a meeting, a product)."""

    parent_fields = ("association",)

    def get_fields(self):
        fields = super().get_fields()
        if "association" in fields and not fields["association"].read_only:
            fields["association"].queryset = Association.objects.editable_by(self.user)
        return fields

    def get_form_kwargs(self, attrs: dict) -> dict:
        return {"association": self.parent_record(attrs, "association")}


# The records of an association's page through the API: whoever may edit the association writes them. (No
# docstring: the schema describes a viewset's operations by the first docstring of its classes.)
class AssociationChildViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    def get_write_queryset(self):
        model = self.get_serializer_class().Meta.model
        return model.objects.filter(association__in=Association.objects.editable_by(self.request.user))


class MeetingSerializer(AssociationChildSerializer):
    form_class = MeetingForm
    attendance = AttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "association", "date", "topic", "kind", "format", "agenda", "minutes", "guests", "guests_count",
            "counts_toward_pd", "pd_hours", "attendance",
        ]


class AttendanceMarksSerializer(serializers.Serializer):
    """Who attended a meeting, as the attendance page's form takes it (``AttendanceForm``)."""

    present = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=True,
        help_text="The members present (pedagogue ids); every other member of the association on the meeting's day "
                  "is marked absent.")
    guest_pedagogues = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list,
        help_text="Pedagogues of the municipality who came as guests.")
    guests = serializers.CharField(required=False, allow_blank=True, default="", help_text="Other guests.")
    guests_count = serializers.IntegerField(required=False, default=0, help_text="Number of other guests.")

    def validate(self, attrs):
        meeting = self.context["meeting"]
        form = AttendanceForm(AttendanceForm.data_for(meeting, **attrs), meeting=meeting)
        unknown = form.unknown_members(attrs["present"])
        if unknown:
            raise serializers.ValidationError({"present": [
                _("Not members of the association on the meeting's day: {ids}.").format(
                    ids=", ".join(map(str, unknown)))]})
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        self.form = form
        return attrs


@route("association-meetings", "association-meeting")
class MeetingViewSet(AssociationChildViewSet):
    """Meetings; their attendance is marked with ``PUT …/{id}/attendance/`` as on the attendance page."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    search_fields = ["topic"]
    ordering_fields = ["date", "topic"]
    ordering = ["-date"]

    def get_queryset(self):
        return Meeting.objects.for_user(self.request.user).prefetch_related(
            Prefetch("attendance", Attendance.objects.select_related("pedagogue"))
        )

    @extend_schema(request=AttendanceMarksSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["put"])
    def attendance(self, request, pk=None):
        """Mark who attended (the attendance page's form): whoever may edit the association."""
        # The checked meeting, read again without the list's prefetched attendance (the marks replace it).
        meeting = Meeting.objects.select_related("association").get(pk=self.get_object().pk)
        marks = AttendanceMarksSerializer(data=request.data, context={"meeting": meeting})
        marks.is_valid(raise_exception=True)
        marks.form.save()
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk), context={"request": request}).data)


class ProductSerializer(AssociationChildSerializer):
    form_class = ProductForm

    class Meta:
        model = Product
        fields = ["id", "association", "title", "type", "authors", "created_on", "description", "file", "url",
                  "bank_ref"]


@route("association-products", "association-product")
class ProductViewSet(AssociationChildViewSet):
    serializer_class = ProductSerializer
    filterset_class = ProductFilter
    search_fields = ["title"]
    ordering_fields = ["created_on", "title"]
    ordering = ["-created_on"]

    def get_queryset(self):
        return Product.objects.for_user(self.request.user).prefetch_related("authors")


class PlanItemSerializer(AssociationChildSerializer):
    form_class = PlanItemForm

    class Meta:
        model = PlanItem
        fields = ["id", "association", "year", "planned_on", "title", "responsible", "done"]


@route("association-plan-items", "association-plan-item")
class PlanItemViewSet(AssociationChildViewSet):
    """Items of the associations' yearly plans; whoever edits the association (its methodist or leader) keeps
    its plan, as on the association's page."""

    serializer_class = PlanItemSerializer
    filterset_fields = ["association", "year", "done"]
    ordering_fields = ["planned_on", "title"]
    ordering = ["planned_on", "pk"]

    def get_queryset(self):
        return PlanItem.objects.filter(association__in=Association.objects.for_user(self.request.user))


class CompetitionSerializer(FormValidatedSerializer):
    form_class = CompetitionForm
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    year_title = serializers.CharField(source="year.title", read_only=True)

    class Meta:
        model = Competition
        fields = ["id", "municipality", "title", "level", "level_display", "year", "year_title", "stage",
                  "organiser", "starts", "ends", "description"]


@route("competitions", "competition")
class CompetitionViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    serializer_class = CompetitionSerializer
    write_roles = (Role.METHODIST,)
    filterset_class = CompetitionFilter
    search_fields = ["title", "organiser"]
    ordering_fields = ["starts", "title", "level"]
    ordering = ["-starts"]

    def get_queryset(self):
        return Competition.objects.for_user(self.request.user).select_related("year")

    def get_write_queryset(self):
        return Competition.objects.editable_by(self.request.user)


class ParticipantSerializer(PedagogueNamed, serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["pedagogue", "pedagogue_name", "institution"]


class ParticipationSerializer(FormValidatedSerializer):
    form_class = ParticipationForm
    parent_fields = ("competition",)
    form_names = {"pedagogues": "participants"}
    participants = ParticipantSerializer(many=True, read_only=True)
    pedagogues = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Pedagogue.objects.all(), write_only=True,
        help_text="The participants: one pedagogue, or several for a team (of the competition's municipality).",
    )
    result_display = serializers.CharField(source="get_result_display", read_only=True)

    class Meta:
        model = Participation
        fields = ["id", "competition", "team_name", "nomination", "result", "result_display", "document",
                  "participants", "pedagogues"]

    def get_fields(self):
        fields = super().get_fields()
        if not fields["competition"].read_only:
            fields["competition"].queryset = Competition.objects.editable_by(self.user)
        return fields

    def get_form_kwargs(self, attrs: dict) -> dict:
        return {"competition": self.parent_record(attrs, "competition")}

    def save_form(self, form):
        return save_participation(participation=form.save(commit=False), pedagogues=form.cleaned_data["participants"])


@route("competition-entries", "competition-entry")
class ParticipationViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """Competition entries with their participants; a school sees only its staff's entries."""

    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    ordering_fields = ["result", "competition__starts"]
    ordering = ["-competition__starts", "pk"]

    def get_queryset(self):
        return Participation.objects.for_user(self.request.user).prefetch_related(
            Prefetch("participants", Participant.objects.select_related("pedagogue"))
        )

    def get_write_queryset(self):
        return Participation.objects.filter(competition__in=Competition.objects.editable_by(self.request.user))
