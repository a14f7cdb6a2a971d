from banks import models
from core.admin import register

register(
    models.Item, list_display=["title", "bank", "institution", "kind", "year", "status", "published_on", "recommended_on"],
    list_filter=["bank", "status", "kind", "year", "municipality"], search_fields=["title", "authors", "keywords"],
    raw_id_fields=["institution", "author_pedagogues", "created_by"], readonly_fields=["source_type", "source_id"],
)
