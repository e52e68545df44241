"""clearinghouse reembed [--only-stale]: recompute the vectors of the search index."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from tqdm import tqdm

from clearinghouse.search.embedders import get_embedder
from clearinghouse.search.indexing import reembed
from clearinghouse.search.models import SearchDocument


class Command(BaseCommand):
    help = "Re-embed indexed documents with the current embedder (--only-stale: those of another model or none)."

    def add_arguments(self, parser):
        parser.add_argument("--only-stale", action="store_true")
        parser.add_argument("--batch-size", type=int, default=64)

    def handle(self, *args, only_stale=False, batch_size=64, verbosity=1, **options):
        embedder = get_embedder()
        qs = SearchDocument.objects.all()
        if only_stale:
            qs = qs.exclude(vector_model=embedder.model_id, vector__isnull=False)
        with tqdm(total=qs.count(), desc=f"reembed {embedder.model_id}", unit="doc", disable=verbosity < 1,
                  file=self.stderr) as bar:
            done = reembed(only_stale=only_stale, batch_size=batch_size, progress=bar.update)
        self.stdout.write(f"{done} document(s) embedded with {embedder.model_id}")
