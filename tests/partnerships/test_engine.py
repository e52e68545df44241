"""The detector and the command on files (no database)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from clearinghouse.partnerships.engine.cli import main
from clearinghouse.partnerships.engine.overlaps import clusters, detect, place_words
from clearinghouse.partnerships.engine.records import ActivityRecord

SAMPLE = Path("/work/shared/data/overlaps-sample/activities.jsonl")
BASE = {"id": "A", "partner": "x", "countries": ["KE"], "subnational": "Kwale County", "level": "subnational",
        "target_elements": ["protected_areas"], "support": ["training"], "start": "2025-01", "end": "2026-12",
        "budget": {"amount": 100000, "currency": "USD"}, "language": "en", "title": "Ranger training",
        "description": "Rangers trained in Shimba Hills."}


def rec(**over) -> ActivityRecord:
    return ActivityRecord.from_dict({**BASE, **over})


def same_vectors(n: int) -> np.ndarray:
    v = np.ones((n, 4), dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_a_record_and_its_translation_dates_a_month_apart_and_budget_in_euros_is_a_duplicate():
    a = rec(id="A")
    b = rec(id="B", partner="y", language="fr", start="2025-02", budget={"amount": 93000, "currency": "EUR"},
            subnational="Comté de Kwale")
    pairs = detect([a, b], same_vectors(2))
    assert [(p.a, p.b, p.kind) for p in pairs] == [("A", "B", "duplicate")]
    assert any("budgets of the same size" in str(r) for r in pairs[0].reasons)


@pytest.mark.parametrize("over", [
    {"countries": ["TZ"]},  # another country
    {"start": "2020-01", "end": "2021-12"},  # an earlier phase
    {"support": ["finance"]},  # complementary support
    {"countries": ["KE", "TZ", "UG", "RW"], "subnational": ""},  # a regional programme
    {"subnational": "Laikipia"},  # the same template at another site
])
def test_hard_negatives_are_not_suggested(over):
    assert detect([rec(id="A"), rec(id="B", partner="y", **over)], same_vectors(2)) == []


def test_two_initiatives_in_the_same_place_and_period_are_an_overlap():
    b = rec(id="B", partner="y", start="2025-08", end="2027-06", budget={"amount": 20000, "currency": "USD"})
    pairs = detect([rec(id="A"), b], same_vectors(2))
    assert [p.kind for p in pairs] == ["overlap"]


def test_unrelated_texts_fall_below_the_threshold():
    v = np.array([[1, 0, 0, 0], [0, 1, 0, 0]], dtype=np.float32)
    b = rec(id="B", partner="y", start="2025-08", budget=None)
    assert detect([rec(id="A"), b], v) == []


def test_place_words_drop_generic_words():
    assert place_words("Provincia de Montecristi") == {"montecristi"}
    assert place_words("Koshi Province") & place_words("Gandaki Province") == frozenset()


def test_clusters_join_chained_pairs():
    a, b, c = rec(id="A"), rec(id="B", partner="y"), rec(id="C", partner="z")
    assert clusters(detect([a, b, c], same_vectors(3)))[0] == ["A", "B", "C"]


@pytest.mark.parametrize("row, why", [
    ({"id": "X"}, "countries"),
    ({**BASE, "start": "2025-13"}, "start: expected YYYY-MM"),
    ({**BASE, "start": "2026-01", "end": "2025-01"}, "before start"),
    ({**BASE, "countries": ["Kenya"]}, "not an ISO 3166"),
    ({**BASE, "budget": {"amount": "lots", "currency": "USD"}}, "budget.amount"),
    ([1, 2], "not a JSON object"),
])
def test_malformed_records_say_why(row, why):
    with pytest.raises(ValueError, match=why):
        ActivityRecord.from_dict(row)


def test_the_command_reports_bad_lines_and_goes_on(tmp_path):
    path = tmp_path / "acts.jsonl"
    lines = ['{"id": "Z"}', "not json", "", json.dumps({**BASE, "id": "A"}),
             json.dumps({**BASE, "id": "B", "partner": "y", "start": "2025-02"}), json.dumps({**BASE, "id": "A"})]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--activities", str(path), "--embedder", "none", "--min-score", "0.3"], stdout=out, stderr=err) == 0
    errors = err.getvalue().splitlines()
    assert errors[0].startswith(f"{path}:1: countries")
    assert errors[1].startswith(f"{path}:2: not JSON")
    assert errors[2] == f"{path}:6: id 'A' already on line 4"
    assert errors[3].startswith(f"{path}:7: not UTF-8")
    assert "Traceback" not in err.getvalue()
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert rows[0]["a"] == "A" and rows[0]["b"] == "B" and rows[0]["kind"] == "duplicate"
    assert 0 < rows[0]["score"] <= 1 and rows[0]["reasons"]


def test_a_missing_file_is_one_line_and_status_2(tmp_path):
    err = io.StringIO()
    assert main(["--activities", str(tmp_path / "none.jsonl")], stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue().startswith("cannot read")


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not mounted")
@pytest.mark.parametrize("fmt", ["csv", "html"])
def test_the_command_writes_csv_and_html_on_the_sample(fmt):
    out, err = io.StringIO(), io.StringIO()
    assert main(["--activities", str(SAMPLE), "--format", fmt, "--embedder", "none"], stdout=out, stderr=err) == 0
    assert err.getvalue() == ""
    text = out.getvalue()
    assert ("a,b,kind,score" in text) if fmt == "csv" else ("<table>" in text and "<script" not in text)


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not mounted")
def test_the_management_command_on_the_sample_finds_the_labelled_pairs(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "out.jsonl"
    call_command("partnerships", "overlaps", "--activities", str(SAMPLE), "--output", str(out))
    found = {(r["a"], r["b"]) for r in map(json.loads, out.read_text().splitlines())}
    labelled = {tuple(line.split()[:2]) for line in (SAMPLE.parent / "pairs.tsv").read_text().splitlines()}
    assert len(found & labelled) >= 10
