"""The pedagogue's record: the certificates and diplomas issued to them."""

from django.utils.translation import gettext as _

from core.record import RecordSection

from .models import Certificate


def sections(pedagogue, user) -> list[RecordSection]:
    certificates = list(Certificate.objects.for_user(user).filter(holder=pedagogue).order_by("-event_date", "-pk"))
    if not certificates:
        return []
    return [
        RecordSection(
            key="certificates",
            title=_("Certificates and diplomas"),
            template="certificates/record_certificates.html",
            context={"certificates": certificates, "valid_count": sum(1 for c in certificates if c.is_valid)},
            order=90,
            facts=[(_("Valid"), sum(1 for c in certificates if c.is_valid))],
            headers=[_("Number"), _("Kind"), _("Event"), _("Date"), _("Result"), _("Hours"), _("Status")],
            rows=[(c.number, c.get_kind_display(), c.event_title, c.event_date, c.line, c.hours,
                   _("valid") if c.is_valid else _("revoked")) for c in certificates],
        )
    ]
