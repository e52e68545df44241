"""clearinghouse reindex [--source record] [--no-vectors]: rebuild the search index."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from clearinghouse.search.indexing import index_many
from clearinghouse.search.registry import SOURCES, source_ids


class Command(BaseCommand):
    help = "Rebuild the search index (rows, facets, full text and, unless --no-vectors, embeddings)."

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", help="Only this source (repeatable), e.g. record")
        parser.add_argument("--no-vectors", action="store_true", help="Skip embeddings (run reembed later)")
        parser.add_argument("--batch-size", type=int, default=64)

    def handle(self, *args, source=None, no_vectors=False, batch_size=64, verbosity=1, **options):
        sources = source or sorted(SOURCES)
        unknown = [s for s in sources if s not in SOURCES]
        if unknown:
            raise CommandError(f"Unknown source(s): {', '.join(unknown)}. Known: {', '.join(sorted(SOURCES))}")
        for name in sources:
            pks = source_ids(name)
            with tqdm(total=len(pks), desc=f"reindex {name}", unit="doc", disable=verbosity < 1,
                      file=self.stderr) as bar:
                counts = index_many(name, pks, vectors=not no_vectors, batch_size=batch_size, progress=bar.update)
            self.stdout.write(f"{name}: {counts['indexed']} indexed, {counts['removed']} removed")
