import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The meetings tests make many people; their passwords need no argon2 here (the accounts tests cover it)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
