from django_tasks import task

from clearinghouse.core import queue


@queue.register("search.index_document")
@task()
def index_document_task(source: str, pk: int) -> str:
    from .indexing import index_document

    return index_document(source, pk)
