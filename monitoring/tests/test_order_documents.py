"""The order a head can sign (issue 20): item 3 for every weak direction, item 2 as prose, the draft form's
formsets, issuing with a confirmation, the PDF and .docx laid out as offices write them, the analytical note."""

import datetime
import io
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

import jobs.tasks  # noqa: F401  (registers the «jobs.run» task that file views and the report build start)
from monitoring.computation import DirectionResult
from monitoring.computation import IndicatorResult
from monitoring.computation import Rating
from monitoring.computation import Results
from monitoring.documents import note_docx
from monitoring.documents import note_pdf
from monitoring.documents import order_docx
from monitoring.exports import order_pdf
from monitoring.exports import report_workbook
from monitoring.models import Assignment
from monitoring.models import Direction
from monitoring.models import Order
from monitoring.models import OrderStatus
from monitoring.models import Recommendation
from monitoring.services import build_snapshot
from monitoring.services import draft_order
from monitoring.services import effects_text
from monitoring.services import issue_order
from monitoring.tests.factories import INNOVATION_CODE
from monitoring.tests.factories import register_innovation_indicator
from monitoring.tests.factories import set_target
from monitoring.tests.factories import two_years

SEED_3_2 = (
    "Выявить причины отсутствия положительной динамики и актуализировать организационно-методическое "
    "сопровождение по направлению «Инновационная деятельность»; обеспечить условия для активного участия "
    "педагогов и педагогических коллективов в инновационной деятельности и творческих проектах."
)


def indicator(code, direction, value, previous, *, unit="share", dynamics="positive", rating="satisfactory", **kw):
    values = {
        "code": code,
        "title": kw.pop("title", code),
        "direction": direction,
        "unit": unit,
        "better": kw.pop("better", "up"),
        "rule": "",
        "source": "",
        "is_key": True,
        "effect": kw.pop("effect", ""),
        "value": value,
        "previous": previous,
        "target": "0.5",
        "tolerance": "1",
        "dynamics": dynamics,
        "rating": rating,
    }
    return IndicatorResult(**values)


def direction(code, rating, indicators, *, has_positive=True):
    return DirectionResult(
        code=code,
        title=code,
        indicators=indicators,
        rating=rating,
        has_positive=has_positive,
        has_dynamics=True,
    )


def results(*directions) -> Results:
    return Results(year="2022/2023", previous_year="2021/2022", scope="Лесосибирск", directions=list(directions))


# --- what the draft says ---------------------------------------------------------------------------------------


def test_item_3_answers_every_unsatisfactory_or_stagnant_direction_in_the_passports_order():
    data = results(
        direction("training", Rating.SATISFACTORY, []),
        direction("innovation", Rating.SATISFACTORY, [], has_positive=False),
        direction("mentoring", Rating.UNSATISFACTORY, []),
        direction("expertise", Rating.UNSATISFACTORY, [], has_positive=False),
        direction("banks", Rating.UNRATED, []),
    )

    assert [d.code for d in data.weak] == ["innovation", "mentoring", "expertise"]


def test_item_2_is_prose_with_the_figures_inside_and_says_when_a_direction_still_fails():
    data = results(
        direction(
            "mentoring",
            Rating.SATISFACTORY,
            [
                indicator(
                    "m.share", "mentoring", "0.599", "0.466",
                    effect="рост доли молодых педагогов, закреплённых за наставником,",
                ),
                indicator("m.sites", "mentoring", "3", "0", unit="count", title="Инновационные площадки"),
                indicator("m.vacant", "mentoring", "0.04", "0.07", better="down", title="Доля вакансий"),
                indicator("m.flat", "mentoring", "0.5", "0.5", dynamics="none"),
            ],
        ),
        direction(
            "expertise",
            Rating.UNSATISFACTORY,
            [indicator("e.reviews", "expertise", "27", "23", unit="count", title="Экспертизы", rating="unsatisfactory")],
        ),
    )

    text = effects_text(data)

    assert text == (
        "Отметить такие положительные эффекты, как рост доли молодых педагогов, закреплённых за наставником, "
        "с 46,6\u00a0% до 59,9\u00a0%; впервые показатель «Инновационные площадки» достиг значения 3; "
        "снижение показателя «Доля вакансий» с 7,0\u00a0% до 4,0\u00a0%. "
        "Положительная динамика по направлениям, результаты которых признаны неудовлетворительными, пока "
        "недостаточна для достижения целевых значений: по направлению «expertise»: рост показателя «Экспертизы» "
        "с 23 до 27."
    )
    assert "→" not in text


