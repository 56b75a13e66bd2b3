"""Settings for the Strive API, read from the environment (django-environ).

Every variable has a safe default so a fresh clone runs with no configuration;
the README lists them all.
"""

import secrets
import warnings
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; missing file is fine


def _local_secret_key() -> str:
    """A per-checkout random key kept out of git, for running without SECRET_KEY."""
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") or _local_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "goals",
    "apikeys",
]

MIDDLEWARE = [
    "strive.middleware.RequestLogMiddleware",
    "strive.middleware.DatabaseUnavailableMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "strive.urls"
WSGI_APPLICATION = "strive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

# --- Databases: a primary, and optionally a read replica for the API's reads.


def _database(url_variable: str, default: str | None = None) -> dict:
    database = env.db(url_variable, default=default)
    # Keep connections open between requests, and check them before reuse so a
    # restarted database does not cost a failed request.
    database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        # Server-side binding lets psycopg prepare the hot-path queries once per
        # connection instead of PostgreSQL planning them on every request. Behind a
        # transaction-mode pooler that cannot keep prepared statements, set 0.
        prepare_threshold = env.int("PG_PREPARE_THRESHOLD", default=5)
        options.update(server_side_binding=True, prepare_threshold=prepare_threshold or None)
        # A stuck query becomes an error (answered 503) instead of a stuck worker.
        timeout_ms = env.int("DB_STATEMENT_TIMEOUT_MS", default=5000)
        options["options"] = f"-c statement_timeout={timeout_ms}"
        options.setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=3))
    return database


DATABASES = {"default": _database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = _database("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["strive.routers.PrimaryReplicaRouter"]

# --- Cache: the rate-limit counters; Redis in production, shared by every host.

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Fail fast when Redis is away: rate limiting fails open rather than hanging.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=0.5, socket_timeout=0.5
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed copies from `collectstatic` (make run/serve). No manifest, so pages
    # also render where collectstatic never ran (tests, a bare checkout).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Before the first `collectstatic`, WhiteNoise notes that STATIC_ROOT is missing; the
# finders above serve the files meanwhile, so the note is noise.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

# Routes answer with and without a trailing slash themselves; never redirect.
APPEND_SLASH = False

# --- HTTPS and proxies. `HTTPS=true` in production turns on every transport protection.

HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^status/?$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
_proxy_header = env.str("SECURE_PROXY_SSL_HEADER", default="")  # e.g. X-Forwarded-Proto
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)

# --- CORS: any origin may call the API (keys travel in a header; no cookies), nothing else.

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "Retry-After",
    "X-Request-ID",
    "WWW-Authenticate",
]
CORS_PREFLIGHT_MAX_AGE = 86_400

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["strive.api.renderers.EnvelopeJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "strive.api.negotiation.JSONOnlyNegotiation",
    "DEFAULT_AUTHENTICATION_CLASSES": ["apikeys.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": [],
    "EXCEPTION_HANDLER": "strive.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": None,
}

RATE_LIMIT_PER_MINUTE = env.int("RATE_LIMIT_PER_MINUTE", default=60)

# --- Logs: JSON lines on stderr, secrets scrubbed. One line per request (strive.request).

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "strive.logs.RedactSecretsFilter"}},
    "formatters": {"json": {"()": "strive.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Our access log already has one line per request, refusals included.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
    },
}

# --- OpenAPI schema and docs page (drf-spectacular) -------------------------------------
# The schema is built from the views plus the descriptions in goals/schema.py and
# apikeys/schema.py; the docs page's assets come from drf-spectacular-sidecar, so the
# page works with no internet.
INSTALLED_APPS += ["drf_spectacular", "drf_spectacular_sidecar"]
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "strive.api.openapi.ContractAutoSchema"
SPECTACULAR_SETTINGS = {
    "TITLE": "Strive API",
    "DESCRIPTION": (
        "The public, read-only milestones API of Strive, a goal-tracking journal. "
        "Send `Authorization: Bearer sk_live_<64 lowercase hex>`; successes are "
        '`{"data": ...}`, errors exactly `{"error": "<message>"}`.'
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "TAGS": [{"name": "Milestones", "description": "Steps on a goal's roadmap."}],
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "PREPROCESSING_HOOKS": ["strive.api.openapi.contract_paths"],
    "POSTPROCESSING_HOOKS": [
        "strive.api.openapi.add_shared_components",
        "goals.schema.add_milestone_components",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to the public validator badge service: the page must work offline.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True, "tryItOutEnabled": False},
}
