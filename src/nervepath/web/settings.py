"""The one settings file of nervepath, driven by the environment.

Every variable it reads (and the few read by the CLI and ``deploy/gunicorn.conf.py``) is in the table
"Environment variables" of ``docs/deploy.md``, with its meaning, default and an example; a test keeps
that table and the code in step. Numbers and yes/no values go through :func:`envint` and
:func:`envbool`, so a bad one fails loudly at start-up, naming the variable.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import platformdirs
from django.core.exceptions import ImproperlyConfigured

from nervepath.web.client_address import proxy_networks

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    """A boolean from the environment; anything but a clear yes/no is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in _TRUE | _FALSE:
        return raw.strip().lower() in _TRUE
    raise ImproperlyConfigured(f"{name}: got {raw!r}, expected one of true/false/1/0/yes/no/on/off")


def envint(name: str, default: int) -> int:
    """An integer from the environment; a non-integer is an error."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: got {raw!r}, expected an integer") from None


def data_home() -> Path:
    """The data folder: ``NERVEPATH_HOME`` if set, else the platform's user data directory."""
    home = os.environ.get("NERVEPATH_HOME")
    return Path(home).expanduser() if home else Path(platformdirs.user_data_dir("nervepath"))


def postgres_from_url(url: str) -> dict[str, object]:
    """Django DATABASES entry for ``postgresql://user:password@host:port/name``."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"} or not parts.path.strip("/"):
        raise ImproperlyConfigured(
            f"DATABASE_URL: got {url!r}, expected postgresql://user:password@host:port/name"
        )
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"DATABASE_URL: the port in {url!r} is not a number") from None
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.strip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        "CONN_MAX_AGE": envint("CONN_MAX_AGE", 0),
        # With persistent connections, check a reused one first so a restarted server costs no error.
        "CONN_HEALTH_CHECKS": envbool("CONN_HEALTH_CHECKS", True),
        "OPTIONS": _prepared_statements() if envbool("NERVEPATH_PG_PREPARED", True) else {},
    }


def _prepared_statements() -> dict[str, object]:
    # Parameters sent apart from the SQL, and a statement run five times on a connection is kept
    # prepared by the server (psycopg's default threshold), so the hot queries are planned once.
    # Turn off (NERVEPATH_PG_PREPARED=false) behind a pooler in transaction mode that cannot
    # carry prepared statements (PgBouncer before 1.21, or without max_prepared_statements).
    return {"server_side_binding": True, "prepare_threshold": 5}


def sqlite_in(folder: Path) -> dict[str, object]:
    """Django DATABASES entry for the embedded database ``nervepath.sqlite3`` in ``folder``."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": folder / "nervepath.sqlite3",
        "OPTIONS": {
            # WAL lets the web app read while the CLI writes; IMMEDIATE takes the write lock at
            # BEGIN so two writers queue on the timeout instead of failing with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            # The one source of SQLite's busy timeout: sqlite3.connect sets it from this (seconds).
            "timeout": envint("NERVEPATH_SQLITE_TIMEOUT", 10),
        },
        # Under gunicorn each worker keeps its connection (CONN_MAX_AGE seconds) instead of opening
        # the file and running the PRAGMAs again on every request.
        "CONN_MAX_AGE": envint("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": envbool("CONN_HEALTH_CHECKS", True),
    }


BASE_DIR = Path(__file__).resolve().parent
NERVEPATH_HOME = data_home()

DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]

_database_url = os.environ.get("DATABASE_URL", "")
DATABASES = {"default": postgres_from_url(_database_url) if _database_url else sqlite_in(NERVEPATH_HOME)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "nervepath.web.records",
]
ROOT_URLCONF = "nervepath.web.urls"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
LANGUAGE_CODE = "en"
USE_I18N = True

# --- Web app: pages, accounts, security, i18n, e-mail (owned by the pages/accounts area) -------------
# HTTPS=true (production behind TLS) turns on secure cookies, the HTTPS redirect and HSTS; plain
# `nervepath serve` on a laptop runs over http, where secure cookies would make login impossible.
HTTPS = envbool("HTTPS", False)

