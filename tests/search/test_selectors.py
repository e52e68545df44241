"""Search as people use it: words, phrases, facets, languages, visibility, pages."""

import pytest
from django.contrib.auth.models import AnonymousUser

from clearinghouse.search import selectors
from clearinghouse.search.models import SearchDocument
from tests.factories import UserFactory, secretariat

pytestmark = pytest.mark.django_db


def titles(results):
    return [h.title for h in results.hits]


def kw(query, **kwargs):
    kwargs.setdefault("user", AnonymousUser())
    return selectors.search(query=query, mode="keyword", **kwargs)


def test_publishing_indexes_the_record_with_its_facets(published):
    record = published(title="Seed banks for wild crop relatives", countries=["KE", "TZ"], targets=["GBF-4"],
                       conventions=["CBD"], support_types=["training"])
    doc = SearchDocument.objects.get(source="record", source_id=record.pk)
    assert doc.public_id == record.public_id
    assert doc.vector_model == "use-multilingual-v3" and len(doc.vector) == 512 * 4
    facets = set(doc.facets.values_list("name", "value"))
    assert {("country", "KE"), ("country", "TZ"), ("target", "GBF-4"), ("convention", "CBD"),
            ("support", "training"), ("type", "good-practice"), ("language", "en")} <= facets


def test_all_words_first_then_any_word_with_a_notice(published):
    published(title="Mangrove restoration with fishers", summary="Coastal villages replant mangroves.")
    published(title="Coral reef monitoring", summary="Divers count corals every year.")
    both = kw("mangrove fishers")
    assert titles(both) == ["Mangrove restoration with fishers"]
    assert not both.fallback

    either = kw("mangrove corals")
    assert either.fallback
    assert sorted(titles(either)) == ["Coral reef monitoring", "Mangrove restoration with fishers"]


def test_fallback_message_is_shown_on_the_page(published, client):
    published(title="Mangrove restoration with fishers")
    published(title="Coral reef monitoring")
    page = client.get("/search/", {"q": "mangrove corals", "mode": "keyword"}).content.decode()
    assert "No results with all the words; showing results with any of them" in page


def test_quoted_phrase_matches_only_the_words_together(published):
    published(title="Marine protected area for turtles", summary="A new reserve.")
    published(title="Protected forests and a marine survey", summary="Area of the survey.")
    assert titles(kw('"marine protected area"')) == ["Marine protected area for turtles"]
    assert len(kw("marine protected area").hits) == 2


def test_title_matches_rank_above_body_matches(published):
    published(title="Community nurseries", summary="Villagers grow seedlings.", body="Some pollinators visit.")
    published(title="Pollinator corridors along farms", summary="Hedgerows for bees.")
    assert titles(kw("pollinators"))[0] == "Pollinator corridors along farms"


def test_accents_and_case_are_ignored(published):
    published(title="Restauración de manglares en la costa", language="es")
    assert titles(kw("RESTAURACION manglares")) == ["Restauración de manglares en la costa"]


def test_facet_counts_follow_the_query_or_within_and_across(published):
    published(title="Wetland birds census", countries=["KE"], conventions=["RAMSAR"])
    published(title="Wetland restoration plan", countries=["TZ"], conventions=["CBD"])
    published(title="Wetland tourism rules", countries=["TZ"], conventions=["RAMSAR"])
    published(title="Desert locust control", countries=["KE"], conventions=["CBD"])

    res = kw("wetland")
    counts = {f.name: {v.value: v.count for v in f.values} for f in res.facets}
    assert res.total == 3
    assert counts["country"] == {"KE": 1, "TZ": 2}
    assert counts["convention"] == {"RAMSAR": 2, "CBD": 1}

    # OR within a facet.
    assert kw("wetland", filters={"country": ["KE", "TZ"]}).total == 3
    # AND across facets.
    res = kw("wetland", filters={"country": ["TZ"], "convention": ["RAMSAR"]})
    assert titles(res) == ["Wetland tourism rules"]
    counts = {f.name: {v.value: v.count for v in f.values} for f in res.facets}
    # A selected facet keeps the counts of its other values (with the other facets applied).
    assert counts["country"] == {"KE": 1, "TZ": 1}
    assert counts["convention"] == {"RAMSAR": 1, "CBD": 1}
    selected = [v.value for f in res.facets for v in f.values if v.selected]
    assert sorted(selected) == ["RAMSAR", "TZ"]


def test_facet_labels_are_readable(published):
    published(title="Wetland birds", countries=["KE"], targets=["GBF-3"], support_types=["training"])
    res = kw("wetland")
    labels = {f.name: {v.value: v.label for v in f.values} for f in res.facets}
    assert labels["country"]["KE"] == "Kenya"
    assert labels["target"]["GBF-3"] == "GBF Target 3"
    assert labels["support"]["training"] == "Training"
    assert labels["type"]["good-practice"] == "Good-practice case"


