"""Settings read from the environment.

DATABASE_URL selects the database (SQLite in ./data by default, PostgreSQL in
production); DEBUG is off unless DEBUG says otherwise (the demo too).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = Path(os.environ.get("BIOCLUSTER_HOME", PACKAGE_DIR.parent.parent))
DATA_DIR = Path(os.environ.get("BIOCLUSTER_DATA", PROJECT_DIR / "data"))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEMO = env_flag("BIOCLUSTER_DEMO")
# The demo runs without DEBUG: visitors see the product's error pages, not Django's technical ones.
DEBUG = env_flag("DEBUG")
TESTING = env_flag("BIOCLUSTER_TESTING")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or DEMO or TESTING):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off: export SECRET_KEY (a long random string), "
            "or BIOCLUSTER_DEMO=1 to run the demo (as `make demo` does)."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "biocluster.core",
    "biocluster.accounts",
    "biocluster.audit",
    "biocluster.directory",
    "biocluster.calls",
    "biocluster.platforms",
    "biocluster.programmes",
    "biocluster.accreditation",
    "biocluster.events",
    "biocluster.partnering",
    "biocluster.indicators",
    "biocluster.relations",
    "biocluster.survey",
    "biocluster.funders",
    "biocluster.publishing",
    "biocluster.recommendations",
    "biocluster.cooperation",
    "biocluster.euprojects",
    "biocluster.estate",
    # The admin, with a site that admits administrators only (see core/admin_site.py).
    "biocluster.core.admin_config.BioclusterAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_htmx",
    "treebeard",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "biocluster.core.busy.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "biocluster.config.urls"
WSGI_APPLICATION = "biocluster.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "biocluster.core.context_processors.navigation",
            ],
        },
    }
]

if "DATABASE_URL" not in os.environ and not TESTING:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'biocluster.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, which also runs SQLite's `PRAGMA optimize` as a connection closes.
    DATABASES["default"]["ENGINE"] = "biocluster.core.sqlite"
    # In memory, as Django's tests keep a SQLite database: pytest-django recognises only Django's
    # engine name and would otherwise give each xdist worker a file named after the database's.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
    # WAL lets readers go on while one writer holds the lock; IMMEDIATE takes the
    # write lock at BEGIN so that check-then-write transactions cannot interleave.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        # The wait for a busy database is set before anything else: switching to WAL takes a
        # lock too, and a connection opened while another writes must wait for it, not fail.
        "timeout": 10,
        "init_command": "PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Connections persist (CONN_MAX_AGE, as on PostgreSQL): a new SQLite connection reads and
    # parses the whole schema on its first statement, 6-7 ms for this project's, which a page
    # served from the cache (one query) paid on every request.
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The JIT compiles a plan whose estimated cost is high, even when it runs in 15 ms: the
    # network's relevance query spent 1.3 s compiling for 15 ms of work. Pages never gain from it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Only the statements core.prepared names are prepared (Django's cursors never are).
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 2**31 - 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "biocluster.accounts.backends.PasswordBackend",
    "biocluster.accounts.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "5/m/ip,3/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Biocluster"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "var" / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING or DEMO
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The demo serves static files straight from the apps: `make demo` runs no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG or TESTING or DEMO
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

# "default" is shared by every worker process: login throttling counts failed attempts
# across them, and the directory's version number (caching.py) invalidates derived views in
# every process at once. Without Redis, the database cache (its table is created by core's
# migration).
# "local" holds derived values in each process's memory (rendered fragments, counts,
# ranking statistics, charts): reading them costs no query. Everything put there is keyed
# by what it was computed from (a version read from "default", a fingerprint of the rows,
# a digest of the spec), so that a change made in another process is never served stale.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "biocluster_cache",
            # Not Django's 300: past it, every write deletes a third of the entries, the
            # platforms' calendar versions (one per instrument and per platform) among them.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    ),
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "biocluster-local",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    },
}

# The demo has no mail server: what it sends lands in data/mail/, which staff read at /demo/mail/
# (the background worker's messages included).
DEMO_MAIL_DIR = Path(os.environ.get("DEMO_MAIL_DIR", DATA_DIR / "mail"))
EMAIL_BACKEND_CHOSEN = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEMO
    else "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_CHOSEN,
        "OPTIONS": {"file_path": str(DEMO_MAIL_DIR)}
        if EMAIL_BACKEND_CHOSEN.endswith("filebased.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Biocluster <noreply@biocluster.local>")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"),
    }
}

# Security headers. HTTPS-only settings follow the deployment (behind a proxy).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Database sessions read by a statement compiled once (accounts/sessions.py).
SESSION_ENGINE = "biocluster.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
HTTPS = env_flag("HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# After a directory change, build the network page's opening view in the background (see
# directory.caching). Off in the tests, where each committed change would build it four times.
DIRECTORY_WARM_NETWORK = env_flag("DIRECTORY_WARM_NETWORK", default=not TESTING)

# Partner recommendation (docs/recommendations-app.md): the cluster's own country, two letters as
# the directory's countries. A company landing on the campus (soft landing) is shown the
# organisations of this country as local partners to meet first.
RECOMMENDATIONS_LOCAL_COUNTRY = os.environ.get("RECOMMENDATIONS_LOCAL_COUNTRY", "FR").upper()

NINJA_PAGINATION_PER_PAGE = 25
NINJA_PAGINATION_MAX_LIMIT = 200
NINJA_PAGINATION_CLASS = "biocluster.core.api_schemas.LimitOffset"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
