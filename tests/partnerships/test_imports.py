"""Bulk import: every line's problem named, nothing half-imported; IATI 2.03."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from clearinghouse.partnerships import imports
from clearinghouse.partnerships.models import Activity

from .factories import make_activity, make_partnership, org_member

pytestmark = pytest.mark.django_db

HEADER = "title,countries,elements,support,start,end,budget,currency,language,iati identifier\n"


@pytest.fixture
def member():
    p = make_partnership()
    m, person = org_member(p)
    return m, person


def test_every_bad_line_is_named_and_all_or_nothing_saves_nothing(member):
    m, person = member
    csv = (HEADER
           + "Ranger training,KE,protected_areas,training,2025-01,2026-12,1000,USD,en,\n"
           + "Unknown place,XX,protected_areas,training,2025-01,2026-12,,,en,\n"
           + "Backwards,KE,protected_areas,training,2026-05,2025-01,,,en,\n"
           + "Bad month,KE,protected_areas,training,2025-13,2026-01,,,en,\n"
           + "Ranger training,KE,protected_areas,training,2025-01,2026-12,1000,USD,en,\n"
           + "Marine survey,KE,Marine and coastal areas,Joint research; data,2025-01,2026-12,,,en,\n")
    preview = imports.preview_table(member=m, filename="a.csv", content=csv.encode())
    errors = {ln.number: " ".join(ln.errors) for ln in preview.invalid}
    assert set(errors) == {3, 4, 5, 6}
    assert "XX" in errors[3]
    assert "before the start" in errors[4]
    assert "YYYY-MM" in errors[5]
    assert "line 2" in errors[6]
    assert [ln.number for ln in preview.valid] == [2, 7]  # element and support given by their names
    with pytest.raises(ValidationError):
        imports.activities_import(actor=person, member=m, preview=preview, only_valid=False)
    assert not Activity.objects.exists()
    made = imports.activities_import(actor=person, member=m, preview=preview, only_valid=True)
    assert [a.title for a in made] == ["Ranger training", "Marine survey"]


def test_a_line_already_registered_is_refused(member):
    m, person = member
    make_activity(m, person, title="Ranger training", start="2025-01")
    csv = HEADER + "Ranger training,KE,protected_areas,training,2025-01,2026-12,,,en,\n"
    preview = imports.preview_table(member=m, filename="a.csv", content=csv.encode())
    assert "already registered" in preview.invalid[0].errors[0]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_windows_and_bom_encodings_are_read(member, encoding):
    m, _person = member
    csv = HEADER + "Formation des écogardes,MA,protected_areas,training,2025-01,2026-12,,,fr,\n"
    preview = imports.preview_table(member=m, filename="a.csv", content=csv.encode(encoding))
    assert preview.valid[0].title == "Formation des écogardes"


def test_an_undecodable_or_headerless_file_is_refused_as_a_whole(member):
    m, _person = member
    with pytest.raises(ValidationError, match="missing"):
        imports.preview_table(member=m, filename="a.csv", content=b"just,some,words\n1,2,3\n")
    with pytest.raises(ValidationError, match="empty"):
        imports.preview_table(member=m, filename="a.csv", content=b"")
    with pytest.raises(ValidationError, match="damaged"):
        imports.preview_table(member=m, filename="a.xlsx", content=b"PK\x03\x04broken")


def test_xlsx_is_read(member):
    from openpyxl import Workbook

    m, _person = member
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.append(["Survey", "KE", "marine_coastal", "data", "2025-01", "2025-12", 5000, "EUR", "en", ""])
    buf = io.BytesIO()
    wb.save(buf)
    preview = imports.preview_table(member=m, filename="a.xlsx", content=buf.getvalue())
    assert preview.valid[0].cleaned["currency"] == "EUR" and not preview.invalid


IATI = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="{version}" generated-datetime="2025-01-01T00:00:00">
 <iati-activity default-currency="EUR" xml:lang="fr">
  <iati-identifier>XM-DAC-41114-PROJECT-1</iati-identifier>
  <reporting-org ref="XM-DAC-41114" type="40"><narrative>Agency</narrative></reporting-org>
  <title><narrative>Appui aux aires protégées du Souss-Massa</narrative></title>
  <description type="1"><narrative>Renforcement de la gestion.</narrative></description>
  <participating-org role="4" ref="MA-GOV"><narrative>Agence nationale des eaux et forêts</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2024-03-01"/>
  <activity-date type="3" iso-date="2027-02-28"/>
  <recipient-country code="MA" percentage="100"/>
  <budget type="1" status="1"><period-start iso-date="2024-03-01"/><period-end iso-date="2025-02-28"/>
   <value value-date="2024-03-01">400000</value></budget>
  <budget type="1" status="1"><period-start iso-date="2025-03-01"/><period-end iso-date="2026-02-28"/>
   <value value-date="2025-03-01">350000</value></budget>
 </iati-activity>
 <iati-activity>
  <iati-identifier>XM-DAC-41114-PROJECT-2</iati-identifier>
  <title><narrative>Broken dates</narrative></title>
  <activity-date type="2" iso-date="2027-03-01"/>
  <activity-date type="3" iso-date="2024-02-28"/>
  <recipient-country code="QQ"/>
 </iati-activity>
</iati-activities>
"""


def test_iati_203_is_read_and_each_activity_problem_named(member):
    m, person = member
    preview = imports.preview_iati(member=m, filename="a.xml", content=IATI.format(version="2.03").encode(),
                                   elements=["protected_areas"], support_types=["technical-assistance"])
    good, bad = preview.lines
    assert not good.errors
    c = good.cleaned
    assert c["title"] == "Appui aux aires protégées du Souss-Massa" and c["language"] == "fr"
    assert [x.code for x in c["countries"]] == ["MA"] and c["budget"] == 750000 and c["currency"] == "EUR"
    assert c["start"].isoformat() == "2024-03-01" and c["iati_identifier"] == "XM-DAC-41114-PROJECT-1"
    assert "Agence nationale" in c["partners_involved"]
    assert "PROJECT-2" in bad.label and "line" in bad.label
    text = " ".join(bad.errors)
    assert "QQ" in text and "before the start" in text
    made = imports.activities_import(actor=person, member=m, preview=preview, only_valid=True)
    assert len(made) == 1


def test_another_iati_version_or_broken_xml_names_the_element(member):
    m, _person = member
    with pytest.raises(ValidationError, match="version=\"2.01\""):
        imports.preview_iati(member=m, filename="a.xml", content=IATI.format(version="2.01").encode(),
                             elements=["protected_areas"], support_types=["training"])
    broken = IATI.format(version="2.03").replace("</title>", "", 1).encode()
    with pytest.raises(ValidationError, match="broken at line"):
        imports.preview_iati(member=m, filename="a.xml", content=broken, elements=[], support_types=[])
    with pytest.raises(ValidationError, match="root element is <html>"):
        imports.preview_iati(member=m, filename="a.xml", content=b"<html></html>", elements=[], support_types=[])


def test_an_xml_bomb_is_not_expanded(member):
    m, _person = member
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b'<iati-activities version="2.03"><iati-activity><iati-identifier>&lol2;</iati-identifier>'
            b"</iati-activity></iati-activities>")
    preview = imports.preview_iati(member=m, filename="a.xml", content=bomb, elements=[], support_types=[])
    assert "lollollollol" not in preview.lines[0].label
