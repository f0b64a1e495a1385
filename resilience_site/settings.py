"""Settings for the resilience self-assessment site.

Everything that differs between machines comes from the environment (django-environ).
The defaults are for `make run` on a laptop; production refuses to start without a
secret key and allowed hosts.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-only-for-debug")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    # No default outside DEBUG: a guessable key must never reach production.
    SECRET_KEY = env("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

INSTALLED_APPS = [
    # Before the admin: it patches the admin's forms with a field per language.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # intcomma: counts in the language's thousands grouping
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "accounts.apps.SignInLockoutsConfig",  # django-axes, with a plain section name
    "audit",
    "accounts",
    "maturity",
    "lifecycle",
    "assessments",
    "policies",
    "scorecard",
    "reports",
    "dashboards",
    "exchange",
    "indicators",
    "reviews",
    "experiences",
    "profiles",
    "rest_framework",
    "drf_spectacular",
    "api",
    "localisation",
    "demo",
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped on the wire (static files come precompressed from WhiteNoise above it).
    # BREACH: pages carry CSRF tokens, which Django masks anew on every response, and since
    # Django 4.2 this middleware pads each response's gzip header with 0-99 random bytes.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After authentication: a signed-in user's saved language wins over cookie and browser.
    # Inside the CSP middleware, so even a page refused because the database is down (reading
    # the user needs it) keeps its security headers.
    "accounts.language.UserLanguageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "resilience_site.urls"
WSGI_APPLICATION = "resilience_site.wsgi.application"

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
                "django.template.context_processors.i18n",
                "accounts.context_processors.my_cities",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Each worker keeps its connection between requests: a new PostgreSQL connection forks a
# server process and costs more CPU than a typical page's queries (seen as system time under
# `make loadtest`). Checked before reuse, so a restarted database costs one retry, not errors.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker (the API's per-token request counts and the dashboards'
# figures live in it): the database unless a cache server is configured, e.g.
# CACHE_URL=redis://127.0.0.1:6379/1. The table is created by a migration of the `api` app.
# Rendered page parts (assessments/page_cache.py) go to the same cache server when there is
# one, so every worker serves what any of them drew; else to each process's memory (their
# keys name versions kept in the database, so no worker can serve a stale one).
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://resilience_cache")}
if CACHES["default"]["LOCATION"] and env("CACHE_URL", default="").startswith("redis"):
    # django-redis, so that a cache server that stops answering is a miss, not a 500: every
    # entry can be rebuilt (parts, figures) or read from the database (sessions).
    CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"
    CACHES["default"]["OPTIONS"] = {
        "SOCKET_CONNECT_TIMEOUT": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
        "SOCKET_TIMEOUT": env.float("CACHE_TIMEOUT", default=0.5),
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
CACHES["fragments"] = (
    {**CACHES["default"], "KEY_PREFIX": "parts"}
    if env("CACHE_URL", default="")
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
)
# A part under a version that moved is never read again: it ages out after six hours.
CACHES["fragments"]["TIMEOUT"] = 6 * 60 * 60

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The first stores every new password (accounts/hashers.py); the others check those stored
# before, which are stored again with the first at their next sign-in.
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end after a working day and when the browser closes: shared office machines.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 10)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Read from the cache, written to both: a cache server lost or emptied signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# How many reverse proxies of the operator's stand in front of the app (each appends to
# X-Forwarded-For): the client's address for the API throttle and the sign-in lock-out is read
# from that header only then (accounts/network.py). 0, the default, trusts no header.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)

# django-axes: lock an email+address pair out after repeated failures.
AXES_CLIENT_IP_CALLABLE = "accounts.network.client_address"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = "en"
# Each language is named in its own tongue in the switcher (see accounts/language.py).
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("it", _("Italian")),
    ("nb", _("Norwegian Bokmål")),
]
# The English texts are the reference (the seed's text verbatim); a text not yet translated
# shows in English rather than empty.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Every translated field, in one place (the apps have no translation.py of their own).
MODELTRANSLATION_TRANSLATION_FILES = ("localisation.registry",)
# Dates on pages and in documents are written in the reader's language; exports keep ISO.
FORMAT_MODULE_PATH = ["resilience_site.formats"]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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

# Evidence files are private: there is no public MEDIA_URL route; a view checks access
# and streams them. On S3-compatible object storage when S3_BUCKET is set (several machines
# then share the files), else on the local disk. Objects are private (no ACL) and never
# linked: the app reads them through the storage and streams them after its access check.
S3_BUCKET = env("S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "location": env("S3_PREFIX", default=""),
        },
    }
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
# What an import reads from an uploaded workbook (rendering/package_reader.py): an upload is
# hostile until read, and these keep one inside a request's time and memory. The official
# Scorecard workbook has 385 parts, none over 0.5 MB, and 9,136 XML elements (cells, strings,
# styles…) in the parts read; openpyxl takes about 50 µs for each style, 5 µs for each cell.
IMPORT_MAX_PARTS = env.int("IMPORT_MAX_PARTS", default=2000)
IMPORT_MAX_PART_BYTES = env.int("IMPORT_MAX_PART_BYTES", default=10_000_000)
IMPORT_MAX_ELEMENTS = env.int("IMPORT_MAX_ELEMENTS", default=50_000)
IMPORT_MAX_SECONDS = env.float("IMPORT_MAX_SECONDS", default=5.0)
# A whole assessment moved in (exchange/): the upload, what its zip unpacks to and its entries,
# each checked before anything is unpacked; the JSON document inside it; and the time to read it.
EXCHANGE_MAX_UPLOAD_BYTES = env.int("EXCHANGE_MAX_UPLOAD_BYTES", default=500_000_000)
EXCHANGE_MAX_UNPACKED_BYTES = env.int("EXCHANGE_MAX_UNPACKED_BYTES", default=1_000_000_000)
EXCHANGE_MAX_ENTRIES = env.int("EXCHANGE_MAX_ENTRIES", default=10_000)
EXCHANGE_MAX_DOCUMENT_BYTES = env.int("EXCHANGE_MAX_DOCUMENT_BYTES", default=50_000_000)
EXCHANGE_MAX_SECONDS = env.float("EXCHANGE_MAX_SECONDS", default=300.0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="resilience@localhost")
# The public address of the site, for links in emails sent outside a request (reminders).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
INVITATION_DAYS = env.int("INVITATION_DAYS", default=14)

# The job queue (jobs/): Celery on the broker CELERY_BROKER_URL names (redis://… or amqp://…).
# Unset, every job runs inside the request that asked for it, as a single machine needs:
# the Redis or RabbitMQ a machine may run is never used unless named here.
JOBS_BROKER_URL = env("CELERY_BROKER_URL", default="")
# Celery's own default would be the machine's RabbitMQ: an in-process transport instead.
CELERY_BROKER_URL = JOBS_BROKER_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not JOBS_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
# A job is acknowledged once done: a worker killed mid-job leaves it for the next worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True  # a job's outcome is its row in jobs.Job, not a result store
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that cannot reach the broker gives up quickly; the progress page tries again.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2}
# A job a killed worker left unacknowledged goes back to the queue after this (Redis broker).
# A queued job's page hands it to the broker again after as long (its message was lost).
JOBS_REDELIVER_SECONDS = env.int("CELERY_VISIBILITY_TIMEOUT", default=5 * 60)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": JOBS_REDELIVER_SECONDS}
CELERY_TIMEZONE = "UTC"
# How long a finished file is kept after the last time it was wanted (a newer version of the
# assessment asks for a new one, so an old one is only ever read again by nobody).
JOB_FILES_KEEP_DAYS = env.int("JOB_FILES_KEEP_DAYS", default=7)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy: every script and style is a vendored file served by us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# The JSON API (api/): personal tokens or the browser's session (with CSRF), per-token rates.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.permissions.TokenScope",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env("API_THROTTLE_RATE", default="600/minute")},
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "SCHEMA_COERCE_PATH_PK": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Resilience Maturity API",
    "DESCRIPTION": "Cities' self-assessments on the SMR Resilience Maturity Model, the policy "
    "catalogue and partners' figures. Authenticate with `Authorization: Token <key>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "COMPONENT_SPLIT_PATCH": False,  # a record's change always carries its `revision`
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.corrections",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "assessments.models.ActionStatus",
        "PolicyKindEnum": "policies.models.PolicyKind",
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
