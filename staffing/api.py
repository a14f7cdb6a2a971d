"""REST API of staffing campaigns and submissions, scoped like the pages.

Campaigns: everyone reads what ``for_user`` gives them; methodists and heads open,
change, close and reopen their municipality's campaigns. Submissions: a school
reads and writes only its own, and writes only while the campaign is open and the
answer is a draft or returned; methodists and heads accept or return it.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework import permissions
from rest_framework import serializers
from rest_framework import status
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.models import Institution
from core.models import InstitutionType
from core.rest import FormValidatedSerializer
from core.rest import MayEdit
from core.rest import ScopedWriteMixin
from core.rest import route
from core.scoping import MUNICIPAL_ROLES
from core.scoping import Role
from core.scoping import roles_of
from staffing.filters import SubmissionFilter
from staffing.forms import DocumentForm
from staffing.models import Campaign
from staffing.models import CampaignStatus
from staffing.models import Need
from staffing.models import RegulatoryDocument
from staffing.models import Submission
from staffing.models import SubmissionStatus
from staffing.models import managing_municipality_ids
from staffing.services import mark_entered
from staffing.services import replace_needs
from staffing.services import return_submission

MANAGERS = MUNICIPAL_ROLES


class CampaignSerializer(serializers.ModelSerializer):
    types = serializers.ListField(
        child=serializers.ChoiceField(choices=InstitutionType.choices), required=False,
        help_text="Institution types that must answer; empty: all.",
    )
    year_title = serializers.CharField(source="year.title", read_only=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "municipality", "title", "as_of", "year", "year_title", "deadline", "types", "status",
                  "is_open", "instructions"]
        read_only_fields = ["status"]

    def validate_municipality(self, municipality):
        ids = managing_municipality_ids(self.context["request"].user)
        if ids is not None and municipality.pk not in ids:
            raise serializers.ValidationError(_("You may not run campaigns in this municipality."))
        if self.instance is not None and self.instance.municipality_id != municipality.pk:
            raise serializers.ValidationError(_("A campaign cannot move to another municipality."))
        return municipality

    def create(self, validated_data):
        types = validated_data.pop("types", [])
        campaign = Campaign(created_by=self.context["request"].user, **validated_data)
        campaign.types = types
        campaign.save()
        return campaign

    def update(self, instance, validated_data):
        if "types" in validated_data:
            instance.types = validated_data.pop("types")
        return super().update(instance, validated_data)


class ManagersWrite(MayEdit):
    """Everyone in scope reads a campaign; its municipality's managers change it."""

    through = "managed_by"

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or roles_of(request.user).has(*MANAGERS)


@route("staffing/campaigns", "staffing-campaign")
class CampaignViewSet(viewsets.ModelViewSet):
    serializer_class = CampaignSerializer
    permission_classes = [permissions.IsAuthenticated, ManagersWrite]
    filterset_fields = ["status", "year", "municipality"]
    search_fields = ["title"]
    ordering_fields = ["as_of", "deadline", "title"]
    ordering = ["-as_of"]

    def get_queryset(self):
        return Campaign.objects.for_user(self.request.user).select_related("year")

    def _set_status(self, status_value: str):
        campaign = self.get_object()
        campaign.status = status_value
        campaign.save(update_fields=["status"])
        return Response(self.get_serializer(campaign).data)

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._set_status(CampaignStatus.CLOSED)

    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._set_status(CampaignStatus.REOPENED)


class NeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Need
        fields = ["id", "position", "subject", "rates", "weekly_hours", "posts", "reason", "vacant_since",
                  "support", "requirements", "contact"]
        read_only_fields = ["id", "posts"]

    def validate(self, attrs):
        if not attrs.get("rates") and not attrs.get("weekly_hours"):
            raise serializers.ValidationError({"rates": _("Give the number of rates or the weekly hours.")})
        return attrs


