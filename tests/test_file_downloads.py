"""Uploaded files are served by scoped views (no public /media/): the record's viewers get the file as an
attachment, anyone else a 404, an anonymous visitor the login page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from associations.tests.factories import AssociationFactory
from associations.tests.factories import CompetitionFactory
from associations.tests.factories import MeetingFactory
from associations.tests.factories import ProductFactory
from associations.tests.factories import enter
from mentoring.tests.factories import PedagogueFactory
from mentoring.tests.factories import ProgrammeFactory
from staffing.tests.factories import DocumentFactory

CONTENT = b"%PDF-1.4 protocol of the meeting"


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, CONTENT, content_type="application/pdf")


@pytest.fixture
def files(city, school):
    association = AssociationFactory(municipality=city)
    entry = enter(CompetitionFactory(municipality=city), PedagogueFactory(institution=school))
    entry.document = upload("diploma.pdf")
    entry.save()
    return {
        "minutes": f"/associations/meetings/{MeetingFactory(association=association, minutes=upload('minutes.pdf')).pk}/minutes/",
        "product": f"/associations/products/{ProductFactory(association=association, file=upload('guide.pdf')).pk}/file/",
        "entry": f"/associations/entries/{entry.pk}/document/",
        "regulation": f"/mentoring/programmes/{ProgrammeFactory(institution=school, regulation=upload('reg.pdf')).pk}/regulation/",
        "document": f"/staffing/documents/{DocumentFactory(municipality=city, file=upload('order.pdf')).pk}/file/",
    }


@pytest.mark.parametrize("kind", ["minutes", "product", "entry", "regulation", "document"])
def test_the_methodist_downloads_the_file_and_another_city_gets_404(client, methodist, other_city, files, kind):
    from conftest import make_user
    from core.scoping import Role

    foreign = make_user("foreign-methodist", Role.METHODIST, municipality=other_city)
    client.force_login(methodist)
    response = client.get(files[kind])

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"].startswith("attachment;")

    client.force_login(foreign)
    assert client.get(files[kind]).status_code == 404

    client.logout()
    assert client.get(files[kind])["Location"].startswith("/accounts/login/")


def test_the_pages_link_to_the_scoped_views_not_to_media(client, methodist, files):
    client.force_login(methodist)

    product_list = client.get("/associations/products/").content.decode()
    assert files["product"] in product_list and "/media/" not in product_list
    documents = client.get("/staffing/documents/").content.decode()
    assert files["document"] in documents and "/media/" not in documents


def test_a_record_without_a_file_answers_404(client, methodist, city):
    client.force_login(methodist)
    meeting = MeetingFactory(association=AssociationFactory(municipality=city))

    assert client.get(f"/associations/meetings/{meeting.pk}/minutes/").status_code == 404
