"""Benchmark of the reply-mail parser (``forums.mailparse``) on mail it was and was not tuned on.

Run: ``.venv/bin/python bench/bench_mailparse.py [--peer DIR] [--show-failures]``

Writes ``bench/results/mailparse.json``. For each set: the share of messages whose ``kind`` is
right, whose body is right after every run of whitespace is collapsed to one space, and whose
attachment names are right, with the goal of each and whether it is met; plus parse throughput.

Sets:

* ``own_tuned``: ``tests/forums/mail_corpus`` (the parser was tuned on it; goal 100%);
* ``own_heldout``: ``tests/forums/mail_corpus_heldout`` (held out by an earlier round);
* ``own_heldout2``: ``tests/forums/mail_corpus_heldout2`` (written and committed before the parser
  was run on it, never tuned on; goal: bodies >= 95%, kinds and attachments 100%);
* ``own_heldout2`` is built by the same client builders as the tuned corpus, so it says little about
  clients the parser has never met;
* ``own_tuned_h3``: ``tests/forums/mail_corpus_heldout3``: 26 hand-written mails, held out in round 3;
  its misses (a Korean "… 드림" sign-off, a localised "Sent from Mail for Windows" footer) were SEEN and
  their families fixed in round 4, so it is a tuned set now (goal 100%), no longer an unseen figure;
* ``own_heldout4``: ``tests/forums/mail_corpus_heldout4``: 46 hand-written mails (35 clients, 16
  languages), committed before the parser was run on them and scored once after the round-4 fixes;
  never tuned on (goal: bodies >= 95%, kinds and attachments 100%). This is the unseen-client figure.
  Its one scoring after the round-4 fixes (2026-12-07): bodies 95.7% (44/46), kinds and attachments
  100%; misses left unfixed: ``daum_ko`` (a bare "감사합니다." closing with no name under it is kept) and
  ``foxmail_zh`` (the sender's own address as a one-line signature is kept). A later round that fixes
  those has seen them and must write a new held-out set;
* ``peer``: the 199 messages of six other reply parsers' test suites, read in place from
  ``/work/shared/data/mail-peer`` (or ``--peer``/``CLEARINGHOUSE_MAIL_PEER``; never copied into the
  repository), scored as its README says: bodies compared after whitespace collapse, cases marked
  ``debatable`` scored apart, ``"body": null`` checks the kind only, ``"attachments": null`` skips
  attachments. Goal: bodies >= 90% of the scored (non-debatable) ones; kinds and attachments 100%.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clearinghouse.forums.mailparse import parse_message  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PEER_DEFAULT = Path(os.environ.get("CLEARINGHOUSE_MAIL_PEER", "/work/shared/data/mail-peer"))
_WS = re.compile(r"\s+", re.UNICODE)


def collapse(text: str | None) -> str:
    """Collapse every run of whitespace (Unicode spaces included) to one space and trim."""
    return _WS.sub(" ", (text or "").replace("\u200b", "").replace("\ufeff", "")).strip()


def _pct(ok: int, total: int) -> float | None:
    return round(100.0 * ok / total, 1) if total else None


def score(cases: list[tuple[str, bytes, dict]], goals: dict[str, float]) -> dict:
    """Score ``(name, raw, expected)`` cases; ``expected`` holds kind, body, attachments (any may be absent)."""
    n_kind = ok_kind = n_body = ok_body = n_att = ok_att = 0
    failures: list[dict] = []
    started = time.perf_counter()
    for name, raw, exp in cases:
        got = parse_message(raw)
        bad = []
        if exp.get("kind"):
            n_kind += 1
            if got.kind == exp["kind"]:
                ok_kind += 1
            else:
                bad.append(f"kind {got.kind} != {exp['kind']}")
        if exp.get("body") is not None and exp.get("kind", "reply") == "reply":
            n_body += 1
            if collapse(got.body) == collapse(exp["body"]):
                ok_body += 1
            else:
                bad.append("body")
        if exp.get("attachments") is not None:
            n_att += 1
            names = [a.name for a in got.attachments]
            if names == list(exp["attachments"]):
                ok_att += 1
            else:
                bad.append(f"attachments {names} != {exp['attachments']}")
        if bad:
            failures.append(
                {"case": name, "wrong": bad, "got_body": got.body, "expected_body": exp.get("body")}
            )
    elapsed = time.perf_counter() - started
    out = {
        "messages": len(cases),
        "kind_pct": _pct(ok_kind, n_kind),
        "body_exact_pct": _pct(ok_body, n_body),
        "attachments_pct": _pct(ok_att, n_att),
        "kinds_scored": n_kind,
        "bodies_scored": n_body,
        "attachments_scored": n_att,
        "messages_per_s": round(len(cases) / elapsed, 1) if elapsed else None,
        "goal_body_exact_pct": goals["body"],
        "goal_kind_pct": goals["kind"],
        "goal_attachments_pct": goals["attachments"],
    }
    out["goal_met"] = all(
        out[key] is None or out[key] >= goals[goal]
        for key, goal in (
            ("body_exact_pct", "body"),
            ("kind_pct", "kind"),
            ("attachments_pct", "attachments"),
        )
    )
    out["failures"] = failures
    return out


def reference_bodies(cases: list[tuple[str, bytes, dict]]) -> dict:
    """Exact-body share of mail-parser-reply (a dependency) on the same text, for comparison.

    The library works on text only: it gets the decoded text/plain part (or the HTML part as text,
    quotes included) that our MIME layer extracts, with every language it knows enabled.
    """
    try:
        from mailparser_reply import EmailReplyParser
        from mailparser_reply.constants import MAIL_LANGUAGES
    except ImportError:  # pragma: no cover - optional comparison
        return {"skipped": "mail-parser-reply is not installed"}
    import email

    from clearinghouse.forums.mailparse.htmltext import html_body_to_text
    from clearinghouse.forums.mailparse.parts import _Walk, _walk

    parser = EmailReplyParser(languages=[k for k in MAIL_LANGUAGES if k != "david"])
    ok = total = 0
    for _name, raw, exp in cases:
        if exp.get("body") is None or exp.get("kind", "reply") != "reply":
            continue
        total += 1
        walk = _Walk()
        _walk(email.message_from_bytes(raw.lstrip(b"\r\n")), walk)
        text = next((p for p in walk.plain if p.strip()), "") or html_body_to_text(
            next((h for h in walk.html if h.strip()), ""), drop_quotes=False
        )
        try:
            body = parser.parse_reply(text=text)
        except Exception:  # noqa: BLE001 - a library failure counts as a miss
            body = ""
        ok += collapse(body) == collapse(exp["body"])
    return {"body_exact_pct": _pct(ok, total), "bodies_scored": total}


def large_message(lines: int = 20000, goal_seconds: float = 10.0) -> dict:
    """Parse time of one 2 MB reply (20,000 lines of text over 20,000 quoted lines): no quadratic path."""
    body = "This is a line of text about marine areas, with some words.\n" * lines + "> quoted line\n" * lines
    raw = (
        "From: A <a@example.org>\nTo: reply+k@example.org\nSubject: Re: x\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + body
    ).encode()
    started = time.perf_counter()
    parse_message(raw)
    seconds = round(time.perf_counter() - started, 2)
    return {
        "bytes": len(raw),
        "seconds": seconds,
        "goal_seconds": goal_seconds,
        "goal_met": seconds <= goal_seconds,
    }


def own_cases(folder: Path) -> list[tuple[str, bytes, dict]]:
    cases = []
    for eml in sorted(folder.glob("*.eml")):
        exp = json.loads(eml.with_suffix(".json").read_text(encoding="utf-8"))
        cases.append((eml.stem, eml.read_bytes(), exp))
    return cases


def peer_cases(folder: Path) -> tuple[list, list]:
    """``(scored, debatable)`` cases of the peer set."""
    scored, debatable = [], []
    lines = (folder / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        if not line.strip():
            continue
        row = json.loads(line)
        exp = {"kind": row["kind"], "body": row.get("body"), "attachments": row.get("attachments")}
        case = (f"{row['file']} {row['source']}", (folder / row["file"]).read_bytes(), exp)
        (debatable if row.get("debatable") else scored).append(case)
    return scored, debatable


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--peer", type=Path, default=PEER_DEFAULT)
    ap.add_argument("--show-failures", action="store_true", help="print the cases that miss")
    ap.add_argument(
        "--no-reference", dest="reference", action="store_false", help="skip the mail-parser-reply comparison"
    )
    ap.add_argument(
        "--only",
        help="score only this set (own_tuned, own_heldout, own_heldout2, own_tuned_h3, own_heldout4, peer)",
    )
    args = ap.parse_args()
    tests = ROOT / "tests" / "forums"
    strict = {"body": 100.0, "kind": 100.0, "attachments": 100.0}
    unseen = {"body": 95.0, "kind": 100.0, "attachments": 100.0}
    sets: dict[str, dict] = {}
    plan = [
        ("own_tuned", tests / "mail_corpus", strict),
        ("own_heldout", tests / "mail_corpus_heldout", unseen),
        ("own_heldout2", tests / "mail_corpus_heldout2", unseen),
        ("own_tuned_h3", tests / "mail_corpus_heldout3", strict),
        ("own_heldout4", tests / "mail_corpus_heldout4", unseen),
    ]
    notes = {
        "own_tuned": "tuned on",
        "own_heldout": "held out by an earlier round",
        "own_heldout2": "held out, but built by the same generator as the tuned corpus",
        "own_tuned_h3": "was held-out 3; its misses were seen and their families fixed: now tuned",
        "own_heldout4": "hand-written, committed before the parser ran on it, never tuned on: the unseen figure",
    }
    for name, folder, goals in plan:
        if args.only and args.only != name:
            continue
        if folder.is_dir():
            sets[name] = score(own_cases(folder), goals)
            sets[name]["role"] = notes[name]
    if (not args.only or args.only == "peer") and (args.peer / "expected.jsonl").exists():
        scored, debatable = peer_cases(args.peer)
        sets["peer"] = score(scored, {"body": 90.0, "kind": 100.0, "attachments": 100.0})
        sets["peer_debatable"] = score(debatable, {"body": 0.0, "kind": 0.0, "attachments": 0.0})
        sets["peer_debatable"]["note"] = (
            "expectations that conflict with another peer or this project's convention"
        )
    elif not args.only:
        sets["peer"] = {"skipped": f"no peer set at {args.peer}"}
    if args.reference:
        for name, folder, _goals in plan:
            if name in sets:
                sets[name]["reference_mail_parser_reply"] = reference_bodies(own_cases(folder))
        if "peer" in sets and "skipped" not in sets["peer"]:
            sets["peer"]["reference_mail_parser_reply"] = reference_bodies(peer_cases(args.peer)[0])
    for name, res in sets.items():
        if "skipped" in res:
            print(f"{name:16} skipped: {res['skipped']}")
            continue
        print(
            f"{name:16} {res['messages']:4d} mails  body {res['body_exact_pct']}% (goal {res['goal_body_exact_pct']})"
            f"  kind {res['kind_pct']}%  attachments {res['attachments_pct']}%  goal_met={res['goal_met']}"
            f"  {res['messages_per_s']} mails/s"
            + (
                f"  [mail-parser-reply: body {res['reference_mail_parser_reply'].get('body_exact_pct')}%]"
                if "reference_mail_parser_reply" in res
                else ""
            )
        )
        if args.show_failures:
            for f in res["failures"]:
                print("   MISS", f["case"], f["wrong"])
                if "body" in f["wrong"]:
                    print("     got:", repr(collapse(f["got_body"]))[:400])
                    print("     exp:", repr(collapse(f["expected_body"]))[:400])
    if not args.only:
        sets["large_message"] = large_message()
        print(
            f"large_message    {sets['large_message']['bytes']} bytes parsed in {sets['large_message']['seconds']} s"
            f" (goal {sets['large_message']['goal_seconds']} s)  goal_met={sets['large_message']['goal_met']}"
        )
        RESULTS.mkdir(exist_ok=True)
        summary = {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sets": {
                k: {kk: vv for kk, vv in v.items() if kk != "failures"}
                | {"misses": [f["case"] for f in v.get("failures", [])]}
                for k, v in sets.items()
            },
            "goal_met": all(v.get("goal_met", True) for k, v in sets.items() if k != "peer_debatable"),
        }
        (RESULTS / "mailparse.json").write_text(
            json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