class SubmissionSerializer(serializers.ModelSerializer):
    needs = NeedSerializer(many=True, required=False)
    institution_name = serializers.CharField(source="institution.short_name", read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "campaign", "institution", "institution_name", "status", "no_needs", "contact", "needs",
                  "received_on", "entered_by_methodist", "submitted_at", "first_submitted_at", "reviewed_at",
                  "review_comment"]
        read_only_fields = ["status", "entered_by_methodist", "submitted_at", "first_submitted_at", "reviewed_at",
                            "review_comment"]
        extra_kwargs = {"received_on": {"help_text": "The day a paper answer came: the methodist enters the "
                                                     "answer on the institution's behalf with it (it is submitted "
                                                     "at once); an institution's own answer gets it on submit."}}

    def validate(self, attrs):
        user = self.context["request"].user
        campaign = attrs.get("campaign") or self.instance.campaign
        institution = attrs.get("institution") or self.instance.institution
        if self.instance is not None and (campaign != self.instance.campaign
                                          or institution != self.instance.institution):
            raise serializers.ValidationError(_("The campaign and the institution of a submission cannot change."))
        roles = roles_of(user)
        is_school = roles.is_admin or institution.pk in roles.institution_ids_for(Role.SCHOOL)
        # A methodist (head) of the campaign enters the answer an institution sent on paper, as on the entry page.
        self.entering = not is_school and Campaign.objects.managed_by(user).filter(pk=campaign.pk).exists()
        if not (is_school or self.entering):
            raise PermissionDenied(_("Only the institution itself may write its submission."))
        if not Campaign.objects.for_user(user).filter(pk=campaign.pk).exists() or not campaign.requires(institution):
            raise serializers.ValidationError({"campaign": _("This campaign does not ask this institution.")})
        if self.entering:
            self._validate_entry(attrs, campaign, institution)
        else:
            if attrs.get("received_on"):
                raise serializers.ValidationError({"received_on": _(
                    "The date of receipt is set when the institution submits its answer; the methodist enters "
                    "it for an answer sent on paper.")})
            if not campaign.is_open:
                raise PermissionDenied(_("The campaign is closed."))
            if self.instance is not None and not self.instance.is_editable:
                raise PermissionDenied(_("The submission is locked: it has been submitted."))
        if self.instance is None and Submission.objects.filter(campaign=campaign, institution=institution).exists():
            raise serializers.ValidationError(_("The institution has already started its submission."))
        no_needs = attrs.get("no_needs", self.instance.no_needs if self.instance else False)
        needs = attrs.get("needs")
        has_needs = bool(needs) if needs is not None else bool(self.instance and self.instance.needs.exists())
        if no_needs and has_needs:
            raise serializers.ValidationError(_("«No staffing needs» and listed needs exclude each other."))
        if self.entering and not (no_needs or has_needs):
            raise serializers.ValidationError(_("List the needs or mark «No staffing needs» before submitting."))
        return attrs

    def _validate_entry(self, attrs, campaign, institution) -> None:
        """An entered answer is submitted at once: it needs its date of receipt (``Submission.clean``: not in the
        future, within the campaign's year) and may replace only an answer the institution has not submitted."""
        if self.instance is not None and self.instance.status not in (SubmissionStatus.DRAFT,
                                                                      SubmissionStatus.RETURNED):
            raise PermissionDenied(_("The submission is locked: it has been submitted."))
        received_on = attrs.get("received_on")
        if not received_on:
            raise serializers.ValidationError({"received_on": _("Give the day the answer was received.")})
        try:
            Submission(campaign=campaign, institution=institution, received_on=received_on).clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc

    @transaction.atomic
    def create(self, validated_data):
        needs = validated_data.pop("needs", None)
        received_on = validated_data.pop("received_on", None)
        submission = Submission.objects.create(**validated_data)
        if needs:
            self._replace(submission, needs)
        return self._entered(submission, received_on)

    @transaction.atomic
    def update(self, instance, validated_data):
        needs = validated_data.pop("needs", None)
        received_on = validated_data.pop("received_on", None)
        instance = super().update(instance, validated_data)
        if needs is not None:
            no_needs = instance.no_needs
            self._replace(instance, needs)
            if no_needs and not needs:
                instance.no_needs = True
                instance.save(update_fields=["no_needs"])
        return self._entered(instance, received_on)

    def _entered(self, submission, received_on):
        if self.entering:
            mark_entered(submission=submission, received_on=received_on, by=self.context["request"].user)
        return submission

    def _replace(self, submission, needs):
        try:
            replace_needs(submission=submission, needs=needs, by=self.context["request"].user,
                          entering=self.entering)
        except DjangoValidationError as exc:
            raise PermissionDenied(exc.messages[0]) from exc
        submission.refresh_from_db()


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField()


