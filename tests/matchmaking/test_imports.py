import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clearinghouse.matchmaking import services
from clearinghouse.matchmaking.imports import workshop_wall_import
from clearinghouse.matchmaking.models import Need, Offer
from tests.factories import focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def ws():
    return services.workshop_open(actor=focal_point("KE"), data={"title": "Wall", "starts_on": timezone.localdate()})


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
    assert len(report.created) == 2
    assert [row for row, _msg in report.errors] == [4, 5, 6]
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
