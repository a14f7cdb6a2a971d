"""REST endpoints of mentoring, filtered like the pages and scoped by ``for_user``.

Pairs, programmes and sessions are also written here, through the pages' forms
(``core.rest.FormValidatedSerializer``): pairs and programmes by whoever may edit their institution,
sessions by the municipality's methodists.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework import viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.views import APIView

from core.models import AcademicYear
from core.models import Institution
from core.models import Municipality
from core.models import Pedagogue
from core.params import parse_id
from core.rest import FormValidatedSerializer
from core.rest import MayWrite
from core.rest import PedagogueNamed
from core.rest import ScopedWriteMixin
from core.rest import route
from core.scoping import MUNICIPAL_ROLES
from core.scoping import PERSONAL_DATA_ROLES
from core.scoping import HasRole
from core.scoping import Role
from core.scoping import roles_of
from mentoring.filters import AttestationFilter
from mentoring.filters import PairFilter
from mentoring.filters import ProgrammeFilter
from mentoring.filters import SessionFilter
from mentoring.filters import SupportRequestFilter
from mentoring.filters import YoungSpecialistFilter
from mentoring.filters import mentee_exists
from mentoring.forms import AttestationForm
from mentoring.forms import AttestationSupportForm
from mentoring.forms import EffectEvaluationForm
from mentoring.forms import PairForm
from mentoring.forms import ProcessEvaluationForm
from mentoring.forms import ProgrammeForm
from mentoring.forms import SessionForm
from mentoring.forms import SupportRequestForm
from mentoring.forms import YoungSpecialistMarkForm
from mentoring.models import Attestation
from mentoring.models import AttestationSupport
from mentoring.models import Evaluation
from mentoring.models import Pair
from mentoring.models import Participant
from mentoring.models import Programme
from mentoring.models import Session
from mentoring.models import SupportRequest
from mentoring.models import Task
from mentoring.models import YoungSpecialistMark
from mentoring.models import can_edit_municipal
from mentoring.retention import HORIZONS
from mentoring.retention import retention_table
from mentoring.services import save_pair
from mentoring.stats import young_specialists


class MentoringPersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pedagogue
        fields = ["id", "full_name"]


class MentoringTaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "title", "deadline", "is_checkpoint", "done_on", "comment"]


class MentoringPairSerializer(FormValidatedSerializer):
    form_class = PairForm
    form_names = {"mentor_ids": "mentors", "mentee_ids": "mentees"}
    institution_name = serializers.CharField(source="institution.short_name", read_only=True)
    form_name = serializers.CharField(source="form.name", read_only=True)
    status = serializers.CharField(read_only=True)
    mentors = MentoringPersonSerializer(many=True, read_only=True)
    mentees = MentoringPersonSerializer(many=True, read_only=True)
    mentor_ids = serializers.PrimaryKeyRelatedField(many=True, queryset=Pedagogue.objects.all(), write_only=True)
    mentee_ids = serializers.PrimaryKeyRelatedField(many=True, queryset=Pedagogue.objects.all(), write_only=True)
    tasks = MentoringTaskSerializer(many=True, read_only=True)

    class Meta:
        model = Pair
        fields = ["id", "institution", "institution_name", "programme", "form", "form_name", "start", "end",
                  "order_number", "order_date", "pd_hours", "goal", "status", "mentors", "mentees", "mentor_ids",
                  "mentee_ids", "tasks"]

    def save_form(self, form):
        return save_pair(pair=form.save(commit=False), mentors=form.cleaned_data["mentors"],
                         mentees=form.cleaned_data["mentees"], by=self.user)


class MentoringProgrammeSerializer(FormValidatedSerializer):
    form_class = ProgrammeForm
    curator_name = serializers.CharField(source="curator.full_name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Programme
        fields = ["id", "institution", "title", "curator", "curator_name", "start", "end", "regulation", "notes"]


class MentoringSessionSerializer(FormValidatedSerializer):
    form_class = SessionForm
    attendees = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Session
        fields = ["id", "municipality", "kind", "date", "topic", "leader", "place", "pd_hours", "summary",
                  "attendees"]


class MentoringSupportRequestSerializer(FormValidatedSerializer):
    form_class = SupportRequestForm

    class Meta:
        model = SupportRequest
        fields = ["id", "municipality", "institution", "pedagogue", "requester_kind", "received_on", "topic",
                  "response", "closed_on"]

    def new_instance(self, attrs):
        return SupportRequest(recorded_by=self.user)


class MentoringAttestationSerializer(PedagogueNamed, FormValidatedSerializer):
    form_class = AttestationForm

    class Meta:
        model = Attestation
        fields = ["id", "pedagogue", "pedagogue_name", "category", "applied_on", "date", "result", "order_ref"]


class AttestationSupportSerializer(PedagogueNamed, FormValidatedSerializer):
    form_class = AttestationSupportForm

    class Meta:
        model = AttestationSupport
        fields = ["id", "pedagogue", "pedagogue_name", "date", "kind", "description", "given_by"]
        read_only_fields = ["given_by"]

    def new_instance(self, attrs):
        return AttestationSupport(given_by=self.user)


class YoungSpecialistMarkSerializer(PedagogueNamed, FormValidatedSerializer):
    """A hand-made decision that overrides the young-specialist rule for one pedagogue (one per pedagogue)."""

    form_class = YoungSpecialistMarkForm

    class Meta:
        model = YoungSpecialistMark
        fields = ["id", "pedagogue", "pedagogue_name", "is_young", "reason", "marked_by"]
        read_only_fields = ["marked_by"]

    def save_form(self, form):
        mark = form.save(commit=False)
        mark.marked_by = self.user  # who decided last, as on the page
        mark.save()
        return mark


class EvaluationSerializer(FormValidatedSerializer):
    """The final evaluation of a pair in its two parts, each validated by its page's form when the request
    carries it (the pages save the process and the effect apart); a new one without either is checked as a
    process evaluation."""

    parts = (ProcessEvaluationForm, EffectEvaluationForm)
    form_class = ProcessEvaluationForm
    form_takes_user = False
    parent_fields = ("pair",)

    class Meta:
        model = Evaluation
        fields = ["id", "pair", *ProcessEvaluationForm.Meta.fields, *EffectEvaluationForm.Meta.fields]

    def get_fields(self):
        fields = super().get_fields()
        for name in EffectEvaluationForm.Meta.fields:  # the base class knows one form; both parts are written
            fields[name].read_only = False
        if not fields["pair"].read_only:
            fields["pair"].queryset = Pair.objects.editable_by(self.user)
        return fields

    def new_instance(self, attrs):
        # One unsaved record for both parts, so the second form's save updates the row the first inserted.
        if getattr(self, "_new", None) is None:
            self._new = Evaluation(pair=attrs["pair"])
        return self._new

    def validate(self, attrs):
        given = [part for part in self.parts if set(part.base_fields) & set(attrs)] or [ProcessEvaluationForm]
        forms = []
        for part in given:
            self.form_class = part
            attrs = super().validate(attrs)
            forms.append(self._form)
        self._forms = forms
        return attrs

    def save_form(self, form):
        with transaction.atomic():
            for part in self._forms:
                evaluation = part.save()
        return evaluation


class MentoringYoungSpecialistSerializer(serializers.ModelSerializer):
    institution_name = serializers.CharField(source="institution.short_name", read_only=True)
    has_mentor = serializers.BooleanField(read_only=True)

    class Meta:
        model = Pedagogue
        fields = ["id", "full_name", "institution", "institution_name", "birth_date", "experience_start",
                  "has_mentor"]


@route("mentoring/pairs", "mentoring-pair")
class PairViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    serializer_class = MentoringPairSerializer
    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES, Role.TEACHER), MayWrite]
    filterset_class = PairFilter
    ordering_fields = ["start", "end"]

    def get_queryset(self):
        return Pair.objects.for_user(self.request.user).select_related("institution", "form").prefetch_related(
            Prefetch("participants", Participant.objects.select_related("pedagogue")), "tasks").order_by("-start",
                                                                                                         "pk")

    def get_write_queryset(self):
        return Pair.objects.editable_by(self.request.user)


@route("mentoring/programmes", "mentoring-programme")
class ProgrammeViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    serializer_class = MentoringProgrammeSerializer
    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES), MayWrite]
    filterset_class = ProgrammeFilter
    ordering_fields = ["start", "title"]

    def get_queryset(self):
        return Programme.objects.for_user(self.request.user).select_related("curator").order_by("-start", "pk")

    def get_write_queryset(self):
        return Programme.objects.editable_by(self.request.user)


@route("mentoring/sessions", "mentoring-session")
class SessionViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    serializer_class = MentoringSessionSerializer
    permission_classes = [HasRole.of(*MUNICIPAL_ROLES), MayWrite]
    write_roles = (Role.METHODIST,)
    filterset_class = SessionFilter
    ordering_fields = ["date"]

    def get_queryset(self):
        return Session.objects.for_user(self.request.user).prefetch_related("attendees").order_by("-date", "pk")

    def get_write_queryset(self):
        queryset = self.get_queryset()
        return queryset if can_edit_municipal(self.request.user) else queryset.none()


class MunicipalEditorWrites:
    """Support requests and attestation records are kept by the municipality's methodists."""

    write_roles = (Role.METHODIST,)

    def get_write_queryset(self):
        queryset = self.get_queryset()
        return queryset if can_edit_municipal(self.request.user) else queryset.none()


