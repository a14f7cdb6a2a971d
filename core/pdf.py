"""PDF documents: an HTML template laid out by WeasyPrint (fonts with Cyrillic from the system)."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Return the PDF bytes of a template (static files resolved from the project's static dir)."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(filename: str, template_name: str, context: dict, *, request=None, inline: bool = False) -> HttpResponse:
    response = HttpResponse(render_pdf(template_name, context, request=request), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
