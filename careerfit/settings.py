"""careerfit settings, read from the environment.

Every value that differs between a laptop and a career center's server comes from an
environment variable. A malformed value stops start-up with ImproperlyConfigured rather
than running with a surprise default.
"""

import hashlib
import ipaddress
import os
import re
import zoneinfo
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if not all(items):
        raise ImproperlyConfigured(f"{name} must be a comma-separated list with no empty items.")
    return items


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [ipaddress.ip_network(item, strict=False) for item in env_list(name, [])]
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must list IP addresses or networks: {exc}") from None


_RATE = re.compile(r"^[1-9][0-9]*/([1-9][0-9]*)?[smhd]$")


def env_rate(name: str, default: str) -> str:
    value = os.environ.get(name, default).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(
            f"{name} must be a rate like 30/15m (count/period), not {value!r}."
        )
    return value


def code_digest(base_dir: Path) -> str:
    """A short digest of careerfit's code, templates and pinned packages (about 10 ms).

    It names the release in the catalogue cache's keys, so a new release never serves the
    page parts an earlier one drew."""
    digest = hashlib.sha256((base_dir / "pyproject.toml").read_bytes())
    for app in ("careerfit", "roles", "assessments"):
        for path in sorted((base_dir / app).rglob("*")):
            if path.suffix in {".py", ".html"}:
                digest.update(str(path.relative_to(base_dir)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def env_database(name: str, default: str) -> dict[str, Any]:
    url = os.environ.get(name) or default
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url))
    except Exception as exc:  # dj-database-url raises several types for a bad URL
        raise ImproperlyConfigured(
            f"{name} is not a database URL Django understands: {exc}"
        ) from exc
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock
        # at BEGIN so two submissions queue instead of failing with "database is locked".
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        # Opening a connection and running its start-up pragmas costs about 1 ms, more than
        # many pages' queries; each worker keeps its own open.
        config["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600)
    elif engine == "django.db.backends.postgresql":
        # A sync worker holds one connection at a time, so a request that waits seconds for
        # one waits for an unreachable database: it gets the 503 page instead of hanging.
        pool = (
            {"min_size": 1, "max_size": 8, "timeout": 2}
            if env_bool("DATABASE_POOL", False)
            else False
        )
        config["OPTIONS"] = {"pool": pool}
        # Without the pool each worker keeps its connection open between requests; the pool
        # keeps its own, and Django allows no persistent connections beside it.
        config["CONN_MAX_AGE"] = 0 if pool else env_int("DATABASE_CONN_MAX_AGE", 600)
        # Behind pgbouncer in transaction mode a named server-side cursor may outlive its
        # transaction's server connection; the streamed CSV exports then read client-side.
        config["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_PGBOUNCER", False)
    else:
        raise ImproperlyConfigured(f"{name} must point at PostgreSQL or SQLite, not {engine!r}.")
    # Check a kept connection before each request uses it, so after a database restart no
    # request is handed a dead one and the site recovers at once.
    config["CONN_HEALTH_CHECKS"] = True
    return config


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "careerfit-local-development-only"  # noqa: S105 - used only with DEBUG on

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    # First, so its templates (base, registration) win over the admin's.
    "careerfit",
    # Before the admin, which it extends with a field per language.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "import_export",
    "simple_history",
    "csp",
    "django_guid",
    "axes",
    "ninja",
    "roles",
    "assessments",
]

