"""Semantic search by brute force over a matrix of unit vectors, with numpy.

The matrix (float32; or float16, half the memory, optionally a memory-mapped file,
for very large collections) is loaded once per process and refreshed cheaply: every index write bumps
``SearchIndexState('vectors').version``; a search reads that one row and, when it
moved, applies the documents written since the last load to a copy of the index in place
(``VectorIndex.fork``, ``apply``, ``remove``), the matrix shared, with room left for new ones.

Language: a multilingual embedder places every text near the other texts of its language, so a
short query is nearer any record in its own language than the right record in another one. When
the query's language is known, each language's mean vector is taken out first (``CENTRING`` of it):
the query minus the mean of its language, each document minus the mean of its own (the
"language-neutral" centring of Libovický et al., 2020), and they are ranked by the cosine of what
is left. The floor (``min_score``) still applies to the plain cosine, which keeps unrelated text
out better.

Small collections are scored exactly: ``matrix @ query``, then ``argpartition`` for
the top k. Above ``reduce_above`` documents a first pass scores a reduced matrix:
every vector projected on the ``reduced_dim`` main directions of the stored vectors
(an uncentred PCA fitted on a sample of them), float32, one BLAS matrix-vector
product (64 floats a document: 256 MB at a million). The best
``rescore_candidates`` (``top_rows``) are then scored exactly with the full vectors (read from the
memory map when there is one). ``bench/bench_search.py`` measures the time and the
recall@10 against exact search at a million documents.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass

import numpy as np

VISIBILITY_CODES = {"public": 0, "registered": 1, "restricted": 2}
REMOVED = -1  # the visibility of a row taken out in place (``VectorIndex.remove``): no viewer's
SPARE = 0.05  # room for documents added in place, as a share of those loaded (at least ``SPARE_MIN``)
SPARE_MIN = 256
RELOAD_MARGIN_S = 600  # rows written this long before the last load are read again (clocks, late commits)
CHUNK = 32_768
PCA_SAMPLE = 20_000
MIN_LANGUAGE_DOCUMENTS = 20  # fewer: that language's mean is noise, the mean of every document stands in
# How much of each language's mean is taken out. On the relevance bench's tuned queries, all of it
# (1.0) raised semantic nDCG@10 on the hand-written set from 0.197 to 0.280 and lowered it on the
# theme-level set from 0.907 to 0.860; half (0.5): 0.256 and 0.880. Half is the trade chosen.
CENTRING = 0.5


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes | memoryview, dim: int) -> np.ndarray | None:
    arr = np.frombuffer(bytes(data), dtype=np.float32)
    return arr if arr.shape[0] == dim else None


def fit_projection(matrix: np.ndarray, dims: int, sample: int = PCA_SAMPLE) -> np.ndarray:
    """(dim, dims) float32: the main directions of the rows of ``matrix`` (uncentred PCA: cosine
    similarity is a plain dot product), fitted on evenly spaced rows (sequential reads of a memory map)."""
    n = matrix.shape[0]
    rows = np.unique(np.linspace(0, n - 1, num=min(n, sample)).astype(np.int64))
    data = np.asarray(matrix[rows], dtype=np.float32)
    _u, _s, vt = np.linalg.svd(data, full_matrices=False)
    return np.ascontiguousarray(vt[:dims].T, dtype=np.float32)


def top_rows(scores: np.ndarray, m: int, stride: int = 16) -> np.ndarray:
    """The rows of the ``m`` best ``scores``, in no order. Same answer as ``argpartition`` over all of them
    (15 ms at a million here), in about 1 ms: a threshold read off every ``stride``-th score keeps about
    twice ``m`` rows, and only those are partitioned; below ``m`` rows kept, all of them are."""
    n = len(scores)
    if m >= n:
        return np.arange(n)
    sample, k = scores[::stride], 2 * m // stride + 8  # k: the sampled rank of about twice m rows
    if len(sample) > 4 * k:
        threshold = np.partition(sample, len(sample) - 1 - k)[len(sample) - 1 - k]
        kept = np.flatnonzero(scores >= threshold)
        if len(kept) >= m:  # every row at least as good as the m-th best is among them
            return kept[np.argpartition(scores[kept], len(kept) - m)[len(kept) - m :]]
    return np.argpartition(scores, n - m)[n - m :]


@dataclass
class VectorHits:
    ids: np.ndarray  # int64 document ids, best first
    scores: np.ndarray  # cosine similarity


class VectorIndex:
    """Document ids, visibility codes and a matrix of unit vectors (float32 in memory for
    the site's own index; float16, possibly memory-mapped, for large collections)."""

    reduce_above = 50_000
    # 64 dimensions: half the memory and the time of 128 (11 against 25 ms a query at a million here); on
    # 120,000 real vectors (USE, the search bench's texts) and the 138 queries of the relevance bench, each
    # with and without its language, recall@10 against exact search 0.995 (128: 1.0), the same first result.
    reduced_dim = 64
    rescore_candidates = 1_000

    def __init__(self, ids: np.ndarray, visibility: np.ndarray, matrix: np.ndarray,
                 projection: np.ndarray | None = None, languages: np.ndarray | None = None):
        """``matrix`` may have more rows than ``ids``: the rows after them are room for documents added
        later in place (``apply``)."""
        self.ids = np.asarray(ids, dtype=np.int64)
        self.visibility = np.asarray(visibility, dtype=np.int8)
        n = len(self.ids)
        self._matrix_rows = matrix  # with its spare rows
        self.matrix = matrix[:n] if matrix.shape[0] > n else matrix  # (n, dim) float32 or float16, maybe np.memmap
        self.projection: np.ndarray | None = None  # (dim, reduced_dim) float32
        self.reduced: np.ndarray | None = None  # (n, reduced_dim) float32
        self._reduced_rows: np.ndarray | None = None
        self._masks: dict[tuple, np.ndarray] = {}
        self.removed = 0  # rows taken out in place (``remove``), visibility REMOVED
        if n > self.reduce_above and matrix.shape[1] > self.reduced_dim:
            # A projection fitted earlier on the same collection stays good: refitting is for new processes.
            if projection is None or projection.shape != (matrix.shape[1], self.reduced_dim):
                projection = fit_projection(self.matrix, self.reduced_dim)
            self.projection = projection
            self._reduced_rows = self._project(matrix, projection)
            self.reduced = self._reduced_rows[:n]
        self.centroids: dict[str, np.ndarray] = {}  # language -> mean vector of its documents
        self._overall: np.ndarray | None = None
        self._centroid_matrix: np.ndarray | None = None  # (languages, dim)
        self._language_rows: np.ndarray | None = None  # each document's row in it
        self._centred_norms: np.ndarray | None = None  # |document - its language's mean|
        if languages is not None and len(self.ids):
            self._centre(np.asarray(languages).astype(str))

    def fork(self) -> VectorIndex:
        """A copy to update (``apply``, ``remove``) while searches go on in this one: its own ids, visibility
        and language rows (small), the matrix shared. Rows this one does not have are written after its end,
        and a row rewritten for an updated document is a whole vector before and after."""
        new = copy.copy(self)
        new.visibility = self.visibility.copy()
        new._masks = {}
        if self._language_rows is not None:
            new._language_rows = self._language_rows.copy()
            new._centred_norms = self._centred_norms.copy()
        return new

    def apply(self, ids: np.ndarray, visibility: np.ndarray, vectors: np.ndarray, languages: np.ndarray,
              rows: dict[int, int]) -> bool:
        """Write these documents into this index (a ``fork``): over their rows (``rows``: id -> row, updated
        here) or, for new ones, into the spare rows of the matrix, each scored against the language means
        of the last full load. False, and nothing changed, when that cannot be done (no room left, a
        language with no mean yet, a memory-mapped or float16 matrix): the caller loads it all again.

        After a write, the next search of every process reloaded the whole index (a million documents:
        the ids, visibility and language of every row read again, the matrix copied row by row, projected
        and centred again, seconds), for one changed row."""
        ids = np.asarray(ids, dtype=np.int64)
        new = [i for i, pk in enumerate(ids.tolist()) if pk not in rows]
        n = len(self.ids)
        if (not isinstance(self._matrix_rows, np.ndarray) or isinstance(self._matrix_rows, np.memmap)
                or self._matrix_rows.dtype != np.float32 or n + len(new) > self._matrix_rows.shape[0]):
            return False
        if self._centroid_matrix is not None:
            names = list(self.centroids)
            if any(str(lang) not in self.centroids for lang in languages):
                return False
        at = np.array([rows.get(int(pk), -1) for pk in ids.tolist()], dtype=np.int64)
        at[new] = np.arange(n, n + len(new))
        vectors = np.asarray(vectors, dtype=np.float32)
        self._matrix_rows[at] = vectors
        if self._reduced_rows is not None and self.projection is not None:
            self._reduced_rows[at] = vectors @ self.projection
        size = n + len(new)
        self.ids = np.concatenate([self.ids, ids[new]]) if new else self.ids
        self.visibility = np.concatenate([self.visibility, np.zeros(len(new), np.int8)]) if new else self.visibility
        self.visibility[at] = np.asarray(visibility, dtype=np.int8)
        self.matrix = self._matrix_rows[:size]
        if self._reduced_rows is not None:
            self.reduced = self._reduced_rows[:size]
        if self._centroid_matrix is not None:
            language_rows = np.array([names.index(str(lang)) for lang in languages], dtype=np.int32)
            if new:
                self._language_rows = np.concatenate([self._language_rows, np.zeros(len(new), np.int32)])
                self._centred_norms = np.concatenate([self._centred_norms, np.ones(len(new), np.float32)])
            self._language_rows[at] = language_rows
            own = self._centroid_matrix[language_rows]
            a = CENTRING
            sq = (own**2).sum(axis=1)
            dots = np.einsum("ij,ij->i", vectors, own)
            self._centred_norms[at] = np.sqrt(np.maximum(1.0 - 2.0 * a * dots + a * a * sq, 1e-6))
        for i, pk in zip(at.tolist(), ids.tolist(), strict=True):
            rows[pk] = i
        self._masks.clear()
        return True

    def remove(self, ids, rows: dict[int, int]) -> None:
        """Take these documents out in place (``rows``: id -> row, updated here): no search returns them."""
        for pk in ids:
            i = rows.pop(int(pk), None)
            if i is not None and self.visibility[i] != REMOVED:
                self.visibility[i] = REMOVED
                self.removed += 1
        self._masks.clear()

    def _centre(self, languages: np.ndarray) -> None:
        names, rows = np.unique(languages, return_inverse=True)
        dim = self.matrix.shape[1]
        sums = np.zeros((len(names), dim), dtype=np.float64)
        counts = np.bincount(rows, minlength=len(names))
        for start in range(0, len(self.ids), CHUNK):
            chunk = np.asarray(self.matrix[start : start + CHUNK], dtype=np.float32)
            part = rows[start : start + CHUNK]
            for i in np.unique(part).tolist():
                sums[i] += chunk[part == i].sum(axis=0)
        self._overall = (sums.sum(axis=0) / max(1, counts.sum())).astype(np.float32)
        for i, name in enumerate(names.tolist()):
            enough = counts[i] >= MIN_LANGUAGE_DOCUMENTS
            self.centroids[name] = (sums[i] / counts[i]).astype(np.float32) if enough else self._overall
        self._centroid_matrix = np.stack([self.centroids[n] for n in names.tolist()])
        self._language_rows = rows.astype(np.int32)
        # |d - a c|^2 = 1 - 2 a d.c + a^2 |c|^2 for a unit vector d (a: CENTRING).
        own_dot = np.empty(len(self.ids), dtype=np.float32)
        for start in range(0, len(self.ids), CHUNK):
            chunk = np.asarray(self.matrix[start : start + CHUNK], dtype=np.float32)
            own_dot[start : start + CHUNK] = np.einsum(
                "ij,ij->i", chunk, self._centroid_matrix[rows[start : start + CHUNK]])
        sq = (self._centroid_matrix**2).sum(axis=1)[rows]
        a = CENTRING
        self._centred_norms = np.sqrt(np.maximum(1.0 - 2.0 * a * own_dot + a * a * sq, 1e-6)).astype(np.float32)

    @staticmethod
    def _project(matrix: np.ndarray, projection: np.ndarray) -> np.ndarray:
        out = np.empty((matrix.shape[0], projection.shape[1]), dtype=np.float32)
        for start in range(0, matrix.shape[0], CHUNK):
            out[start : start + CHUNK] = np.asarray(matrix[start : start + CHUNK], dtype=np.float32) @ projection
        return out

    def _allowed(self, visibility: tuple[int, ...]) -> np.ndarray | None:
        if len(set(visibility) - {REMOVED}) >= len(VISIBILITY_CODES) and not self.removed:
            return None
        key = tuple(sorted(set(visibility)))
        if key not in self._masks:
            self._masks[key] = np.isin(self.visibility, key)
        return self._masks[key]

    def _hidden(self, visibility: tuple[int, ...]) -> np.ndarray:
        key = ("hidden", *sorted(set(visibility)))
        if key not in self._masks:
            self._masks[key] = ~self._allowed(visibility)
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
               min_score: float = -1.0, exact: bool = False, language: str | None = None) -> VectorHits:
        """The ``k`` documents closest to ``query`` (unit vector) among the allowed visibilities, and
        with a plain cosine of at least ``min_score``; with the query's ``language``, ranked with each
        language's mean taken out (module docstring). ``exact``: without the reduced first pass, for
        measuring its recall."""
        n = len(self.ids)
        if n == 0:
            return VectorHits(np.zeros(0, np.int64), np.zeros(0, np.float32))
        query = np.asarray(query, dtype=np.float32).reshape(-1)
        allowed = self._allowed(allowed_visibility)
        centred = language is not None and self._centroid_matrix is not None
        if centred:
            shifted = query - CENTRING * self.centroids.get(language, self._overall)
            length = float(np.linalg.norm(shifted)) or 1.0
            offsets = CENTRING * (self._centroid_matrix @ shifted)  # a (the shifted query) . (each language's mean)

        def rank(first_or_exact: np.ndarray, rows: np.ndarray | None) -> np.ndarray:
            # (q - a c_q) . (d - a c_d) / (|q - a c_q| |d - a c_d|), from the matrix times q - a c_q
            which = self._language_rows if rows is None else self._language_rows[rows]
            norms = self._centred_norms if rows is None else self._centred_norms[rows]
            return (first_or_exact - offsets[which]) / (norms * length)

        if self.reduced is not None and not exact:
            first = self.reduced @ ((shifted if centred else query) @ self.projection)
            if centred:
                first = rank(first, None)
            if allowed is not None:
                np.copyto(first, -np.inf, where=self._hidden(allowed_visibility))
            rows = top_rows(first, min(max(self.rescore_candidates, k), n))
            rows.sort()  # sequential reads from the memory map
        else:
            rows = None
        plain = self._exact_scores(query, rows)
        scores = rank(self._exact_scores(shifted, rows), rows) if centred else plain.copy()
        if allowed is not None:
            scores[~(allowed if rows is None else allowed[rows])] = -np.inf
        scores[plain < min_score] = -np.inf
        kk = min(k, len(scores))
        top = np.argpartition(-scores, kk - 1)[:kk]
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[np.isfinite(scores[top])]
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
    from clearinghouse.core.cache import forget_generation

    forget_generation()  # this process's cached public pages are stale from now on