def test_the_migration_gives_directions_the_seed_orders_measures(db):
    assert Direction.objects.get(code="innovation").recommendation == SEED_3_2
    assert Direction.objects.get(code="mentoring").recommendation.startswith(
        "Усовершенствовать систему наставничества молодых специалистов"
    )
    assert "модульно-накопительную модель" in Direction.objects.get(code="training").recommendation


@pytest.fixture
def pipeline(city, school, other_school, year, previous_year):
    """2020/2021 → 2021/2022: training unsatisfactory (category share falls), innovation flat (5 → 5 sites),
    mentoring improves (young staff 20,0 % → 42,9 %)."""
    register_innovation_indicator({2020: 5, 2021: 5})
    two_years(school, other_school)
    set_target("core.share_under_35", year, "0.3")
    set_target("core.share_first_or_highest_category", year, "0.6")
    set_target(INNOVATION_CODE, previous_year, 4)


@pytest.fixture
def draft(pipeline, city, year, head):
    return draft_order(snapshot=build_snapshot(municipality=city, year=year, by=head), by=head)


def test_the_draft_has_a_measure_for_each_weak_direction_with_its_text(draft):
    measures = list(draft.recommendations.select_related("direction"))

    assert [m.direction.code for m in measures] == ["training", "innovation"]
    assert measures[1].text == SEED_3_2
    assert "→" not in draft.effects and "с 20,0\u00a0% до 42,9\u00a0%" in draft.effects


# --- the draft form ----------------------------------------------------------------------------------------------


def order_post(order: Order, **extra) -> dict:
    data = {
        "title": order.title,
        "preamble": order.preamble,
        "evaluation": order.evaluation,
        "satisfactory": order.satisfactory,
        "effects": order.effects,
        "improvement": order.improvement,
        "control": order.control,
        "signatory_position": order.signatory_position,
        "asg-TOTAL_FORMS": "0",
        "asg-INITIAL_FORMS": "0",
        "asg-MIN_NUM_FORMS": "0",
        "asg-MAX_NUM_FORMS": "1000",
    }
    recs = list(order.recommendations.all())
    data.update({"rec-TOTAL_FORMS": str(len(recs)), "rec-INITIAL_FORMS": str(len(recs)),
                 "rec-MIN_NUM_FORMS": "0", "rec-MAX_NUM_FORMS": "1000"})
    for index, rec in enumerate(recs):
        data.update({
            f"rec-{index}-id": str(rec.pk), f"rec-{index}-order": str(order.pk), f"rec-{index}-text": rec.text,
            f"rec-{index}-position": str(rec.position), f"rec-{index}-direction": str(rec.direction_id or ""),
        })
    data.update(extra)
    return data


def test_add_a_row_works_without_javascript_and_saves_nothing(client, head, draft):
    client.force_login(head)
    url = reverse("monitoring:order-edit", args=[draft.pk])

    response = client.post(url, order_post(draft, add="rec"))

    assert response.status_code == 200
    assert response.context["recommendations"].total_form_count() == 3
    assert 'name="rec-2-text"' in response.content.decode()
    assert draft.recommendations.count() == 2