@route("mentoring/support-requests", "mentoring-support-request")
class SupportRequestViewSet(MunicipalEditorWrites, ScopedWriteMixin, viewsets.ModelViewSet):
    serializer_class = MentoringSupportRequestSerializer
    permission_classes = [HasRole.of(*MUNICIPAL_ROLES), MayWrite]
    filterset_class = SupportRequestFilter
    ordering_fields = ["received_on", "closed_on"]

    def get_queryset(self):
        return SupportRequest.objects.for_user(self.request.user).order_by("-received_on", "pk")


@route("mentoring/attestations", "mentoring-attestation")
class AttestationViewSet(MunicipalEditorWrites, ScopedWriteMixin, viewsets.ModelViewSet):
    serializer_class = MentoringAttestationSerializer
    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES), MayWrite]
    filterset_class = AttestationFilter
    ordering_fields = ["date", "applied_on"]

    def get_queryset(self):
        return Attestation.objects.for_user(self.request.user).select_related("pedagogue").order_by("-pk")


@route("mentoring/attestation-support", "mentoring-attestation-support")
class AttestationSupportViewSet(MunicipalEditorWrites, ScopedWriteMixin, viewsets.ModelViewSet):
    """Help given to pedagogues preparing for attestation, recorded by the municipality's methodists."""

    serializer_class = AttestationSupportSerializer
    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES), MayWrite]
    filterset_fields = ["pedagogue", "kind"]
    ordering_fields = ["date"]

    def get_queryset(self):
        return AttestationSupport.objects.for_user(self.request.user).select_related("pedagogue").order_by("-date", "-pk")