def get_index(model_id: str, dim: int, using: str = "default") -> VectorIndex:
    """The vector index for ``model_id``, fresh as of this call: after a write, the documents written since
    the last load are applied in place (``VectorIndex.apply``, ``remove``); everything is loaded again
    only when that cannot be done, or when many rows have been taken out."""
    from django.db import connections

    from .models import SearchDocument

    key = (connections[using].settings_dict.get("NAME"), model_id)
    version = current_version(using)
    with _cache.lock:
        if _cache.key == key and _cache.version == version and _cache.index is not None:
            return _cache.index
        qs = SearchDocument.objects.using(using).filter(vector_model=model_id, vector__isnull=False)
        idx = _cache.index
        if _cache.key == key and idx is not None and _cache.loaded_until is not None and _apply_changes(idx, qs, dim):
            _cache.version = version
            return _cache.index
        ids, vis, vecs, until, langs = _load(qs, dim)
        _cache.index = VectorIndex(ids, vis, vecs, languages=langs,
                                   projection=idx.projection if idx is not None and _cache.key == key else None)
        _cache.rows = {int(pk): i for i, pk in enumerate(_cache.index.ids.tolist())}
        _cache.key, _cache.version, _cache.loaded_until = key, version, until
        return _cache.index


def _apply_changes(idx: VectorIndex, qs, dim: int) -> bool:
    """Bring ``idx`` up to date in place with the rows written since the last load (and, in case of a
    clock behind or a late commit, ``RELOAD_MARGIN_S`` before); rows gone from ``qs`` are taken out, found
    by counting. False: load everything again."""
    import datetime as dt

    since = _cache.loaded_until - dt.timedelta(seconds=RELOAD_MARGIN_S)
    ids, vis, vecs, until, langs = _load(qs.filter(updated_at__gte=since), dim, spare=False)
    if len(ids) > max(SPARE_MIN, len(idx.ids) // 20):
        return False
    rows = _cache.rows  # updated in place: when this returns False, everything is loaded again anyway
    new = idx.fork()
    if len(ids) and not new.apply(ids, vis, vecs, langs, rows):
        return False
    if qs.count() != len(rows):  # some left the index (deleted, or their vector with them)
        present = set(qs.values_list("id", flat=True))
        new.remove([pk for pk in list(rows) if pk not in present], rows)
        if new.removed > len(new.ids) // 10:
            return False
    _cache.index, _cache.rows = new, rows
    if until is not None and until > _cache.loaded_until:
        _cache.loaded_until = until
    return True


def _load(qs, dim: int, *, spare: bool = True):
    """Ids, visibility codes, vectors, the latest ``updated_at`` and languages of ``qs``; with ``spare``, the
    matrix has room after its rows for documents added in place (``SPARE``)."""
    ids, vis, vecs, langs, until = [], [], [], [], None
    for pk, visibility, vector, updated, language in qs.values_list(
            "id", "visibility", "vector", "updated_at", "language").iterator(chunk_size=2000):
        arr = from_bytes(vector, dim)
        if arr is None:
            continue
        ids.append(pk)
        vis.append(VISIBILITY_CODES.get(visibility, 2))
        vecs.append(arr)
        langs.append(language or "")
        until = updated if until is None or updated > until else until
    room = max(SPARE_MIN, int(len(vecs) * SPARE)) if spare else 0
    matrix = np.zeros((len(vecs) + room, dim), dtype=np.float32)
    if vecs:
        matrix[: len(vecs)] = vecs
    return np.array(ids, dtype=np.int64), np.array(vis, dtype=np.int8), matrix, until, np.array(langs)


def reset_cache() -> None:
    with _cache.lock:
        _cache.key = _cache.index = _cache.loaded_until = None
        _cache.version = None
        _cache.rows = {}
