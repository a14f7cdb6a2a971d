import io
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.files import download
from core.history import history_entries
from core.listing import filtered
from core.listing import list_page
from core.listing import paginate
from core.ratelimits import limit
from core.scoping import Role
from core.scoping import role_required
from core.scoping import roles_of
from core.xlsx import workbook_response
from jobs.decorators import background_file

from .exports import certificates_sheet
from .filters import CertificatePageFilter
from .forms import RevokeForm
from .forms import VerifyForm
from .models import Certificate
from .models import CertificateTemplate
from .services import issue_certificates
from .services import preview_recipients
from .services import waiting_events
from .sources import Kind
from .sources import all_sources
from .sources import get_source

EVENTS_SHOWN = 30


def may_issue(user) -> bool:
    return roles_of(user).has(Role.METHODIST)


def certificate_rows(request):
    queryset = Certificate.objects.for_user(request.user).select_related("holder__institution")
    return filtered(request, CertificatePageFilter, queryset, "-issued")


@login_required
def certificate_list(request):
    return list_page(request, "certificates/certificate_list.html", certificate_rows(request), export="certificates:export",
                     context={"can_issue": may_issue(request.user)})


@login_required
@background_file(gettext_lazy("Certificates"))
def certificate_export(request):
    return workbook_response("certificates.xlsx", [certificates_sheet(certificate_rows(request).qs)])


def visible_certificate(request, pk: int) -> Certificate:
    return get_object_or_404(
        Certificate.objects.for_user(request.user).select_related("holder", "municipality", "issued_by", "revoked_by"),
        pk=pk,
    )


@login_required
def certificate_detail(request, pk: int):
    certificate = visible_certificate(request, pk)
    can_revoke = Certificate.objects.issuable_by(request.user).filter(pk=pk).exists()
    return render(
        request,
        "certificates/certificate_detail.html",
        {
            "certificate": certificate,
            "can_revoke": can_revoke and certificate.is_valid,
            "form": RevokeForm(),
            "history": history_entries(certificate) if can_revoke else [],
        },
    )


@login_required
@background_file(gettext_lazy("Certificate"))
def certificate_pdf(request, pk: int):
    certificate = visible_certificate(request, pk)
    response = HttpResponse(certificate.render_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, certificate.pdf_filename())
    return response


@require_POST
@role_required(Role.METHODIST)
def certificate_revoke(request, pk: int):
    certificate = get_object_or_404(
        Certificate.objects.for_user(request.user).issuable_by(request.user).valid(), pk=pk
    )
    form = RevokeForm(request.POST)
    if form.is_valid():
        certificate.revoke(reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("Certificate {number} is revoked.").format(number=certificate.number))
        return redirect(certificate)
    return render(
        request,
        "certificates/certificate_detail.html",
        {"certificate": certificate, "can_revoke": True, "form": form, "history": history_entries(certificate)},
        status=400,
    )


# --- issuing ------------------------------------------------------------------------------------------


@role_required(Role.METHODIST)
def issue_start(request):
    """Pick a source and one of its events (newest first, with a search)."""
    sources = all_sources()
    key = request.GET.get("source") or next(iter(sources), "")
    source = sources.get(key)
    text = request.GET.get("q", "").strip()
    events, page = [], None
    waiting = source is not None and bool(request.GET.get("waiting"))
    if source:
        queryset = waiting_events(source, request.user, timezone.localdate()) if waiting else None
        if queryset is None:
            waiting, queryset = False, source.events_for(request.user)
        if text and source.search:
            queryset = source.search(queryset, text)
        if waiting:  # the home page's count: every waiting event, page by page
            page = paginate(request, queryset)
            rows = page.object_list
        else:
            rows = queryset[:EVENTS_SHOWN]
        events = [(event, source.describe(event)) for event in rows]
    return render(
        request,
        "certificates/issue_start.html",
        {"sources": sources, "source": source, "events": events, "q": text, "shown": EVENTS_SHOWN,
         "waiting": waiting, "page": page},
    )


def issuable_event(request, key: str, pk: int):
    source = get_source(key)
    if source is None:
        raise Http404(_("Unknown certificate source."))
    event = get_object_or_404(source.events_for(request.user), pk=pk)
    return source, event


@role_required(Role.METHODIST)
def issue_event(request, key: str, pk: int):
    """GET: the recipients and what is already issued; POST: issue the missing certificates."""
    source, event = issuable_event(request, key, pk)
    if request.method == "POST":
        created = issue_certificates(source=source, event=event, by=request.user)
        if created:
            messages.success(
                request,
                ngettext("Issued {count} certificate.", "Issued {count} certificates.", len(created)).format(
                    count=len(created)
                ),
            )
        else:
            messages.info(request, _("Everyone already has a certificate for this event; nothing was issued."))
        return redirect("certificates:issue-event", key=key, pk=pk)
    rows = preview_recipients(source=source, event=event)
    issued = (
        Certificate.objects.for_user(request.user).of_event(source.key, event).select_related("holder")
        .order_by("holder_name", "kind")
    )
    return render(
        request,
        "certificates/issue_event.html",
        {
            "source": source,
            "event": event,
            "described": source.describe(event),
            "event_url": source.event_url(event) if source.event_url else "",
            "rows": rows,
            "pending": sum(1 for row in rows if row.certificate is None),
            "issued": issued,
            "kinds": Kind.choices,
        },
    )


@role_required(Role.METHODIST)
@background_file(gettext_lazy("Certificates"))
def issue_event_zip(request, key: str, pk: int):
    """Return a ZIP with the PDFs of the event's valid certificates."""
    source, event = issuable_event(request, key, pk)
    certificates = Certificate.objects.for_user(request.user).of_event(source.key, event).valid().select_related(
        "municipality"
    )
    bodies = CertificateTemplate.objects.active_bodies()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(certificate.pdf_filename(), certificate.render_pdf(bodies))
    return download(buffer.getvalue(), f"certificates-{source.key}-{event.pk}.zip", "application/zip")


# --- public verification ------------------------------------------------------------------------------


@limit("CERTIFICATE_VERIFY_RATE", group="certificate-verify")
def verify_form(request):
    """A public form to type a verification code; redirects to its verification page."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", number=form.cleaned_data["number"].strip())
    return render(request, "certificates/verify_form.html", {"form": form})


@limit("CERTIFICATE_VERIFY_RATE", group="certificate-verify")
def verify(request, number: str):
    """Public: what the certificate prints (the holder as «Иванова А. П.») and whether it is valid — only for
    the full verification code (number and check part); 404 for anything else, a bare number included.
    Rate-limited per client address, with the form, so the register cannot be walked."""
    certificate = Certificate.objects.by_code(number)
    if certificate is None:
        return render(request, "certificates/verify_unknown.html", {"number": number}, status=404)
    return render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "fields": certificate.public_fields(), "home": reverse("certificates:verify-form")},
    )
