import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from monitoring.models import IndicatorPassport
from monitoring.models import Order
from monitoring.models import OrderStatus
from monitoring.models import ReportSnapshot
from monitoring.models import Target
from monitoring.services import build_snapshot
from monitoring.services import draft_order
from monitoring.tests.factories import issue
from monitoring.tests.factories import set_target
from monitoring.tests.factories import two_years

DASHBOARD = "/monitoring/"


@pytest.fixture
def data(school, other_school, year):
    two_years(school, other_school)
    set_target("core.share_under_35", year, "0.3")
    set_target("core.share_first_or_highest_category", year, "0.6")


def test_head_dashboard_shows_tiles_values_and_rules(client, head, data):
    client.force_login(head)

    response = client.get(DASHBOARD, {"year": "2021/2022"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "42,9 %" in body and "20,0 %" in body
    assert "Цель ≥ 30,0 %; значение 42,9 %: достигнуто." in body
    assert 'id="monitoring-chart-data"' in body
    assert 'data-chart="core.share_under_35"' in body
    chart = response.context["chart_data"]
    assert chart["years"] == ["2017/2018", "2018/2019", "2019/2020", "2020/2021", "2021/2022"]
    young = next(c for c in chart["charts"] if c["code"] == "core.share_under_35")
    assert young["values"][-2:] == [0.2, 0.4286]


def test_school_user_sees_only_its_own_institution(client, school_user, school, other_school, data):
    client.force_login(school_user)

    response = client.get(DASHBOARD, {"year": "2021/2022"})
    assert response.status_code == 200
    assert response.context["institution"] == school
    assert response.context["results"].indicator("core.share_under_35").value == "0.6000"
    assert client.get(DASHBOARD, {"institution": other_school.pk}).status_code == 404


def test_school_user_cannot_open_the_breakdown_or_reports(client, school_user, data):
    client.force_login(school_user)

    assert client.get(reverse("monitoring:indicator", args=["core.share_under_35"])).status_code == 403
    assert client.get(reverse("monitoring:reports")).status_code == 403
    assert client.get(reverse("monitoring:orders")).status_code == 403


def test_teacher_has_no_dashboard(client, teacher):
    client.force_login(teacher)
    assert client.get(DASHBOARD).status_code == 403


def test_breakdown_sorts_institutions_by_contribution(client, methodist, school, other_school, data):
    client.force_login(methodist)

    response = client.get(
        reverse("monitoring:indicator", args=["core.share_under_35"]), {"year": "2021/2022"}
    )

    rows = response.context["rows"]
    # The municipal share rose; school A (0 → 60 %) drove it, school B (33,3 % → 0) pulled against it.
    assert [row["institution"] for row in rows] == [school, other_school]
    assert [row["change_display"] for row in rows] == ["+60,0 п.п.", "-33,3 п.п."]
    assert 'id="breakdown"' in response.content.decode()


def test_breakdown_exports_its_rows(client, head, data):
    client.force_login(head)

    response = client.get(
        reverse("monitoring:indicator", args=["core.share_under_35"]), {"year": "2021/2022", "format": "xlsx"}
    )

    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[2]] == ["СШ № 1", "0,0 %", "60,0 %", "+60,0 п.п."]


def test_head_sets_targets_in_percent(client, head, year):
    client.force_login(head)
    IndicatorPassport.objects.sync()
    passport = IndicatorPassport.objects.get(code="core.share_under_35")

    response = client.post(
        reverse("monitoring:targets") + "?year=2021/2022",
        {f"t{passport.pk}-target": "35", f"t{passport.pk}-tolerance": "2"},
    )

    assert response.status_code == 302
    target = Target.objects.get(passport=passport, year=year)
    assert (str(target.value), str(target.tolerance)) == ("0.3500", "2.00")


def test_a_share_target_above_100_percent_is_refused_and_kept(client, head, year):
    client.force_login(head)
    IndicatorPassport.objects.sync()
    passport = IndicatorPassport.objects.get(code="core.share_under_35")

    response = client.post(
        reverse("monitoring:targets") + "?year=2021/2022", {f"t{passport.pk}-target": "135"}
    )

    assert response.status_code == 200
    assert "Доля задаётся от 0 до 100 процентов." in response.content.decode()
    assert 'value="135"' in response.content.decode()
    assert not Target.objects.exists()


def test_methodist_cannot_edit_targets(client, methodist):
    client.force_login(methodist)
    assert client.get(reverse("monitoring:targets")).status_code == 403


def test_head_builds_the_report_and_downloads_workbook_and_pdf(client, head, data):
    client.force_login(head)

    response = client.post(reverse("monitoring:reports") + "?year=2021/2022")
    snapshot = ReportSnapshot.objects.get()
    assert response.url == snapshot.get_absolute_url()
    assert "Цель ≥ 30,0 %; значение 42,9 %: достигнуто." in client.get(response.url).content.decode()

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("monitoring:report-xlsx", args=[snapshot.pk])).content)
    )
    assert workbook.sheetnames == ["Сводка по направлениям", "Повышение квалификации", "Наставничество молодых"]
    sheet = workbook["Наставничество молодых"]
    assert sheet["A5"].value == sheet["A5"].value and sheet["E5"].value == pytest.approx(0.4286)
    assert sheet["E5"].number_format == "0.0%"
    assert sheet.freeze_panes == "B5"
    pdf = client.get(reverse("monitoring:report-pdf", args=[snapshot.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_methodist_cannot_build_the_report(client, methodist, data):
    client.force_login(methodist)
    assert client.post(reverse("monitoring:reports") + "?year=2021/2022").status_code == 403
    assert not ReportSnapshot.objects.exists()


def test_other_municipality_does_not_see_the_report(client, head, other_city, data, year):
    from conftest import make_user
    from core.scoping import Role

    snapshot = build_snapshot(municipality=head.roles.get().municipality, year=year)
    stranger = make_user("stranger", Role.HEAD, municipality=other_city)
    client.force_login(stranger)

    assert client.get(snapshot.get_absolute_url()).status_code == 404
    assert client.get(reverse("monitoring:report-xlsx", args=[snapshot.pk])).status_code == 404


def test_order_is_drafted_edited_and_issued_by_the_head(client, head, methodist, city, data, year):
    client.force_login(head)
    snapshot = build_snapshot(municipality=city, year=year)

    response = client.post(reverse("monitoring:order-create", args=[snapshot.pk]))
    order = Order.objects.get()
    assert response.url == reverse("monitoring:order-edit", args=[order.pk])
    form = client.get(response.url).context
    data_post = {
        "title": order.title,
        "preamble": order.preamble,
        "satisfactory": order.satisfactory,
        "effects": order.effects,
        "improvement": order.improvement,
        "control": order.control,
        "signatory_position": "Начальник отдела образования",
        "rec-TOTAL_FORMS": "2",
        "rec-INITIAL_FORMS": "1",
        "rec-MIN_NUM_FORMS": "0",
        "rec-MAX_NUM_FORMS": "1000",
        "rec-0-id": str(order.recommendations.get().pk),
        "rec-0-order": str(order.pk),
        "rec-0-text": "Выявить причины.",
        "rec-0-position": "1",
        "rec-1-text": "",
        "rec-1-position": "0",
        "asg-TOTAL_FORMS": "1",
        "asg-INITIAL_FORMS": "0",
        "asg-MIN_NUM_FORMS": "0",
        "asg-MAX_NUM_FORMS": "1000",
        "asg-0-responsible": str(methodist.pk),
        "asg-0-addressee": "Петровой А.А., методисту",
        "asg-0-text": "обновить план",
        "asg-0-deadline": "2022-09-01",
        "asg-0-position": "1",
    }
    assert form["form"] is not None
    response = client.post(reverse("monitoring:order-edit", args=[order.pk]), data_post)
    assert response.status_code == 302, response.context and response.context["assignments"].errors
    assert order.assignments.get().responsible == methodist
    assert order.recommendations.get().text == "Выявить причины."

    response = client.post(
        reverse("monitoring:order-issue", args=[order.pk]),
        {
            "number": "110а",
            "date": "2022-06-25",
            "signatory_position": "Начальник",
            "signatory_name": "Егорова О.Ю.",
        },
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.ISSUED and order.number == "110а"
    assert str(order) == "Приказ № 110а от 25.06.2022"
    pdf = client.get(reverse("monitoring:order-pdf", args=[order.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == f'attachment; filename="order-2021-2022-{order.pk}.pdf"'


def test_issued_order_cannot_be_edited(client, head, city, data, year):
    client.force_login(head)
    order = draft_order(snapshot=build_snapshot(municipality=city, year=year))
    issue(order, head, number="1")

    response = client.post(reverse("monitoring:order-edit", args=[order.pk]), {"title": "Другое"})

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.title != "Другое"
    assert client.post(reverse("monitoring:order-issue", args=[order.pk]), {"number": "2"}).status_code == 302
    order.refresh_from_db()
    assert order.number == "1"


def test_issue_needs_number_date_and_signatory(client, head, city, data, year):
    client.force_login(head)
    order = draft_order(snapshot=build_snapshot(municipality=city, year=year))

    response = client.post(reverse("monitoring:order-issue", args=[order.pk]), {"number": "", "date": ""})

    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == OrderStatus.DRAFT


def test_methodist_cannot_issue_orders(client, methodist, city, data, year):
    client.force_login(methodist)
    order = draft_order(snapshot=build_snapshot(municipality=city, year=year))

    response = client.post(
        reverse("monitoring:order-issue", args=[order.pk]),
        {"number": "1", "date": "2022-06-01", "signatory_position": "Начальник", "signatory_name": "Е"},
    )

    assert response.status_code == 403
    assert client.get(reverse("monitoring:order-detail", args=[order.pk])).status_code == 200


def test_order_list_exports_filtered_rows(client, head, city, data, year):
    client.force_login(head)
    issued = draft_order(snapshot=build_snapshot(municipality=city, year=year))
    issue(issued, head, number="7", signatory_position="Н", signatory_name="Е")
    draft_order(snapshot=issued.snapshot)

    response = client.get(reverse("monitoring:order-export"), {"status": "issued"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["7"]
    old = client.get(reverse("monitoring:orders"), {"status": "issued", "format": "xlsx"})  # the old address
    assert old["Location"] == reverse("monitoring:order-export") + "?status=issued"


def test_orders_are_found_by_number_or_title_and_by_year(client, head, city, data, year, previous_year):
    client.force_login(head)
    issued = draft_order(snapshot=build_snapshot(municipality=city, year=year))
    issue(issued, head, number="110а", signatory_position="Н", signatory_name="Е")
    draft = draft_order(snapshot=build_snapshot(municipality=city, year=previous_year))

    def numbers(**query):
        return [order.pk for order in client.get(reverse("monitoring:orders"), query).context["page"]]

    assert numbers(q="110А") == [issued.pk]
    assert numbers(year=previous_year.pk) == [draft.pk]
    assert sorted(numbers()) == sorted([issued.pk, draft.pk])


def test_head_edits_a_direction_and_a_passports_key_flag(client, head):
    from monitoring.models import Direction

    client.force_login(head)
    IndicatorPassport.objects.sync()
    direction = Direction.objects.get(code="innovation")
    passport = IndicatorPassport.objects.get(code="core.share_under_35")

    client.post(
        reverse("monitoring:direction-edit", args=[direction.pk]),
        {"title": "Инновации", "order": "5", "recommendation": "Активизировать работу площадок."},
    )
    client.post(
        reverse("monitoring:passport-edit", args=[passport.pk]),
        {"is_key": "on", "effect": "рост доли молодых"},
    )

    direction.refresh_from_db()
    passport.refresh_from_db()
    assert (direction.title, direction.order, direction.recommendation_text()) == (
        "Инновации",
        5,
        "Активизировать работу площадок.",
    )
    assert passport.is_key and passport.effect == "рост доли молодых"
    assert passport.history.get().history_user == head  # the audit trail starts with the first edit


def test_school_user_cannot_edit_directions(client, school_user):
    from monitoring.models import Direction

    client.force_login(school_user)
    direction = Direction.objects.get(code="innovation")

    assert (
        client.post(reverse("monitoring:direction-edit", args=[direction.pk]), {"title": "X"}).status_code
        == 403
    )
    direction.refresh_from_db()
    assert direction.title == "Инновационная деятельность"


def test_breakdown_numbers_link_to_the_staff_of_the_institution(client, head, school, data):
    client.force_login(head)

    rows = client.get(
        reverse("monitoring:indicator", args=["core.share_under_35"]), {"year": "2021/2022"}
    ).context["rows"]

    assert rows[0]["value_url"] == f"{reverse('core:pedagogue-list')}?institution={school.pk}"


def test_an_indicator_may_name_its_own_records_page(client, head, school, data, monkeypatch):
    from dataclasses import replace

    from monitoring.registry import registry

    item = registry.get("core.share_under_35")
    monkeypatch.setitem(
        registry._items,
        item.code,
        replace(item, records_url=lambda institution, year: f"/x/{institution.pk}/{year.start_year}/"),
    )
    client.force_login(head)

    rows = client.get(
        reverse("monitoring:indicator", args=["core.share_under_35"]), {"year": "2021/2022"}
    ).context["rows"]

    assert rows[0]["value_url"] == f"/x/{school.pk}/2021/"
    assert rows[0]["previous_url"] == f"/x/{school.pk}/2020/"


def test_head_opens_one_institutions_dashboard_but_not_another_citys(client, head, school, other_city, data):
    from core.tests.factories import InstitutionFactory

    foreign = InstitutionFactory(municipality=other_city)
    client.force_login(head)

    response = client.get(DASHBOARD, {"institution": school.pk, "year": "2021/2022"})
    assert response.context["results"].indicator("core.share_under_35").value == "0.6000"
    assert client.get(DASHBOARD, {"institution": foreign.pk}).status_code == 404


def _dashboard_queries(client) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD, {"year": "2021/2022"}).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_data(client, head, school, other_school, data):
    import datetime

    from monitoring.stored import records_changed
    from monitoring.tests.factories import employ

    client.force_login(head)
    _dashboard_queries(client)  # stores the values (no worker in tests: computed in the request)
    small = _dashboard_queries(client)
    for institution in (school, other_school):
        employ(institution, count=25, born=datetime.date(1990, 1, 1), hired=datetime.date(2016, 9, 1))
    records_changed()
    _dashboard_queries(client)  # recomputed

    assert _dashboard_queries(client) == small


def test_dashboard_body_is_cached_until_the_data_changes(
    client, head, school, data, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from monitoring.tests.factories import employ

    client.force_login(head)
    first = client.get(DASHBOARD, {"year": "2021/2022"}).content.decode()
    connection.run_on_commit.clear()  # the data's own marks, as if committed before
    with CaptureQueriesContext(connection) as queries:
        second = client.get(DASHBOARD, {"year": "2021/2022"}).content.decode()

    assert "42,9 %" in first and second.count("42,9 %") == first.count("42,9 %")
    # session, user, roles, years, stored values and marks, institutions: no indicator is computed again
    assert len(queries) <= 14
    with django_capture_on_commit_callbacks(execute=True):
        employ(school, count=4, born=datetime.date(1995, 1, 1), hired=datetime.date(2020, 9, 1))
    third = client.get(DASHBOARD, {"year": "2021/2022"}).content.decode()
    assert "55,6 %" not in first and "55,6 %" in third  # four young teachers changed the share; the page shows it


def test_dashboard_body_outlives_an_emptied_cache_until_a_target_or_the_code_changes(client, head, year, data, monkeypatch):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from monitoring import rendered
    from monitoring.tests.factories import set_target

    client.force_login(head)
    first = client.get(DASHBOARD, {"year": "2021/2022"}).context["body"]
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        kept = client.get(DASHBOARD, {"year": "2021/2022"})

    assert "results" not in kept.context and kept.context["body"] == first and "42,9 %" in first
    assert not [q for q in queries if q["sql"].startswith('SELECT "monitoring_target"')]  # the ratings not read
    assert len([q for q in queries if "monitoring_rendereddashboard" in q["sql"]]) == 1  # the row and its version
    set_target("core.share_under_35", year, "0.5")
    cache.clear()
    changed = client.get(DASHBOARD, {"year": "2021/2022"})
    assert "results" in changed.context and "Цель ≥ 50,0 %; значение 42,9 %: не достигнуто." in changed.content.decode()

    cache.clear()  # a new deploy: the same data rendered by other code
    monkeypatch.setattr(rendered, "code_version", lambda: "another release")
    assert "results" in client.get(DASHBOARD, {"year": "2021/2022"}).context


def test_the_nightly_refresh_drops_the_kept_renderings(client, head, data):
    from monitoring.tasks import refresh_values
    from monitoring.value_models import RenderedDashboard

    client.force_login(head)
    client.get(DASHBOARD, {"year": "2021/2022"})
    assert RenderedDashboard.objects.count() == 1

    refresh_values()

    assert not RenderedDashboard.objects.exists()


def test_admin_picks_the_municipality_of_the_dashboard(client, admin_user, city, other_city, data):
    client.force_login(admin_user)

    response = client.get(DASHBOARD, {"municipality": other_city.pk, "year": "2021/2022"})

    assert response.context["municipality"] == other_city
    assert response.context["results"].indicator("core.share_under_35").value is None
    assert client.get(DASHBOARD, {"year": "2021/2022"}).context["municipality"] in (city, other_city)
