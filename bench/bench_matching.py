"""Benchmark of the needs/offers matching engine.

Run: ``.venv/bin/python bench/bench_matching.py [--quick] [--skip-batch]``

Writes ``bench/results/matching.json`` and prints a table.

Metrics (per need, then averaged over needs that have at least one relevant offer):

* nDCG@10 with linear gain = grade (2 strong, 1 partial), ideal ranking from the qrels.
* recall@5 = (relevant offers, grade >= 1, found in the top 5) / (number of relevant offers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clearinghouse.matchmaking.engine import MatchIndex, Post, PostVectors, Weights, embed_posts  # noqa: E402
from clearinghouse.matchmaking.engine.io import read_jsonl  # noqa: E402

DATASETS = {
    "dev": ROOT / "bench/data/matching-dev/dev",
    "holdout": ROOT / "bench/data/matching-dev/holdout",
    "sample": ROOT.parent / "shared/data/matching-sample",
    # hard needs: an offer on the topic contradicts one specific (see bench/data/matching-nearmiss/README.md)
    "hard-tune": ROOT / "bench/data/matching-nearmiss/tune",
    "hard-holdout": ROOT / "bench/data/matching-nearmiss/holdout",
}
#: Goals (issue 11, part 5): nDCG@10 of the full ranker on sets it was not tuned on.
GOALS = {
    "hard-holdout": 0.88,  # hard needs, held out
    "ordinary-unseen": 0.95,  # ordinary needs never tuned on: holdout and the shared sample, needs pooled
}
ORDINARY_UNSEEN = ("holdout", "sample")
TUNED_ON = {"dev", "hard-tune"}
HARD_KIND: dict[str, str] = {}  # need id -> kind of near miss, filled by load()
SIGNALS = ("semantic", "keyword", "concept", "support", "targets")
TODAY = dt.date(2026, 1, 15)


def load(folder: Path) -> tuple[list[Post], list[Post], dict[str, dict[str, int]]]:
    raw = read_jsonl(folder / "needs.jsonl")
    needs = [Post.from_dict(d) for d in raw]
    HARD_KIND.update({d["id"]: d["hard"] for d in raw if d.get("hard")})
    offers = [Post.from_dict(d) for d in read_jsonl(folder / "offers.jsonl")]
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for line in (folder / "qrels.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            n, o, g = line.split("\t")
            qrels[n][o] = int(g)
    return needs, offers, qrels


def ndcg_at(ranked: list[str], rel: dict[str, int], k: int = 10) -> float:
    dcg = sum(rel.get(o, 0) / math.log2(i + 2) for i, o in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], rel: dict[str, int], k: int = 5) -> float:
    relevant = {o for o, g in rel.items() if g >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def evaluate(runs: dict[str, list[str]], qrels: dict[str, dict[str, int]], by_kind: bool = False) -> dict:
    ids = [n for n in runs if qrels.get(n)]
    out: dict = {
        "ndcg@10": round(statistics.mean(ndcg_at(runs[n], qrels[n]) for n in ids), 4),
        "recall@5": round(statistics.mean(recall_at(runs[n], qrels[n]) for n in ids), 4),
        # share of needs whose first suggestion is not relevant at all (grade 0 or unjudged)
        "top1_wrong": round(sum(1 for n in ids if not qrels[n].get((runs[n] or [""])[0])) / len(ids), 4),
        "needs": len(ids),
    }
    if by_kind:
        kinds = sorted({HARD_KIND[n] for n in ids if n in HARD_KIND})
        if kinds:
            out["by_kind"] = {
                k: evaluate({n: runs[n] for n in ids if HARD_KIND.get(n) == k}, qrels) for k in kinds
            }
    return out


# -- plain BM25 baseline: lower-cased words (CJK characters one by one), no stemming, no concepts --
_PLAIN = re.compile(r"[\u3400-\u9fff]|[^\W_]+")


def plain_tokens(text: str) -> list[str]:
    return _PLAIN.findall(text.lower())


def bm25_baseline(
    needs: list[Post], offers: list[Post], k1: float = 1.2, b: float = 0.75
) -> dict[str, list[str]]:
    docs = [Counter(plain_tokens(o.text)) for o in offers]
    lens = [sum(d.values()) for d in docs]
    avg = sum(lens) / len(lens)
    df = Counter(t for d in docs for t in d)
    n = len(docs)
    runs = {}
    for need in needs:
        q = set(plain_tokens(need.text))
        scores = []
        for d, dl, o in zip(docs, lens, offers, strict=False):
            s = 0.0
            for t in q:
                tf = d.get(t)
                if tf:
                    idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                    s += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avg))
            scores.append((s, o.id))
        runs[need.id] = [oid for _s, oid in sorted(scores, key=lambda x: (-x[0], x[1]))]
    return runs


def run_engine(
    index: MatchIndex, needs: list[Post], nvecs: PostVectors | None, weights: Weights, top: int = 10
) -> dict[str, list[str]]:
    runs = {}
    for i, need in enumerate(needs):
        nv = None
        if nvecs is not None:
            nv = PostVectors(
                nvecs.model_id,
                nvecs.title[i : i + 1],
                nvecs.description[i : i + 1],
                [nvecs.sentences[i]] if nvecs.sentences else None,
            )
        res = index.query(need, top=top, today=TODAY, need_vectors=nv, weights=weights)
        runs[need.id] = [s.offer_id for s in res]
    return runs


def quality(embedder, names: list[str]) -> dict:
    out = {}
    for name in names:
        folder = DATASETS[name]
        if not (folder / "needs.jsonl").exists():
            print(f"skipping {name}: {folder} not found", file=sys.stderr)
            continue
        needs, offers, qrels = load(folder)
        ovec = embed_posts(offers, embedder)
        nvec = embed_posts(needs, embedder)
        index = MatchIndex(offers, vectors=ovec)
        res = {"full": evaluate(run_engine(index, needs, nvec, Weights()), qrels, by_kind=True)}
        res["full_no_constraints"] = evaluate(
            run_engine(index, needs, nvec, Weights(constraints=False, mismatch=False)), qrels, by_kind=True
        )
        for sig in SIGNALS:
            res[f"{sig}_only"] = evaluate(run_engine(index, needs, nvec, Weights.only(sig)), qrels)
        res["bm25_baseline"] = evaluate(bm25_baseline(needs, offers), qrels)
        res["ratio_full_vs_bm25_ndcg"] = round(
            res["full"]["ndcg@10"] / max(res["bm25_baseline"]["ndcg@10"], 1e-9), 3
        )
        res["tuned_on"] = name in TUNED_ON
        if name in GOALS:
            res["goal_ndcg@10"] = GOALS[name]
            res["goal_met"] = res["full"]["ndcg@10"] >= GOALS[name]
        out[name] = res
    parts = [out[n]["full"] for n in ORDINARY_UNSEEN if n in out]
    if len(parts) == len(ORDINARY_UNSEEN):
        needs_n = sum(p["needs"] for p in parts)
        pooled = round(sum(p["ndcg@10"] * p["needs"] for p in parts) / needs_n, 4)
        out["ordinary-unseen"] = {
            "sets": list(ORDINARY_UNSEEN),
            "needs": needs_n,
            "full_ndcg@10": pooled,
            "goal_ndcg@10": GOALS["ordinary-unseen"],
            "goal_met": pooled >= GOALS["ordinary-unseen"],
        }
    return out


def synthetic_posts(base: list[Post], n: int, seed: int) -> list[Post]:
    """Realistic-looking posts made by recombining titles, sentences and metadata of real ones."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a, b, c = rng.choice(base), rng.choice(base), rng.choice(base)
        sents = [s for s in re.split(r"(?<=[.!?。])\s*", b.description) if s]
        extra = [s for s in re.split(r"(?<=[.!?。])\s*", c.description) if s and c.language == b.language]
        desc = " ".join(sents[:3] + extra[-1:])
        out.append(
            Post(
                id=f"S{seed}-{i}",
                title=a.title if a.language == b.language else b.title,
                description=desc,
                language=b.language,
                country=rng.choice(base).country,
                targets=list(b.targets),
                support=list(rng.choice([b.support, c.support])),
            )
        )
    return out


