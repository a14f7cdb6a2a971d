import django_filters
from rest_framework import permissions, serializers, viewsets

from banks.filters import ItemFilter, ShowcaseFilter
from banks.models import Item


class ItemSerializer(serializers.ModelSerializer):
    institution_name = serializers.CharField(source="institution.short_name", read_only=True)
    subject_name = serializers.CharField(source="subject.name", read_only=True, default=None)
    year_title = serializers.CharField(source="year.title", read_only=True)
    recommended = serializers.BooleanField(source="is_recommended", read_only=True)

    class Meta:
        model = Item
        fields = ["id", "bank", "title", "authors", "institution", "institution_name", "subject", "subject_name",
                  "kind", "year", "year_title", "description", "keywords", "file", "url", "status", "published_on",
                  "recommended", "recommended_on"]


class PublicItemSerializer(ItemSerializer):
    """What the public showcase gives away: no ids of people, no workflow details."""

    class Meta(ItemSerializer.Meta):
        fields = ["id", "bank", "title", "authors", "institution_name", "subject_name", "kind", "year_title",
                  "description", "keywords", "url", "published_on", "recommended"]


class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Bank items the user may see; ``q`` searches title, description, keywords and authors."""

    serializer_class = ItemSerializer
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = ItemFilter

    def get_queryset(self):
        return (
            Item.objects.for_user(self.request.user)
            .select_related("institution", "subject", "year")
            .order_by("-created_at", "-pk")
        )


class ShowcaseViewSet(viewsets.ReadOnlyModelViewSet):
    """The public showcase: published items, readable without logging in."""

    serializer_class = PublicItemSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = ShowcaseFilter

    def get_queryset(self):
        return Item.objects.published().select_related("institution", "subject", "year").order_by("-published_on", "-pk")


routes = [
    ("banks/items", ItemViewSet, "banks-item"),
    ("banks/showcase", ShowcaseViewSet, "banks-showcase"),
]
