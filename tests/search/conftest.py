import pytest

from clearinghouse.search import vectors
from tests.factories import make_record


@pytest.fixture(autouse=True)
def _fresh_vector_cache():
    vectors.reset_cache()
    yield
    vectors.reset_cache()


@pytest.fixture
def published(django_capture_on_commit_callbacks, db):
    """Publish a record and let the after-commit indexing task run, as in production."""

    def make(**data):
        # Neutral defaults: the factory's mangrove text would match many queries.
        data.setdefault("summary", "A record of the clearing-house.")
        data.setdefault("body", "")
        with django_capture_on_commit_callbacks(execute=True):
            return make_record(publish=True, **data)

    return make
