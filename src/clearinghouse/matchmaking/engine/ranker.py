"""Hybrid ranking of offers for needs: meaning, keywords, concepts, metadata and prose constraints."""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import specifics
from .constraints import Profile, build_profile, country_regions
from .post import Post
from .reasons import Reason, Suggestion, label, language_name
from .text import split_sentences, tokens
from .vocab import CONCEPTS, FAMILIES

REGION_LABELS = {
    "africa": "Africa",
    "pacific": "the Pacific",
    "caribbean": "the Caribbean",
    "latin_america": "Latin America",
    "asia": "Asia",
    "central_asia": "Central Asia",
    "arab": "the Arab States",
    "europe": "Europe",
    "ldc": "least developed countries",
    "sids": "small island developing States",
    "west_africa": "West Africa",
    "east_africa": "East Africa",
    "central_africa": "Central Africa",
    "north_africa": "North Africa",
    "southern_africa": "Southern Africa",
    "central_america": "Central America",
    "southeast_asia": "South-East Asia",
    "south_asia": "South Asia",
    "caucasus": "the Caucasus",
    "mediterranean": "the Mediterranean",
    "eu": "the European Union",
    "gcc": "the Gulf Cooperation Council",
}
BODY_LABELS = {
    "government": "government bodies",
    "ngo": "non-governmental organisations",
    "community": "community and indigenous organisations",
    "research": "research and academic institutions",
    "private": "private companies",
    "intergovernmental": "intergovernmental organisations",
}
NEAR_MISS = 0.5  # multiplier for an offer whose gear, instrument, eligibility or funding rules out the need
SPECIFIC_ECOSYSTEMS = frozenset({"mangrove", "seagrass", "kelp", "coral_reef", "peatland", "wetland", "cave"})
_SUPPORT_FAMILY = {k: v for k, v in FAMILIES.items() if CONCEPTS.get(k) and CONCEPTS[k].category == "support"}


@dataclass(frozen=True)
class Weights:
    """Weights of the signals; the defaults are the full ranker."""

    semantic: float = 0.42
    keyword: float = 0.14
    concept: float = 0.26
    support: float = 0.12
    targets: float = 0.06
    constraints: bool = True
    mismatch: bool = True

    @classmethod
    def only(cls, signal: str) -> Weights:
        """One signal alone, without constraints (for ablations)."""
        zero = dict(semantic=0.0, keyword=0.0, concept=0.0, support=0.0, targets=0.0)
        zero[signal] = 1.0
        return cls(**zero, constraints=False, mismatch=False)


DEFAULT_WEIGHTS = Weights()
#: Cosine similarities mapped to 0..1 per model: (unrelated level, strong-match level).
SIMILARITY_RANGE: dict[str, tuple[float, float]] = {
    "use-multilingual-v3": (0.1, 0.7),
    "multilingual-e5-small-q4": (0.8, 0.92),
}
HARD = 0.5  # multiplier for a broken constraint
DEADLINE = 0.15
SOFT = 0.85


@dataclass
class PostVectors:
    """Precomputed embeddings of posts, one matrix per field, tagged with the model that made them.

    ``sentences`` is optional: a list with one ``(k_i, dim)`` array per post (title first).
    """

    model_id: str
    title: np.ndarray
    description: np.ndarray
    sentences: list[np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.title)

    @property
    def full(self) -> np.ndarray:
        v = 0.35 * self.title + self.description
        n = np.linalg.norm(v, axis=1, keepdims=True)
        n[n == 0] = 1
        return (v / n).astype(np.float32)


