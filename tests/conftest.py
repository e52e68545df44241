import os

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.AXES_ENABLED = False
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the public page cache lives in it)."""
    from django.core.cache import cache

    from clearinghouse.core.cache import forget_generation

    cache.clear()
    forget_generation()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: LocaleMiddleware leaves the last request's language active in
    the thread, so a page asked in Arabic would otherwise make the next test's messages Arabic."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the after-commit callbacks (tasks) of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def pytest_terminal_summary(terminalreporter):
    """Figures a test records with ``record_property("figures", line)`` (crawl, schemathesis), even under
    xdist (the reports of the workers carry their properties)."""
    lines = [value for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed")
             for name, value in getattr(report, "user_properties", ()) if name == "figures"]
    sent = [value for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed")
            for name, value in getattr(report, "user_properties", ()) if name == "schemathesis"]
    if sent:
        lines.append(f"schemathesis: {sum(v['cases'] for v in sent)} requests in {len(sent)} tests "
                     f"(operation x anonymous/token), {sum(v['server_errors'] for v in sent)} server errors")
    if lines:
        terminalreporter.section("figures")
        for line in lines:
            terminalreporter.write_line(str(line))


DB_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def uses_database(item) -> bool:
    return bool(item.get_closest_marker("django_db")) or bool(DB_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """The crawl (tests/test_crawl.py, one test of a few minutes) goes first: under ``-n 2`` one worker starts
    with it while the other runs the rest, instead of the crawl being dealt last and running alone.

    On PostgreSQL (``CLEARINGHOUSE_DATABASE_URL=postgres://...``) only the tests that use the database run:
    the others (the mail parser's corpora, the matcher's engine, validators...) do the same on any database
    and have run on SQLite; ``CLEARINGHOUSE_TEST_ALL=1`` runs them all the same."""
    items.sort(key=lambda item: item.path.name != "test_crawl.py")
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and not os.environ.get(
            "CLEARINGHOUSE_TEST_ALL"):
        kept = [item for item in items if uses_database(item)]
        skipped = [item for item in items if not uses_database(item)]
        if skipped:
            config.hook.pytest_deselected(items=skipped)
            items[:] = kept