@route("staffing/submissions", "staffing-submission")
class SubmissionViewSet(mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                        mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    ordering_fields = ["submitted_at", "institution__short_name"]
    ordering = ["institution__sort_key"]

    def get_queryset(self):
        return (
            Submission.objects.for_user(self.request.user)
            .select_related("campaign", "institution")
            .prefetch_related("needs")
        )

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if self.request.method not in permissions.SAFE_METHODS:
            # The choices of the related fields come from the user's scope.
            fields = getattr(serializer, "fields", {})
            if "campaign" in fields:
                fields["campaign"].queryset = Campaign.objects.for_user(self.request.user)
            if "institution" in fields:
                fields["institution"].queryset = Institution.objects.for_user(self.request.user)
        return serializer

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        submission = self.get_object()
        roles = roles_of(request.user)
        if not (roles.is_admin or submission.institution_id in roles.institution_ids_for(Role.SCHOOL)):
            raise PermissionDenied(_("Only the institution itself may submit."))
        if not submission.is_editable:
            raise PermissionDenied(_("The campaign is closed or the submission is already submitted."))
        if not submission.no_needs and not submission.needs.exists():
            return Response({"detail": _("List the needs or mark «No staffing needs» before submitting.")},
                            status=status.HTTP_400_BAD_REQUEST)
        submission.submit(by=request.user)
        return Response(self.get_serializer(submission).data)

    def _reviewed(self, request) -> Submission:
        submission = self.get_object()
        if not Campaign.objects.managed_by(request.user).filter(pk=submission.campaign_id).exists():
            raise PermissionDenied(_("Only the methodical centre reviews submissions."))
        if submission.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED):
            raise PermissionDenied(_("Only a submitted answer can be reviewed."))
        return submission

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        submission = self._reviewed(request)
        submission.accept(by=request.user)
        return Response(self.get_serializer(submission).data)

    @extend_schema(request=ReturnSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="return", serializer_class=ReturnSerializer)
    def return_(self, request, pk=None):
        submission = self._reviewed(request)
        form = ReturnSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return_submission(submission=submission, by=request.user, comment=form.validated_data["comment"])
        return Response(SubmissionSerializer(submission, context=self.get_serializer_context()).data)


class DocumentSerializer(FormValidatedSerializer):
    """A local act of the staffing-needs process, written with the documents page's form."""

    form_class = DocumentForm

    class Meta:
        model = RegulatoryDocument
        fields = ["id", "municipality", "title", "number", "date", "status", "file", "note"]


@route("staffing/documents", "staffing-document")
class DocumentViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """The municipality's regulatory documents: the methodists and the head keep them; a document that no longer
    applies changes its status instead of being deleted, as on the page."""

    serializer_class = DocumentSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    write_roles = MANAGERS
    filterset_fields = ["municipality", "status"]
    ordering = ["-date", "pk"]

    def get_queryset(self):
        return RegulatoryDocument.objects.for_user(self.request.user)

    def get_write_queryset(self):
        return RegulatoryDocument.objects.managed_by(self.request.user)
