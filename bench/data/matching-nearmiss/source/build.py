"""Writes tune/ and holdout/ of the near-miss set from offers.py and needs.py.

Run: python bench/data/matching-nearmiss/source/build.py
The pool of offers is the near-miss offers plus the 102 offers of bench/data/matching-dev
(kept with their ids), so the older offers act as distractors and some are judged here too.
"""

import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from needs import HOLDOUT, TUNE  # noqa: E402
from offers import OFFERS  # noqa: E402

BASE = HERE.parent
DEV_OFFERS = BASE.parent / "matching-dev/dev/offers.jsonl"

keys = [o[0] for o in OFFERS]
assert len(set(keys)) == len(keys), "duplicate offer keys"
rng = random.Random(20261207)
perm = list(range(len(OFFERS)))
rng.shuffle(perm)
oid = {OFFERS[p][0]: f"M{i + 1:03d}" for i, p in enumerate(perm)}
rows = []
for p in perm:
    key, lang, country, targets, support, title, desc, *rest = OFFERS[p]
    row = {"id": oid[key], "title": title, "description": desc, "language": lang, "country": country,
           "targets": targets, "support": support}
    if rest:
        row["eligibility"] = rest[0]
    rows.append(row)
old = [json.loads(line) for line in DEV_OFFERS.read_text(encoding="utf-8").splitlines() if line.strip()]
old_ids = {o["id"] for o in old}
pool = rows + old
for split, needs, prefix in (("tune", TUNE, "T"), ("holdout", HOLDOUT, "H")):
    out = BASE / split
    out.mkdir(exist_ok=True)
    with open(out / "offers.jsonl", "w", encoding="utf-8") as fh:
        for r in pool:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    order = list(range(len(needs)))
    rng.shuffle(order)
    nl, ql = [], []
    for i, j in enumerate(order):
        kind, lang, country, org, targets, support, title, desc, rel = needs[j]
        nid = f"{prefix}M{i + 1:03d}"
        nl.append({"id": nid, "title": title, "description": desc, "language": lang, "country": country,
                   "organisation_type": org, "targets": targets, "support": support, "hard": kind})
        for k, g in rel.items():
            assert k in oid or k in old_ids, k
            ql.append(f"{nid}\t{oid.get(k, k)}\t{g}")
    nl.sort(key=lambda r: r["id"])
    with open(out / "needs.jsonl", "w", encoding="utf-8") as fh:
        for r in nl:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out / "qrels.tsv").write_text("\n".join(sorted(ql)) + "\n", encoding="utf-8")
    print(split, len(nl), "needs", len(pool), "offers", len(ql), "judgements",
          dict(Counter(n["hard"] for n in nl)), dict(Counter(n["language"] for n in nl)))
print("offers", dict(Counter(o[1] for o in OFFERS)))