def random_vectors(
    n: int, dim: int, rng: np.random.Generator, model_id: str, sentences: int = 0
) -> PostVectors:
    def unit(k: int) -> np.ndarray:
        v = rng.standard_normal((k, dim), dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    sents = None
    if sentences:
        allv = unit(n * sentences).astype(np.float16)
        sents = [allv[i * sentences : (i + 1) * sentences] for i in range(n)]
    return PostVectors(model_id, unit(n), unit(n), sents)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speed(embedder, quick: bool, skip_batch: bool) -> dict:
    needs, offers, _ = load(DATASETS["dev"])
    hold_needs, hold_offers, _ = load(DATASETS["holdout"])
    base = offers + needs + hold_needs
    out: dict = {}
    # 1. one need vs 100,000 offers with precomputed vectors
    n_off = 20_000 if quick else 100_000
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    big_offers = synthetic_posts(base, n_off, seed=1)
    ovec = random_vectors(n_off, embedder.dim, rng, embedder.model_id)
    index = MatchIndex(big_offers, vectors=ovec)
    build_s = time.perf_counter() - t0
    qneeds = synthetic_posts(needs, 120, seed=2)
    qvec = random_vectors(len(qneeds), embedder.dim, rng, embedder.model_id)
    lat, cpu = [], []
    for i, need in enumerate(qneeds):
        nv = PostVectors(qvec.model_id, qvec.title[i : i + 1], qvec.description[i : i + 1])
        t, c = time.perf_counter(), time.process_time()
        index.query(need, top=10, today=TODAY, need_vectors=nv)
        lat.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    lat, cpu = lat[20:], cpu[20:]  # warm-up
    out["one_need_vs_offers"] = {
        "offers": n_off,
        "index_build_s": round(build_s, 1),
        "p50_ms": round(float(np.percentile(lat, 50)), 2),
        "p95_ms": round(float(np.percentile(lat, 95)), 2),
        "cpu_p50_ms": round(float(np.percentile(cpu, 50)), 2),
        "cpu_p95_ms": round(float(np.percentile(cpu, 95)), 2),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "note": "synthetic random unit vectors (title, description); texts recombined from the dev set",
    }
    # batch: full suggestions for 1,000 needs in one call (chunked products), to extrapolate 100k x 100k
    n_q = 200 if quick else 1000
    bneeds = synthetic_posts(needs + hold_needs, n_q, seed=5)
    bvec = random_vectors(n_q, embedder.dim, rng, embedder.model_id)
    t, c = time.perf_counter(), time.process_time()
    index.query_many(bneeds, need_vectors=bvec, top=10, today=TODAY)
    per_need = (time.perf_counter() - t) / n_q
    out["batch_full_rerank"] = {
        "needs": n_q,
        "offers": n_off,
        "seconds": round(time.perf_counter() - t, 1),
        "cpu_seconds": round(time.process_time() - c, 1),
        "extrapolated_100k_needs_s": round(per_need * 100_000),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "peak_rss_mb": round(rss_mb()),
    }
    del index, ovec, big_offers
    # 2. full match on 500 x 500 including embedding
    n_small = 100 if quick else 500
    m_needs = synthetic_posts(needs + hold_needs, n_small, seed=3)
    m_offers = synthetic_posts(offers, n_small, seed=4)
    from clearinghouse.matchmaking.engine.io import write_jsonl
    from clearinghouse.matchmaking.engine.ranker import rank

    t, c = time.perf_counter(), time.process_time()
    results = rank(m_needs, m_offers, top=10, embedder=embedder, today=TODAY)
    with open(os.devnull, "w", encoding="utf-8") as fh:
        write_jsonl(results, fh)
    out["match_end_to_end"] = {
        "needs": n_small,
        "offers": n_small,
        "seconds": round(time.perf_counter() - t, 2),
        "cpu_seconds": round(time.process_time() - c, 2),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "note": "embedding of all texts included; USE on this machine",
    }
    # 3. batch 100,000 x 100,000 top-10 with precomputed vectors (vector stage, chunked)
    if not skip_batch:
        n_b = 20_000 if quick else 100_000
        a = random_vectors(n_b, embedder.dim, rng, embedder.model_id).full
        b = random_vectors(n_b, embedder.dim, rng, embedder.model_id).full
        t, c = time.perf_counter(), time.process_time()
        top_ids = np.empty((n_b, 10), dtype=np.int32)
        chunk = 1024
        for s in range(0, n_b, chunk):
            sims = a[s : s + chunk] @ b.T
            part = np.argpartition(-sims, 10, axis=1)[:, :10]
            rows = np.arange(part.shape[0])[:, None]
            order = np.argsort(-sims[rows, part], axis=1)
            top_ids[s : s + chunk] = part[rows, order]
        out["batch_vectors_top10"] = {
            "needs": n_b,
            "offers": n_b,
            "seconds": round(time.perf_counter() - t, 1),
            "cpu_seconds": round(time.process_time() - c, 1),
            "load_average_1min": round(os.getloadavg()[0], 1),
            "peak_rss_mb": round(rss_mb()),
            "note": "vector stage only (chunks of 1024 needs, top-10 by cosine); see batch_full_rerank "
            "for the cost of the full model per need",
        }
    return out


def reference_speed(embedder) -> dict:
    """How busy the machine is: USE time per sample description now (about 2.7 ms on an idle 2-core box)."""
    texts = [o.description for o in load(DATASETS["dev"])[1]][:60]
    embedder.embed(texts[:2])
    t = time.perf_counter()
    embedder.embed(texts)
    return {
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "embed_ms_per_description": round((time.perf_counter() - t) / len(texts) * 1000, 2),
        "note": "an idle 2-core machine embeds a description in about 2.7 ms; divide timings by "
        "embed_ms_per_description / 2.7 to estimate idle figures",
    }


def print_table(results: dict) -> None:
    for name, res in results.get("quality", {}).items():
        if "full" not in res:
            continue
        print(f"\n{name} ({'tuned on' if res.get('tuned_on') else 'never tuned on'})")
        print(f"  {'ranker':24s} {'nDCG@10':>8s} {'R@5':>8s} {'top1 wrong':>10s}")
        for k, v in res.items():
            if isinstance(v, dict):
                print(f"  {k:24s} {v['ndcg@10']:8.3f} {v['recall@5']:8.3f} {v['top1_wrong']:10.2f}")
                for kind, kv in v.get("by_kind", {}).items() if k == "full" else ():
                    print(f"    {kind:22s} {kv['ndcg@10']:8.3f} {kv['recall@5']:8.3f} {kv['top1_wrong']:10.2f}"
                          f"  ({kv['needs']} needs)")
        print(f"  full / bm25 nDCG ratio: {res['ratio_full_vs_bm25_ndcg']}")
    goals = [(n, r) for n, r in results.get("quality", {}).items() if "goal_ndcg@10" in r]
    if goals:
        print("\ngoals (nDCG@10 of the full ranker, sets never tuned on):")
        for n, r in goals:
            value = r["full"]["ndcg@10"] if "full" in r else r["full_ndcg@10"]
            what = f" ({' + '.join(r['sets'])}, {r['needs']} needs)" if "sets" in r else ""
            print(f"  {n:16s} {value:.3f} >= {r['goal_ndcg@10']:.2f}: {'met' if r['goal_met'] else 'NOT MET'}{what}")
    print("machine: " + ", ".join(f"{a}={b}" for a, b in results.get("machine", {}).items() if a != "note"))
    for k, v in results.get("speed", {}).items():
        print(f"{k}: " + ", ".join(f"{a}={b}" for a, b in v.items() if a != "note"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller speed tests")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--embedder", default="use")
    ap.add_argument("--sets", default="dev,holdout,sample,hard-tune,hard-holdout")
    args = ap.parse_args()
    from clearinghouse.search.embedders import get_embedder

    embedder = get_embedder(args.embedder)
    results: dict = {
        "embedder": embedder.model_id,
        "today": TODAY.isoformat(),
        "metric_definitions": {
            "ndcg@10": "linear gain = grade, ideal DCG from all judged offers of the need",
            "recall@5": "relevant offers (grade >= 1) in the top 5 / all relevant offers; mean over needs",
        },
    }
    results["machine"] = reference_speed(embedder)
    results["quality"] = quality(embedder, args.sets.split(","))
    if not args.skip_speed:
        results["speed"] = speed(embedder, args.quick, args.skip_batch)
    out = ROOT / "bench/results/matching.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists() and args.skip_speed:
        try:
            old = json.loads(out.read_text())
            if "speed" in old:
                results["speed"] = old["speed"]
        except ValueError:
            pass
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_table(results)


if __name__ == "__main__":
    main()
