"""Bounded work on very common words: estimated counts, said so, and a bounded ranking."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from clearinghouse.search import selectors

pytestmark = pytest.mark.django_db


def kw(query, **kwargs):
    kwargs.setdefault("user", AnonymousUser())
    return selectors.search(query=query, mode="keyword", **kwargs)


@pytest.fixture
def wetlands(published):
    for i, country in enumerate(["KE", "KE", "TZ", "KE", "TZ", "KE"]):
        published(title=f"Wetland survey {i}", countries=[country])
    published(title="Desert locust control", countries=["TZ"])


def test_small_match_sets_are_counted_exactly(wetlands):
    results = kw("wetland")
    assert not results.approximate
    assert results.total == 6
    country = next(f for f in results.facets if f.name == "country")
    assert {v.value: v.count for v in country.values} == {"KE": 4, "TZ": 2}


def test_large_match_sets_are_estimated_and_flagged(wetlands, settings):
    settings.CLEARINGHOUSE_SEARCH_EXACT_MAX = 3
    results = kw("wetland")
    assert results.approximate
    assert 3 <= results.total <= 12  # an estimate from 3 of the 6 matches
    assert len(results.hits) == 6  # every match can still be reached
    country = next(f for f in results.facets if f.name == "country")
    assert sum(v.count for v in country.values) >= 3
    # A query below the threshold stays exact.
    assert not kw("locust").approximate


def test_page_and_api_say_the_counts_are_estimates(wetlands, settings, client):
    settings.CLEARINGHOUSE_SEARCH_EXACT_MAX = 3
    page = client.get("/search/", {"q": "wetland", "mode": "keyword"}).content.decode()
    assert re.search(r"about \d+ results", page)
    assert "counts are estimated from a sample" in page
    assert re.search(r'<span class="count">about \d+</span>', page)
    data = client.get("/api/v1/search/", {"q": "wetland", "mode": "keyword"}).json()
    assert data["approximate"] is True
    exact = client.get("/api/v1/search/", {"q": "locust", "mode": "keyword"}).json()
    assert exact["approximate"] is False and exact["total"] == 1


def test_estimates_are_rounded_to_two_significant_digits():
    assert selectors.about(87) == 87
    assert selectors.about(12_345) == 12_000
    assert selectors.about(131_870.4) == 130_000


def test_ranking_scores_a_bounded_window_of_the_newest_matches(published, settings):
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("On PostgreSQL the window is the first matches in storage order (see backends/postgres.py)")
    published(title="Peatland carbon", summary="Peatland peatland peatland.")  # the best match, oldest
    for i in range(3):
        published(title=f"Report {i}", body="One peatland among many other words in a long body text.")
    assert kw("peatland").hits[0].title == "Peatland carbon"
    settings.CLEARINGHOUSE_SEARCH_RANK_WINDOW = 2
    windowed = [h.title for h in kw("peatland").hits]
    assert "Peatland carbon" not in windowed and len(windowed) == 2


def test_sorting_by_newest_looks_at_every_match_not_the_sample(wetlands, settings):
    settings.CLEARINGHOUSE_SEARCH_EXACT_MAX = 2
    results = kw("wetland", sort="newest")
    assert results.approximate
    assert len(results.hits) == 6
    assert results.hits[0].title == "Wetland survey 5"


@pytest.fixture
def on_postgres():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's ranking")


def test_postgres_query_lists_each_lexeme_once(on_postgres):
    from clearinghouse.search.backends.postgres import tsquery
    from clearinghouse.search.text import parse_query

    sql, params = tsquery(parse_query("wetlands"))
    assert sql == "%s::tsquery"
    lexemes = re.findall(r"'([^']+)'", params[0])
    assert "wetland" in lexemes and len(lexemes) == len(set(lexemes))  # english, french, simple... once each



@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_sqlite_reads_the_full_text_index_once_per_query_not_once_per_document(published, mode):
    """A four-word query took 33 s over 10,000 records: SQLite joined the documents first and ran the
    whole MATCH expression again for each of them. Every query of a search must read the index first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("FTS5 query plans")
    for i in range(6):
        published(title=f"Coastal mangrove replanting {i}", summary="Forests of the coast.")
    with CaptureQueriesContext(connection) as ctx:
        selectors.search(query="replanting coastal mangrove forests", mode=mode, user=AnonymousUser())
    probes = []
    for query in ctx.captured_queries:
        if "search_fts" not in query["sql"]:
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plan = [row[-1] for row in cursor.fetchall()]
        # "INDEX 0:=M..." is FTS5 probed by rowid, once for every row of the outer loop.
        probes += [(query["sql"][:120], line) for line in plan if re.search(r"VIRTUAL TABLE INDEX \d+:=", line)]
    assert probes == []


