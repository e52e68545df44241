"""Benchmark of the default sentence embedder: texts per second on realistic multilingual texts.

Run: ``.venv/bin/python bench/bench_embedding.py [--batches 4] [--batch-size 256] [--embedder use]``

The texts are needs and offers (title and description, in English, Spanish, French, Portuguese,
Arabic, Chinese, Russian...) from the matching development data (``bench/data/matching-dev``),
else from the shared sample beside the repository. Measures the load time of the model, then
embeds ``--batches`` batches of 256 texts. Writes ``bench/results/embedding.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
RESULTS = ROOT / "bench" / "results" / "embedding.json"
SOURCES = [
    ROOT / "bench/data/matching-dev/dev",
    ROOT / "bench/data/matching-dev/holdout",
    ROOT.parent / "shared/data/matching-sample",
]


def load_texts() -> tuple[list[str], Counter, list[str]]:
    texts, languages, used = [], Counter(), []
    for folder in SOURCES:
        for name in ("needs.jsonl", "offers.jsonl"):
            path = folder / name
            if not path.exists():
                continue
            used.append(str(path.relative_to(ROOT.parent)))
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    texts.append(f"{item.get('title', '')}\n{item.get('description', '')}".strip())
                    languages[item.get("language", "?")] += 1
    return texts, languages, used


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batches", type=int, default=4)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--embedder", default=None, help="embedder name (default: the configured one, 'use')")
    args = ap.parse_args()

    texts, languages, used = load_texts()
    if not texts:
        print("No texts found (bench/data/matching-dev or ../shared/data/matching-sample): skipped")
        return 0
    need = args.batches * args.batch_size
    corpus = [texts[i % len(texts)] for i in range(need)]

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")
    from clearinghouse.search.embedders import get_embedder

    started = time.perf_counter()
    embedder = get_embedder(args.embedder)
    embedder.embed(["warm-up"])
    load_s = time.perf_counter() - started

    times = []
    cpu_started = time.process_time()
    for b in range(args.batches):
        batch = corpus[b * args.batch_size : (b + 1) * args.batch_size]
        t = time.perf_counter()
        vectors = embedder.embed(batch)
        times.append(time.perf_counter() - t)
        assert vectors.shape == (len(batch), embedder.dim)
    total = sum(times)
    cpu = time.process_time() - cpu_started
    per_batch = statistics.median(times)
    results = {
        "benchmark": "embedding",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "embedder": embedder.model_id,
        "dim": embedder.dim,
        "texts": {
            "sources": used,
            "distinct": len(texts),
            "embedded": need,
            "mean_chars": round(statistics.mean(len(t) for t in corpus)),
            "languages": dict(languages.most_common()),
        },
        "batch_size": args.batch_size,
        "batches": args.batches,
        "load_s": round(load_s, 2),
        "texts_per_s": round(need / total, 1),
        "texts_per_cpu_s": round(need / cpu, 1),  # steadier than wall time on a busy machine
        "median_batch_s": round(per_batch, 3),
        "batch_s": [round(t, 3) for t in times],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(
        f"{embedder.model_id}: {results['texts_per_s']} texts/s (batches of {args.batch_size}, "
        f"median {per_batch:.2f}s per batch; {results['texts_per_cpu_s']} texts per CPU-second; "
        f"{results['texts']['mean_chars']} chars per text; "
        f"model loaded in {load_s:.1f}s)"
    )
    print(f"Languages: {results['texts']['languages']}")
    print(f"Results: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
