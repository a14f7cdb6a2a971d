"""``certificate_issued(sender=Certificate, certificate=...)`` is sent after the issuing
transaction commits, once per new certificate (e.g. to notify the holder)."""

from django.dispatch import Signal

certificate_issued = Signal()
