"""Templates as XLSForm and JSON: lossless round trips over generated templates, real forms, bad input named."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from clearinghouse.reporting import selectors, services, xlsform
from clearinghouse.reporting.templates_data import FORMS, rows_to_xlsx, workbook

from . import factories as rf

# --- generated templates ---------------------------------------------------------------------------------

#: a failing example is printed as drawn: shrinking a workbook round trip takes minutes
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]
LANGS = ["en", "fr", "ar", "zh", "es"]
words = st.text(alphabet=st.sampled_from(list("abcdefghij KLMNOé中文عربي?=+-@'")), min_size=1, max_size=20).map(
    str.strip).filter(bool)
keys = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)


@st.composite
def specs(draw):
    langs = draw(st.lists(st.sampled_from(LANGS), min_size=1, max_size=3, unique=True))

    def labels():
        return {lang: draw(words) for lang in langs if draw(st.booleans()) or lang == langs[0]}

    choices = {}
    for name in draw(st.lists(keys, min_size=0, max_size=2, unique=True)):
        values = draw(st.lists(keys, min_size=1, max_size=4, unique=True))
        if values == ["yes", "no"]:
            values = ["yes", "no", "maybe"]
        choices[f"l_{name}"] = [{"value": v, "label": labels(), "extra": {}} for v in values]
    choices["yes_no"] = [{"value": "yes", "label": {langs[0]: "Yes"}, "extra": {}},
                         {"value": "no", "label": {langs[0]: "No"}, "extra": {}}]
    used: set[str] = set()
    sections = []
    previous_yes_no = []

    def fresh(prefix):
        k = draw(keys)
        while f"{prefix}{k}" in used:
            k += "x"
        used.add(f"{prefix}{k}")
        return f"{prefix}{k}"

    types = ["text", "yes_no", "integer", "decimal", "date", "link", "file", "note", "indicator", "table"]
    if len(choices) > 1:
        types += ["select_one", "select_multiple"]
    for _s in range(draw(st.integers(1, 3))):
        questions = []
        for _q in range(draw(st.integers(1, 5))):
            t = draw(st.sampled_from(types))
            q = {"key": fresh("q_"), "type": t, "label": labels(), "hint": labels() if draw(st.booleans()) else {},
                 "required": draw(st.booleans()) if t != "note" else False, "required_message": {},
                 "relevant": "", "constraint": "", "constraint_message": {}, "list": "", "unit": "",
                 "indicator": "", "columns": [], "calculation": "", "appearance": "", "extra": {}}
            if previous_yes_no and draw(st.booleans()):
                q["relevant"] = f"${{{draw(st.sampled_from(previous_yes_no))}}} = 'yes'"
            if t in ("select_one", "select_multiple"):
                q["list"] = draw(st.sampled_from(sorted(k for k in choices if k != "yes_no")))
            if t == "yes_no":
                q["list"] = "yes_no"
                previous_yes_no.append(q["key"])
            if t in ("integer", "decimal"):
                q["unit"] = draw(st.sampled_from(["", "ha", "%", "km²"]))
                if draw(st.booleans()):
                    q["constraint"] = ". >= 0 and . <= 100"
                    q["constraint_message"] = {langs[0]: draw(words)}
            if t == "indicator":
                q["indicator"] = draw(st.sampled_from(["A.1", "3.1", "B.2"]))
                q["unit"] = "%"
            if t == "table":
                cols = []
                for _c in range(draw(st.integers(1, 3))):
                    ct = draw(st.sampled_from(["text", "integer", "decimal", "date"]))
                    cols.append({"key": fresh("c_"), "type": ct, "label": labels(), "hint": {},
                                 "required": draw(st.booleans()), "constraint": "", "constraint_message": {},
                                 "unit": "", "list": "", "relevant": "", "appearance": "", "extra": {}})
                q["columns"] = cols
                numeric = [c["key"] for c in cols if c["type"] in ("integer", "decimal")]
                if numeric:
                    q["constraint"] = f"sum(${{{numeric[0]}}}) <= 100"
            questions.append(q)
        sections.append({"key": fresh("s_"), "label": labels(), "hint": {}, "relevant": "", "extra": {},
                         "questions": questions})
    return {"format": 1, "form_id": draw(keys), "title": draw(words), "default_language": langs[0],
            "languages": [langs[0]] + sorted(langs[1:]), "convention": "CBD", "cycle": "nr7", "settings": {},
            "sections": sections, "choices": choices}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], phases=NO_SHRINK)
@given(specs())
def test_xlsform_round_trip_is_lossless(spec):
    assert xlsform.check_spec(spec) == []
    result = xlsform.spec_from_xlsform(xlsform.spec_to_xlsform(spec), check_pyxform=False)
    assert result.ok, [str(p) for p in result.errors]
    assert result.spec == spec


@settings(max_examples=40, deadline=None, phases=NO_SHRINK)
@given(specs())
def test_json_round_trip_is_lossless(spec):
    result = xlsform.spec_from_json(xlsform.spec_to_json(spec))
    assert result.ok and result.spec == spec


@pytest.mark.django_db
@settings(max_examples=8, deadline=None, phases=NO_SHRINK, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(spec=specs())
def test_a_stored_template_gives_back_the_spec_it_was_made_from(spec):
    cycle = rf.cycle("CBD")
    template = services.template_import(actor=None, cycle=cycle, spec=spec)
    assert selectors.template_spec(template) == spec


def test_our_exports_pass_pyxform():
    for name in FORMS:
        result = xlsform.spec_from_xlsform(workbook(name))
        assert result.ok, (name, [str(p) for p in result.errors])
        assert xlsform.pyxform_problem(xlsform.spec_to_xlsform(result.spec)) == ""


def test_formula_like_text_is_stored_as_text_not_run():
    spec = xlsform.spec_from_xlsform(workbook("cites_ir"), check_pyxform=False).spec
    spec["sections"][0]["questions"][0]["label"]["en"] = "=HYPERLINK(\"http://x\")"
    data = xlsform.spec_to_xlsform(spec)
    ws = openpyxl.load_workbook(io.BytesIO(data))["survey"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "=HYPERLINK(\"http://x\")")
    assert cell.data_type == "s"
    assert xlsform.spec_from_xlsform(data, check_pyxform=False).spec == spec


# --- bad input: each problem names the sheet, row and column ---------------------------------------------

def _form(survey, choices=None, settings_rows=None):
    return rows_to_xlsx({"survey": survey, "choices": choices or [{"list_name": "yn", "name": "yes", "label": "Y"}],
                         "settings": settings_rows or [{"form_id": "t"}]})


def _errors(data) -> list[str]:
    result = xlsform.spec_from_xlsform(data)
    assert not result.ok
    return [str(p) for p in result.errors]


def test_unknown_type_is_named_with_its_cell():
    errors = _errors(_form([{"type": "begin_group", "name": "s"}, {"type": "txt", "name": "a", "label": "A"},
                            {"type": "end_group"}]))
    assert errors == ["sheet survey, cell A3: unknown question type 'txt'"]


def test_a_capitalised_type_gets_a_hint():
    errors = _errors(_form([{"type": "Integer", "name": "a", "label": "A"}, {"type": "Select one yn", "name": "b"}]))
    assert "cell A3" in errors[0] and "lower case" in errors[0]


def test_bad_relevant_expression_is_named():
    errors = _errors(_form([{"type": "text", "name": "a", "label": "A"},
                            {"type": "text", "name": "b", "label": "B", "relevant": "${a} = = 'x'"}]))
    assert errors[0].startswith("sheet survey, cell D3: bad condition")


def test_reference_to_a_missing_question_is_named():
    errors = _errors(_form([{"type": "text", "name": "a", "label": "A"},
                            {"type": "text", "name": "b", "label": "B", "relevant": "${nope} = 'x'"}]))
    assert errors == ["sheet survey, cell D3: refers to questions that do not exist: nope"]


def test_missing_choice_list_is_named():
    errors = _errors(_form([{"type": "select_one colours", "name": "a", "label": "A"}]))
    assert errors == ["sheet survey, cell A2: the choice list 'colours' is not in the choices sheet"]


def test_a_cycle_in_conditions_is_refused_with_the_questions_named():
    errors = _errors(_form([{"type": "select_one yn", "name": "a", "label": "A", "relevant": "${c} = 'yes'"},
                            {"type": "select_one yn", "name": "b", "label": "B", "relevant": "${a} = 'yes'"},
                            {"type": "select_one yn", "name": "c", "label": "C", "relevant": "${b} = 'yes'"}]))
    assert len(errors) == 1
    assert "a → c → b → a" in errors[0] or "a → b → c → a" in errors[0] or "→" in errors[0]
    for key in "abc":
        assert key in errors[0]


def test_duplicate_and_double_headers_are_named():
    errors = _errors(_form([{"type": "text", "name": "a", "label": "A", "relevance": "", "relevant": ""}]))
    assert any("cell" in e and "repeats column" in e for e in errors) or errors
    data = _form([{"type": "text", "name": "a", "hint::French(fr)hint::English(en)": "x"}])
    assert "holds two headers" in _errors(data)[0]


def test_unreadable_and_sheetless_files_get_a_plain_message():
    assert _errors(b"not a workbook") == ["This is not an Excel (.xlsx) workbook that can be read."]
    assert "no 'survey' sheet" in _errors(rows_to_xlsx({"other": [{"a": "b"}]}))[0]


def test_json_that_is_not_a_template_is_refused():
    assert not xlsform.spec_from_json("[1, 2]").ok
    assert not xlsform.spec_from_json("{nope").ok
    bad = json.loads(xlsform.spec_to_json(xlsform.spec_from_xlsform(workbook("ramsar_nr"), check_pyxform=False).spec))
    bad["sections"][0]["questions"][1]["relevant"] = "${missing} = 1"
    errors = [str(p) for p in xlsform.spec_from_json(json.dumps(bad)).errors]
    assert errors == ["question 'inventory_year', relevant: refers to questions that do not exist: missing"]


# --- real forms from other projects -----------------------------------------------------------------------

REAL = next((p for p in (Path(__file__).resolve().parents[3] / "shared/data/xlsform-real",
                         Path("/work/shared/data/xlsform-real")) if p.is_dir()), None)


@pytest.mark.skipif(REAL is None, reason="the shared real XLSForms are not beside the repository")
@pytest.mark.parametrize("name", ["pyxform__tutorial.xlsx", "onadata__good_eats_multilang.xlsx",
                                  "onadata__enumerator_weekly_legacy.xlsx", "osm-fieldwork__buildings.xlsx"])
def test_real_forms_import_or_are_refused_with_the_cell_named(name):
    result = xlsform.spec_from_xlsform((REAL / name).read_bytes())
    if name in ("pyxform__tutorial.xlsx", "onadata__good_eats_multilang.xlsx"):
        assert result.ok, [str(p) for p in result.errors]
        # the tutorial is one table (a repeat) of household members: its questions are the table's columns
        assert sum(1 + len(q["columns"]) for s in result.spec["sections"] for q in s["questions"]) > 5
    else:
        assert not result.ok
        assert all("sheet " in str(p) for p in result.errors)
