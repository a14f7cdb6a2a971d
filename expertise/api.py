"""REST API of expertise: review requests and the expert register, scoped like the pages.

A request is submitted through the page's form and service (``submit_request``); an expert sends the
review of their assignment (``review``), the council's chair or secretary concludes (``conclude``),
both through the pages' forms and services. The register is written by methodists (``ExpertForm``).
"""

import django_filters
from django.db.models import Count
from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework import serializers
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.rest import FormValidatedSerializer
from core.rest import MayWrite
from core.rest import ScopedWriteMixin
from core.rest import form_errors
from core.rest import route
from core.scoping import HasRole
from core.scoping import Role
from expertise import services
from expertise.filters import ExpertFilter
from expertise.filters import RequestFilter
from expertise.forms import ConcludeForm
from expertise.forms import ExpertForm
from expertise.forms import RequestForm
from expertise.forms import ReviewForm
from expertise.models import Action
from expertise.models import Assignment
from expertise.models import Expert
from expertise.models import ReviewRequest


class RequestSerializer(FormValidatedSerializer):
    form_class = RequestForm
    institution_name = serializers.CharField(source="institution.short_name", read_only=True)

    class Meta:
        model = ReviewRequest
        fields = ["id", "type", "title", "authors", "institution", "institution_name", "status", "submitted_on",
                  "deadline", "decision", "combined_score", "conclusion", "concluded_on", "round", "description"]

    def save_form(self, form):
        data = {name: form.cleaned_data.get(name) for name in RequestForm.Meta.fields}
        return services.submit_request(by=self.user, **data)


class ReviewSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.IntegerField(), help_text="criterion id → score")
    comment = serializers.CharField()
    recommendation = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True)


class ConcludeSerializer(serializers.Serializer):
    decision = serializers.CharField()
    conclusion = serializers.CharField(required=False, allow_blank=True)
    concluded_on = serializers.DateField(
        required=False, allow_null=True,
        help_text="The day of the council's conclusion (a past one entered after the fact); today when not given.",
    )


@route("expertise/requests", "expertise-request")
class RequestViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """Review requests the user may see (an expert: only those assigned to them). Experts' names are not exposed.

    Requests are submitted here and move on through ``review`` and ``conclude``; they are not edited or
    deleted (their history is the council's record)."""

    serializer_class = RequestSerializer
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = RequestFilter
    http_method_names = ["get", "post", "head", "options"]
    write_roles = (Role.METHODIST, Role.HEAD, Role.SCHOOL, Role.TEACHER)

    def get_queryset(self):
        return ReviewRequest.objects.for_user(self.request.user).select_related("institution").order_by("-submitted_on", "-pk")

    def _form(self, form, run):
        if not form.is_valid():
            raise exceptions.ValidationError(form_errors(form))
        run(form)
        return Response(RequestSerializer(self.get_object_fresh(), context=self.get_serializer_context()).data)

    def get_object_fresh(self):
        return ReviewRequest.objects.get(pk=self.kwargs["pk"])

    @extend_schema(request=ReviewSerializer, responses=RequestSerializer)
    @action(detail=True, methods=["post"], serializer_class=ReviewSerializer,
            permission_classes=[HasRole.of(Role.EXPERT)])
    def review(self, request, pk=None):
        """The expert's review of their open assignment of this request (the review form's rules)."""
        review = self.get_object()
        assignment = get_object_or_404(Assignment, request=review, expert__user=request.user, round=review.round,
                                       reviewed_at__isnull=True)
        if not review.can(Action.REVIEW):
            raise exceptions.PermissionDenied
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = {f"criterion_{k}": v for k, v in body.validated_data["scores"].items()}
        data.update({k: v for k, v in body.validated_data.items() if k != "scores"})
        form = ReviewForm(data, criteria=review.criteria())
        return self._form(form, lambda form: services.submit_review(
            assignment=assignment, scores=form.scores(), comment=form.cleaned_data["comment"],
            recommendation=form.cleaned_data["recommendation"], reason=form.cleaned_data["reason"], by=request.user))

    @extend_schema(request=ConcludeSerializer, responses=RequestSerializer)
    @action(detail=True, methods=["post"], serializer_class=ConcludeSerializer)
    def conclude(self, request, pk=None):
        """The council's conclusion (its chair or secretary) on the day given, as on the request's page
        (``ReviewRequest.check_dates``: not in the future, not before the request came)."""
        review = self.get_object()
        if not ReviewRequest.objects.concludable_by(request.user).filter(pk=review.pk).exists():
            raise exceptions.PermissionDenied
        form = ConcludeForm(request.data)
        return self._form(form, lambda form: services.conclude_request(
            request=review, decision=form.cleaned_data["decision"], conclusion=form.cleaned_data["conclusion"],
            by=request.user, concluded_on=form.cleaned_data["concluded_on"]))


class ExpertSerializer(FormValidatedSerializer):
    form_class = ExpertForm
    name = serializers.CharField(source="pedagogue.full_name", read_only=True)
    institution = serializers.CharField(source="pedagogue.institution", read_only=True, default=None, allow_null=True)
    reviews_done = serializers.IntegerField(read_only=True)

    class Meta:
        model = Expert
        fields = ["id", "pedagogue", "name", "institution", "user", "specialisations", "subjects", "active_from",
                  "active_to", "reviews_done"]


@route("expertise/experts", "expertise-expert")
class ExpertViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    serializer_class = ExpertSerializer
    permission_classes = [HasRole.of(Role.METHODIST, Role.HEAD), MayWrite]
    write_roles = (Role.METHODIST,)
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

    def get_write_queryset(self):
        return self.get_queryset() if HasRole.of(Role.METHODIST)().has_permission(self.request, self) \
            else Expert.objects.none()
