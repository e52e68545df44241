import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Factories set a password for every person; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
