"""REST API: the user's certificates (scoped like the pages) and the public verification."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

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


class VerifyView(APIView):
    """Public: the same as the verification page — what the certificate prints and its validity."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(responses={200: VerificationSerializer, 404: None})
    def get(self, request, number: str):
        certificate = Certificate.objects.filter(number=number).first()
        if certificate is None:
            return Response({"number": number, "found": False, "status": "not found"},
                            status=status.HTTP_404_NOT_FOUND)
        return Response({**certificate.public_data(), "found": True})


routes = [("certificates", CertificateViewSet, "certificate")]
urlpatterns = [path("certificates/verify/<str:number>/", VerifyView.as_view(), name="certificate-verify")]
