"""Issue 20's «Done when» on the demo (``seed_demo --scale tiny``), walked as the head through the pages: every
year's draft answers every weak direction of its report in item 3; the demo's issued order downloads as PDF
(Liberation Serif, no arrows, no number on page 1) and .docx with the same numbered items, the analytical note
as .docx and PDF with the same headings; next year's report assesses last year's measures."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

import jobs.tasks  # noqa: F401  (registers the «jobs.run» task that file views and the report build start)
from core.models import AcademicYear
from core.models import Municipality
from monitoring.computation import Results
from monitoring.models import Order
from monitoring.models import OrderStatus
from monitoring.models import ReportSnapshot
from monitoring.tests.test_order_documents import docx_items
from monitoring.tests.test_order_documents import expected_items
from monitoring.tests.test_order_documents import pdf_text
from monitoring.tests.test_order_documents import squashed


def pages_of(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def demo(db, settings, client):
    settings.JOBS_BACKGROUND_FILES = False  # the files themselves, not job pages
    call_command("seed_demo", scale="tiny", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="head"))
    return Municipality.objects.order_by("pk").first()


def test_the_demo_walked_as_the_head(client, demo):
    issued = Order.objects.get(municipality=demo, status=OrderStatus.ISSUED)

    # Every year the head can choose: the draft's item 3 has a sub-item for each weak direction of its report.
    drafted = 0
    for year in AcademicYear.objects.offered():
        response = client.post(reverse("monitoring:reports") + f"?year={year.title}")
        assert response.status_code == 302, year
        response = client.post(response.url.rstrip("/") + "/order/")
        order = Order.objects.get(pk=int(response.url.strip("/").split("/")[-2]))
        weak = [d.code for d in Results.from_json(order.snapshot.data).weak]
        assert [m.direction.code for m in order.recommendations.exclude(direction=None)] == weak, year
        item3 = next((item for item in order.numbered_items() if item.get("children")), {"children": []})
        assert len(item3["children"]) == len(weak), year
        drafted += bool(weak)
    assert drafted >= 3

    # The issued order: the PDF as an office writes it, the .docx with the PDF's numbered items.
    pdf = client.get(reverse("monitoring:order-pdf", args=[issued.pk]))
    docx = client.get(reverse("monitoring:order-docx", args=[issued.pk]))
    assert pdf.status_code == docx.status_code == 200
    reader = PdfReader(io.BytesIO(pdf.content))
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts <= {"Liberation-Serif", "Liberation-Serif-Bold"}
    pages = pages_of(pdf.content)
    assert "1" not in [line.strip() for line in pages[0].splitlines()]
    assert "→" not in "".join(pages)
    text = pdf_text(pdf.content)
    items = docx_items(docx.content)
    assert items == expected_items(issued) and len(items) >= 6
    for number, item in items:
        assert squashed(item) in text, number

    # The analytical note: the same headings in the .docx and the PDF.
    note_docx = client.get(reverse("monitoring:note-docx", args=[issued.snapshot_id]))
    note_pdf = client.get(reverse("monitoring:note-pdf", args=[issued.snapshot_id]))
    headings = [p.text for p in Document(io.BytesIO(note_docx.content)).paragraphs if p.style.name.startswith("Heading")]
    note_text = pdf_text(note_pdf.content)
    assert len(headings) >= 11  # ten directions and the effect of the measures
    assert all(squashed(heading) in note_text for heading in headings)

    # Next year's report assesses the issued order's measures, each with its effect.
    following = ReportSnapshot.objects.filter(
        municipality=demo, year__start_year=issued.year.start_year + 1
    ).latest("pk")
    page = client.get(reverse("monitoring:report-detail", args=[following.pk])).content.decode()
    assert "Оценка эффективности принятых мер" in page
    for measure in issued.recommendations.all():
        assert measure.text[:60] in page
    assert page.count("эффективн") >= issued.recommendations.count()
