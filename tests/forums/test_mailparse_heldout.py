"""Held-out inbound mails: shapes modelled on public fixtures, written independently of the corpus.

``mail_corpus_heldout/NAME.eml`` + ``NAME.json`` are produced by ``make_heldout.py``. The expected
bodies were written before the parser was run on them (see that script's docstring). Bodies are
compared after whitespace normalisation; kind, reply key, sender and language must match exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clearinghouse.forums.mailparse import parse_message
from tests.forums.mailtext import normalise

HELDOUT = Path(__file__).parent / "mail_corpus_heldout"
CASES = sorted(p.stem for p in HELDOUT.glob("*.eml"))


@pytest.fixture(autouse=True)
def _settings():
    """Override the project-wide Django settings fixture: these tests need no Django."""
    return None


def test_heldout_set_is_complete():
    assert len(CASES) >= 40
    kinds = {json.loads((HELDOUT / f"{c}.json").read_text(encoding="utf-8"))["kind"] for c in CASES}
    assert kinds == {"reply", "auto_reply", "bounce"}
    for name in CASES:
        assert (HELDOUT / f"{name}.json").exists(), name


@pytest.mark.parametrize("name", CASES)
def test_heldout_message(name: str):
    expected = json.loads((HELDOUT / f"{name}.json").read_text(encoding="utf-8"))
    parsed = parse_message((HELDOUT / f"{name}.eml").read_bytes())
    got = parsed.as_dict()
    assert got["kind"] == expected["kind"]
    assert got["reply_key"] == expected["reply_key"]
    assert got["from"] == expected["from"]
    if "body" in expected:
        assert normalise(got["body"]) == normalise(expected["body"])
    if "language" in expected:
        assert got["language"] == expected["language"]
    if "bounce" in expected:
        assert parsed.bounce is not None
        for key, value in expected["bounce"].items():
            assert getattr(parsed.bounce, key) == value, key
    assert parsed.errors == []
