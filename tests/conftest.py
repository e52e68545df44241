import pytest


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


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the after-commit callbacks (tasks) of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