@route("mentoring/young-specialist-marks", "mentoring-young-specialist-mark")
class YoungSpecialistMarkViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """Marks over the young-specialist rule: read with the staff, written by who edits the pedagogue."""

    serializer_class = YoungSpecialistMarkSerializer
    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES), MayWrite]
    write_roles = (Role.METHODIST, Role.HEAD, Role.SCHOOL)
    filterset_fields = ["pedagogue", "is_young"]

    def get_queryset(self):
        return YoungSpecialistMark.objects.filter(pedagogue__in=Pedagogue.objects.for_user(self.request.user)) \
            .select_related("pedagogue").order_by("pedagogue__last_name", "pk")

    def get_write_queryset(self):
        return self.get_queryset().filter(pedagogue__in=Pedagogue.objects.editable_by(self.request.user))


@route("mentoring/evaluations", "mentoring-evaluation")
class EvaluationViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """Final evaluations of the pairs the user sees; who edits the pair evaluates it, as on the pair's page."""

    serializer_class = EvaluationSerializer
    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES), MayWrite]
    filterset_fields = ["pair"]

    def get_queryset(self):
        return Evaluation.objects.filter(pair__in=Pair.objects.for_user(self.request.user)).order_by("pk")

    def get_write_queryset(self):
        return self.get_queryset().filter(pair__in=Pair.objects.editable_by(self.request.user))


class PeriodFilterBackend(DjangoFilterBackend):
    """Hand the view's period (in which a pair counts) to the young-specialist filter."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "period": getattr(view, "period", None)}


@route("mentoring/young-specialists", "mentoring-young-specialist")
class YoungSpecialistViewSet(viewsets.ReadOnlyModelViewSet):
    """Young specialists now (or in the academic year ``?year=<id>``), with whether they have a mentor
    (filter ``mentor=no``)."""

    serializer_class = MentoringYoungSpecialistSerializer
    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES)]
    filterset_class = YoungSpecialistFilter
    filter_backends = [PeriodFilterBackend, OrderingFilter]
    ordering_fields = ["last_name", "birth_date"]

    def get_queryset(self):
        people, self.period, _visits = young_specialists(
            self.request.user, self.request.query_params.get("year"), timezone.localdate())
        return (
            people.annotate(has_mentor=mentee_exists(*self.period))
            .select_related("institution")
            .order_by("last_name", "first_name", "pk")
        )


def _text(value) -> str | None:
    return None if value is None else str(value)


class RetentionView(APIView):
    """Retention of young specialists by cohort for a municipality (default: the user's) or an institution."""

    permission_classes = [HasRole.of(*PERSONAL_DATA_ROLES)]

    @extend_schema(parameters=[OpenApiParameter("institution", int), OpenApiParameter("municipality", int)],
                   responses={200: dict})
    def get(self, request):
        institutions = Institution.objects.for_user(request.user)
        if parse_id(request.query_params.get("institution")):
            scope = get_object_or_404(institutions, pk=parse_id(request.query_params["institution"]))
        else:
            roles = roles_of(request.user)
            cities = Municipality.objects.all() if roles.is_global else Municipality.objects.filter(
                pk__in=roles.municipality_ids)
            wanted = request.query_params.get("municipality", "")
            scope = get_object_or_404(cities, pk=parse_id(wanted)) if parse_id(wanted) else cities.order_by("name").first()
            if scope is None:
                scope = institutions.first()
        if scope is None:
            return Response({"scope": None, "cohorts": []})
        first = AcademicYear.objects.values_list("start_year", flat=True).order_by("start_year").first()
        rows = retention_table(scope, first_year=first)
        return Response({
            "scope": str(scope),
            "cohorts": [
                {"year": row.title, "hired": row.hired,
                 **{f"after_{n}": {"retained": row.retained(n), "counted": row.measurable(n),
                                   "share": _text(row.share(n))} for n in HORIZONS}}
                for row in rows
            ],
        })


urlpatterns = [path("mentoring/retention/", RetentionView.as_view(), name="mentoring-retention")]
