"""REST API of the banks: items scoped like the pages, written through the page's form (drafts only:
an item sent to the expert council or published changes through its workflow), and the public showcase."""

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework import serializers
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from banks import services
from banks.filters import ItemFilter
from banks.filters import ShowcaseFilter
from banks.forms import ItemForm
from banks.models import Item
from banks.models import ItemStatus
from core.rest import FormValidatedSerializer
from core.rest import ScopedWriteMixin
from core.rest import route
from core.scoping import Role
from core.scoping import roles_of


class ItemNames(serializers.Serializer):
    """The names an item refers to, read-only: the same in the bank's API and the public showcase."""

    institution_name = serializers.CharField(source="institution.short_name", read_only=True)
    subject_name = serializers.CharField(source="subject.name", read_only=True, default=None, allow_null=True)
    year_title = serializers.CharField(source="year.title", read_only=True)
    recommended = serializers.BooleanField(source="is_recommended", read_only=True)


class ItemSerializer(ItemNames, FormValidatedSerializer):
    form_class = ItemForm

    class Meta:
        model = Item
        fields = ["id", "bank", "title", "authors", "author_pedagogues", "institution", "institution_name", "subject",
                  "subject_name", "kind", "year", "year_title", "description", "keywords", "file", "url", "status",
                  "published_on", "recommended", "recommended_on"]

    def new_instance(self, attrs):
        return Item(created_by=self.user)


class PublicItemSerializer(ItemNames, serializers.ModelSerializer):
    """What the public showcase gives away: no ids of people, no workflow details."""

    class Meta:
        model = Item
        fields = ["id", "bank", "title", "authors", "institution_name", "subject_name", "kind", "year_title",
                  "description", "keywords", "url", "published_on", "recommended"]


class PublishSerializer(serializers.Serializer):
    published_on = serializers.DateField(
        required=False, allow_null=True,
        help_text="The day it was published (a past day of the item's academic year); today when not given.",
    )


PUBLISHING = ("publish", "unpublish")


@route("banks/items", "banks-item")
class ItemViewSet(ScopedWriteMixin, viewsets.ModelViewSet):
    """Bank items the user may see; ``q`` searches title, description, keywords and authors.

    Authors (methodists, schools, teachers) create drafts and change or delete their drafts; the methodists of
    the item's municipality publish a draft (``/publish/``, on a given day) and withdraw it (``/unpublish/``)."""

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
        if getattr(self, "action", None) in PUBLISHING:
            roles = roles_of(self.request.user)
            items = Item.objects.all()
            return items if roles.is_admin else items.filter(
                municipality_id__in=roles.municipality_ids_for(Role.METHODIST))
        return Item.objects.editable_by(self.request.user)

    def get_object(self):
        item = super().get_object()
        if self.request.method not in permissions.SAFE_METHODS and item.status != ItemStatus.DRAFT \
                and getattr(self, "action", None) not in PUBLISHING:
            self.permission_denied(self.request, message=_("Only a draft can be edited."))
        return item

    @extend_schema(request=PublishSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"], serializer_class=PublishSerializer)
    def publish(self, request, pk=None):
        """Publish a draft without a review on the day given (``Item.check_publication_date``: not in the future,
        within the item's academic year), as the item's page does."""
        item = self.get_object()
        body = PublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.publish(item=item, by=request.user, on=body.validated_data.get("published_on"))
        return self._answer(item)

    @extend_schema(request=None, responses=ItemSerializer)
    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        item = self.get_object()
        services.unpublish(item=item, by=request.user)
        return self._answer(item)

    def _answer(self, item):
        fresh = self.get_queryset().get(pk=item.pk)
        return Response(ItemSerializer(fresh, context=self.get_serializer_context()).data)


@route("banks/showcase", "banks-showcase")
class ShowcaseViewSet(viewsets.ReadOnlyModelViewSet):
    """The public showcase: published items, readable without logging in."""

    serializer_class = PublicItemSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = ShowcaseFilter

    def get_queryset(self):
        return Item.objects.published().select_related("institution", "subject", "year").order_by("-published_on", "-pk")
