from certificates import models
from core.admin import register

register(models.CertificateTemplate, list_display=["name", "kind", "is_active"], list_filter=["kind", "is_active"])
register(
    models.Certificate,
    list_display=["number", "holder_name", "kind", "event_title", "event_date", "issued_at", "revoked_at"],
    list_filter=["kind", "source_key", "municipality"], search_fields=["number", "holder_name", "event_title"],
    raw_id_fields=["holder", "issued_by", "revoked_by"],
    readonly_fields=["number", "year", "sequence", "source_key", "source_type", "source_id", "issued_at"],
    date_hierarchy="issued_at",
)