def embed_posts(
    posts: Sequence[Post], embedder: Any, progress: bool = False, batch: int = 64, sentences: bool = False
) -> PostVectors:
    """Embed titles and descriptions of posts with one embedder.

    With ``sentences=True`` each sentence of the description is embedded too, for sentence-level
    evidence.  It doubles the cost and did not improve ranking on the development set with USE
    (bench/bench_matching.py), so it is off by default; title-vs-description cross similarities
    are used instead.
    """
    texts: list[str] = []
    layout: list[tuple[int, int, int, int]] = []  # title idx, desc idx, first sentence idx, n sentences
    for p in posts:
        sents = split_sentences(p.description)
        t = len(texts)
        texts.append(p.title or p.description[:200])
        texts.append(p.description or p.title)
        s = len(texts)
        if sentences and len(sents) > 1:
            texts.extend(sents)
        layout.append((t, t + 1, s, len(sents) if sentences and len(sents) > 1 else 0))
    chunks = [texts[i : i + batch] for i in range(0, len(texts), batch)]
    bar = None
    if progress and chunks and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(texts), desc="embedding", unit="text", file=sys.stderr)
    parts = []
    for chunk in chunks:
        parts.append(np.asarray(embedder.embed(chunk), dtype=np.float32))
        if bar:
            bar.update(len(chunk))
    if bar:
        bar.close()
    mat = np.concatenate(parts) if parts else np.zeros((0, embedder.dim), dtype=np.float32)
    title = mat[[t for t, *_ in layout]] if layout else mat[:0]
    desc = mat[[d for _, d, *_ in layout]] if layout else mat[:0]
    if not sentences:
        return PostVectors(embedder.model_id, title, desc, None)
    sent_rows = []
    for t, d, s, n in layout:
        rows = [mat[t]] + ([mat[i] for i in range(s, s + n)] if n else [mat[d]])
        sent_rows.append(np.stack(rows))
    return PostVectors(embedder.model_id, title, desc, sent_rows)


def _concept_features(prof: Profile) -> dict[str, float]:
    """Sub-linear concept weights (title counts double), plus half-weight family features."""
    feats: dict[str, float] = {}
    for cid, n in prof.concepts.items():
        c = CONCEPTS[cid]
        if c.category == "support" or cid in prof.excluded:
            continue
        w = 1.0 + math.log(n) + (1.0 if cid in prof.title_concepts else 0.0)
        feats[cid] = w
        if c.category in ("ecosystem", "taxon") and cid in FAMILIES:
            fam = "~" + FAMILIES[cid]
            feats[fam] = max(feats.get(fam, 0.0), 0.5 * w)
    return feats


class _Offers:
    """Per-offer data that does not depend on vectors."""

    def __init__(self, offers: Sequence[Post]):
        self.posts = list(offers)
        self.ids = [p.id for p in self.posts]
        self.profiles = [build_profile(p, "offer") for p in self.posts]
        self.features = [_concept_features(pr) for pr in self.profiles]
        df: Counter[str] = Counter()
        for f in self.features:
            df.update(f.keys())
        n = max(len(self.posts), 1)
        self.idf = {k: math.log(1 + n / (1 + v)) for k, v in df.items()}
        self.default_idf = math.log(1 + n)
        self.norms = [self._norm(f) for f in self.features]
        self._build_bm25()

    def _norm(self, feats: dict[str, float]) -> float:
        return math.sqrt(sum((w * self.idf.get(k, self.default_idf)) ** 2 for k, w in feats.items())) or 1.0

    @staticmethod
    def doc_terms(post: Post, prof: Profile) -> list[str]:
        title = tokens(post.title)
        terms = title + title + tokens(post.description)
        for cid, n in prof.concepts.items():
            if cid not in prof.excluded:
                terms.extend(["#" + cid] * (2 * min(n, 3)))
        return terms

    def _build_bm25(self, k1: float = 1.2, b: float = 0.75) -> None:
        postings: dict[str, tuple[list[int], list[float]]] = {}
        lengths = np.zeros(len(self.posts), dtype=np.float32)
        counts = []
        for i, (p, pr) in enumerate(zip(self.posts, self.profiles, strict=False)):
            c = Counter(self.doc_terms(p, pr))
            counts.append(c)
            lengths[i] = sum(c.values())
        avgdl = float(lengths.mean()) if len(lengths) else 1.0
        n = len(self.posts)
        for i, c in enumerate(counts):
            norm = k1 * (1 - b + b * lengths[i] / max(avgdl, 1e-6))
            for term, tf in c.items():
                ids, ws = postings.setdefault(term, ([], []))
                ids.append(i)
                ws.append(tf * (k1 + 1) / (tf + norm))
        self.bm25: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, (ids, ws) in postings.items():
            idf = math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5))
            self.bm25[term] = (np.asarray(ids, dtype=np.int32), np.asarray(ws, dtype=np.float32) * idf)

    def bm25_scores(self, query_terms: Iterable[str]) -> np.ndarray:
        n = len(self.posts)
        scores = np.zeros(n, dtype=np.float32)
        too_common = n // 4 if n > 5000 else n + 1  # near-zero idf, long postings: skip on big indexes
        for term, qtf in Counter(query_terms).items():
            hit = self.bm25.get(term)
            if hit is not None and len(hit[0]) <= too_common:
                scores[hit[0]] += hit[1] * (1.0 + math.log(qtf))
        return scores