INSTALLED_APPS += [
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "nervepath.web.accounts",
    "nervepath.web.pages",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which second factor, if any, this session passed (request.user.is_verified()); then a clinician
    # or admin who must use one reaches nothing else until they have (accounts/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "nervepath.web.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nervepath.web.pages.security.ContentSecurityPolicyMiddleware",
    # A database that cannot be reached answers 503 (a page, or JSON under /api/), not 500.
    "nervepath.web.pages.security.DatabaseUnavailableMiddleware",
    # django-axes must be last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nervepath.web.pages.context.navigation",
            ],
        },
    }
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "nervepath.web.accounts.backends.RoleAwareModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "nervepath.web.accounts.lockout.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Second factor (django-otp; docs/decisions/0012). Clinicians and admins must enrol one unless DEBUG, or
# NERVEPATH_REQUIRE_TWO_FACTOR=false says otherwise. Wrong codes have their own count (per user, not per
# address): at the limit the code step is refused, before any code is checked, for the cool-off time.
NERVEPATH_REQUIRE_TWO_FACTOR = envbool("NERVEPATH_REQUIRE_TWO_FACTOR", not DEBUG)
NERVEPATH_CODE_FAILURE_LIMIT = AXES_FAILURE_LIMIT
NERVEPATH_CODE_COOLOFF_SECONDS = round(AXES_COOLOFF_TIME * 3600)
# The key that encrypts the TOTP secrets and keys the recovery-code digests: never in the database.
NERVEPATH_TOTP_KEY = os.environ.get("NERVEPATH_TOTP_KEY", "")
NERVEPATH_TOTP_KEY_FILE = NERVEPATH_HOME / "totp_key"
OTP_TOTP_ISSUER = "nervepath"
# Delays after wrong codes of 1, 2, 4, 8 ... seconds, on each device.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

STATIC_URL = "/static/"
# Production: STATIC_ROOT=/srv/static, `django-admin collectstatic`, NERVEPATH_COLLECTED_STATIC=true.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
# Without collectstatic (the embedded `nervepath serve`), WhiteNoise serves straight from the apps.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("NERVEPATH_COLLECTED_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "nervepath <no-reply@localhost>")

LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- JSON API (owned by the api area; see docs/api.md) ----------------------------------------------
# "ninja" serves the Swagger UI's files locally, so /api/v1/docs works offline.
INSTALLED_APPS += ["ninja", "nervepath.web.tokens"]
# Unknown API paths (404) and wrong methods (405) answer in the API's JSON error shape too.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware") + 1,
    "nervepath.web.api.middleware.ApiErrorShapeMiddleware",
)
# Largest request body read into memory: 2 MB is far above any diary, questionnaire or case
# payload. The FHIR import endpoint reads its own stream up to NERVEPATH_MAX_IMPORT_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("NERVEPATH_MAX_BODY_BYTES", 2 * 1024 * 1024)
NERVEPATH_MAX_IMPORT_BYTES = envint("NERVEPATH_MAX_IMPORT_BYTES", 20 * 1024 * 1024)

# --- Client address, request ids, caching and logs (issue 18; see docs/deploy.md) --------------------
# The reverse proxies in front (addresses or CIDR ranges, comma-separated). Only a request that comes
# from one of them has its X-Forwarded-For read; the client is the rightmost address in it that is not
# a trusted proxy (nervepath.web.client_address). Empty: the connecting peer is the client.
NERVEPATH_TRUSTED_PROXIES = [
    str(network) for network in proxy_networks(os.environ.get("NERVEPATH_TRUSTED_PROXIES", "").split(","))
]
# django-axes counts failed log-ins per client with the same answer as the audit log.
AXES_CLIENT_IP_CALLABLE = "nervepath.web.client_address.client_address"
# First: every log line of a request carries its id. Then HEAD is answered as GET without a body.
MIDDLEWARE.insert(0, "nervepath.web.middleware.RequestIdMiddleware")
MIDDLEWARE.insert(1, "nervepath.web.middleware.HeadAsGetMiddleware")
# Inside WhiteNoise (static files keep their long cache headers): no-store on everything else.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "nervepath.web.middleware.NoStoreMiddleware",
)
# One JSON object per line on stderr: server errors with their traceback, Django's security warnings
# and nervepath's security events, each with the request id; no request body and no query string.
NERVEPATH_LOG_LEVEL = os.environ.get("NERVEPATH_LOG_LEVEL", "INFO").upper()
LOGGING: dict[str, object] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "nervepath.web.security_log.RequestIdFilter"}},
    "formatters": {"json": {"()": "nervepath.web.security_log.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "loggers": {
        # ERROR: the 500s (4xx are answers, not faults; refusals are security events instead).
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "nervepath": {"handlers": ["stderr"], "level": NERVEPATH_LOG_LEVEL, "propagate": False},
        # Its own lines repeat the user name and address in free text; lockouts are logged as events.
        "axes": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}
