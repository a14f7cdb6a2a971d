"""REST API of the banks: items scoped like the pages, written through the page's form (drafts only:
an item sent to the expert council or published changes through its workflow), and the public showcase."""

import django_filters
from django.utils.translation import gettext as _
from rest_framework import permissions, serializers, viewsets

from banks.filters import ItemFilter, ShowcaseFilter
from banks.forms import ItemForm
from banks.models import Item, ItemStatus
from core.rest import FormValidatedSerializer, ScopedWriteMixin
from core.scoping import Role


class ItemSerializer(FormValidatedSerializer):
    form_class = ItemForm
    institution_name = serializers.CharField(source="institution.short_name", read_only=True)
    subject_name = serializers.CharField(source="subject.name", read_only=True, default=None, allow_null=True)
    year_title = serializers.CharField(source="year.title", read_only=True)
    recommended = serializers.BooleanField(source="is_recommended", read_only=True)

    class Meta:
        model = Item
        fields = ["id", "bank", "title", "authors", "author_pedagogues", "institution", "institution_name", "subject",
                  "subject_name", "kind", "year", "year_title", "description", "keywords", "file", "url", "status",
                  "published_on", "recommended", "recommended_on"]

    def new_instance(self, attrs):
        return Item(created_by=self.user)


class PublicItemSerializer(serializers.ModelSerializer):
    """What the public showcase gives away: no ids of people, no workflow details."""

    institution_name = serializers.CharField(source="institution.short_name", read_only=True)
    subject_name = serializers.CharField(source="subject.name", read_only=True, default=None, allow_null=True)
    year_title = serializers.CharField(source="year.title", read_only=True)
    recommended = serializers.BooleanField(source="is_recommended", read_only=True)

    class Meta:
        model = Item
        fields = ["id", "bank", "title", "authors", "institution_name", "subject_name", "kind", "year_title",
                  "description", "keywords", "url", "published_on", "recommended"]


class ItemViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """Bank items the user may see; ``q`` searches title, description, keywords and authors.

    Authors (methodists, schools, teachers) create drafts and change or delete their drafts."""

    serializer_class = ItemSerializer
    write_roles = (Role.METHODIST, Role.SCHOOL, Role.TEACHER)
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = ItemFilter

    def get_queryset(self):
        return (
            Item.objects.for_user(self.request.user)
            .select_related("institution", "subject", "year")
            .order_by("-created_at", "-pk")
        )

    def get_write_queryset(self):
        return Item.objects.editable_by(self.request.user)

    def get_object(self):
        item = super().get_object()
        if self.request.method not in permissions.SAFE_METHODS and item.status != ItemStatus.DRAFT:
            self.permission_denied(self.request, message=_("Only a draft can be edited."))
        return item


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