class MatchIndex:
    """Offers prepared for matching: profiles, keyword index and (optionally) precomputed vectors.

    Build it once (``MatchIndex.build(offers, embedder=...)`` or with ``vectors=``) and call
    :meth:`query` for each new need.
    """

    def __init__(
        self,
        offers: Sequence[Post],
        vectors: PostVectors | None = None,
        embedder: Any = None,
        weights: Weights = DEFAULT_WEIGHTS,
    ):
        self.data = _Offers(offers)
        self.embedder = embedder
        self.weights = weights
        self.vectors = vectors
        if vectors is not None:
            if len(vectors) != len(self.data.posts):
                raise ValueError("vectors do not match the number of offers")
            if embedder is not None and getattr(embedder, "model_id", vectors.model_id) != vectors.model_id:
                raise ValueError(
                    f"offer vectors were made by {vectors.model_id!r}, "
                    f"the embedder is {embedder.model_id!r}; re-embed first"
                )
            self._full = vectors.full
            self._title = np.ascontiguousarray(vectors.title, dtype=np.float32)
            if vectors.sentences is not None:
                self._sent_offsets = np.cumsum([0] + [len(s) for s in vectors.sentences])
                self._sent = np.concatenate(vectors.sentences).astype(np.float16)
            else:
                self._sent_offsets = None
                self._sent = None

    @classmethod
    def build(
        cls,
        offers: Sequence[Post],
        embedder: Any = None,
        vectors: PostVectors | None = None,
        weights: Weights = DEFAULT_WEIGHTS,
        progress: bool = False,
    ) -> MatchIndex:
        """Index offers; embeds them with ``embedder`` unless ``vectors`` are given."""
        if vectors is None and embedder is not None:
            vectors = embed_posts(offers, embedder, progress=progress)
        return cls(offers, vectors=vectors, embedder=embedder, weights=weights)

    def __len__(self) -> int:
        return len(self.data.posts)

    # -- querying ---------------------------------------------------------------------------
    def query(
        self,
        need: Post,
        top: int = 10,
        today: dt.date | None = None,
        need_vectors: PostVectors | None = None,
        candidates: int | None = None,
        weights: Weights | None = None,
        offer_similarities: np.ndarray | None = None,
    ) -> list[Suggestion]:
        """Best offers for one need, best first.

        ``offer_similarities`` (cosines of the need's full vector with every offer) may be passed
        when they were computed in a batch, see :meth:`query_many`.
        """
        w = weights or self.weights
        today = today or dt.date.today()
        prof = build_profile(need, "need")
        nfeat = _concept_features(prof)
        qterms = _Offers.doc_terms(need, prof)
        bm = self.data.bm25_scores(qterms)
        n = len(self.data.posts)
        if n == 0:
            return []
        sem_full = sem_title = None
        nvec = None
        if self.vectors is not None:
            if need_vectors is None:
                if self.embedder is None:
                    raise ValueError("need vectors or an embedder are required")
                need_vectors = embed_posts([need], self.embedder)
            if need_vectors.model_id != self.vectors.model_id:
                raise ValueError(
                    f"need vectors by {need_vectors.model_id!r}, offers by {self.vectors.model_id!r}"
                )
            nvec = need_vectors
            sem_full = offer_similarities if offer_similarities is not None else self._full @ nvec.full[0]
        # first stage: cheap scores on every offer, then the full model on candidates
        bm_max = float(bm.max()) or 1.0
        first = bm / bm_max * 0.4
        if sem_full is not None:
            first = first + sem_full
        candidates = candidates or max(60, 6 * top)
        lo, hi = SIMILARITY_RANGE.get(self.vectors.model_id if self.vectors is not None else "", (0.1, 0.7))
        if n > candidates:
            cand = np.argpartition(-first, candidates)[:candidates]
        else:
            cand = np.arange(n)
        sent = self._sentence_scores(nvec, cand) if nvec is not None else None
        if nvec is not None:
            sem_title = self._title[cand] @ nvec.title[0]
        kw_max = float(bm[cand].max()) or 1.0
        nnorm = self.data._norm(nfeat)
        out = []
        for j, i in enumerate(cand):
            i = int(i)
            feats = {
                "keyword": float(bm[i]) / kw_max,
                "concept": self._concept_sim(nfeat, nnorm, i),
            }
            if sem_full is not None:
                raw = 0.55 * float(sem_full[i]) + 0.15 * float(sem_title[j]) + 0.30 * float(sent[j])
                feats["semantic_raw"] = raw
                feats["semantic"] = min(max((raw - lo) / (hi - lo), 0.0), 1.0)
            else:
                feats["semantic"] = 0.0
            out.append(self._score(need, prof, i, feats, w, today, explain=False))
        out.sort(key=lambda s: (-s.score, s.offer_id))
        index_of = {self.data.ids[int(i)]: int(i) for i in cand}
        return [
            self._score(need, prof, index_of[s.offer_id], s.features, w, today, explain=True)
            for s in out[:top]
        ]

    def query_many(
        self,
        needs: Sequence[Post],
        need_vectors: PostVectors | None = None,
        top: int = 10,
        today: dt.date | None = None,
        weights: Weights | None = None,
        chunk: int = 512,
    ) -> list[tuple[str, list[Suggestion]]]:
        """Suggestions for many needs; the vector stage runs as chunked matrix products."""
        if self.vectors is not None and need_vectors is None:
            if self.embedder is None:
                raise ValueError("need vectors or an embedder are required")
            need_vectors = embed_posts(needs, self.embedder)
        out: list[tuple[str, list[Suggestion]]] = []
        for start in range(0, len(needs), chunk):
            block = needs[start : start + chunk]
            sims = None
            if need_vectors is not None and self.vectors is not None:
                sims = need_vectors.full[start : start + len(block)] @ self._full.T
            for j, need in enumerate(block):
                nv = None
                if need_vectors is not None:
                    k = start + j
                    sents = [need_vectors.sentences[k]] if need_vectors.sentences else None
                    nv = PostVectors(
                        need_vectors.model_id,
                        need_vectors.title[k : k + 1],
                        need_vectors.description[k : k + 1],
                        sents,
                    )
                res = self.query(
                    need,
                    top=top,
                    today=today,
                    need_vectors=nv,
                    weights=weights,
                    offer_similarities=sims[j] if sims is not None else None,
                )
                out.append((need.id, res))
        return out

    def _sentence_scores(self, nvec: PostVectors, cand: np.ndarray) -> np.ndarray:
        """Mean over need sentences of the best-matching offer sentence, for each candidate."""
        need_s = nvec.sentences[0] if nvec.sentences else np.stack([nvec.title[0], nvec.description[0]])
        if self._sent is None:
            rows = np.stack([self._title[cand], self._full[cand]], axis=1)  # (c, 2, d)
            sims = np.einsum("cjd,kd->ckj", rows, need_s)
            return sims.max(axis=2).mean(axis=1)
        starts = self._sent_offsets[cand]
        ends = self._sent_offsets[cand + 1]
        idx = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends, strict=False)])
        mat = self._sent[idx].astype(np.float32)
        sims = need_s @ mat.T  # (k, total)
        lens = ends - starts
        offs = np.concatenate([[0], np.cumsum(lens)[:-1]])
        best = np.maximum.reduceat(sims, offs, axis=1)  # (k, c)
        return best.mean(axis=0)

    def _concept_sim(self, nfeat: dict[str, float], nnorm: float, i: int) -> float:
        ofeat = self.data.features[i]
        idf = self.data.idf
        dflt = self.data.default_idf
        dot = sum(w * ofeat[k] * idf.get(k, dflt) ** 2 for k, w in nfeat.items() if k in ofeat)
        return dot / (nnorm * self.data.norms[i])

    # -- the full model ---------------------------------------------------------------------
    def _score(
        self,
        need: Post,
        np_: Profile,
        i: int,
        feats: dict[str, float],
        w: Weights,
        today: dt.date,
        explain: bool = True,
    ) -> Suggestion:
        """Score one offer for a need; with ``explain`` also build the reasons."""
        offer = self.data.posts[i]
        op = self.data.profiles[i]
        reasons: list[Reason] = []
        unmet: list[Reason] = []
        mult = 1.0
        # support kinds
        wanted = {k: v for k, v in np_.support.items() if k not in np_.excluded}
        provided = op.support
        if wanted:
            got = 0.0
            matched = []
            for k, v in wanted.items():
                if provided.get(k, 0) >= 0.3:
                    got += v
                    if v >= 0.5:
                        matched.append(k)
                elif any(_SUPPORT_FAMILY.get(k) == _SUPPORT_FAMILY.get(o) for o in provided):
                    got += 0.5 * v
            feats["support"] = got / sum(wanted.values())
            if matched and explain:
                reasons.append(Reason("support_match", {"kinds": [label(k) for k in matched]}))
        else:
            feats["support"] = 0.5
        # targets
        tn, to = set(need.targets), set(offer.targets)
        feats["targets"] = len(tn & to) / len(tn | to) if tn and to else 0.0
        # topic and context
        if w.mismatch:
            mult *= self._context_mismatch(np_, op, unmet)
        if w.constraints:
            mult *= self._constraints(need, np_, offer, op, wanted, today, reasons, unmet)
        base = (
            w.semantic * feats["semantic"]
            + w.keyword * feats["keyword"]
            + w.concept * feats["concept"]
            + w.support * feats["support"]
            + w.targets * feats["targets"]
        )
        semantic_w = w.semantic if "semantic_raw" in feats else 0.0  # no vectors: renormalise
        base /= (semantic_w + w.keyword + w.concept + w.support + w.targets) or 1.0
        score = float(min(max(base * mult, 0.0), 1.0))
        feats["multiplier"] = mult
        if not explain:
            return Suggestion(offer.id, score, [], unmet, feats)
        # reasons, most telling first
        shared = self._shared_concepts(np_, op)
        head: list[Reason] = []
        if shared:
            head.append(Reason("shared_concepts", {"concepts": [label(c) for c in shared]}))
        elif feats.get("semantic_raw", 0) > 0.35:
            head.append(Reason("similar_text", {"similarity": round(feats["semantic_raw"], 2)}))
        if tn & to:
            reasons.append(Reason("shared_targets", {"targets": sorted(tn & to)}))
        if offer.language != need.language:
            reasons.append(
                Reason(
                    "languages",
                    {
                        "offer_language": language_name(offer.language),
                        "need_language": language_name(need.language),
                    },
                )
            )
        else:
            reasons.append(Reason("same_language", {"language": language_name(offer.language)}))
        return Suggestion(offer.id, score, head + reasons, unmet, feats)

    @staticmethod
    def _shared_concepts(np_: Profile, op: Profile) -> list[str]:
        order = {"taxon": 0, "ecosystem": 1, "topic": 2}
        common = [c for c in np_.core & op.core if CONCEPTS[c].category != "support"]
        if not common:
            loose = (np_.core & set(op.concepts)) | (set(np_.concepts) & op.core)
            common = [c for c in loose if CONCEPTS[c].category != "support" and c not in np_.excluded]
        common.sort(key=lambda c: (order.get(CONCEPTS[c].category, 3), -np_.concepts[c], c))
        return common[:3]

    @staticmethod
    def _context_mismatch(np_: Profile, op: Profile, unmet: list[Reason]) -> float:
        mult = 1.0
        for category, code, pen in (
            ("ecosystem", "ecosystem_mismatch", 0.85),
            ("taxon", "taxon_mismatch", 0.8),
            ("zone", "zone_mismatch", 0.85),
        ):
            a = {c for c in np_.core if CONCEPTS[c].category == category}
            b = {c for c in op.core if CONCEPTS[c].category == category}
            if category == "ecosystem":
                sa, sb = a & SPECIFIC_ECOSYSTEMS, b & SPECIFIC_ECOSYSTEMS
                if sa and sb:
                    a, b = sa, sb
                elif sa and not sb and b:
                    b = b | {c for c in op.concepts if c in SPECIFIC_ECOSYSTEMS}
            if not a or not b or a & b:
                continue
            if category == "taxon":
                a, b = a - {"plants"} or a, b - {"plants"} or b
            # "mammals" is too broad a family to excuse a mismatch (bats vs ungulates vs seals)
            fa = {FAMILIES.get(c, c) if FAMILIES.get(c) != "mammals" else c for c in a}
            fb = {FAMILIES.get(c, c) if FAMILIES.get(c) != "mammals" else c for c in b}
            params = {"need": [label(c) for c in sorted(a)], "offer": [label(c) for c in sorted(b)]}
            if fa & fb:
                if category == "ecosystem":
                    unmet.append(Reason("ecosystem_neighbour", params, "soft"))
                    mult *= 0.9
                continue
            unmet.append(Reason(code, params, "soft"))
            mult *= pen
        return mult

    def _constraints(
        self,
        need: Post,
        np_: Profile,
        offer: Post,
        op: Profile,
        wanted: dict[str, float],
        today: dt.date,
        reasons: list[Reason],
        unmet: list[Reason],
    ) -> float:
        mult = 1.0
        # kinds of support or topics the need does not want
        strong = {k for k, v in op.support.items() if v >= 0.5}
        ex_support = {k: c for k, c in np_.excluded.items() if CONCEPTS[k].category == "support"}
        if ex_support and strong and strong <= set(ex_support) | {"technical_assistance"} - set(wanted):
            k = next(iter(set(ex_support) & strong), next(iter(ex_support)))
            if k in strong:
                unmet.append(
                    Reason("unwanted_support", {"kind": label(k), "clause": ex_support[k].text}, "hard")
                )
                mult *= HARD
        elif ex_support:
            # the unwanted kind is declared by the offer, next to others
            main = [k for k in ex_support if op.support.get(k, 0) >= 1.0]
            if main:
                k = main[0]
                unmet.append(
                    Reason("unwanted_support", {"kind": label(k), "clause": ex_support[k].text}, "soft")
                )
                mult *= 0.8
        for k, clause in np_.excluded.items():
            if CONCEPTS[k].category != "support" and k in op.core:
                unmet.append(Reason("unwanted_topic", {"concept": label(k), "clause": clause.text}, "hard"))
                mult *= HARD
                break
        # method or scope that does not transfer
        for k, clause in op.excluded.items():
            if CONCEPTS[k].category in ("ecosystem", "taxon") and k in np_.core:
                unmet.append(Reason("not_transferable", {"concept": label(k), "clause": clause.text}, "hard"))
                mult *= HARD
                break
        if op.scope:
            ctx = {c for c in np_.core if CONCEPTS[c].category in ("ecosystem", "taxon")}
            scope = set(op.scope.values)
            fams = {FAMILIES.get(c, c) for c in scope}
            if (
                ctx
                and not (ctx & scope)
                and not any(
                    FAMILIES.get(c, c) in fams and CONCEPTS[c].category == "taxon" and c in scope for c in ctx
                )
            ):
                if not any(c in scope for c in ctx):
                    unmet.append(
                        Reason(
                            "scope_restricted",
                            {
                                "scope": [label(c) for c in op.scope.values],
                                "need_concepts": [label(c) for c in sorted(ctx)][:3],
                                "clause": op.scope.text,
                            },
                            "hard",
                        )
                    )
                    mult *= HARD
        # language of delivery
        for clause, code, pen in (
            (np_.required_languages, "language_required", HARD),
            (np_.preferred_languages, "language_preferred", SOFT),
        ):
            if clause is None:
                continue
            langs = set(clause.values)
            if langs & op.languages:
                reasons.append(
                    Reason(
                        "delivery_language",
                        {"language": [language_name(c) for c in sorted(langs & op.languages)]},
                    )
                )
            else:
                unmet.append(
                    Reason(
                        code,
                        {
                            "languages": [language_name(c) for c in sorted(langs)],
                            "offer_languages": [language_name(c) for c in sorted(op.languages)],
                            "clause": clause.text,
                        },
                        "hard" if pen == HARD else "soft",
                    )
                )
                mult *= pen
            break
        mult *= near_misses(np_, op, unmet)
        # eligibility
        if op.eligible_regions and need.country:
            regions = country_regions(need.country, need.region)
            if not regions & set(op.eligible_regions.values):
                unmet.append(
                    Reason(
                        "eligibility_region",
                        {
                            "regions": [REGION_LABELS.get(r, r) for r in op.eligible_regions.values],
                            "places": list(op.eligible_regions.values),
                            "country": need.country,
                            "clause": op.eligible_regions.text,
                        },
                        "hard",
                    )
                )
                mult *= HARD
        if op.excluded_places and need.country:
            hit = country_regions(need.country, need.region) & set(op.excluded_places.values)
            if hit:
                unmet.append(
                    Reason(
                        "excluded_country",
                        {"country": need.country, "places": sorted(hit), "clause": op.excluded_places.text},
                        "hard",
                    )
                )
                mult *= HARD
        if np_.bodies:
            allowed = set(op.eligible_bodies.values) if op.eligible_bodies else set()
            if "ngo" in allowed:
                allowed.add("community")
            if allowed and not np_.bodies & allowed:
                unmet.append(
                    Reason(
                        "eligibility_body",
                        {
                            "bodies": sorted(allowed),
                            "need_bodies": sorted(np_.bodies),
                            "clause": op.eligible_bodies.text,
                        },
                        "hard",
                    )
                )
                mult *= HARD
            elif op.excluded_bodies and np_.bodies <= set(op.excluded_bodies.values):
                unmet.append(
                    Reason(
                        "excluded_body",
                        {
                            "bodies": sorted(np_.bodies),
                            "need_bodies": sorted(np_.bodies),
                            "clause": op.excluded_bodies.text,
                        },
                        "hard",
                    )
                )
                mult *= HARD
        # deadline
        if op.closed:
            unmet.append(Reason("offer_closed", {"clause": op.closed.text}, "hard"))
            mult *= DEADLINE
        elif op.deadline and op.deadline < today:
            unmet.append(
                Reason(
                    "deadline_passed",
                    {
                        "date": op.deadline.isoformat(),
                        "clause": op.deadline_clause.text if op.deadline_clause else "",
                    },
                    "hard",
                )
            )
            mult *= DEADLINE
        # fees and travel
        if np_.cannot_pay and op.charges and not op.covers_costs:
            unmet.append(
                Reason("cost", {"clause": op.charges.text, "need_clause": np_.cannot_pay.text}, "hard")
            )
            mult *= HARD
        elif np_.cannot_pay and op.covers_costs:
            reasons.append(Reason("costs_covered", {}))
        # support kinds clearly not provided
        declared = {k for k, v in wanted.items() if v >= 1.0}
        if declared and not any(op.support.get(k, 0) >= 0.3 for k in declared):
            unmet.append(
                Reason(
                    "support_mismatch",
                    {
                        "wanted": [label(k) for k in sorted(declared)],
                        "provided": [label(k) for k in sorted(strong)] or ["unclear"],
                    },
                    "soft",
                )
            )
            if declared == {"finance"} or (strong and strong <= {"finance"}):
                mult *= 0.6
            else:
                mult *= 0.9
        return mult


