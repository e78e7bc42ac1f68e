"""Settings for the SCI Portal, driven by the environment.

With nothing set, the portal runs on an SQLite file in the project directory.
Production sets DATABASE_URL (PostgreSQL), SECRET_KEY and ALLOWED_HOSTS.
"""

import os
import re
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from import_export.formats.base_formats import CSV, XLSX

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_rate(name: str, default: str) -> str:
    """A throttle rate, checked at startup: DRF reads it only at a request (a 500 then)."""
    value = os.environ.get(name, "").strip() or default
    # What DRF's parse_rate takes: a whole number, a slash, a period from its first letter.
    if not re.fullmatch(r"[0-9]+/[smhd][a-z]*", value):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate: give requests per period, e.g. 60/min "
            "(the period is s, min, hour or day)."
        )
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Under pytest (or when asked) the settings relax what only production needs.
TESTING = "pytest" in sys.modules or env_bool("SCI_PORTAL_TESTING")

# Commands that only write code or catalogues sign nothing: a checkout runs them as is.
KEYLESS_COMMANDS = {"makemigrations", "makemessages", "compilemessages", "help", "version"}
KEYLESS = (
    os.path.basename(sys.argv[0]) == "manage.py"
    and len(sys.argv) > 1
    and sys.argv[1] in KEYLESS_COMMANDS
)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not TESTING and not KEYLESS:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only for local runs and tests: never used with DEBUG off in production.
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if TESTING:
    ALLOWED_HOSTS += ["testserver", "localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "corsheaders",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "csp",
    "axes",
    "meetings",
    "mous",
    "projects",
    "staff",
    # Last: wires the audit log to the models of the apps above.
    "sci_portal",
]

