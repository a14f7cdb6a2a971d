"""Writes that touch a bank item and another model: sending a product to a bank,
submitting an item for the expert review, publishing."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from banks.models import Bank
from banks.models import Item
from banks.models import ItemStatus
from banks.models import Kind


@transaction.atomic
def send_to_bank(
    *,
    source,
    title: str,
    authors: str,
    institution,
    year,
    by,
    bank: str = Bank.PRODUCTS,
    kind: str = Kind.PROJECT,
    description: str = "",
    file=None,
    url: str = "",
    keywords: str = "",
) -> tuple[Item, bool]:
    """Return the draft bank item made from a product (of an association, an innovation project...),
    and whether it was created now; a product goes to the banks once."""
    source_type = ContentType.objects.get_for_model(source)
    existing = Item.objects.filter(source_type=source_type, source_id=source.pk).first()
    if existing:
        return existing, False
    item = Item(
        bank=bank, title=title[:400], authors=authors[:400], institution=institution,
        municipality_id=institution.municipality_id, year=year, kind=kind, description=description,
        url=url, keywords=keywords[:400], created_by=by, source_type=source_type, source_id=source.pk,
    )
    if file:
        item.file.name = file.name  # the same stored file, no copy
    item.save()
    return item, True


@transaction.atomic
def submit_for_review(*, item: Item, by, note: str = ""):
    """Put a draft item under expert review: a request of type "bank item" targeting it."""
    from expertise.models import RequestType
    from expertise.services import submit_request

    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status != ItemStatus.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    request = submit_request(
        type=RequestType.BANK_ITEM, title=item.title, institution=item.institution, by=by,
        description=note or item.description, authors=item.authors, target=item,
    )
    item.status = ItemStatus.REVIEW
    item.save(update_fields=["status"])
    return request


@transaction.atomic
def publish(*, item: Item, by, on=None) -> Item:
    """Publish a draft without a review (the item carries no expert badge) on the day given (a past day of
    the item's academic year, entered after the fact) or today."""
    item = Item.objects.select_for_update().select_related("year").get(pk=item.pk)
    if item.status != ItemStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published directly."))
    item.status = ItemStatus.PUBLISHED
    item.published_on = on or timezone.localdate()
    item.check_publication_date()
    item.save(update_fields=["status", "published_on"])
    return item


@transaction.atomic
def unpublish(*, item: Item, by) -> Item:
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status != ItemStatus.PUBLISHED:
        raise ValidationError(_("The item is not published."))
    item.status = ItemStatus.DRAFT
    item.published_on = None
    item.recommended_on = None
    item.save(update_fields=["status", "published_on", "recommended_on"])
    return item