def test_postgresql_estimates_common_words_from_its_fixed_sample_of_one_document_in_fifty(db, settings):
    """At a million documents the counts of a common word come from the partial index over one
    document in 50 (migration 0004): the total is about 50 times the sampled matches, the facets too."""
    from django.db import connection

    from clearinghouse.search import indexing
    from clearinghouse.search.backends.postgres import SAMPLE_MODULUS
    from clearinghouse.search.registry import Document

    if connection.vendor != "postgresql":
        pytest.skip("the sample index is PostgreSQL's")
    settings.CLEARINGHOUSE_SEARCH_EXACT_MAX = 20
    settings.CLEARINGHOUSE_SEARCH_SAMPLE_MIN = 2
    rows = indexing.upsert_documents([
        Document(source="record", source_id=900_000 + i, public_id=f"T-{i}", kind="good-practice",
                 title=f"Wetland survey {i}", summary="", body="", language="en", url=f"/t/{i}/",
                 visibility="restricted" if i % 3 == 0 else "public",
                 countries=["KE" if i % 2 else "TZ"]) for i in range(450)], vectors=False)
    sampled = [r for r in rows if r.pk % SAMPLE_MODULUS == 0 and r.visibility == "public"]
    assert len(sampled) >= 5  # restricted records are in the sample index, never in what an outsider is told

    results = kw("wetland")

    assert results.approximate
    assert results.total == selectors.about(len(sampled) * SAMPLE_MODULUS)
    country = {v.value: v.count for f in results.facets if f.name == "country" for v in f.values}
    assert country == {
        code: selectors.about(sum(1 for r in sampled if r.country == code) * SAMPLE_MODULUS)
        for code in ("KE", "TZ") if any(r.country == code for r in sampled)}
    assert len(results.hits) == 20  # the ranking still reaches every match, not only the sample's



def _index_reads(captured) -> list[str]:
    """The queries that read the whole full-text index (on PostgreSQL not those of the small sample index)."""
    from django.db import connection

    from clearinghouse.search.backends.postgres import COARSE_SAMPLE_MODULUS, SAMPLE_MODULUS

    samples = (f"% {SAMPLE_MODULUS}) = 0", f"% {COARSE_SAMPLE_MODULUS}) = 0")
    if connection.vendor == "postgresql":
        return [q["sql"] for q in captured if "@@" in q["sql"] and not any(s in q["sql"] for s in samples)]
    return [q["sql"] for q in captured if "MATCH" in q["sql"]]


