"""The offline questionnaire: download pre-filled, upload back, every wrong cell named, nothing applied until valid."""

from __future__ import annotations

import io

import openpyxl
import pytest

from clearinghouse.reporting import offline
from clearinghouse.reporting.models import AnswerRevision

from . import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted():
    cycles = rf.three_cycles()
    fp, au = rf.country_team()
    report = rf.report(fp, cycles["CBD"])
    rf.answer(report, fp, "ias_measures", "yes")
    rf.answer(report, fp, "capacity_needs", ["finance", "data"])
    rf.answer(report, fp, "pa_coverage", {"value": "12.7", "year": 2024, "source": "WDPA", "method": "GIS"})
    rf.answer(report, fp, "finance_sources", [{"fin_source": "Budget", "fin_share": "62.5"}])
    return report, fp, cycles


def _book(report):
    return openpyxl.load_workbook(io.BytesIO(offline.questionnaire_xlsx(report)))


def _bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(ws, key):
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == key)


def test_download_is_prefilled_with_lists_and_an_unchanged_upload_changes_nothing(drafted):
    report, fp, _ = drafted
    wb = _book(report)
    assert {"About", "Lists"} <= set(wb.sheetnames) and wb["Lists"].sheet_state == "hidden"
    ws = wb[[t for t in wb.sheetnames if t.startswith("Section II")][0]]
    assert ws.cell(row=_row(ws, "ias_measures"), column=4).value == "Yes"
    assert ws.cell(row=_row(ws, "pa_coverage"), column=6).value == 2024
    assert any(dv.formula1.startswith("=Lists!") for dv in ws.data_validations.dataValidation)
    result = offline.questionnaire_apply(actor=fp, report=report, content=_bytes(wb))
    assert result.ok and result.applied == 0


def test_filled_offline_answers_come_back_with_their_revisions(drafted):
    report, fp, _ = drafted
    wb = _book(report)
    ws = wb[[t for t in wb.sheetnames if t.startswith("Section II")][0]]
    ws.cell(row=_row(ws, "ias_description"), column=4, value="Border checks on plants")
    ws.cell(row=_row(ws, "capacity_needs"), column=4, value="Trained staff; Financial resources")
    table = wb[[t for t in wb.sheetnames if t.startswith("T2")][0]]
    table.cell(row=4, column=1, value="Donors")
    table.cell(row=4, column=2, value=20)
    result = offline.questionnaire_apply(actor=fp, report=report, content=_bytes(wb))
    assert result.ok and result.applied == 3
    answers = {a.question.key: a for a in report.answers.select_related("question")}
    assert answers["ias_description"].value == "Border checks on plants"
    assert answers["capacity_needs"].value == ["finance", "staff"]
    assert answers["finance_sources"].value == [{"fin_source": "Budget", "fin_share": "62.5"},
                                                {"fin_source": "Donors", "fin_share": "20"}]
    assert answers["ias_description"].revisions.get().via == AnswerRevision.Via.XLSX


def test_every_wrong_cell_is_named_and_nothing_is_applied_unless_asked(drafted):
    report, fp, _ = drafted
    wb = _book(report)
    name = [t for t in wb.sheetnames if t.startswith("Section II")][0]
    ws = wb[name]
    ws.cell(row=_row(ws, "ias_measures"), column=4, value="Perhaps")
    r = _row(ws, "natural_ecosystem_extent")
    ws.cell(row=r, column=4, value="lots")
    ws.cell(row=_row(ws, "biodiversity_legislation"), column=4, value="Forest Act")
    result = offline.questionnaire_apply(actor=fp, report=report, content=_bytes(wb))
    assert sorted(f"{p.sheet}!{p.cell}" for p in result.problems) == sorted([
        f"{name}!D{_row(ws, 'ias_measures')}", f"{name}!D{r}"])
    assert any("'lots' is not a number." in str(p) for p in result.problems)
    assert result.applied == 0 and not report.answers.filter(question__key="biodiversity_legislation").exists()
    result = offline.questionnaire_apply(actor=fp, report=report, content=_bytes(wb), only_valid=True)
    assert result.applied == 1
    assert report.answers.get(question__key="biodiversity_legislation").value == "Forest Act"


def test_wrong_structure_is_refused_with_the_cell_named(drafted):
    report, fp, cycles = drafted
    wb = _book(report)
    name = [t for t in wb.sheetnames if t.startswith("Section I.")][0]
    wb[name].merge_cells("B2:C2")
    problems = [str(p) for p in offline.questionnaire_check(report, _bytes(wb)).problems]
    assert problems == [f"Sheet {name}, cell B2: cells B2:C2 are merged; unmerge them."]
    wb = _book(report)
    del wb[name]
    assert any("missing" in str(p) for p in offline.questionnaire_check(report, _bytes(wb)).problems)
    wb = _book(report)
    wb[name]["D1"] = "reply"
    assert [str(p) for p in offline.questionnaire_check(report, _bytes(wb)).problems] == [
        f"Sheet {name}, cell D1: the column heading should be 'answer', found 'reply'; keep the columns as they are."]
    fp_co, _ = rf.country_team("CO")
    other = rf.report(fp_co, cycles["CBD"], "CO")
    problems = [str(p) for p in offline.questionnaire_check(other, offline.questionnaire_xlsx(report)).problems]
    assert problems[0].startswith("Sheet About, cell B1: this file is for report")
    assert [str(p) for p in offline.questionnaire_check(report, b"junk").problems] == [
        "This is not an Excel (.xlsx) workbook that can be read."]


def test_indicator_data_round_trip(drafted):
    from clearinghouse.core.models import Country

    _report, fp, _ = drafted
    ke = Country.objects.get(pk="KE")
    wb = openpyxl.load_workbook(io.BytesIO(offline.indicators_xlsx(ke)))
    ws = wb["Indicators"]
    ws.append(["3.1", 2024, 12.7, "%", "WDPA", "GIS"])
    ws.append(["A.2", "twenty", 5, "", "", ""])
    result = offline.indicators_apply(actor=fp, country=ke, content=_bytes(wb))
    assert [f"{p.sheet}!{p.cell}" for p in result.problems] == ["Indicators!B3"] and result.applied == 0
    result = offline.indicators_apply(actor=fp, country=ke, content=_bytes(wb), only_valid=True)
    assert result.applied == 1 and ke.indicator_values.get().year == 2024