def near_misses(np_: Profile, op: Profile, unmet: list[Reason]) -> float:
    """Gear or technique, instrument and funding scope that rule the offer out for the need."""
    mult = 1.0
    for kind, table, code in (
        ("methods", specifics.METHODS, "method_mismatch"),
        ("instruments", specifics.INSTRUMENTS, "instrument_mismatch"),
    ):
        clash = specifics.family_conflict(set(getattr(np_, kind)), set(getattr(op, kind)), table)
        if clash:
            family, a, b = clash
            unmet.append(Reason(code, {"family": family, "need": a, "offer": b}, "hard"))
            mult *= NEAR_MISS
    fin = op.finance
    if fin is not None and np_.themes:
        hit = [t for t in fin.excluded if t in np_.themes]
        if hit:
            unmet.append(
                Reason("finance_excluded", {"themes": hit[:2], "clause": fin.excluded[hit[0]]}, "hard")
            )
            mult *= NEAR_MISS
        elif fin.only and fin.only[0] not in np_.themes:
            need_themes = sorted(np_.themes, key=np_.themes.get)[:2]
            unmet.append(
                Reason(
                    "finance_only",
                    {"theme": fin.only[0], "need_themes": need_themes, "clause": fin.only[1]},
                    "hard",
                )
            )
            mult *= NEAR_MISS
    return mult


