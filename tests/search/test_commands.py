"""clearinghouse reindex and reembed."""

import pytest
from django.core.management import call_command

from clearinghouse.search.embedders import get_embedder
from clearinghouse.search.models import SearchDocument, SearchFacet
from tests.factories import make_record

pytestmark = pytest.mark.django_db


def test_reindex_rebuilds_an_emptied_index(published):
    published(title="Wetland birds census")
    published(title="Grassland fire management")
    make_record(title="Draft never published")  # not published: stays out
    SearchDocument.objects.all().delete()

    call_command("reindex", "--source", "record", verbosity=0)
    assert sorted(SearchDocument.objects.values_list("title", flat=True)) == [
        "Grassland fire management", "Wetland birds census"]
    assert SearchFacet.objects.filter(name="country", value="KE").count() == 2
    assert not SearchDocument.objects.filter(vector__isnull=True).exists()

    from django.contrib.auth.models import AnonymousUser

    from clearinghouse.search import selectors

    assert selectors.search(query="wetland", mode="keyword", user=AnonymousUser()).total == 1


def test_reindex_without_vectors_then_reembed_only_stale(published):
    published(title="Wetland birds census")
    SearchDocument.objects.all().delete()
    call_command("reindex", "--no-vectors", verbosity=0)
    doc = SearchDocument.objects.get()
    assert doc.vector is None and doc.vector_model == ""

    call_command("reembed", "--only-stale", verbosity=0)
    doc.refresh_from_db()
    assert doc.vector_model == get_embedder().model_id and len(doc.vector) == 4 * get_embedder().dim


def test_reembed_only_stale_skips_current_vectors(published):
    published(title="Wetland birds census")
    published(title="Coral reef survey")
    SearchDocument.objects.filter(title="Coral reef survey").update(vector_model="old-model")
    before = dict(SearchDocument.objects.values_list("title", "updated_at"))
    call_command("reembed", "--only-stale", verbosity=0)
    after = dict(SearchDocument.objects.values_list("title", "updated_at"))
    assert after["Wetland birds census"] == before["Wetland birds census"]
    assert after["Coral reef survey"] > before["Coral reef survey"]
    assert set(SearchDocument.objects.values_list("vector_model", flat=True)) == {get_embedder().model_id}


def test_reindex_rejects_an_unknown_source():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown source"):
        call_command("reindex", "--source", "nope", verbosity=0)
