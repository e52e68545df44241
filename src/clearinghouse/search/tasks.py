from django_tasks import task


@task()
def index_document_task(source: str, pk: int) -> str:
    from .indexing import index_document

    return index_document(source, pk)
