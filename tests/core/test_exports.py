"""Formula injection: a cell a spreadsheet would run as a formula is written as text."""

import csv
import io

import pytest

from clearinghouse.core.exports import csv_writer, safe_cell


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
                                  "=cmd|' /C calc'!A0"])
def test_formula_starts_are_escaped_with_a_single_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Wetlands", "", " =not first", "a=b", 0.5, -0.25, 3, None])
def test_other_values_are_left_alone(value):
    assert safe_cell(value) == value


def test_csv_writer_escapes_every_cell():
    out = io.StringIO()
    csv_writer(out).writerows([["=1+1", "ok", -1], ["@x", "+y", "-z"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1+1", "ok", "-1"], ["'@x", "'+y", "'-z"]]