@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_a_page_reads_the_full_text_index_once_for_its_count_facets_and_fallback(published, mode):
    """The matches are read once per page: the total, the facet counts and "does any record have every
    word?" are answered from those ids, and on PostgreSQL the ranking too, where each read of the GIN index
    builds the bitmap of every match (five to seven such reads a page at a million records)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(4):
        published(title=f"Coastal mangrove replanting {i}", summary="Forests of the coast.", countries=["KE"])
    published(title="Mangrove honey", summary="Bees.", countries=["TZ"])
    with CaptureQueriesContext(connection) as ctx:
        results = selectors.search(query="replanting coastal mangrove forests", mode=mode, user=AnonymousUser())

    assert {h.title for h in results.hits[:4]} == {f"Coastal mangrove replanting {i}" for i in range(4)}
    assert not results.fallback and not results.approximate
    country = {v.value: v.count for f in results.facets if f.name == "country" for v in f.values}
    assert country["KE"] == 4
    reads = _index_reads(ctx.captured_queries)
    assert not [sql for sql in reads if "COUNT(" in sql or sql.startswith("SELECT 1 ")]
    if connection.vendor == "postgresql":
        # By words and meaning, fewer records have the words than the page fuses: the records with any one of
        # them are read once more (``selectors._some_words``; from the sample indexes when a word is common).
        assert len(reads) == (2 if mode == "hybrid" else 1)
        if mode == "hybrid":
            assert " | " in reads[1] and " & " not in reads[1]  # any one of the words


def test_with_no_record_having_every_word_the_fallback_is_told_from_the_matches_read(published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    published(title="Seagrass meadows", summary="Mapping.")
    published(title="Kelp forests", summary="Mapping.")
    with CaptureQueriesContext(connection) as ctx:
        results = kw("seagrass kelp")

    assert results.fallback and {h.title for h in results.hits} == {"Seagrass meadows", "Kelp forests"}
    assert results.total == 2
    reads = _index_reads(ctx.captured_queries)
    assert not [sql for sql in reads if "COUNT(" in sql or sql.startswith("SELECT 1 ")]
    if connection.vendor == "postgresql":
        assert len(reads) == 2  # every word (none), then any word


def test_postgresql_ranks_a_common_word_from_its_sample_and_thins_a_large_sample(db, settings):
    """A word matching half of a million documents had 11,000 sampled ids to count facets over (150 ms) and
    its ranking read the GIN bitmap of all 550,000 matches (450 ms). The sample is thinned to at most
    ``CLEARINGHOUSE_SEARCH_EXACT_MAX`` ids, still spread evenly, and a page ranks from it by id."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clearinghouse.search import indexing
    from clearinghouse.search.backends.postgres import SAMPLE_MODULUS
    from clearinghouse.search.registry import Document

    if connection.vendor != "postgresql":
        pytest.skip("the sample index is PostgreSQL's")
    settings.CLEARINGHOUSE_SEARCH_SAMPLE_MIN = 2
    rows = indexing.upsert_documents([
        Document(source="record", source_id=800_000 + i, public_id=f"Q-{i}", kind="good-practice",
                 title=f"Quokka census {i}", summary="", body="", language="en", url=f"/q/{i}/",
                 visibility="public", countries=["AU"]) for i in range(450)], vectors=False)
    sampled = sorted(r.pk for r in rows if r.pk % SAMPLE_MODULUS == 0)
    assert len(sampled) >= 8

    settings.CLEARINGHOUSE_SEARCH_EXACT_MAX = len(sampled)  # the sample fits: ranked from it
    with CaptureQueriesContext(connection) as ctx:
        results = kw("quokka", per_page=3)
    assert results.approximate and results.total == selectors.about(len(sampled) * SAMPLE_MODULUS)
    assert {h.id for h in results.hits} <= set(sampled) and len(results.hits) == 3
    assert _index_reads(ctx.captured_queries) == []

    limit = len(sampled) // 2  # too many: one in k kept, the multiples of a k times larger modulus
    settings.CLEARINGHOUSE_SEARCH_EXACT_MAX = limit
    results = kw("quokka", per_page=3)
    modulus = SAMPLE_MODULUS * -(-len(sampled) // limit)
    kept = [pk for pk in sampled if pk % modulus == 0]
    assert 0 < len(kept) <= limit
    assert results.total == selectors.about(len(kept) * modulus)
    assert len(results.hits) == 3


def test_postgresql_takes_a_very_common_words_sample_from_one_document_in_500(db, settings):
    """Reading the ids of a word matching half of a million documents among one in 50 visited 10,000 heap
    pages; when the finer sample would be thinned anyway, the coarser index (migration 0006) is read instead."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clearinghouse.search import indexing
    from clearinghouse.search.backends.postgres import COARSE_SAMPLE_MODULUS, SAMPLE_MODULUS
    from clearinghouse.search.registry import Document

    if connection.vendor != "postgresql":
        pytest.skip("the sample indexes are PostgreSQL's")
    settings.CLEARINGHOUSE_SEARCH_SAMPLE_MIN = 2
    settings.CLEARINGHOUSE_SEARCH_EXACT_MAX = 10  # the finer sample (about 22) would be thinned
    rows = indexing.upsert_documents([
        Document(source="record", source_id=700_000 + i, public_id=f"N-{i}", kind="good-practice",
                 title=f"Numbat survey {i}", summary="", body="", language="en", url=f"/n/{i}/",
                 visibility="public", countries=["AU"]) for i in range(1_100)], vectors=False)
    coarse = [r.pk for r in rows if r.pk % COARSE_SAMPLE_MODULUS == 0]
    assert len(coarse) >= 2

    with CaptureQueriesContext(connection) as ctx:
        results = kw("numbat", per_page=2)

    assert results.approximate and results.total == selectors.about(len(coarse) * COARSE_SAMPLE_MODULUS)
    assert len(results.hits) == 2
    assert not [q for q in ctx.captured_queries if f"% {SAMPLE_MODULUS}) = 0" in q["sql"]]


def test_postgresql_ranks_finely_only_the_best_by_field_weight_after_the_viewers_filters(db, settings):
    """ts_rank_cd() with a query's synonyms in six languages took 100-250 µs a document: ranking 2,000
    candidates was most of a page's time at a million documents. The candidates are ranked by ts_rank()
    first (the weight of the field each word is in, without positions) and only the best
    ``CLEARINGHOUSE_SEARCH_RERANK`` by ts_rank_cd(); the viewer's filters come before that cut, so a
    record the viewer may not see never takes one of those places."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clearinghouse.search import indexing
    from clearinghouse.search.backends import get_backend
    from clearinghouse.search.registry import Document
    from clearinghouse.search.text import parse_query

    if connection.vendor != "postgresql":
        pytest.skip("ts_rank_cd() is PostgreSQL's")

    def doc(i, title, body="", visibility="public"):
        return Document(source="record", source_id=700_000 + i, public_id=f"Q-{i}", kind="good-practice",
                        title=title, summary="", body=body, language="en", url=f"/q/{i}/", visibility=visibility)

    rows = indexing.upsert_documents(
        [doc(i, f"Quokka census {i}", visibility="restricted") for i in range(3)]
        + [doc(10 + i, f"Quokka census {10 + i}") for i in range(3)]
        + [doc(20 + i, f"Island survey {20 + i}", body="A quokka was seen.") for i in range(12)], vectors=False)
    public_titles = {r.pk for r in rows if r.title.startswith("Quokka") and r.visibility == "public"}
    backend = get_backend()
    with backend.reading():
        settings.CLEARINGHOUSE_SEARCH_RERANK = 3
        plan = selectors._Plan(backend, parse_query("quokka"), ["public"], {})
        with CaptureQueriesContext(connection) as ctx:
            ranked = selectors._ranked_among(plan, [r.pk for r in rows], 2, 0, set())
    fine = [q["sql"] for q in ctx.captured_queries if "ts_rank_cd(" in q["sql"]]
    assert len(fine) == 1
    assert len(re.search(r"ANY\('\{([\d,]+)\}'", fine[0]).group(1).split(",")) == 3  # the best three, not 15
    assert set(ranked) <= public_titles and len(ranked) == 2

    for rerank in (0, 3):  # the same first page, cut or not
        settings.CLEARINGHOUSE_SEARCH_RERANK = rerank
        results = kw("quokka", per_page=3)
        assert {h.id for h in results.hits} == public_titles
        assert results.total == 15


def test_postgresql_ranks_a_pass_with_too_few_matches_in_the_page_sample_from_its_own_sample(db, settings,
                                                                                            monkeypatch):
    """Every word of "bosques protegen semillas anidación" is in 10,000 of a million records, too few of them
    in the page's sample (taken for any three of the four words) to fill a page: that pass read the bitmap
    of every match from the full index (139 ms). It takes its own sample from the same partial indexes first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clearinghouse.search import indexing
    from clearinghouse.search.backends.postgres import SAMPLE_MODULUS
    from clearinghouse.search.models import SearchDocument
    from clearinghouse.search.registry import Document

    if connection.vendor != "postgresql":
        pytest.skip("the sample index is PostgreSQL's")
    rows = indexing.upsert_documents([
        Document(source="record", source_id=600_000 + i, public_id=f"N-{i}", kind="good-practice",
                 title=f"Quokka numbat survey {i}", summary="", body="", language="en", url=f"/n/{i}/",
                 visibility="public") for i in range(500)], vectors=False)
    sampled = sorted(r.pk for r in rows if r.pk % SAMPLE_MODULUS == 0)
    thinned = 3 * SAMPLE_MODULUS  # the page's sample of ten, thinned to at most four
    every_word = [pk for pk in sampled if pk % thinned][:3]
    assert len(every_word) == 3
    SearchDocument.objects.filter(pk__in=every_word).update(title="Quokka numbat burrow")
    settings.CLEARINGHOUSE_SEARCH_EXACT_MAX = 4
    settings.CLEARINGHOUSE_SEARCH_SAMPLE_MIN = 2
    monkeypatch.setattr(selectors, "PER_PAGE", 2)

    with CaptureQueriesContext(connection) as ctx:
        results = kw("quokka numbat burrow", per_page=2)

    assert results.approximate and not results.fallback
    assert {h.id for h in results.hits} <= set(every_word) and len(results.hits) == 2  # every word first
    assert _index_reads(ctx.captured_queries) == []


def test_postgresql_reads_the_candidates_once_for_every_ranking_pass_the_total_and_the_facets(published):
    """A four-word query with synonyms is ranked in four passes (every word and all but one, with its synonyms
    and as typed). Each pass read the rows of the same candidates again, and the total and the facets read
    them once more: at a million documents, reading those rows, not scoring them, was most of a page's time.
    Now the read of the matches scores every pass; each pass then ranks finely only its best few, and the
    total, the facets and the all-words fallback count the matches the viewer may see from that same read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("ranking among candidate ids is PostgreSQL's")
    for i in range(4):
        published(title=f"Coastal mangrove replanting {i}", summary="Forests of the coast.", countries=["KE"])
    published(title="Coastal mangrove survey", summary="Forests of the coast.", countries=["TZ"])
    published(title="Mangrove honey", summary="Bees.", countries=["TZ"])
    with CaptureQueriesContext(connection) as ctx:
        results = selectors.search(query="replanting coastal mangrove forests", mode="keyword", user=AnonymousUser())

    titles = [h.title for h in results.hits]
    assert set(titles[:4]) == {f"Coastal mangrove replanting {i}" for i in range(4)}  # every word first
    assert titles[4:] == ["Coastal mangrove survey"]  # then all words but one
    assert results.total == 5
    country = {v.value: v.count for f in results.facets if f.name == "country" for v in f.values}
    assert country == {"KE": 4, "TZ": 1}
    sqls = [q["sql"] for q in ctx.captured_queries]
    reads = [sql for sql in sqls if "search_searchdocument d" in sql and "ts_rank_cd" not in sql]
    # The matches, scored for every pass, in storage order after two tries of the sample indexes (too few
    # matches there); never read again by id to rank them, count them or facet them.
    assert len(reads) == 3 and all("ts_match_vq" in sql and "ANY(" not in sql for sql in reads)
    assert len([sql for sql in sqls if "ts_rank_cd" in sql]) >= 2  # then each pass ranks its best finely
    assert not [sql for sql in sqls if "COUNT(" in sql and "search_searchdocument" in sql]
