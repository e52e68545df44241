"""Search by meaning across languages, with the real multilingual embedder."""

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser

from clearinghouse.search import selectors
from clearinghouse.search.vectors import VectorIndex

pytestmark = pytest.mark.django_db


def test_french_query_finds_a_spanish_case_sharing_no_words(published):
    published(title="Restauración comunitaria de manglares", language="es",
              summary="Las cooperativas de pescadores replantan manglares y vigilan la costa.")
    published(title="Inventario de insectos en huertos urbanos", language="es",
              summary="Los estudiantes cuentan escarabajos en los jardines de la ciudad.")
    query = "reboisement des mangroves par les pêcheurs"
    # The words themselves are not in the Spanish record; their equivalents are (search/data/thesaurus.txt).
    keyword = selectors.search(query=query, mode="keyword", user=AnonymousUser())
    assert [h.title for h in keyword.hits] == ["Restauración comunitaria de manglares"]

    for mode, why in (("semantic", "meaning"), ("hybrid", "both")):
        res = selectors.search(query=query, mode=mode, user=AnonymousUser())
        assert res.hits, mode
        assert res.hits[0].title == "Restauración comunitaria de manglares", mode
        assert res.hits[0].matched_by == why


def test_hybrid_keeps_exact_word_matches_first(published):
    published(title="Seagrass meadow mapping", summary="Divers map seagrass with drones.")
    published(title="Cartografía de praderas marinas", language="es",
              summary="Buzos cartografían las praderas submarinas.")
    res = selectors.search(query="seagrass", user=AnonymousUser())
    assert res.hits[0].title == "Seagrass meadow mapping"
    assert res.hits[0].matched_by == "both"


def test_semantic_search_respects_visibility(published):
    published(title="Restauración de manglares para miembros", language="es", visibility="registered",
              summary="Pescadores replantan manglares.")
    res = selectors.search(query="mangrove restoration by fishers", mode="semantic", user=AnonymousUser())
    assert res.total == 0


def test_new_documents_reach_the_vector_index_of_a_running_process(published):
    published(title="Bee-friendly farming", summary="Farmers sow flower strips for wild bees.")
    query = "pollinisateurs dans les champs"
    first = selectors.search(query=query, mode="semantic", user=AnonymousUser())
    published(title="Protección de abejas silvestres en cultivos", language="es",
              summary="Agricultores siembran franjas de flores para polinizadores.")
    second = selectors.search(query=query, mode="semantic", user=AnonymousUser())
    assert second.total == first.total + 1


