import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clearinghouse.matchmaking import services
from clearinghouse.matchmaking.imports import workshop_wall_import
from clearinghouse.matchmaking.models import Need, Offer
from tests.factories import UserFactory, focal_point

pytestmark = pytest.mark.django_db


def join(ws, *countries):
    """Participants from these countries join the workshop (their sheets are what the facilitator imports)."""
    people = []
    for cc in countries:
        person = UserFactory(country_id=cc)
        services.workshop_join(actor=person, code=ws.join_code)
        people.append(person)
    return people


@pytest.fixture
def ws():
    ws = services.workshop_open(actor=focal_point("KE"), data={"title": "Wall", "starts_on": timezone.localdate()})
    join(ws, "MA", "CO", "CN")
    return ws


def _csv(*rows: str, header: str = "kind,name,country,title,description,language") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet()
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_csv_in_cp1252_with_bad_rows(ws):
    text = ("kind;name;country;title;description;language;targets;support\r\n"
            "need;Aïcha;MA;Suivi des oiseaux d'eau;Formation aux comptages — zones humides;fr;3;formation\r\n"
            "offer;José;CO;Capacitación en humedales;Curso sobre aves acuáticas;es;3,21;capacitación\r\n"
            "sheet?;Bob;KE;Something;Text;en;;\r\n"
            "need;Zoë;ZZ;Unknown country;Text;en;;\r\n"
            "offer;Ann;KE;;No title here;en;;\r\n")
    report = workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="wall.csv",
                                  content=text.encode("cp1252"))
    assert report.encoding.lower().replace("-", "").replace("_", "") in ("cp1252", "windows1252")
    assert [row for row, _msg in report.errors] == [4, 5, 6]
    # nothing half-imported: the good lines wait until the file is corrected
    assert report.created == [] and not Need.objects.exists() and not Offer.objects.exists()
    fixed = "\r\n".join(text.split("\r\n")[:3]) + "\r\n"
    report = workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="wall.csv",
                                  content=fixed.encode("cp1252"))
    assert not report.errors and len(report.created) == 2
    need = Need.objects.get()
    assert need.sheet_author == "Aïcha" and "—" in need.description
    assert Offer.objects.get().targets.count() == 2


def test_xlsx(ws):
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.append(["Kind", "Name", "Country", "Title", "Description", "Language"])
    sheet.append(["yellow", "Wanjiru", "KE", "Ecosystem valuation", "Methods to value mangroves", "en"])
    sheet.append(["red", "Li", "CN", "湿地保护技术培训", "我们提供湿地保护培训", "zh"])
    buf = io.BytesIO()
    wb.save(buf)
    report = workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="wall.xlsx", content=buf.getvalue())
    assert not report.errors and len(report.created) == 2
    assert Offer.objects.get().language == "zh"


def test_empty_and_broken_files(ws):
    with pytest.raises(ValidationError):
        workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="x.csv", content=b"")
    with pytest.raises(ValidationError):
        workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="x.xlsx", content=b"PK\x03\x04broken")
    with pytest.raises(ValidationError) as e:
        workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="x.csv", content=b"a,b\n1,2\n")
    assert "kind" in str(e.value)


def test_a_field_over_the_csv_modules_limit_is_a_line_error(ws):
    """csv refuses fields over 131,072 characters with csv.Error: that was a 500."""
    long = "x" * 140_000
    content = _csv("need,A,MA,Wetland birds,Count them,en", f"need,B,MA,Mangroves,{long},en",
                   f"offer,C,CO,{'t' * 412},Courses,en")
    report = workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="wall.csv", content=content)
    assert report.created == [] and not Need.objects.exists()
    assert report.errors[0][0] == 3 and "description is longer than 20,000 characters" in report.errors[0][1]
    assert report.errors[1] == (4, "the title is longer than 300 characters (412)")


def test_the_import_page_lists_each_wrong_line_and_imports_nothing(client, ws):
    client.force_login(ws.facilitator)
    upload = io.BytesIO(_csv("need,A,MA,Wetland birds,Count them,en", f"offer,C,CO,{'t' * 412},Courses,en"))
    upload.name = "wall.csv"
    r = client.post(f"/marketplace/workshops/{ws.pk}/import/", {"file": upload})
    assert r.status_code == 200
    assert "Nothing was imported" in r.text and "line 3: the title is longer than 300 characters" in r.text
    assert not Need.objects.exists()


def test_nul_and_control_characters_never_reach_the_database(ws):
    content = _csv("need,A\x00li,MA,Wet\x00lands\x07 birds,Count\x00 them\x1b[31m,en",
                   "offer,B,CO,\u200b\u200b \u2060,Courses,en")
    report = workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="wall.csv", content=content)
    assert [n for n, _msg in report.errors] == [3]
    assert "title" in report.errors[0][1]
    content = _csv("need,A\x00li,MA,Wet\x00lands\x07 birds,Count\x00 them\x1b[31m,en")
    report = workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="wall.csv", content=content)
    need = Need.objects.get()
    assert need.title == "Wetlands birds" and need.description == "Count them[31m" and need.sheet_author == "Ali"


def test_a_huge_xlsx_stops_at_the_row_limit_without_being_read_whole(ws, monkeypatch):
    from clearinghouse.matchmaking import imports

    monkeypatch.setattr(imports, "MAX_ROWS", 50)
    read = []
    original = imports._rows_xlsx

    def counting(content):
        for row in original(content):
            read.append(row)
            yield row

    monkeypatch.setattr(imports, "_rows_xlsx", counting)
    rows = [["kind", "title"]] + [["need", f"Sheet {i}"] for i in range(5_000)]
    with pytest.raises(ValidationError) as e:
        workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="wall.xlsx", content=_xlsx(rows))
    assert "At most 50 rows" in str(e.value)
    assert len(read) <= 52  # the header, the rows allowed, and the one that passes the limit
    assert not Need.objects.exists()


def test_a_facilitator_imports_only_for_the_countries_in_the_room(ws):
    """Participants come from MA, CO and CN; the facilitator is Kenya's focal point."""
    content = _csv("need,A,MA,Wetland birds,Count them,en", "need,B,KE,Mangroves,Restore them,en",
                   "need,C,BR,Amazon fires,Fight them,en")
    report = workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="wall.csv", content=content)
    assert [n for n, _msg in report.errors] == [4]
    assert "cannot post for this country" in report.errors[0][1]
    assert not Need.objects.exists()
    join(ws, "BR")
    report = workshop_wall_import(actor=ws.facilitator, workshop=ws, filename="wall.csv", content=content)
    assert not report.errors
    assert sorted(Need.objects.values_list("country_id", flat=True)) == ["BR", "KE", "MA"]
