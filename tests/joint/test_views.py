import json
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.joint.factories import make_cycle, make_report, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def nr7():
    cycle = make_cycle()
    make_report(cycle, "KE", answers={"pa_plan": "yes", "pa_share": "12.5"})
    make_report(cycle, "BR", answers={"pa_plan": "no", "pa_share": "30"})
    make_report(cycle, "CO", state="submitted", answers={"pa_plan": "yes"})  # received, not published
    make_report(cycle, "FR", state="draft", answers={"pa_plan": "yes"})  # nobody outside France sees it
    return cycle


def test_the_cycle_page_maps_who_reported_and_never_shows_drafts(client, nr7, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = client.get(reverse("joint:cycle", args=["CBD", "nr7"])).content.decode()
    assert 'role="img"' in page and '#ke" class="m-yes"' in page and '#co" class="m-partial"' in page
    assert "#fr" not in page and "France" not in page
    rows = json.loads(client.get(reverse("joint:cycle", args=["cbd", "nr7"]), {"format": "json"}).content)
    assert {r["country"]: r["status"] for r in rows} == {"BR": "published", "CO": "submitted", "KE": "published"}


def test_the_question_page_shows_every_published_answer_on_a_map_and_in_a_table(client, nr7,
                                                                                 django_assert_max_num_queries):
    q = question(nr7, "pa_plan")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("joint:question", args=[q.pk])).content.decode()
    assert "Kenya" in page and "Brazil" in page and "Colombia" not in page  # submitted is not published
    assert '<meter min="0" max="1" value="1">' in page
    assert '#ke" class="m-5"' in page and '#br" class="m-no"' in page
    fr = client.get(reverse("joint:question", args=[q.pk]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Oui" in fr and "Votre pays" in fr


def test_a_number_question_is_mapped_on_a_scale_and_exports_open(client, nr7):
    q = question(nr7, "pa_share")
    page = client.get(reverse("joint:question", args=[q.pk])).content.decode()
    assert '#br" class="m-5"' in page and '#ke" class="m-3"' in page
    book = load_workbook(BytesIO(client.get(reverse("joint:question", args=[q.pk]), {"format": "xlsx"}).content))
    sheet = book.active
    assert [c.value for c in sheet[1]][:3] == ["country", "country_name", "cycle"]
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"KE", "BR"}
    text = client.get(reverse("joint:question", args=[q.pk]), {"format": "csv"}).content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("country,country_name")


def test_one_country_across_cycles(client, nr7):
    nr8 = make_cycle(code="nr8", title="Eighth national report", previous=nr7, opens_on=nr7.opens_on.replace(year=2028))
    make_report(nr8, "KE", answers={"pa_plan": "no"})
    page = client.get(reverse("joint:question", args=[question(nr7, "pa_plan").pk]), {"country": "ke"}).content.decode()
    assert "Seventh national report" in page and "Eighth national report" in page


def test_a_country_page_gathers_its_reports_across_conventions(client, nr7):
    cites = make_cycle(convention="CITES", code="ir2023", title="Implementation report 2023")
    make_report(cites, "KE", state="acknowledged")
    page = client.get(reverse("joint:country", args=["ke"])).content.decode()
    assert "Seventh national report" in page and "Implementation report 2023" in page


def test_unknown_countries_and_cycles_are_clear_404s(client, nr7):
    assert client.get(reverse("joint:country", args=["zz"])).status_code == 404
    assert client.get(reverse("joint:cycle", args=["CBD", "nr99"])).status_code == 404
    assert client.get(reverse("joint:question", args=[question(nr7, "pa_plan").pk]), {"country": "ZZ"}).status_code == 404


def test_the_map_is_valid_svg(client, nr7):
    page = client.get(reverse("joint:cycle", args=["CBD", "nr7"])).content.decode()
    svg = page[page.index("<svg"):page.index("</svg>") + 6]
    ET.fromstring(svg.replace('href="', 'xmlns:h="x" href="', 0))


def test_two_countries_side_by_side_and_one_country_across_cycles(client, nr7):
    page = client.get(reverse("joint:compare"), {"cycle": nr7.pk, "a": "KE", "b": "BR"}).content.decode()
    assert "Kenya" in page and "Brazil" in page and "differs" in page
    rows = json.loads(client.get(reverse("joint:compare"), {"cycle": nr7.pk, "a": "KE", "b": "BR",
                                                            "format": "json"}).content)
    assert {r["key"]: (r["Kenya"], r["Brazil"]) for r in rows}["pa_plan"] == ("Yes", "No")
    nr8 = make_cycle(code="nr8", title="Eighth national report", previous=nr7, opens_on=nr7.opens_on.replace(year=2028))
    make_report(nr8, "KE", answers={"pa_plan": "no", "pa_share": "12.5"})
    rows = json.loads(client.get(reverse("joint:compare"), {"country": "KE", "cycle_a": nr7.pk, "cycle_b": nr8.pk,
                                                            "format": "json"}).content)
    changed = {r["key"]: r["changed"] for r in rows}
    assert changed == {"pa_plan": True, "pa_share": False}
    assert client.get(reverse("joint:compare"), {"cycle": "x", "a": "KE", "b": "BR"}).status_code == 404


def test_a_published_report_downloads_as_pdf_and_docx_and_a_draft_does_not(client, nr7):
    from docx import Document

    kenya = make_report(nr7, "KE", answers={"pa_plan": "yes"}, revision=2)
    docx = client.get(reverse("joint:document", args=[kenya.number, "docx"]))
    text = "\n".join(p.text for p in Document(BytesIO(docx.content)).paragraphs)
    assert "Has your country a protected-area plan?" in text and "Yes" in text
    pdf = client.get(reverse("joint:document", args=[kenya.number, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    draft = make_report(nr7, "FR", state="draft", revision=2)
    assert client.get(reverse("joint:document", args=[draft.number, "pdf"])).status_code == 404