def test_reduced_first_pass_finds_the_same_neighbours_as_exact_search(monkeypatch):
    rng = np.random.default_rng(3)
    centroids = rng.standard_normal((50, 64)).astype(np.float32)
    vectors = centroids[rng.integers(0, 50, 3000)] + 0.3 * rng.standard_normal((3000, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids, vis = np.arange(1, 3001), np.zeros(3000, np.int8)
    exact = VectorIndex(ids, vis, vectors)
    monkeypatch.setattr(VectorIndex, "reduce_above", 1000)
    monkeypatch.setattr(VectorIndex, "reduced_dim", 16)
    monkeypatch.setattr(VectorIndex, "rescore_candidates", 200)
    fast = VectorIndex(ids, vis, vectors.astype(np.float16))
    assert fast.reduced is not None and fast.reduced.shape == (3000, 16) and exact.reduced is None
    q = vectors[17]
    assert exact.search(q, k=10).ids[0] == 18
    assert fast.search(q, k=10).ids[0] == 18
    overlap = set(fast.search(q, k=10).ids.tolist()) & set(exact.search(q, k=10).ids.tolist())
    assert len(overlap) >= 9
    # Visibility is applied in the first pass too: hidden documents never come back.
    vis_hidden = vis.copy()
    vis_hidden[17] = 2
    hidden = VectorIndex(ids, vis_hidden, vectors.astype(np.float16), projection=fast.projection)
    assert 18 not in hidden.search(q, k=10, allowed_visibility=(0,)).ids.tolist()








def test_the_best_rows_of_the_first_pass_are_those_a_full_partition_picks():
    """The first pass at a million documents spent 15 ms in argpartition; a threshold read off a sample keeps
    a few thousand rows to partition. Its answer must be the same set, ties, hidden rows and all."""
    from clearinghouse.search.vectors import top_rows

    rng = np.random.default_rng(4)
    cases = [rng.standard_normal(200_000).astype(np.float32),
             np.round(rng.standard_normal(200_000), 1).astype(np.float32)]  # many ties
    hidden = rng.standard_normal(200_000).astype(np.float32)
    hidden[rng.random(200_000) < 0.995] = -np.inf  # most rows hidden: fewer than m above the threshold
    cases.append(hidden)
    for scores in cases:
        for m in (10, 1000, 5000):
            got = top_rows(scores, m)
            assert len(got) == m == len(set(got.tolist()))
            assert scores[got].min() == np.sort(scores)[-m]  # the m-th best score, and nothing below it
    assert sorted(top_rows(np.arange(5.0), 9).tolist()) == [0, 1, 2, 3, 4]


def _clustered(n, dim=64, seed=3):
    rng = np.random.default_rng(seed)
    centroids = rng.standard_normal((50, dim)).astype(np.float32)
    vectors = centroids[rng.integers(0, 50, n)] + 0.3 * rng.standard_normal((n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_documents_written_after_the_load_are_applied_in_place_and_found_as_after_a_full_load(monkeypatch):
    """After a write, the next search of each process reloaded the whole index: at a million documents,
    seconds for one changed row. A copy of the index takes the changes in place, the matrix shared; its
    answers are those of an index built from scratch."""
    from clearinghouse.search.vectors import REMOVED, _load

    monkeypatch.setattr(VectorIndex, "reduce_above", 1000)
    monkeypatch.setattr(VectorIndex, "reduced_dim", 16)
    vectors = _clustered(3000)
    languages = np.array(["en", "fr", "es"] * 1000)
    buffer = np.zeros((3100, 64), np.float32)
    buffer[:2990] = vectors[:2990]
    ids = np.arange(1, 2991)
    index = VectorIndex(ids, np.zeros(2990, np.int8), buffer, languages=languages[:2990])
    rows = {int(pk): i for i, pk in enumerate(ids.tolist())}
    fork = index.fork()
    # Ten new documents, and document 5 made restricted with a new vector (that of document 2995).
    changed = np.array([*range(2991, 3001), 5])
    new_vectors = np.concatenate([vectors[2990:], vectors[2994:2995]])
    vis = np.zeros(11, np.int8)
    vis[-1] = 2
    assert fork.apply(changed, vis, new_vectors, np.array([*languages[2990:], "en"]), rows)
    fork.remove([7], rows)

    assert np.shares_memory(fork.matrix, index.matrix) and len(fork.ids) == 3000 and len(index.ids) == 2990
    assert fork.visibility[rows[3000]] == 0 and fork.visibility[6] == REMOVED and 7 not in rows
    full_vectors = vectors.copy()
    full_vectors[4] = vectors[2994]
    full_vis = np.zeros(3000, np.int8)
    full_vis[4] = 2
    kept = np.arange(3000) != 6
    scratch = VectorIndex(np.arange(1, 3001)[kept], full_vis[kept], full_vectors[kept], projection=index.projection)
    for q in (vectors[2995], vectors[6], vectors[2994], vectors[100]):
        for allowed in ((0,), (0, 1, 2)):
            got = fork.search(q, k=10, allowed_visibility=allowed).ids.tolist()
            assert got == scratch.search(q, k=10, allowed_visibility=allowed).ids.tolist()
            assert 7 not in got and (5 not in got or allowed != (0,))
    assert fork.search(vectors[2995], k=1).ids.tolist() == [2996]  # a new one, found in the reduced pass too
    assert index.search(vectors[2995], k=3).ids.tolist()[0] != 2996  # the copy searched before is unchanged

    # No room left, or a language with no mean yet: the caller loads everything again.
    assert not fork.fork().apply(np.arange(5000, 5200), np.zeros(200, np.int8), _clustered(200), np.array(["en"] * 200), dict(rows))
    assert not fork.fork().apply(np.array([9999]), np.zeros(1, np.int8), vectors[:1], np.array(["ar"]), dict(rows))
    assert _load  # the site's loader leaves that room (``SPARE``)


def test_the_site_index_takes_writes_in_place_without_loading_everything_again(published, monkeypatch):
    from clearinghouse.search import vectors as vectors_module
    from clearinghouse.search.embedders import get_embedder
    from clearinghouse.search.models import SearchDocument

    embedder = get_embedder()
    first = published(title="Seagrass meadow mapping", summary="Divers map seagrass meadows with drones.")
    published(title="Agricultura amiga de las abejas", language="es", summary="Siembran flores para las abejas.")
    before = vectors_module.get_index(embedder.model_id, embedder.dim)
    loads = []
    real_load = vectors_module._load
    monkeypatch.setattr(vectors_module, "_load", lambda qs, dim, **kw: loads.append(kw) or real_load(qs, dim, **kw))

    published(title="Cartografía de praderas marinas", language="es", summary="Buzos cartografían praderas marinas.")
    query = "mapping seagrass meadows"
    found = {h.title for h in selectors.search(query=query, mode="semantic", user=AnonymousUser()).hits}
    assert "Cartografía de praderas marinas" in found
    after = vectors_module.get_index(embedder.model_id, embedder.dim)
    assert after is not before and np.shares_memory(after.matrix, before.matrix)
    assert loads == [{"spare": False}]  # only the rows written since, not the whole index

    published(title="Restauration des herbiers", language="fr", summary="Des plongeurs replantent les herbiers.")
    vectors_module.get_index(embedder.model_id, embedder.dim)
    assert loads[-1] == {}  # a language with no mean yet: everything again

    doc = SearchDocument.objects.get(source="record", source_id=first.pk)
    doc.delete()
    vectors_module.bump_version()
    found = {h.title for h in selectors.search(query=query, mode="semantic", user=AnonymousUser()).hits}
    assert "Seagrass meadow mapping" not in found and "Cartografía de praderas marinas" in found


TOPIC = 0.9  # below 1: each vector leans more on its language than on its topic


def _language_heavy_vectors():
    """Four directions: English, French, topic X, topic Y. Every vector leans on its language, as a
    multilingual embedder's do: a query is nearer any record of its own language than the right record
    in another one. 20 records a language (fewer, and a language's mean is not trusted)."""
    rng = np.random.default_rng(5)

    def unit(*v):
        v = np.array(v, dtype=np.float32)
        return v / np.linalg.norm(v)

    english_y, french_x = unit(1, 0, 0, TOPIC), unit(0, 1, TOPIC, 0)
    docs = [english_y, french_x]  # ids 1 and 2
    for language in (0, 1):
        for i in range(19):
            v = np.zeros(4, np.float32)
            v[language] = 1
            v[2 + i % 2] = TOPIC  # both topics in both languages
            docs.append(unit(*(v + 0.05 * rng.standard_normal(4).astype(np.float32))))
    languages = np.array(["en", "fr"] + ["en"] * 19 + ["fr"] * 19)
    return np.stack(docs), languages, unit(1, 0, TOPIC, 0)  # the query: English, topic X


def test_each_language_mean_is_taken_out_so_meaning_outweighs_language():
    matrix, languages, query = _language_heavy_vectors()
    ids, vis = np.arange(1, len(matrix) + 1), np.zeros(len(matrix), np.int8)
    index = VectorIndex(ids, vis, matrix, languages=languages)
    english = {int(i) for i, lang in zip(ids, languages, strict=True) if lang == "en"}
    topic_x = {int(i) for i, v in zip(ids, matrix, strict=True) if v[2] > v[3]}

    raw = index.search(query, k=40).ids.tolist()  # no language given: plain cosine
    assert set(raw[:20]) == english  # every English record, even on topic Y, before French on topic X

    centred = index.search(query, k=40, language="en").ids.tolist()
    assert set(centred[: len(topic_x)]) == topic_x  # topic X in both languages, then topic Y
    # The floor still applies to the plain cosine: a record below it is never returned.
    floor = float(matrix[1] @ query) + 0.01
    assert 2 not in index.search(query, k=40, language="en", min_score=floor).ids.tolist()


def test_the_site_index_knows_each_document_language(published):
    from clearinghouse.search.embedders import get_embedder
    from clearinghouse.search.vectors import get_index

    published(title="Seagrass meadow mapping", summary="Divers map seagrass with drones.")
    published(title="Cartografía de praderas marinas", language="es", summary="Buzos cartografían praderas.")
    embedder = get_embedder()
    index = get_index(embedder.model_id, embedder.dim)
    assert set(index.centroids) >= {"en", "es"}