def test_chinese_query_finds_chinese_record(published):
    published(title="社区参与的红树林恢复", summary="沿海村庄种植并保护红树林，保护生物多样性。", language="zh")
    published(title="Mangrove restoration", summary="Villages replant mangroves.")
    res = kw("红树林")
    assert titles(res) == ["社区参与的红树林恢复", "Mangrove restoration"]  # the words as typed first, then the
    # same word in another language (search/data/thesaurus.txt)
    assert "<mark>红树" in res.hits[0].title_html  # jieba cuts the title as 红树|林: the mark may stop short
    assert titles(kw("生物多样性")) == ["社区参与的红树林恢复"]
    assert kw("森林火灾").total == 0


def test_snippets_mark_matches_and_escape_everything_else(published):
    published(title="<script>alert(1)</script> Pollinator <b>gardens</b>",
              summary="Bees & <img src=x onerror=alert(1)> butterflies in pollinator gardens.")
    res = kw("pollinator")
    hit = res.hits[0]
    for html in (hit.title_html, hit.snippet_html):
        assert "<script>" not in html and "<img" not in html and "<b>" not in html
        assert "<mark>" in html
        assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert "&lt;script&gt;" in hit.title_html
    assert "&amp;" in hit.snippet_html


def test_search_syntax_typed_by_users_is_harmless(published):
    published(title="Pollinator gardens")
    for q in ['pollinator"', 'pollinator AND OR NOT', "pollinator*", "title: pollinator", "(pollinator",
              "-pollinator", "pollinator NEAR/2", "{title}: x", "'; DROP TABLE x; --"]:
        res = kw(q)
        assert res.total <= 1


def test_visibility(published):
    published(title="Public seed bank")
    published(title="Registered seed bank", visibility="registered")
    anonymous = kw("seed bank")
    assert titles(anonymous) == ["Public seed bank"]
    member = kw("seed bank", user=UserFactory())
    assert sorted(titles(member)) == ["Public seed bank", "Registered seed bank"]
    assert selectors.search(query="seed bank", mode="hybrid", user=AnonymousUser()).total == 1


def test_restricted_records_are_only_searchable_by_the_secretariat(published):
    from tests.factories import OrganisationFactory

    community = OrganisationFactory()
    published(title="Sacred grove knowledge", kind="traditional-knowledge", visibility="restricted",
              community=community.pk, details={"category": "resource-management", "holders": community.name})
    assert kw("sacred grove", user=UserFactory()).total == 0
    assert kw("sacred grove", user=AnonymousUser()).total == 0
    assert kw("sacred grove", user=secretariat()).total == 1


def test_archived_records_leave_the_index(published, django_capture_on_commit_callbacks):
    from clearinghouse.knowledge import services as knowledge

    record = published(title="Old wetland plan", country="KE")
    assert kw("wetland").total == 1
    from tests.factories import focal_point

    with django_capture_on_commit_callbacks(execute=True):
        knowledge.record_archive(actor=focal_point("KE"), record=record)
    assert kw("wetland").total == 0
    assert not SearchDocument.objects.filter(source_id=record.pk).exists()


def test_pagination_is_bounded_and_stable(published, settings):
    for i in range(23):
        published(title=f"Grassland survey number {i}", country=None)
    first = kw("grassland", page=1)
    second = kw("grassland", page=2)
    assert first.total == 23 and first.pages == 2
    assert len(first.hits) == 20 and len(second.hits) == 3
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    assert kw("grassland", page=99).page == 2  # past the end: the last page
    assert kw("grassland", page="x").page == 1


def test_sort_by_newest_and_title(published):
    published(title="Beta wetland")
    published(title="Alpha wetland")
    assert titles(kw("wetland", sort="newest")) == ["Alpha wetland", "Beta wetland"]
    assert titles(kw("wetland", sort="title")) == ["Alpha wetland", "Beta wetland"]
    published(title="Zeta wetland")
    assert titles(kw("wetland", sort="newest"))[0] == "Zeta wetland"
    assert titles(kw("wetland", sort="title"))[-1] == "Zeta wetland"


def test_empty_query_browses_newest_first(published):
    published(title="First")
    published(title="Second")
    res = selectors.search(query="", user=AnonymousUser())
    assert titles(res) == ["Second", "First"] and res.sort == "newest"


def test_title_is_shown_in_the_viewers_language(published):
    from django.utils import translation

    published(title="Mangrove restoration", translations={"fr": {"title": "Restauration des mangroves"}})
    with translation.override("fr"):
        hit = kw("mangrove").hits[0]
    assert hit.title == "Restauration des mangroves" and hit.shown_language == "fr"
    assert kw("mangrove").hits[0].title == "Mangrove restoration"
