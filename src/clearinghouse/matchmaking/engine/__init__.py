"""Needs/offers matching engine (pure Python + numpy; no Django, no database).

Typical use::

    from clearinghouse.matchmaking.engine import Post, rank
    results = rank(needs, offers, top=10, embedder="use")
    for need_id, suggestions in results:
        for s in suggestions:
            print(s.offer_id, s.score, [str(r) for r in s.reasons], [str(u) for u in s.unmet])

For many offers with stored vectors, build a :class:`MatchIndex` once and query it.
"""

from .post import Post
from .ranker import DEFAULT_WEIGHTS, MatchIndex, PostVectors, Weights, embed_posts, rank
from .reasons import Reason, Suggestion

__all__ = [
    "DEFAULT_WEIGHTS",
    "MatchIndex",
    "Post",
    "PostVectors",
    "Reason",
    "Suggestion",
    "Weights",
    "embed_posts",
    "rank",
]
