"""REST API: the user's certificates (scoped like the pages) and the public verification."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework import mixins
from rest_framework import serializers
from rest_framework import status
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.clientip import client_ip
from core.rest import form_errors
from core.rest import route
from core.scoping import Role
from core.scoping import roles_of

from .filters import CertificateFilter
from .forms import RevokeForm
from .models import Certificate
from .services import issue_certificates
from .sources import get_source


class CertificateSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    valid = serializers.BooleanField(source="is_valid", read_only=True)
    verify_url = serializers.CharField(read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "id", "number", "kind", "kind_display", "holder", "holder_name", "event_title", "event_date", "hours",
            "line", "issued_at", "source_key", "valid", "revoked_at", "revoke_reason", "verify_url",
        ]


class IssueSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="The certificate source's key, e.g. training.completion.")
    event = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="The event's id in its source.")


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


@route("certificates", "certificate")
class CertificateViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The user's certificates. A methodist issues an event's missing certificates (``POST`` with the source and
    the event, as the issue page does: the recipients who have none get one) and revokes one with a reason
    (``/revoke/``); a certificate is never edited or deleted: its number stays verifiable."""

    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter
    search_fields = ["number", "holder_name", "event_title"]
    ordering_fields = ["issued_at", "event_date", "holder_name", "number"]
    ordering = ["-issued_at"]

    def get_queryset(self):
        return Certificate.objects.for_user(self.request.user)

    def _require_methodist(self, request) -> None:
        if not roles_of(request.user).has(Role.METHODIST):
            raise exceptions.PermissionDenied

    @extend_schema(request=IssueSerializer, responses={201: CertificateSerializer(many=True)})
    def create(self, request, *args, **kwargs):
        self._require_methodist(request)
        body = IssueSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        source = get_source(body.validated_data["source"])
        if source is None:
            raise exceptions.ValidationError({"source": _("Unknown certificate source.")})
        event = get_object_or_404(source.events_for(request.user), pk=body.validated_data["event"])
        created = issue_certificates(source=source, event=event, by=request.user)
        data = CertificateSerializer(created, many=True, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RevokeSerializer, responses=CertificateSerializer)
    @action(detail=True, methods=["post"], serializer_class=RevokeSerializer)
    def revoke(self, request, pk=None):
        """Revoke a valid certificate the methodist may issue, with the reason the public check shows."""
        self._require_methodist(request)
        certificate = get_object_or_404(
            Certificate.objects.for_user(request.user).issuable_by(request.user).valid(), pk=pk)
        form = RevokeForm(request.data)
        if not form.is_valid():
            raise exceptions.ValidationError(form_errors(form))
        certificate.revoke(reason=form.cleaned_data["reason"], by=request.user)
        return Response(CertificateSerializer(self.get_queryset().get(pk=certificate.pk),
                                              context=self.get_serializer_context()).data)


class VerificationSerializer(serializers.Serializer):
    number = serializers.CharField()
    kind = serializers.CharField()
    kind_title = serializers.CharField()
    holder_name = serializers.CharField()
    event_title = serializers.CharField()
    event_date = serializers.DateField()
    hours = serializers.CharField(allow_null=True)
    result = serializers.CharField(allow_null=True)
    valid = serializers.BooleanField()
    revoked_on = serializers.DateField(allow_null=True)
    revoke_reason = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    verify_url = serializers.CharField()


class VerifyThrottle(ScopedRateThrottle):
    """DRF's scoped throttle (rate ``certificate-verify`` = ``CERTIFICATE_VERIFY_RATE``) keyed on the client
    address the proxy passes (``core.clientip``), like the login lock and the page's rate limit."""

    def get_rate(self):
        return settings.CERTIFICATE_VERIFY_RATE

    def get_ident(self, request):
        return client_ip(request)


class VerifyView(APIView):
    """Public: the same as the verification page — what the certificate prints (the holder as «Иванова А. П.»)
    and its validity, for the full verification code only. Throttled per client address (429)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [VerifyThrottle]
    throttle_scope = "certificate-verify"

    def throttled(self, request, wait):
        from rest_framework.exceptions import Throttled

        raise Throttled(wait, detail=_("Too many verification requests. Wait a minute and try again."))

    @extend_schema(responses={200: VerificationSerializer, 404: None, 429: None})
    def get(self, request, number: str):
        certificate = Certificate.objects.by_code(number)
        if certificate is None:
            return Response({"number": number, "found": False, "status": "not found"},
                            status=status.HTTP_404_NOT_FOUND)
        return Response({**certificate.public_data(), "found": True})


urlpatterns = [path("certificates/verify/<str:number>/", VerifyView.as_view(), name="certificate-verify")]
