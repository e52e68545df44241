"""Reading needs/offers as JSONL and writing suggestions as JSONL, CSV or printable HTML."""

from __future__ import annotations

import html
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .reasons import Suggestion

Results = Sequence[tuple[str, Sequence[Suggestion]]]


def iter_jsonl(path: str | Path, err: IO[str] | None = None) -> Iterator[dict[str, Any]]:
    """Objects of a JSONL file; a malformed line is reported on stderr with its number and skipped.

    ``keep_default_na``-style surprises cannot happen here: ``"NA"`` stays the string ``"NA"``.
    """
    err = err or sys.stderr
    with open(path, encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{path}:{lineno}: skipped malformed JSON line ({exc.msg})", file=err)
                continue
            if not isinstance(obj, dict) or obj.get("id") in (None, ""):
                print(f"{path}:{lineno}: skipped line without an object with an 'id'", file=err)
                continue
            yield obj


def read_jsonl(path: str | Path, err: IO[str] | None = None) -> list[dict[str, Any]]:
    """All objects of a JSONL file (see :func:`iter_jsonl`)."""
    return list(iter_jsonl(path, err))


def write_jsonl(results: Results, out: IO[str], structured: bool = False) -> None:
    """One line per need, in input order: ``{"need": ID, "offers": [{"id", "score", "reasons"}]}``."""
    for need_id, suggestions in results:
        offers = []
        for s in suggestions:
            d = s.to_dict(structured=structured)
            if not d["unmet"]:
                d.pop("unmet")
            offers.append(d)
        out.write(json.dumps({"need": need_id, "offers": offers}, ensure_ascii=False) + "\n")


def write_csv(results: Results, out: IO[str]) -> None:
    """One row per suggestion: need, rank, offer, score, reasons, unmet."""
    from clearinghouse.core.exports import csv_writer  # pure Python: the engine stays Django-free

    w = csv_writer(out)  # cells starting with = + - @ are escaped (formula injection)
    w.writerow(["need", "rank", "offer", "score", "reasons", "unmet"])
    for need_id, suggestions in results:
        for rank, s in enumerate(suggestions, start=1):
            w.writerow(
                [
                    need_id,
                    rank,
                    s.offer_id,
                    f"{s.score:.4f}",
                    "; ".join(r.text for r in s.reasons),
                    "; ".join(u.text for u in s.unmet),
                ]
            )


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans CJK SC",
sans-serif;margin:1.5rem;color:#111}
h1{font-size:1.4rem}
section{break-inside:avoid;page-break-inside:avoid;margin:0 0 1.2rem;border:1px solid #bbb;border-radius:6px}
.need{background:#fff6c2;padding:.6rem .8rem;border-bottom:1px solid #bbb}
.need h2{font-size:1.05rem;margin:0 0 .2rem}
.meta{font-size:.8rem;color:#444}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{text-align:start;vertical-align:top;padding:.35rem .5rem;border-top:1px solid #ddd}
td.offer{background:#ffe1dc;width:30%}
td.score{width:4rem;font-variant-numeric:tabular-nums}
.unmet{color:#8a1c00}
.none{padding:.5rem .8rem;font-style:italic}
@media print{body{margin:0}section{border-color:#888}}
"""


def write_html(
    results: Results,
    out: IO[str],
    needs: dict[str, Any] | None = None,
    offers: dict[str, Any] | None = None,
    title: str = "Needs and offers: suggested matches",
) -> None:
    """A self-contained printable page: one block per need (yellow) with its suggested offers (red)."""
    needs = needs or {}
    offers = offers or {}
    e = html.escape
    out.write(
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f"<style>{_CSS}</style></head><body>\n<h1>{e(title)}</h1>\n"
    )
    for need_id, suggestions in results:
        n = needs.get(need_id)
        ntitle = getattr(n, "title", "") if n else ""
        lang = getattr(n, "language", "") if n else ""
        meta = f"{need_id}" + (f" · {getattr(n, 'country', '')} · {lang}" if n else "")
        out.write(
            f'<section><div class="need" lang="{e(lang)}" dir="auto"><h2>{e(ntitle or need_id)}</h2>'
            f'<div class="meta">{e(meta)}</div></div>\n'
        )
        if not suggestions:
            out.write('<div class="none">No suggestion.</div></section>\n')
            continue
        out.write(
            "<table><thead><tr><th>#</th><th>Offer</th><th>Score</th><th>Why</th></tr></thead><tbody>\n"
        )
        for rank, s in enumerate(suggestions, start=1):
            o = offers.get(s.offer_id)
            otitle = getattr(o, "title", "") if o else ""
            olang = getattr(o, "language", "") if o else ""
            why = "".join(f"<li>{e(r.text)}</li>" for r in s.reasons)
            why += "".join(f'<li class="unmet">⚠ {e(u.text)}</li>' for u in s.unmet)
            out.write(
                f'<tr><td>{rank}</td><td class="offer" lang="{e(olang)}" dir="auto">'
                f'<strong>{e(otitle or s.offer_id)}</strong><div class="meta">{e(s.offer_id)}'
                f"{' · ' + e(getattr(o, 'country', '')) if o else ''}</div></td>"
                f'<td class="score">{s.score:.2f}</td><td><ul>{why}</ul></td></tr>\n'
            )
        out.write("</tbody></table></section>\n")
    out.write("</body></html>\n")
