"""National reporting in a real browser: a CITES-style report is drafted by taking, with its source shown, an
answer the country gave to the CBD; it is submitted; the questionnaire goes offline as XLSX and comes back."""

from __future__ import annotations

import io

import openpyxl
import pytest

from clearinghouse.reporting.models import Report
from tests.reporting import factories as rf

from .conftest import login

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_draft_with_a_mapped_answer_and_submit(page, site):
    cycles = rf.three_cycles()
    fp, _au = rf.country_team()
    cbd = rf.report(fp, cycles["CBD"])
    rf.answer(cbd, fp, "ias_measures", "yes")
    rf.answer(cbd, fp, "biodiversity_legislation", "Wildlife Conservation and Management Act 2013")
    cites = rf.report(fp, cycles["CITES"])

    login(page, site, fp.email, PASSWORD)
    page.goto(f"{site}/reports/r/{cites.number}/s/legislation/")
    offer = page.locator("#q-ias_trade_measures .rp-offers")
    text = offer.inner_text()
    assert cbd.number in text and "CBD" in text and "Has your country taken measures" in text
    offer.get_by_role("button", name="Use this answer").click()
    page.wait_for_load_state()
    block = page.locator("#q-ias_trade_measures")
    assert block.get_by_label("Yes").is_checked()
    assert f"Taken from {cbd.number} (CBD), question ias_measures" in block.inner_text()

    page.locator("#q-legislation_category").get_by_label("Category 1: meets all requirements").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Saved" in page.inner_text("main")
    page.goto(f"{site}/reports/r/{cites.number}/")
    assert "Nothing is missing" in page.inner_text("main")
    page.get_by_role("button", name="Submit the report").click()
    page.wait_for_load_state()
    assert "submitted and locked" in page.inner_text("main")
    cites.refresh_from_db()
    assert cites.state == Report.State.SUBMITTED
    answer = cites.answers.get(question__key="ias_trade_measures")
    assert answer.source_answer.report_id == cbd.pk


def test_offline_xlsx_round_trip(page, site, tmp_path):
    cycles = rf.three_cycles()
    fp, _au = rf.country_team()
    ramsar = rf.report(fp, cycles["RAMSAR"])
    login(page, site, fp.email, PASSWORD)
    page.goto(f"{site}/reports/r/{ramsar.number}/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the questionnaire (XLSX)").click()
    path = tmp_path / "q.xlsx"
    info.value.save_as(path)
    wb = openpyxl.load_workbook(path)
    ws = wb[[t for t in wb.sheetnames if t.startswith("Section 1")][0]]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows["wetland_inventory"], column=4, value="Yes")
    ws.cell(row=rows["wetland_area"], column=4, value="many")
    out = io.BytesIO()
    wb.save(out)
    path.write_bytes(out.getvalue())

    page.get_by_label("Upload the filled questionnaire").set_input_files(str(path))
    page.get_by_role("button", name="Check and upload").click()
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert f"cell D{rows['wetland_area']}" in main and "'many' is not a number." in main
    assert "Nothing was taken" in main
    assert not ramsar.answers.exists()

    ws.cell(row=rows["wetland_area"], column=4, value=1250.5)
    out = io.BytesIO()
    wb.save(out)
    path.write_bytes(out.getvalue())
    page.goto(f"{site}/reports/r/{ramsar.number}/")
    page.get_by_label("Upload the filled questionnaire").set_input_files(str(path))
    page.get_by_role("button", name="Check and upload").click()
    page.wait_for_load_state()
    assert "2 answers taken from the spreadsheet" in page.inner_text("main")
    assert ramsar.answers.get(question__key="wetland_area").value == "1250.5"