MIDDLEWARE = [
    # First, so it sees every response, including errors raised by the middleware below.
    "sci_portal.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Early, so that responses from the middleware below (a 400 for a bad Host,
    # static files) carry it too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The public pages' language from the URL (/zh-hans/…; English unprefixed).
    "django.middleware.locale.LocaleMiddleware",
    # Unprefixed /api/ and /admin/ negotiate their own language (LocaleMiddleware
    # would hold them to LANGUAGE_CODE).
    "sci_portal.languages.NegotiatedLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the signed-in user on every change history entry.
    "simple_history.middleware.HistoryRequestMiddleware",
    "sci_portal.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sci_portal.urls"
WSGI_APPLICATION = "sci_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url: str) -> dict:
    """CACHES entry for CACHE_URL: locmem:// (or nothing), redis://…, rediss://…, dummy://."""
    scheme = url.split("://", 1)[0].lower() if url else "locmem"
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme in {"redis", "rediss", "unix"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL: unsupported scheme {scheme!r} (locmem, redis, dummy).")


# Local memory serves one process; several app servers (or gunicorn workers)
# share Redis, so that a publish invalidates every one of them.
CACHES = {
    "default": cache_from_url(os.environ.get("CACHE_URL", "")),
    # Each process's tier in front of a shared page cache (sci_portal/cache.py).
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
}
# Anonymous pages and API responses (sci_portal/cache.py); 0 turns that off.
# Off by default under tests, whose data changes within a test; the page cache's
# own tests turn it on.
CACHE_MIDDLEWARE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if TESTING else 600)
# How stale, at most, a process's view of changes made elsewhere may be.
PAGE_CACHE_VERSION_SECONDS = env_int("PAGE_CACHE_VERSION_SECONDS", 1)
CACHE_MIDDLEWARE_KEY_PREFIX = "pages"
# ETags for every public response that does not set its own; the page cache
# goes last so that it keys on the language and leaves outer headers fresh.
MIDDLEWARE = [
    "sci_portal.cache.SuccessConditionalGetMiddleware",
    *MIDDLEWARE,
    "sci_portal.cache.PublicCacheMiddleware",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "Asia/Singapore"
USE_I18N = True
# English at today's paths; Simplified Chinese under /zh-hans/. The admin and
# Django's own messages use Django's translations.
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as the releases write them in English (25 November 2022), and a year-only format.
FORMAT_MODULE_PATH = ["sci_portal.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests and `make run` serve straight from the finders; production from STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG or TESTING

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # The API is read-only JSON (or CSV, per view); partners send "Authorization: Token …".
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    # Throttle classes and pagination are set on the API's views (sci_portal/api.py).
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", "60/min"),
        "partner": env_rate("API_THROTTLE_PARTNER", "1000/min"),
    },
    # Client addresses for throttling: REMOTE_ADDR unless the portal runs behind this many
    # proxies that append X-Forwarded-For (0 stops clients from forging their address).
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
}

# Partners' web pages may read the API from any origin; only GET (and HEAD, OPTIONS).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "authorization", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Content-Disposition"]

SPECTACULAR_SETTINGS = {
    "TITLE": "SCI Portal API",
    "DESCRIPTION": (
        "Read-only access to the public record of the Singapore-China (Shenzhen) "
        "Smart City Initiative: JIC meetings, MOUs, parties, areas and joint projects."
    ),
    "VERSION": "1.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "meetings.models.Precision",
        "CoChairSideEnum": "meetings.models.CoChair.Side",
        "SignatorySideEnum": "mous.models.Signatory.Side",
        "SourceKindEnum": "meetings.models.Source.Kind",
        "PartyKindEnum": "mous.models.Party.Kind",
        "TranslationStatusEnum": "meetings.models.TranslationStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sci_portal.api.csv_as_text",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Staff import and export records in the admin (django-import-export): CSV and
# XLSX only; an import runs in one transaction, so one bad row saves nothing.
IMPORT_EXPORT_FORMATS = [CSV, XLSX]
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# --- Production hardening: every value can be tuned from the environment. ---

# The admin lives where ADMIN_URL says ("staff-area/"), "admin/" by default.
ADMIN_URL = os.environ.get("ADMIN_URL", "").strip("/ ") + "/"
if ADMIN_URL == "/":
    ADMIN_URL = "admin/"

# HTTPS. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER to
# "HTTP_X_FORWARDED_PROTO,https" (the proxy must overwrite that header).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = tuple(env_list("SECURE_PROXY_SSL_HEADER")[:2])
# One year; "preload" only signals consent: submit the domain to hstspreload.org
# separately, once every subdomain serves HTTPS (set SECURE_HSTS_PRELOAD=0 to withhold it).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Cookies: Secure unless DEBUG (SECURE_COOKIES=0 only for plain-HTTP test rigs),
# never readable from JavaScript, not sent on cross-site subrequests.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
# A staff session lasts a working day, not Django's default fortnight.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60)

# Content-Security-Policy (django-csp): only this origin's files; no inline
# script or style, no plugins, no <base>, no framing, forms post back here only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Admin login brute-force protection (django-axes): the 5th failure for one
# user name from one address locks that pair out for AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "sci_portal.security.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 60))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sci_portal.security.lockout_response"
# Behind N trusted proxies, the client is the Nth address from the right of
# X-Forwarded-For; with none, REMOTE_ADDR (which a client cannot forge).
if env_int("TRUSTED_PROXY_COUNT", 0):
    AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Seconds a client is told to wait (Retry-After) when the database is unreachable.
DATABASE_UNAVAILABLE_RETRY_AFTER = env_int("DATABASE_UNAVAILABLE_RETRY_AFTER", 5)

# Logs: JSON lines (python-json-logger) unless LOG_FORMAT=plain. Failing requests
# go to sci_portal.request; logins, lockouts and publications to sci_portal.audit.
LOGGING["formatters"]["json"] = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "format": "%(levelname)s %(name)s %(message)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    "timestamp": "time",
    "json_ensure_ascii": False,
}
LOGGING["handlers"]["console"]["formatter"] = os.environ.get(
    "LOG_FORMAT", "plain" if DEBUG else "json"
)
LOGGING["loggers"] = {
    # sci_portal.request logs 4xx and 5xx; Django's own logger keeps the tracebacks.
    "django.request": {"level": "ERROR"},
    "sci_portal": {"level": "INFO"},
    # django-axes narrates every step at INFO; its warnings (failures) are what matter.
    "axes": {"level": "WARNING"},
}

if TESTING:
    # Tests log in hundreds of times; a fast hasher keeps them quick. Never in production.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
