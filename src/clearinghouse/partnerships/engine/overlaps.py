"""Pairs of activities that are one activity registered twice (duplicate) or two initiatives that should
coordinate (overlap).

How it works, and why it scales:

1. **Blocking.** Activities are grouped by country; only pairs inside a country's block are looked at (a
   regional programme sits in the block of each of its countries, and a pair found twice is kept once).
2. **Vectorised gates**, per block and in chunks, with numpy: the periods overlap, at least one kind of support
   and one target element are shared, and the texts are at least loosely alike (cosine of the shared
   multilingual embedder's vectors, so a French and an Arabic record of the same thing meet).
3. **Scoring** of the few survivors in Python with the structured fields: the same set of countries (a regional
   programme is not a national project), the same site (subnational area words), how much the periods,
   kinds of support and elements coincide, budgets converted to a common currency, and the text similarity.
   A pair whose dates are within a quarter and whose budgets agree (or are missing) is a *duplicate*; the
   others are *overlaps*. Every suggestion carries its reasons as codes with parameters (translated by the
   site) and as English text (for files).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .rates import to_usd
from .records import ActivityRecord, month_label

#: Cosine similarity of two texts mapped to 0..1 per embedder: (unrelated level, same-meaning level).
SIMILARITY_RANGE = {"use-multilingual-v3": (0.15, 0.65), "multilingual-e5-small-q4": (0.8, 0.92)}
DEFAULT_RANGE = (0.15, 0.65)
MIN_SCORE = 0.55
DUPLICATE_MONTHS = 3  # starts and ends this close may be one activity
BUDGET_RATIO = 0.8  # smaller / larger budget at or above this: the same budget
CHUNK = 1024

PLACE_STOPWORDS = frozenset("""
and et y e und и of the de del la le les los las d l du des region regional regione province provincia
provinces department departement departamento district distrito county governorate wilaya state estado
prefecture oblast область район municipality municipio municipal commune area areas zone national park
north south east west northern southern eastern western central city metropolitan island islands
""".split())


@dataclass
class Reason:
    code: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return REASON_TEXT[self.code].format(**self.params)


REASON_TEXT = {
    "same_countries": "same country: {countries}",
    "same_place": "same area: {place}",
    "periods": "periods overlap by {months} months ({start} to {end})",
    "dates_close": "start and end within {months} months of each other",
    "budget_close": "budgets of the same size (about {usd} USD)",
    "budget_missing": "a budget is missing on one side",
    "support": "same kind of support: {support}",
    "elements": "same target elements: {elements}",
    "text": "descriptions alike ({similarity:.0%})",
    "languages": "written in {a} and {b}",
    "partners": "registered by different partners",
    "same_partner": "registered by the same partner",
}


@dataclass
class Pair:
    a: str
    b: str
    kind: str  # "duplicate" | "overlap"
    score: float
    reasons: list[Reason]
    similarity: float = 0.0

    def as_dict(self, structured: bool = False) -> dict:
        out = {"a": self.a, "b": self.b, "kind": self.kind, "score": round(self.score, 4),
               "reasons": [str(r) for r in self.reasons]}
        if structured:
            out["codes"] = [{"code": r.code, "params": r.params} for r in self.reasons]
        return out


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def place_words(text: str) -> frozenset[str]:
    """The distinctive words of a subnational area (``"Provincia de Montecristi"`` -> ``{"montecristi"}``)."""
    words = re.split(r"[^\w]+", _fold(text or ""))
    return frozenset(w for w in words if len(w) > 1 and w not in PLACE_STOPWORDS and not w.isdigit())


def _bits(values: Sequence[frozenset[str]]) -> np.ndarray:
    vocab: dict[str, int] = {}
    out = np.zeros(len(values), dtype=np.uint64)
    for i, vs in enumerate(values):
        m = 0
        for v in vs:
            b = vocab.setdefault(v, len(vocab) % 64)
            m |= 1 << b
        out[i] = m
    return out


def _similarity_scale(model_id: str | None) -> tuple[float, float]:
    return SIMILARITY_RANGE.get(model_id or "", DEFAULT_RANGE)


def candidate_pairs(records: Sequence[ActivityRecord], vectors: np.ndarray | None, *, floor: float) -> set[tuple[int, int]]:
    """Index pairs (i < j) that pass the blocking and the vectorised gates."""
    n = len(records)
    start = np.fromiter((r.start for r in records), dtype=np.int32, count=n)
    end = np.fromiter((r.end for r in records), dtype=np.int32, count=n)
    sup = _bits([r.support for r in records])
    ele = _bits([r.elements for r in records])
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        for c in r.countries:
            blocks[c].append(i)
    found: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        idx = np.asarray(members, dtype=np.int64)
        for lo in range(0, len(idx), CHUNK):
            rows = idx[lo:lo + CHUNK]
            cols = idx[lo:]  # pairs with the rows of this chunk and those after it
            mask = (start[rows, None] <= end[None, cols]) & (start[None, cols] <= end[rows, None])
            mask &= (sup[rows, None] & sup[None, cols]) != 0
            mask &= (ele[rows, None] & ele[None, cols]) != 0
            mask &= rows[:, None] < cols[None, :]
            if vectors is not None:
                ii, jj = np.nonzero(mask)
                if len(ii):
                    sims = np.einsum("ij,ij->i", vectors[rows[ii]], vectors[cols[jj]])
                    keep = sims >= floor
                    ii, jj = ii[keep], jj[keep]
            else:
                ii, jj = np.nonzero(mask)
            found.update(zip(rows[ii].tolist(), cols[jj].tolist(), strict=True))
    return found


def score_pair(a: ActivityRecord, b: ActivityRecord, sim: float, scale: tuple[float, float],
               has_text: bool = True) -> Pair | None:
    """The suggestion for one candidate pair, or None when the structured fields rule it out."""
    ca, cb = set(a.countries), set(b.countries)
    shared_c = ca & cb
    if len(shared_c) / len(ca | cb) < 0.5:
        return None  # a regional programme and a national project, or different countries
    pa, pb = place_words(a.subnational), place_words(b.subnational)
    same_place = pa & pb
    if pa and pb and not same_place:
        return None  # the same template at another site
    months = min(a.end, b.end) - max(a.start, b.start) + 1
    if months <= 0:
        return None
    support = a.support & b.support
    elements = a.elements & b.elements
    if not support or not elements:
        return None  # complementary support, or another part of the target
    lo, hi = scale
    text = min(max((sim - lo) / (hi - lo), 0.0), 1.0)
    ua, ub = to_usd(a.budget, a.currency), to_usd(b.budget, b.currency)
    budget_close = ua is not None and ub is not None and max(ua, ub) > 0 and min(ua, ub) / max(ua, ub) >= BUDGET_RATIO
    budget_missing = a.budget is None or b.budget is None
    budget_far = ua is not None and ub is not None and not budget_close
    dates_close = abs(a.start - b.start) <= DUPLICATE_MONTHS and abs(a.end - b.end) <= DUPLICATE_MONTHS
    sj = len(support) / len(a.support | b.support)
    ej = len(elements) / len(a.elements | b.elements)
    period = months / max(1, min(a.end - a.start + 1, b.end - b.start + 1))
    place = 1.0 if same_place else 0.5
    reasons = [Reason("same_countries", {"countries": ", ".join(sorted(shared_c))})]
    if same_place:
        reasons.append(Reason("same_place", {"place": ", ".join(sorted(same_place))}))
    if dates_close and not budget_far and text >= 0.35:
        kind = "duplicate"
        closeness = 1 - (abs(a.start - b.start) + abs(a.end - b.end)) / (2 * DUPLICATE_MONTHS + 1)
        score = 0.5 * text + 0.15 * closeness + 0.15 * (1.0 if budget_close else 0.6) + 0.1 * sj + 0.1 * ej
        reasons.append(Reason("dates_close", {"months": max(abs(a.start - b.start), abs(a.end - b.end))}))
        if budget_close:
            reasons.append(Reason("budget_close", {"usd": f"{round(max(ua, ub), -3):,.0f}"}))
        elif budget_missing:
            reasons.append(Reason("budget_missing"))
    else:
        kind = "overlap"
        score = 0.45 * text + 0.2 * place + 0.15 * sj + 0.1 * ej + 0.1 * period
        reasons.append(Reason("periods", {"months": months, "start": month_label(max(a.start, b.start)),
                                          "end": month_label(min(a.end, b.end))}))
    reasons.append(Reason("support", {"support": ", ".join(sorted(support))}))
    reasons.append(Reason("elements", {"elements": ", ".join(sorted(elements))}))
    if has_text:
        reasons.append(Reason("text", {"similarity": max(sim, 0.0)}))
    if a.language and b.language and a.language != b.language:
        reasons.append(Reason("languages", {"a": a.language, "b": b.language}))
    if a.partner and b.partner:
        reasons.append(Reason("same_partner" if a.partner == b.partner else "partners"))
    x, y = (a, b) if a.id <= b.id else (b, a)
    return Pair(x.id, y.id, kind, round(score, 4), reasons, similarity=float(sim))


def detect(records: Sequence[ActivityRecord], vectors: np.ndarray | None = None, *, model_id: str | None = None,
           min_score: float = MIN_SCORE, floor: float | None = None) -> list[Pair]:
    """Suggested pairs, best first. ``vectors``: one L2-normalised row per record (or None: no text signal)."""
    if vectors is not None and len(vectors) != len(records):
        raise ValueError("one vector per activity is needed")
    scale = _similarity_scale(model_id)
    floor = scale[0] if floor is None else floor
    pairs = []
    for i, j in candidate_pairs(records, vectors, floor=floor):
        # without vectors the text is neither for nor against: the middle of the scale
        sim = float(vectors[i] @ vectors[j]) if vectors is not None else (scale[0] + scale[1]) / 2
        pair = score_pair(records[i], records[j], sim, scale, has_text=vectors is not None)
        if pair is not None and pair.score >= min_score:
            pairs.append(pair)
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))
    return pairs


def clusters(pairs: Sequence[Pair]) -> list[list[str]]:
    """Groups of activities linked by suggestions (union-find), largest first."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in parent:
        groups[find(x)].append(x)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))
