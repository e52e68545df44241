import json, random, sys
sys.path.insert(0, "/tmp/devsrc")
from offers_a import OFFERS_A; from offers_b import OFFERS_B; from offers_c import OFFERS_C; from offers_d import OFFERS_D
from needs_dev import NEEDS_DEV; from needs_hold import NEEDS_HOLD
offers = OFFERS_A + OFFERS_B + OFFERS_C + OFFERS_D
keys = [o[0] for o in offers]; assert len(set(keys)) == len(keys)
rng = random.Random(20261129)
perm = list(range(len(offers))); rng.shuffle(perm)
oid = {offers[p][0]: f"O{i+1:03d}" for i, p in enumerate(perm)}
rows = []
for p in perm:
    k, lang, c, t, s, title, desc = offers[p]
    rows.append({"id": oid[k], "title": title, "description": desc, "language": lang, "country": c, "targets": t, "support": s})
base = "/work/main/bench/data/matching-dev"
import os
for split, needs, prefix in (("dev", NEEDS_DEV, "D"), ("holdout", NEEDS_HOLD, "H")):
    os.makedirs(f"{base}/{split}", exist_ok=True)
    order = list(range(len(needs))); rng.shuffle(order)
    with open(f"{base}/{split}/offers.jsonl", "w") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    nl, ql = [], []
    for i, j in enumerate(order):
        lang, c, t, s, title, desc, rel = needs[j]
        nid = f"{prefix}N{i+1:03d}"
        nl.append({"id": nid, "title": title, "description": desc, "language": lang, "country": c, "targets": t, "support": s})
        for k, g in rel.items():
            ql.append(f"{nid}\t{oid[k]}\t{g}")
    nl.sort(key=lambda r: r["id"])
    with open(f"{base}/{split}/needs.jsonl", "w") as f:
        for r in nl: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(f"{base}/{split}/qrels.tsv", "w") as f:
        f.write("\n".join(sorted(ql)) + "\n")
    print(split, len(nl), "needs", len(rows), "offers", len(ql), "qrels")
from collections import Counter
print(Counter(o[1] for o in offers)); print(Counter(n[0] for n in NEEDS_DEV+NEEDS_HOLD))