def test_a_row_added_without_javascript_is_numbered_after_the_others_and_saves_with_its_text(client, head, draft):
    client.force_login(head)
    url = reverse("monitoring:order-edit", args=[draft.pk])
    data = order_post(draft, add="asg")

    page = client.post(url, data)

    assert page.context["assignments"].forms[0]["position"].value() == "1"
    data.update({"asg-TOTAL_FORMS": "1", "asg-0-position": page.context["assignments"].forms[0]["position"].value(),
                 "asg-0-addressee": "Безруких Н.В., ведущему специалисту отдела образования",
                 "asg-0-text": "обеспечить участие педагогов в семинаре", "asg-0-term": "постоянно"})
    del data["add"]
    response = client.post(url, data)

    assert response.status_code == 302
    assert [(a.position, a.term) for a in draft.assignments.all()] == [(1, "постоянно")]


def test_one_save_removes_reorders_and_adds_items_with_a_user_or_an_addressee_and_a_term(
    client, head, methodist, draft
):
    client.force_login(head)
    training, innovation = draft.recommendations.order_by("position")
    data = order_post(
        draft,
        **{
            "rec-0-DELETE": "on",  # training's measure goes
            "rec-1-position": "5",
            "rec-TOTAL_FORMS": "3",
            "rec-2-position": "1",
            "rec-2-text": "МБУ «МИМЦ» при планировании деятельности предусмотреть освоение современных подходов.",
            "rec-2-responsible": str(methodist.pk),
            "rec-2-term": "в течение 2022–2023 учебного года",
            "asg-TOTAL_FORMS": "2",
            "asg-0-position": "1",
            "asg-0-addressee": "Гилязутдиновой А.М., директору МБУ «МИМЦ»",
            "asg-0-text": "обеспечить информирование сотрудников учреждения с рекомендациями",
            "asg-0-follower": str(head.pk),
            "asg-1-position": "2",
            "asg-1-responsible": str(methodist.pk),
            "asg-1-text": "Обновить локальную нормативную базу",
            "asg-1-deadline": "2022-12-01",
        },
    )

    response = client.post(reverse("monitoring:order-edit", args=[draft.pk]), data)

    assert response.status_code == 302, response.context and response.context["assignments"].errors
    items = draft.numbered_items()
    assert [child["text"] for child in items[2]["children"]] == [
        "МБУ «МИМЦ» при планировании деятельности предусмотреть освоение современных подходов. "
        "Срок: в течение 2022–2023 учебного года.",
        SEED_3_2,
    ]
    assert [item["text"] for item in items[3:5]] == [
        "Гилязутдиновой А.М., директору МБУ «МИМЦ», обеспечить информирование сотрудников учреждения с "
        "рекомендациями.",
        f"{methodist.username}, обновить локальную нормативную базу. Срок: 01.12.2022.",
    ]
    assert not Recommendation.objects.filter(pk=training.pk).exists()


def test_an_assignment_needs_someone_responsible_and_one_kind_of_term(client, head, draft):
    client.force_login(head)
    data = order_post(
        draft,
        **{
            "asg-TOTAL_FORMS": "2",
            "asg-0-text": "Сделать",
            "asg-0-position": "1",
            "asg-1-text": "Сделать другое",
            "asg-1-addressee": "Петровой А.А.",
            "asg-1-deadline": "2022-09-01",
            "asg-1-term": "постоянно",
            "asg-1-position": "2",
        },
    )

    response = client.post(reverse("monitoring:order-edit", args=[draft.pk]), data)

    assert response.status_code == 200
    errors = response.context["assignments"].errors
    assert errors[0]["addressee"] == [
        "Укажите ответственного: выберите пользователя портала или напишите адресата так, как в приказе."
    ]
    assert errors[1]["term"] == ["Укажите либо дату, либо срок словами, но не то и другое."]
    assert draft.assignments.count() == 0


# --- issuing ---------------------------------------------------------------------------------------------------