def rank(
    needs: Sequence[Post | dict],
    offers: Sequence[Post | dict],
    top: int = 10,
    embedder: Any = None,
    today: dt.date | None = None,
    offer_vectors: PostVectors | None = None,
    need_vectors: PostVectors | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    progress: bool = False,
) -> list[tuple[str, list[Suggestion]]]:
    """Rank offers for each need; returns ``[(need_id, suggestions best first), ...]`` in input order.

    ``embedder`` may be an embedder object, a name for :func:`get_embedder`, or ``None`` for
    keywords and concepts only (unless vectors are given).
    """
    need_posts = [n if isinstance(n, Post) else Post.from_dict(n) for n in needs]
    offer_posts = [o if isinstance(o, Post) else Post.from_dict(o) for o in offers]
    if isinstance(embedder, str):
        from clearinghouse.search.embedders import get_embedder

        embedder = get_embedder(embedder)
    if embedder is not None:
        if offer_vectors is None:
            offer_vectors = embed_posts(offer_posts, embedder, progress=progress)
        if need_vectors is None:
            need_vectors = embed_posts(need_posts, embedder, progress=progress)
    index = MatchIndex(offer_posts, vectors=offer_vectors, weights=weights)
    return index.query_many(
        need_posts,
        need_vectors=need_vectors if offer_vectors is not None else None,
        top=top,
        today=today,
        weights=weights,
    )


__all__ = ["DEFAULT_WEIGHTS", "MatchIndex", "PostVectors", "Weights", "embed_posts", "rank"]
