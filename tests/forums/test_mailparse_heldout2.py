"""Third held-out round of inbound replies: 52 mails, 16 clients, 13 languages, never tuned on.

``mail_corpus_heldout2/*.eml`` + ``*.json`` are written by ``mail_corpus_heldout2/build.py`` (see its
docstring); they were committed before the parser changes of that round and are not used to tune it.
A held-out set is scored as a whole against the goals of issue 11 (bodies exact after whitespace
collapse >= 95%, kinds and attachments 100%), so the test says how far from the goal a change moves it
instead of pinning each case; the misses are listed in the failure message.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clearinghouse.forums.mailparse import parse_message

HELDOUT = Path(__file__).parent / "mail_corpus_heldout2"
CASES = sorted(p.stem for p in HELDOUT.glob("*.eml"))


@pytest.fixture(autouse=True)
def _settings():
    """Override the project-wide Django settings fixture: these tests need no Django."""
    return None


def _collapse(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _results() -> list[tuple[str, dict, object]]:
    out = []
    for name in CASES:
        expected = json.loads((HELDOUT / f"{name}.json").read_text(encoding="utf-8"))
        out.append((name, expected, parse_message((HELDOUT / f"{name}.eml").read_bytes())))
    return out


def test_heldout2_is_big_and_varied():
    assert len(CASES) >= 40
    expected = [json.loads((HELDOUT / f"{c}.json").read_text(encoding="utf-8")) for c in CASES]
    assert len({e["client"] for e in expected}) >= 12
    assert len({e["language"] for e in expected}) >= 10


def test_heldout2_meets_the_goals():
    results = _results()
    kinds = [n for n, e, p in results if p.kind != e["kind"]]
    atts = [n for n, e, p in results if [a.name for a in p.attachments] != e["attachments"]]
    bodies = [n for n, e, p in results if "body" in e and _collapse(p.body) != _collapse(e["body"])]
    headers = [n for n, e, p in results if (p.from_addr, p.reply_key) != (e["from"], e["reply_key"])]
    scored = sum(1 for _n, e, _p in results if "body" in e)
    assert not kinds, kinds
    assert not atts, atts
    assert not headers, headers
    assert all(not p.errors for _n, _e, p in results)
    assert 100 * (scored - len(bodies)) / scored >= 95, f"{len(bodies)} of {scored} bodies wrong: {bodies}"


HELDOUT3 = Path(__file__).parent / "mail_corpus_heldout3"


def test_heldout3_is_now_tuned_and_fully_right():
    """The hand-written round-3 set: its misses were seen and their families fixed in round 4.

    Being seen, it is a tuned set now (``own_tuned_h3`` in ``bench/bench_mailparse.py``) and every
    mail must be right: kind, attachments, headers and body. The unseen figure is held-out 4's.
    """
    names = sorted(p.stem for p in HELDOUT3.glob("*.eml"))
    assert len(names) >= 20
    for name in names:
        expected = json.loads((HELDOUT3 / f"{name}.json").read_text(encoding="utf-8"))
        parsed = parse_message((HELDOUT3 / f"{name}.eml").read_bytes())
        assert parsed.kind == expected["kind"], name
        assert [a.name for a in parsed.attachments] == expected["attachments"], name
        assert (parsed.from_addr, parsed.reply_key) == (expected["from"], expected["reply_key"]), name
        assert not parsed.errors, name
        assert _collapse(parsed.body) == _collapse(expected["body"]), name