def issue_post(**extra):
    return {
        "number": "110а",
        "date": "2022-06-25",
        "signatory_position": "Начальник отдела образования",
        "signatory_name": "Егорова О.Ю.",
        **extra,
    }


def test_a_future_date_or_a_used_number_asks_for_confirmation(client, head, draft, city, year):
    client.force_login(head)
    other = draft_order(snapshot=draft.snapshot, by=head)
    other.issue(number="110А", date=datetime.date(2022, 3, 1), signatory_position="Н", signatory_name="Е", by=head)
    url = reverse("monitoring:order-issue", args=[draft.pk])
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()

    response = client.post(url, issue_post(date=future))
    assert response.status_code == 400
    assert any("ещё не наступила" in w for w in response.context["issue_form"].warnings)
    response = client.post(url, issue_post())
    assert response.status_code == 400
    assert response.context["issue_form"].warnings == [
        "Номер 110а уже использован в 2022 году: Приказ № 110А от 01.03.2022."
    ]
    assert "Всё равно издать" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == OrderStatus.DRAFT

    response = client.post(url, issue_post(confirm="1"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (OrderStatus.ISSUED, "110а")


def test_a_fresh_number_and_a_past_date_issue_at_once(client, head, draft):
    client.force_login(head)

    response = client.post(reverse("monitoring:order-issue", args=[draft.pk]), issue_post(number="111"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert str(draft) == "Приказ № 111 от 25.06.2022"


# --- the documents -------------------------------------------------------------------------------------------------


@pytest.fixture
def issued(draft, head, methodist, django_capture_on_commit_callbacks):
    for index in range(1, 9):  # enough items for a second page
        Assignment.objects.create(
            order=draft,
            position=index,
            responsible=methodist,
            addressee="Безруких Н.В., ведущему специалисту отдела образования",
            text="обновить локальную нормативную базу по выявлению кадровых потребностей образовательных "
            "учреждений и обеспечить информирование руководителей учреждений о её изменениях",
            term="постоянно" if index % 2 else "",
            deadline=None if index % 2 else datetime.date(2022, 12, 1),
        )
    with django_capture_on_commit_callbacks(execute=True):
        issue_order(
            order=draft, number="110а", date=datetime.date(2022, 6, 25),
            signatory_position="Начальник отдела образования\nадминистрации г. Лесосибирска",
            signatory_name="Егорова О.Ю.", by=head,
        )
    return draft


def docx_items(content: bytes) -> list[tuple[str, str]]:
    """Read the numbered paragraphs back as Word numbers them: [("3.1.", text), …]."""
    counters = [0, 0]
    items = []
    for paragraph in Document(io.BytesIO(content)).paragraphs:
        numpr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numpr is None:
            continue
        level = int(numpr.find(qn("w:ilvl")).get(qn("w:val")))
        counters[level] += 1
        if level == 0:
            counters[1] = 0
        number = f"{counters[0]}." if level == 0 else f"{counters[0]}.{counters[1]}."
        items.append((number, paragraph.text))
    return items


def expected_items(order: Order) -> list[tuple[str, str]]:
    rows = []
    for item in order.numbered_items():
        rows.append((f"{item['number']}.", item["text"]))
        rows.extend((f"{child['number']}.", child["text"]) for child in item.get("children", []))
    return rows


def test_the_docx_holds_the_same_numbered_items_with_a_heading_and_the_letterhead(issued):
    content = order_docx(issued)
    document = Document(io.BytesIO(content))

    assert docx_items(content) == expected_items(issued)
    assert [p.text for p in document.paragraphs[:3]] == [
        "АДМИНИСТРАЦИЯ ГОРОДА ЛЕСОСИБИРСКА", "ОТДЕЛ ОБРАЗОВАНИЯ", ""
    ]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["О результатах мониторинга муниципальной методической службы"]
    assert document.tables[0].rows[0].cells[0].text == "«25» июня 2022 г."
    assert document.tables[0].rows[0].cells[1].text == "№ 110а"
    assert document.styles["Normal"].font.name == "Times New Roman"
    for name in ("Title", "Heading 1", "Heading 2"):  # no theme font (Calibri Light) over the named one
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:ascii")) == "Times New Roman" and fonts.get(qn("w:asciiTheme")) is None, name
    assert document.styles["Normal"].font.size.pt == 14
    assert document.sections[0].different_first_page_header_footer
    assert "→" not in "".join(p.text for p in document.paragraphs)


def test_the_pdf_is_liberation_serif_numbered_from_page_2_and_has_no_arrows(issued):
    reader = PdfReader(io.BytesIO(order_pdf(issued)))
    pages = [page.extract_text() for page in reader.pages]
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }

    assert len(pages) >= 2
    assert fonts <= {"Liberation-Serif", "Liberation-Serif-Bold"}
    assert pages[0].lstrip().startswith("АДМИНИСТРАЦИЯ ГОРОДА ЛЕСОСИБИРСКА")
    # The page number is a line of its own: none on page 1, «2» on page 2.
    assert "1" not in [line.strip() for line in pages[0].splitlines()]
    assert "2" in [line.strip() for line in pages[1].splitlines()]
    text = re.sub(r"\s+", " ", re.sub(r"\u2010\s+", "", " ".join(pages)))  # words hyphenated at a line end
    assert "→" not in text
    assert "г. Лесосибирск" in text and "ОТДЕЛ ОБРАЗОВАНИЯ" in text
    assert "Срок: постоянно." in text and "Срок: 01.12.2022." in text


def test_order_and_note_docx_download_for_the_head_only(client, head, outsider, issued, settings):
    settings.JOBS_BACKGROUND_FILES = False  # the file itself, not a job page
    client.force_login(head)

    order_file = client.get(reverse("monitoring:order-docx", args=[issued.pk]))
    note_file = client.get(reverse("monitoring:note-docx", args=[issued.snapshot_id]))

    assert order_file["Content-Disposition"] == f'attachment; filename="order-2021-2022-{issued.pk}.docx"'
    assert docx_items(order_file.content) == expected_items(issued)
    assert note_file["Content-Disposition"] == 'attachment; filename="note-2021-2022.docx"'
    client.force_login(outsider)
    assert client.get(reverse("monitoring:order-docx", args=[issued.pk])).status_code in (403, 404)


def test_the_note_has_a_section_and_a_table_per_direction(issued):
    document = Document(io.BytesIO(note_docx(issued.snapshot)))

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert document.paragraphs[0].text == "Аналитическая справка по итогам мониторинга муниципальной методической службы"
    assert headings[0].startswith("1. ") and headings[-1] == "Оценка эффективности принятых мер"
    assert len(document.tables) == len([h for h in headings if re.match(r"\d+\. ", h)])
    assert [cell.text for cell in document.tables[0].rows[0].cells] == [
        "Показатель", "2020/2021", "2021/2022", "Динамика", "Цель", "Оценка"
    ]


def squashed(text: str) -> str:
    """The text without spaces and hyphens: a line broken (and hyphenated) anywhere reads the same."""
    return re.sub(r"[\s\u00ad\u2010-]", "", text)


def pdf_text(content) -> str:
    """The squashed text of a PDF (bytes or a path) without the page numbers, which stand in its lines."""
    reader = PdfReader(content if not isinstance(content, bytes) else io.BytesIO(content))
    return squashed(" ".join(
        line
        for number, page in enumerate(reader.pages, start=1)
        for line in page.extract_text().splitlines()
        if line.strip() != str(number)
    ))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed (make office)")
def test_libreoffice_converts_the_order_and_the_note_with_the_same_items_as_our_pdfs(issued, tmp_path):
    (tmp_path / "order.docx").write_bytes(order_docx(issued))
    (tmp_path / "note.docx").write_bytes(note_docx(issued.snapshot))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(tmp_path / "order.docx"), str(tmp_path / "note.docx")],
        check=True, timeout=180, capture_output=True,
    )
    office, ours = pdf_text(tmp_path / "order.pdf"), pdf_text(order_pdf(issued))

    pages = [page.extract_text().splitlines() for page in PdfReader(tmp_path / "order.pdf").pages]
    assert len(pages) >= 2  # Word's page numbers: none on page 1, «2» on page 2
    assert "1" not in [line.strip() for line in pages[0]] and "2" in [line.strip() for line in pages[1]]
    items = expected_items(issued)
    assert len(items) >= 10
    for number, item in items:  # every item whole, with Word's number in the office's PDF
        assert squashed(f"{number} {item}") in office, number
        assert squashed(item) in ours, number
    assert "→" not in office
    for pdf in ("order.pdf", "note.pdf"):  # Times New Roman is set in its metric twin, headings too
        fonts = {
            str(font.get_object()["/BaseFont"]).split("+")[-1]
            for page in PdfReader(tmp_path / pdf).pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert fonts and all(name.startswith("LiberationSerif") for name in fonts), (pdf, fonts)

    note = Document(io.BytesIO(note_docx(issued.snapshot)))
    headings = [p.text for p in note.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    office_note, our_note = pdf_text(tmp_path / "note.pdf"), pdf_text(note_pdf(issued.snapshot))
    assert len(headings) >= 4
    for heading in headings:
        assert squashed(heading) in office_note, heading
        assert squashed(heading) in our_note, heading
    first_table = [cell.text for row in note.tables[0].rows for cell in row.cells]
    assert all(squashed(text) in office_note for text in first_table)


def test_the_workbook_names_its_sheets_in_russian(issued):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(report_workbook(issued.snapshot)))

    assert "training" not in workbook.sheetnames
    assert "Повышение квалификации" in workbook.sheetnames


def test_the_head_ranks_institutions_on_a_direction_with_the_rule(client, head, pipeline, year, school_user):
    client.force_login(head)

    response = client.get(reverse("monitoring:ranking", args=["mentoring"]), {"year": year.title})

    places = response.context["places"]
    # School A: 6 young of 10 (60 %, was 0) meets the 30 % target; school B: none of 4 (was 2 of 6).
    assert [(p.rank, p.institution.short_name) for p in places] == [(1, "СШ № 1"), (2, "СШ № 2")]
    assert places[0].met == 1 and places[0].improved >= 1 and places[1].met == 0
    assert "Учреждения ранжируются по числу ключевых показателей" in response.content.decode()
    assert places[0].rule.startswith("целей достигнуто: 1 из ")
    client.force_login(school_user)
    assert client.get(reverse("monitoring:ranking", args=["mentoring"])).status_code == 403


def test_an_institutions_panel_keeps_only_what_one_institution_can_show():
    data = results(
        direction(
            "associations",
            Rating.SATISFACTORY,
            [
                indicator("a.gmo", "associations", "0", "0", unit="count"),
                indicator("a.share", "associations", "0", "0.1"),
                indicator("a.none", "associations", None, None),
                indicator("a.products", "associations", "2", "0", unit="count"),
            ],
        )
    )

    data.keep_meaningful_for_institution()

    assert [item.code for item in data.directions[0].indicators] == ["a.share", "a.products"]


def test_a_red_card_names_the_target_it_missed(client, head, pipeline, year):
    from django.utils.translation import override

    from monitoring.registry import registry as items

    client.force_login(head)
    with override("ru"):
        title = str(items.get("core.share_first_or_highest_category").title)

    body = client.get(reverse("monitoring:dashboard"), {"year": year.title}).content.decode()

    assert f"Не достигнута цель: «{title}» 57,1 % при цели 60,0 %" in body