MIDDLEWARE = [
    "django_guid.middleware.guid_middleware",
    "careerfit.health.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp, with the header built once (careerfit/security.py).
    "careerfit.security.ConstantCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "careerfit.throttle.RateLimitMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees every login attempt's outcome.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerfit.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "careerfit.wsgi.application"

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "assessments:my-results"
LOGOUT_REDIRECT_URL = "roles:home"

# Sessions are always kept in the database, so a cache restart logs nobody out.
# Without Redis: a cache per process for Django's own needs, the catalogue's pages in files
# in one folder that every process on the machine shares, rate-limit counts in a database
# table, sessions read from the database and login-lockout counters in the database; right
# for one machine. With REDIS_URL (several processes or machines): every cache in Redis,
# sessions read through it (written to both), and the lockout counters in Redis. If Redis
# stops answering, careerfit carries on without it: cache reads miss, writes are dropped,
# and /health/ says the cache is down.
REDIS_URL = os.environ.get("REDIS_URL", "")
CATALOGUE_CACHE_DIR = os.environ.get("CATALOGUE_CACHE_DIR", str(BASE_DIR / ".cache" / "catalogue"))
# The public catalogue's pages and parts (roles/cache.py) are kept this long at most; they
# are keyed by the catalogue's version, which every catalogue write replaces, and by the
# release.
CATALOGUE_CACHE_SECONDS = env_int("CATALOGUE_CACHE_SECONDS", 3600)
CODE_DIGEST = code_digest(BASE_DIR)
_CATALOGUE_CACHE = {
    "KEY_PREFIX": f"catalogue-{CODE_DIGEST}",
    "TIMEOUT": CATALOGUE_CACHE_SECONDS,
}
if REDIS_URL:
    _redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            # A Redis that is down costs each request a quarter of a second at most.
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.25,
            "IGNORE_EXCEPTIONS": True,
        },
    }
    CACHES = {
        "default": _redis,
        "catalogue": {**_redis, **_CATALOGUE_CACHE},
        "throttle": {**_redis, "KEY_PREFIX": "throttle"},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "catalogue": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CATALOGUE_CACHE_DIR,
            **_CATALOGUE_CACHE,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
        # Shared by every process; `manage.py createcachetable` makes the table.
        "throttle": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "careerfit_throttle",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Career centers share computers: a session (a login, the results this browser remembers)
# ends when the browser closes, unless the person ticks "stay logged in" (two weeks).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

# The proxies in front of careerfit (addresses or networks, e.g. "127.0.0.1,10.0.0.0/8"):
# behind them the client's address is read from X-Forwarded-For (careerfit/clients.py).
# Leave empty when browsers reach careerfit directly.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

# How often one client address may do each of these (careerfit/throttle.py), as
# "count/period" with s, m, h or d, e.g. "30/15m"; RATE_LIMIT_<NAME> overrides each.
_RATE_DEFAULTS = {
    # Wrong passwords from one address, over any number of emails.
    "login_failures": "30/15m",
    "signup": "10/h",
    "password_reset": "10/h",
    # A career center's class may start together from one address.
    "questionnaire_start": "40/10m",
    "api_scoring": "60/m",
}


RATE_LIMITS = {
    limit: env_rate(f"RATE_LIMIT_{limit.upper()}", default)
    for limit, default in _RATE_DEFAULTS.items()
}
RATELIMIT_USE_CACHE = "throttle"
# With the cache unreachable, nobody is limited rather than everybody.
RATELIMIT_FAIL_OPEN = True

# What `manage.py prune` removes (careerfit/management/commands/prune.py): questionnaires
# not finished and not saved for this many days, results in no account and not opened
# for this many days (about 18 months; the result page says so), and login records.
DRAFT_RETENTION_DAYS = env_int("DRAFT_RETENTION_DAYS", 30)
ANONYMOUS_RESULT_RETENTION_DAYS = env_int("ANONYMOUS_RESULT_RETENTION_DAYS", 548)
LOGIN_RECORD_RETENTION_DAYS = env_int("LOGIN_RECORD_RETENTION_DAYS", 30)
# Sign-ups whose confirmation link was never opened.
UNCONFIRMED_ACCOUNT_DAYS = env_int("UNCONFIRMED_ACCOUNT_DAYS", 7)

# Login guessing: five failures for one email from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "careerfit.throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "careerfit.clients.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"

# careerfit's mail (password reset, sign-up confirmation) goes through an SMTP server:
# EMAIL_URL (smtp://user:password@host:587, or smtps:// for TLS from the start) or
# EMAIL_HOST with the EMAIL_* variables. Without one, the development server prints mail,
# and production sends none: the reset page then says to ask the site's admins. A
# production site that would print mail does not start (careerfit/checks.py).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = False
if _email_url := os.environ.get("EMAIL_URL", ""):
    _mail = urlsplit(_email_url)
    if _mail.scheme not in {"smtp", "smtps"} or not _mail.hostname:
        raise ImproperlyConfigured("EMAIL_URL must look like smtp://user:password@host:587.")
    EMAIL_HOST = _mail.hostname
    EMAIL_USE_SSL = _mail.scheme == "smtps"
    EMAIL_USE_TLS = not EMAIL_USE_SSL
    EMAIL_PORT = _mail.port or (465 if EMAIL_USE_SSL else 587)
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# An SMTP server that never answers costs a request this long, not a worker timeout.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "careerfit <no-reply@careerfit.invalid>")

# English, and Spanish for the job seeker's pages (locale/es). A person's choice is kept
# in a cookie; without one, the browser's Accept-Language decides.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# How each language writes a date (careerfit/formats): 6 December 2026, 6 de diciembre de 2026.
FORMAT_MODULE_PATH = ["careerfit.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
# Catalogue texts in each language (roles/translation.py): English is written first and
# stands in wherever the Spanish is not written yet; pages say so.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Dates and times are stored in UTC and shown in this zone (an IANA name such as
# America/Chicago); set it to the career centers' own.
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
try:
    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"TIME_ZONE must be a time zone name such as America/Chicago, not {TIME_ZONE!r}."
    ) from None
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic puts the files whitenoise serves.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Every asset is served from this site, so the policy can forbid inline code entirely.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# careerfit uses none of these browser features; deny them to every frame.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL.")

# Every response carries X-Request-ID; every log line names it.
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "RETURN_HEADER": True, "VALIDATE_GUID": True}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId"},
        "redact": {"()": "careerfit.logs.RedactPrivateLinks"},
    },
    "formatters": {
        "one_line": {
            "()": "careerfit.logs.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact"],
            "formatter": "one_line",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django_guid": {"level": "WARNING"}},
}

# Importing rewrites catalogue rows, so it needs the change permission; export needs view.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
