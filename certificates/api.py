"""REST API: the user's certificates (scoped like the pages) and the public verification."""

from django.conf import settings
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.clientip import client_ip

from .filters import CertificateFilter
from .models import Certificate


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


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter
    search_fields = ["number", "holder_name", "event_title"]
    ordering_fields = ["issued_at", "event_date", "holder_name", "number"]
    ordering = ["-issued_at"]

    def get_queryset(self):
        return Certificate.objects.for_user(self.request.user)


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


routes = [("certificates", CertificateViewSet, "certificate")]
urlpatterns = [path("certificates/verify/<str:number>/", VerifyView.as_view(), name="certificate-verify")]
