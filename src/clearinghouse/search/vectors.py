"""Semantic search by brute force over a matrix of unit vectors, with numpy.

The matrix (float32; or float16, half the memory, optionally a memory-mapped file,
for very large collections) is loaded once per process and refreshed cheaply: every index write bumps
``SearchIndexState('vectors').version``; a search reads that one row and, when it
moved, reloads only the vectors of documents updated since the last load.

Scoring is ``matrix @ query`` in chunks, then ``argpartition`` for the top k. For
large collections (``binary_prefilter_above``) a 1-bit sign code of each vector
(64 bytes for 512 dimensions) is scanned first with XOR + popcount and only the
best few thousand candidates are scored exactly: a fixed cost per query whatever
the size, as ``bench/bench_search.py`` measures at a million documents.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

VISIBILITY_CODES = {"public": 0, "registered": 1, "restricted": 2}
CHUNK = 32_768


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes | memoryview, dim: int) -> np.ndarray | None:
    arr = np.frombuffer(bytes(data), dtype=np.float32)
    return arr if arr.shape[0] == dim else None


def sign_codes(matrix: np.ndarray) -> np.ndarray:
    """One bit per dimension (positive or not), packed in 64-bit words: (n, ceil(dim/64)) uint64."""
    packed = np.packbits(np.asarray(matrix) > 0, axis=1)
    pad = (-packed.shape[1]) % 8
    if pad:
        packed = np.pad(packed, ((0, 0), (0, pad)))
    return np.ascontiguousarray(packed).view(np.uint64)


@dataclass
class VectorHits:
    ids: np.ndarray  # int64 document ids, best first
    scores: np.ndarray  # cosine similarity


class VectorIndex:
    """Document ids, visibility codes and a matrix of unit vectors (float32 in memory for
    the site's own index; float16, possibly memory-mapped, for large collections)."""

    binary_prefilter_above = 50_000
    prefilter_candidates = 2_000

    def __init__(self, ids: np.ndarray, visibility: np.ndarray, matrix: np.ndarray):
        self.ids = np.asarray(ids, dtype=np.int64)
        self.visibility = np.asarray(visibility, dtype=np.int8)
        self.matrix = matrix  # (n, dim) float16, possibly np.memmap
        self.codes: np.ndarray | None = None  # (words, n) uint64: column-major scans fastest
        self._masks: dict[tuple, np.ndarray] = {}
        if len(self.ids) > self.binary_prefilter_above:
            self.codes = self._codes_chunked(matrix)

    @staticmethod
    def _codes_chunked(matrix: np.ndarray) -> np.ndarray:
        out = np.empty(((matrix.shape[1] + 63) // 64, matrix.shape[0]), dtype=np.uint64)
        for start in range(0, matrix.shape[0], CHUNK):
            out[:, start : start + CHUNK] = sign_codes(np.asarray(matrix[start : start + CHUNK])).T
        return out

    def _penalty(self, visibility: tuple[int, ...]) -> np.ndarray:
        """Hamming distance offsets: 0 where allowed, beyond any real distance elsewhere."""
        key = ("penalty", *sorted(set(visibility)))
        if key not in self._masks:
            allowed = self._allowed(visibility)
            pen = np.zeros(len(self.ids), dtype=np.uint16)
            if allowed is not None:
                pen[~allowed] = 60_000
            self._masks[key] = pen
        return self._masks[key]

    def _allowed(self, visibility: tuple[int, ...]) -> np.ndarray | None:
        if len(set(visibility)) >= len(VISIBILITY_CODES):
            return None
        key = tuple(sorted(set(visibility)))
        if key not in self._masks:
            self._masks[key] = np.isin(self.visibility, key)
        return self._masks[key]

    def __len__(self) -> int:
        return len(self.ids)

    def _exact_scores(self, query: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        # numpy has no BLAS for float16: widen a chunk at a time and use sgemv.
        if rows is not None:
            return np.asarray(self.matrix[rows], dtype=np.float32) @ query
        if self.matrix.dtype == np.float32:
            return self.matrix @ query
        out = np.empty(len(self.ids), dtype=np.float32)
        for start in range(0, len(self.ids), CHUNK):
            out[start : start + CHUNK] = np.asarray(self.matrix[start : start + CHUNK], dtype=np.float32) @ query
        return out

    def search(self, query: np.ndarray, *, k: int = 100, allowed_visibility: tuple[int, ...] = (0,),
               min_score: float = -1.0) -> VectorHits:
        """The ``k`` documents closest to ``query`` (unit vector) among the allowed visibilities."""
        n = len(self.ids)
        if n == 0:
            return VectorHits(np.zeros(0, np.int64), np.zeros(0, np.float32))
        query = np.asarray(query, dtype=np.float32).reshape(-1)
        allowed = self._allowed(allowed_visibility)
        if self.codes is not None:
            qcode = sign_codes(query[None, :])[0]
            dist = self._penalty(allowed_visibility).copy()
            scratch = np.empty(n, dtype=np.uint64)
            counts = np.empty(n, dtype=np.uint8)
            for word in range(self.codes.shape[0]):
                np.bitwise_xor(self.codes[word], qcode[word], out=scratch)
                np.bitwise_count(scratch, out=counts)
                dist += counts
            m = min(self.prefilter_candidates, n)
            rows = np.argpartition(dist, m - 1)[:m]
            rows.sort()  # sequential reads from the memory map
            scores = self._exact_scores(query, rows)
            if allowed is not None:
                scores[~allowed[rows]] = -np.inf
        else:
            rows = None
            scores = self._exact_scores(query)
            if allowed is not None:
                scores[~allowed] = -np.inf
        kk = min(k, len(scores))
        top = np.argpartition(-scores, kk - 1)[:kk]
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[scores[top] >= min_score]
        picked = rows[top] if rows is not None else top
        return VectorHits(self.ids[picked], scores[top].astype(np.float32))


class _Cache:
    """The process-wide VectorIndex of the current embedder model, refreshed on change."""

    def __init__(self):
        self.lock = threading.Lock()
        self.key: tuple | None = None  # (database alias, model id)
        self.version: str | None = None
        self.loaded_until = None
        self.index: VectorIndex | None = None
        self.rows: dict[int, int] = {}


_cache = _Cache()


def current_version(using: str = "default") -> str:
    from .models import SearchIndexState

    row = SearchIndexState.objects.using(using).filter(key="vectors").values_list("version", flat=True).first()
    return row or ""


def bump_version(using: str = "default") -> None:
    import uuid

    from .models import SearchIndexState

    SearchIndexState.objects.using(using).update_or_create(key="vectors", defaults={"version": uuid.uuid4().hex})


def get_index(model_id: str, dim: int, using: str = "default") -> VectorIndex:
    """The vector index for ``model_id``, fresh as of this call."""
    from django.db import connections

    from .models import SearchDocument

    key = (connections[using].settings_dict.get("NAME"), model_id)
    version = current_version(using)
    with _cache.lock:
        if _cache.key == key and _cache.version == version and _cache.index is not None:
            return _cache.index
        qs = SearchDocument.objects.using(using).filter(vector_model=model_id, vector__isnull=False)
        idx = _cache.index
        meta: list = []
        changed: list[int] = []
        incremental = _cache.key == key and idx is not None and _cache.loaded_until is not None
        if incremental:
            # The ids and visibility of everything (small), the vectors of what changed only.
            meta = list(qs.values_list("id", "visibility", "updated_at"))
            changed = [pk for pk, _v, upd in meta if upd >= _cache.loaded_until or pk not in _cache.rows]
            incremental = len(changed) <= 20_000
        if not incremental:
            ids, vis, vecs, until = _load(qs, dim)
        else:
            new_ids, _vis, new_vecs, _until = _load(qs.filter(pk__in=changed), dim) if changed else (
                np.zeros(0, np.int64), None, np.zeros((0, dim), np.float32), None)
            fresh = {int(pk): i for i, pk in enumerate(new_ids.tolist())}
            ids = np.array([m[0] for m in meta], dtype=np.int64)
            vis = np.array([VISIBILITY_CODES.get(m[1], 2) for m in meta], dtype=np.int8)
            vecs = np.empty((len(ids), dim), dtype=np.float32)
            for i, pk in enumerate(ids.tolist()):
                vecs[i] = new_vecs[fresh[pk]] if pk in fresh else idx.matrix[_cache.rows[pk]]
            until = max([m[2] for m in meta], default=_cache.loaded_until)
        _cache.index = VectorIndex(ids, vis, vecs)
        _cache.rows = {int(pk): i for i, pk in enumerate(_cache.index.ids.tolist())}
        _cache.key, _cache.version, _cache.loaded_until = key, version, until
        return _cache.index


def _load(qs, dim: int):
    ids, vis, vecs, until = [], [], [], None
    for pk, visibility, vector, updated in qs.values_list("id", "visibility", "vector", "updated_at").iterator(
            chunk_size=2000):
        arr = from_bytes(vector, dim)
        if arr is None:
            continue
        ids.append(pk)
        vis.append(VISIBILITY_CODES.get(visibility, 2))
        vecs.append(arr)
        until = updated if until is None or updated > until else until
    matrix = np.asarray(vecs, dtype=np.float32).reshape(len(vecs), dim)
    return np.array(ids, dtype=np.int64), np.array(vis, dtype=np.int8), matrix, until


def reset_cache() -> None:
    with _cache.lock:
        _cache.key = _cache.index = _cache.loaded_until = None
        _cache.version = None
        _cache.rows = {}
