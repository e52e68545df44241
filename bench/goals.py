"""The goals of issue 11 beside the figures the benchmarks last wrote: one table, read from ``bench/results``.

Run: ``.venv/bin/python bench/goals.py`` (``make bench`` prints it at the end and stores it in
``bench/results/summary.json``). Nothing is measured here: each row reads the result file of the
benchmark that measures it, with that file's date, and says "not measured" when the file or the
figure is missing. Where a set was tuned on and another was not, both figures are shown; the goal
is judged on the one not tuned on (held out, or written by others).
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def _load(name: str) -> dict:
    path = RESULTS / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _get(data: dict, *keys, default=None):
    for key in keys:
        if isinstance(data, list) and isinstance(key, int) and -len(data) <= key < len(data):
            data = data[key]
        elif isinstance(data, dict) and key in data:
            data = data[key]
        else:
            return default
    return data


def _row(part: str, what: str, *, tuned=None, judged, goal, higher_is_better: bool = True, unit: str = "",
         judged_on: str = "held out", source: str = "", date: str | None = None, has_tuned: bool = True) -> dict:
    met = None
    if judged is not None and not isinstance(judged, str):
        met = judged >= goal if higher_is_better else judged <= goal
    return {"part": part, "what": what, "tuned": tuned if tuned is not None or not has_tuned else "not measured", "judged": judged, "judged_on": judged_on, "goal": goal,
            "goal_is": ">=" if higher_is_better else "<=", "unit": unit, "met": met, "source": source, "date": date}


def issue11() -> list[dict]:
    rows = []
    parse = _load("mailparse.json")
    sets = parse.get("sets", {})
    date = parse.get("date")
    rows.append(_row("1", "reply bodies extracted exactly, own mail", unit="%",
                     tuned=_get(sets, "own_tuned", "body_exact_pct"), judged=_get(sets, "own_heldout4", "body_exact_pct"),
                     goal=95.0, judged_on="hand-written held-out set", source="mailparse.json", date=date))
    rows.append(_row("1", "reply bodies extracted exactly, other parsers' test mail", unit="%", has_tuned=False,
                     judged=_get(sets, "peer", "body_exact_pct"), goal=90.0, judged_on="../shared/data/mail-peer",
                     source="mailparse.json", date=date))
    for label, key in (("kinds", "kind_pct"), ("attachments", "attachments_pct")):
        rows.append(_row("1", f"{label} right, own mail", unit="%", tuned=_get(sets, "own_tuned", key),
                         judged=_get(sets, "own_heldout4", key), goal=100.0, judged_on="hand-written held-out set",
                         source="mailparse.json", date=date))

    rel = _load("relevance.json")
    date = rel.get("date")
    rows.append(_row("2", "hybrid nDCG@10, hand-written queries graded per record", tuned=_get(
        rel, "handwritten", "tuned", "hybrid", "ndcg10"), judged=_get(rel, "handwritten", "heldout", "hybrid", "ndcg10"),
        goal=0.90, source="relevance.json", date=date))
    rows.append(_row("2", "hybrid nDCG@10, same, scored on the hand-written records alone", tuned=_get(
        rel, "handwritten", "tuned", "hybrid", "ndcg10_hand_only"),
        judged=_get(rel, "handwritten", "heldout", "hybrid", "ndcg10_hand_only"), goal=0.90, source="relevance.json",
        date=date))
    rows.append(_row("2", "hybrid nDCG@10, same, every record judged (pooled)",
        tuned=_get(rel, "handwritten", "tuned", "hybrid", "ndcg10_pooled"),
        judged=_get(rel, "handwritten", "heldout", "hybrid", "ndcg10_pooled"), goal=0.90, source="relevance.json",
        date=date))
    rows.append(_row("2", "hybrid nDCG@10, unseen paraphrased queries (all held out)", has_tuned=False,
        judged=_get(rel, "unseen", "heldout", "hybrid", "ndcg10"), goal=0.90, judged_on="relevance-unseen.json",
        source="relevance.json", date=date))
    rows.append(_row("2", "hybrid nDCG@10, queries written blind to the search", has_tuned=False,
        judged=_get(rel, "unseen2", "heldout", "hybrid", "ndcg10"), goal=0.90, judged_on="relevance-unseen-2.json",
        source="relevance.json", date=date))
    rows.append(_row("2", "hybrid nDCG@10, theme-level queries (easy)", tuned=_get(
        rel, "theme_level", "tuned", "hybrid", "ndcg10"), judged=_get(rel, "theme_level", "heldout", "hybrid", "ndcg10"),
        goal=0.90, source="relevance.json", date=date))

    for db in ("postgres", "sqlite"):
        search = _load(f"search-{db}.json")
        n = search.get("n")
        if n and n < 1_000_000:
            search = {}
        date = search.get("date")
        rows.append(_row("3", f"search page p95 at 1M records, {db}, one user", unit="ms", has_tuned=False,
                         judged=_round(_get(search, "keyword", "page_with_total_and_facets_ms", "p95")), goal=50,
                         higher_is_better=False, judged_on="bench queries", source=f"search-{db}.json", date=date))
        rows.append(_row("3", f"search page p95 at 1M records, {db}, default (hybrid) page", unit="ms",
                         has_tuned=False, judged=_round(_get(search, "hybrid", "page_ms", "p95")), goal=50,
                         higher_is_better=False, judged_on="bench queries", source=f"search-{db}.json",
                         date=_get(search, "hybrid", "from_earlier_run") or date))
        rows.append(_row("3", f"search page p95 at 1M records, {db}, 50 users", unit="ms", has_tuned=False,
                         judged=_round(_get(search, "concurrent", 0, "page_ms", "p95")), goal=50,
                         higher_is_better=False, judged_on="bench queries", source=f"search-{db}.json", date=date))
    # The part by meaning of the hybrid page, the same on both databases (numpy, in the web process), with the
    # recall its speed costs on real vectors.
    search = _load("search-sqlite.json")
    semantic = _get(search, "semantic", default={}) if search.get("n") == 1_000_000 else {}
    date = semantic.get("from_earlier_run") or search.get("date")
    rows.append(_row("3", "search by meaning p95 at 1M vectors (part of the hybrid page)", unit="ms", has_tuned=False,
                     judged=_round(_get(semantic, "top10_ms", "p95")), goal=100, higher_is_better=False,
                     judged_on="bench queries", source="search-sqlite.json", date=date))
    rows.append(_row("3", "  its recall@10 against exact search, real vectors", has_tuned=False,
                     judged=_get(semantic, "real", "recall_at_10_vs_exact"), goal=0.95,
                     judged_on=f"{_get(semantic, 'real', 'vectors', default=0):,} embedded records",
                     source="search-sqlite.json", date=date))

    mail = _load("mail.json")
    one = _get(mail, "ingest", "1_workers", default={})
    judged = one.get("processed_per_s")
    if one and not (one.get("none_lost") and one.get("none_duplicated")):
        judged = 0.0  # a lost or doubled reply fails the goal whatever the rate
    rows.append(_row("4", "inbound replies drained by one worker (none lost or doubled)", unit="mails/s", has_tuned=False,
                     judged=judged, goal=100.0, judged_on=f"{one.get('replies_sent', '?')} replies",
                     source="mail.json", date=mail.get("date")))

    match = _load("matching.json")
    rows.append(_row("5", "matcher nDCG@10 on hard needs", tuned=_get(match, "quality", "hard-tune", "full", "ndcg@10"),
                     judged=_get(match, "quality", "hard-holdout", "full", "ndcg@10"), goal=0.88,
                     source="matching.json"))
    rows.append(_row("5", "matcher nDCG@10 on ordinary needs", tuned=_get(match, "quality", "dev", "full", "ndcg@10"),
                     judged=_get(match, "quality", "ordinary-unseen", "full_ndcg@10"), goal=0.95,
                     judged_on="unseen sets", source="matching.json"))
    return rows


def _round(value):
    return round(value) if isinstance(value, int | float) else value


def _fmt(value) -> str:
    if value is None:
        return ""
    if value == "not measured":
        return value
    if isinstance(value, float):
        return f"{value:.3f}" if value < 1.5 else f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(rows: list[dict]) -> str:
    lines = ["Issue 11 goals (figure judged = on data not tuned on)", ""]
    head = f"{'part':<5}{'what':<66}{'tuned':>14}{'judged':>14}  {'goal':<18}{'met':<5}"
    lines += [head, "-" * len(head)]
    for r in rows:
        goal = f"{r['goal_is']} {_fmt(r['goal'])} {r['unit']}".strip()
        met = "-" if r["met"] is None else ("yes" if r["met"] else "NO")
        lines.append(f"{r['part']:<5}{r['what'][:65]:<66}{_fmt(r['tuned']):>14}{_fmt(r['judged'] if r['judged'] is not None else 'not measured'):>14}  {goal:<18}{met:<5}")
    lines.append("")
    for source in dict.fromkeys(r["source"] for r in rows):
        row = next(r for r in rows if r["source"] == source)
        lines.append(f"bench/results/{source}: {row['date'] or 'no date in the file'}")
    return "\n".join(lines)


def main() -> None:
    print(table(issue11()))


if __name__ == "__main__":
    main()
