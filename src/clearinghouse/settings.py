"""Settings, read from the environment. With nothing set, a working local site:
SQLite under ``var/``, tasks in the database, mail to a local outbox.

Every variable is ``CLEARINGHOUSE_*``; see docs/deploy.md for the full list.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("CLEARINGHOUSE_HOME", BASE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("CLEARINGHOUSE_VAR_DIR", PROJECT_DIR / "var"))


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"CLEARINGHOUSE_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "")
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in env(name, default).split(",") if v.strip()]


ENVIRONMENT = env("ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

_secret_file = VAR_DIR / "secret_key"
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("CLEARINGHOUSE_SECRET_KEY must be set in production")
    if _secret_file.exists():
        SECRET_KEY = _secret_file.read_text().strip()
    else:
        # A development key per checkout, kept so sessions and tokens survive restarts.
        from django.core.management.utils import get_random_secret_key

        SECRET_KEY = get_random_secret_key()
        try:
            VAR_DIR.mkdir(parents=True, exist_ok=True)
            _secret_file.write_text(SECRET_KEY)
        except OSError:
            pass

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env("SITE_NAME", "Clearing-house")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "anymail",
    "clearinghouse.core",
    "clearinghouse.accounts",
    "clearinghouse.alerts",
    "clearinghouse.search",
    "clearinghouse.knowledge",
    "clearinghouse.matchmaking",
    "clearinghouse.forums",
    "clearinghouse.partnerships",
    "clearinghouse.meetings",
    "clearinghouse.decisions",
    "clearinghouse.notifications",
    "clearinghouse.reporting",
    "clearinghouse.joint",
    "clearinghouse.portal",
    "clearinghouse.informea",
    "clearinghouse.api",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "clearinghouse.core.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "clearinghouse.core.middleware.TimezoneMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clearinghouse.urls"
WSGI_APPLICATION = "clearinghouse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clearinghouse.core.context_processors.site",
            ],
            "builtins": ["django.templatetags.i18n", "clearinghouse.core.templatetags.idempotency"],
        },
    }
]

# --- database -------------------------------------------------------------
_default_db = f"sqlite:///{VAR_DIR / 'clearinghouse.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL", _default_db), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA mmap_size=268435456; PRAGMA cache_size=-64000; PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_SQLITE", "") or None}
else:
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env("TEST_DATABASE_NAME", "") or None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- background tasks ----------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
if env("TASKS_IMMEDIATE"):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- cache (public pages for anonymous visitors: core/cache.py) ---------------
# Per-process memory unless CLEARINGHOUSE_CACHE_URL names a shared cache (redis://...).
CACHE_URL = env("CACHE_URL")
CACHES = {"default": (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "ch"}
    if CACHE_URL else
    {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "clearinghouse",
     "OPTIONS": {"MAX_ENTRIES": 2000}}
)}
CLEARINGHOUSE_PAGE_CACHE = env_bool("PAGE_CACHE", True)

# --- auth and security ----------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "clearinghouse.accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling (accounts/backends.py): failures counted per account from one address (LOGIN_FAILURE_LIMIT)
# and per account from every address (LOGIN_ACCOUNT_FAILURE_LIMIT), never per address alone; a lock lasts
# LOGIN_LOCK_MINUTES after the failure that set it, refuses even the right password, and a reset lifts it.
AXES_ENABLED = env_bool("LOGIN_THROTTLING", True)
AXES_HANDLER = "clearinghouse.accounts.backends.LoginThrottle"
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ACCOUNT_FAILURE_LIMIT = int(env("LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(env("LOGIN_LOCK_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["username"]]
AXES_USERNAME_FORM_FIELD = "username"  # what the login forms (ours and the admin's) post
AXES_USERNAME_CALLABLE = "clearinghouse.accounts.backends.login_username"
AXES_CLIENT_IP_CALLABLE = "clearinghouse.accounts.backends.client_ip"
CLEARINGHOUSE_PROXY_COUNT = int(env("PROXY_COUNT", "0"))  # trusted reverse proxies setting X-Forwarded-For
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time shown on the lock page holds
AXES_LOCKOUT_CALLABLE = "clearinghouse.accounts.views.locked_out"
# Links mailed to a person (accounts/tokens.py): both work once and die with a password change.
EMAIL_CONFIRMATION_TIMEOUT = int(env("CONFIRMATION_LINK_HOURS", "24")) * 3600
PASSWORD_RESET_TIMEOUT = int(env("PASSWORD_RESET_LINK_MINUTES", "120")) * 60
INVITATION_DAYS = int(env("INVITATION_DAYS", "7"))  # an invitation link creates an account with a role

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- i18n -----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("zh-hans", "中文"),
]
CONTENT_LANGUAGES = [  # languages content may be written in (UN six + a few common ones)
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("zh", _("Chinese")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- static and media -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]  # src/clearinghouse/static: site CSS/JS and vendored htmx
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
CLEARINGHOUSE_MAX_UPLOAD_BYTES = int(env("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
CLEARINGHOUSE_ALLOWED_UPLOAD_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# Attachments are served by views that check permission (core.files.serve_file); nothing serves MEDIA_URL.
# "nginx": the view answers X-Accel-Redirect to CLEARINGHOUSE_FILE_HANDOFF_PREFIX + storage name (an `internal`
# location aliasing MEDIA_ROOT); "sendfile": X-Sendfile with the file's path (Apache mod_xsendfile, lighttpd);
# unset: Django streams the file. See docs/deploy.md.
CLEARINGHOUSE_FILE_HANDOFF = env("FILE_HANDOFF", "").lower()
CLEARINGHOUSE_FILE_HANDOFF_PREFIX = env("FILE_HANDOFF_PREFIX", "/protected-files/")

# --- email ----------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Clearing-house <no-reply@clearinghouse.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CLEARINGHOUSE_REPLY_DOMAIN = env("REPLY_DOMAIN", "reply.clearinghouse.localhost")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if env("EMAIL_HOST") else "clearinghouse.alerts.outbox.OutboxBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 20
CLEARINGHOUSE_OUTBOX_DIR = VAR_DIR / "outbox"
CLEARINGHOUSE_SMTP_HOST = env("SMTP_HOST", "127.0.0.1")
CLEARINGHOUSE_SMTP_PORT = int(env("SMTP_PORT", "2525"))
ANYMAIL = {"WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET", "")}

# --- search and embeddings ------------------------------------------------
CLEARINGHOUSE_EMBEDDER = env("EMBEDDER", "use")
CLEARINGHOUSE_SEARCH_BACKEND = env("SEARCH_BACKEND", "")  # chosen from the database when empty

# --- api ------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
