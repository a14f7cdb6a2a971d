"""One wording for «this is already recorded»: a message that names the existing record and links to it."""

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


def record_link(record, url: str | None = None) -> SafeString:
    url = url or (record.get_absolute_url() if hasattr(record, "get_absolute_url") else "")
    return format_html('<a href="{}">{}</a>', url, record) if url else format_html("{}", record)


def already_recorded(record, *, url: str | None = None) -> SafeString:
    """Return «Already recorded: <a>the record</a>.» (HTML-safe: form errors show the link)."""
    return format_html(_("Already recorded: {record}. Open it to correct it instead of entering it again."),
                       record=record_link(record, url))


def already_recorded_text(record) -> str:
    """The same in plain text (import rows, API answers), with the record's id."""
    return _("Already recorded: {record} (no. {pk}).").format(record=record, pk=record.pk)


class DuplicateError(ValidationError):
    """A ValidationError that carries the existing record (the API answers it with 409)."""

    def __init__(self, record, *, field: str | None = None, url: str | None = None):
        self.record = record
        message = already_recorded(record, url=url)
        super().__init__({field: message} if field else message, code="duplicate")
