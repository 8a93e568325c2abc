"""Settings, all from environment variables.

Development (the default) runs on an embedded SQLite file with demo defaults. With
FRONTDOOR_ENV=production the service refuses to start while any demo default is still in place.
"""

from __future__ import annotations

import os
from datetime import time
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
env = os.environ

DEMO_SECRET_KEY = "frontdoor-demo-secret-key-not-for-production"
DEMO_COUNCIL_NAME = "Demoshire County Council"
DEMO_LA_CODE = "999"

FRONTDOOR_ENV = env.get("FRONTDOOR_ENV", "development")
PRODUCTION = FRONTDOOR_ENV == "production"

SECRET_KEY = env.get("FRONTDOOR_SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = env.get("FRONTDOOR_DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = [
    h
    for h in env.get(
        "FRONTDOOR_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
    ).split(",")
    if h
]

COUNCIL_NAME = env.get("FRONTDOOR_COUNCIL_NAME", DEMO_COUNCIL_NAME)
LA_CODE = env.get("FRONTDOOR_LA_CODE", DEMO_LA_CODE)
# Demo logins exist only in demo data; production refuses to create them.
DEMO_LOGINS_ALLOWED = not PRODUCTION

if not (LA_CODE.isdigit() and len(LA_CODE) == 3):
    raise ImproperlyConfigured(
        "FRONTDOOR_LA_CODE must be the council's 3-digit DfE LA code, e.g. 202."
    )

if PRODUCTION:
    problems = []
    if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        problems.append("set FRONTDOOR_SECRET_KEY to a random value of at least 50 characters")
    if not ALLOWED_HOSTS:
        problems.append("set FRONTDOOR_ALLOWED_HOSTS to the service's host names")
    if COUNCIL_NAME == DEMO_COUNCIL_NAME:
        problems.append("set FRONTDOOR_COUNCIL_NAME to the council's name")
    if LA_CODE == DEMO_LA_CODE:
        problems.append("set FRONTDOOR_LA_CODE to the council's DfE LA code")
    if "DATABASE_URL" not in env:
        problems.append("set DATABASE_URL (production runs on PostgreSQL)")
    if DEBUG:
        problems.append("unset FRONTDOOR_DEBUG")
    if problems:
        raise ImproperlyConfigured(
            "Production settings refuse demo defaults: " + "; ".join(problems)
        )

DATA_DIR = Path(env.get("FRONTDOOR_DATA_DIR", PROJECT_DIR / "var"))
DATABASE_URL = env.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'frontdoor.sqlite3'}")
if not PRODUCTION:
    (DATA_DIR / "static").mkdir(parents=True, exist_ok=True)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# A read replica for reporting (docs/operations.md): the dashboard, returns and benchmarks read from
# it inside `frontdoor.ops.routers.reporting_reads()`; everything else uses the primary.
if env.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(env["DATABASE_REPLICA_URL"], conn_max_age=60)
    DATABASES["replica"].setdefault("TEST", {})["MIRROR"] = "default"
DATABASE_ROUTERS = ["frontdoor.ops.routers.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"].setdefault("TEST", {})["NAME"] = ":memory:"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "frontdoor.core",
    "frontdoor.accounts",
    "frontdoor.audit",
    "frontdoor.people",
    "frontdoor.search_index",
    "frontdoor.intake",
    "frontdoor.cases",
    "frontdoor.screening",
    "frontdoor.assessments",
    "frontdoor.child_protection",
    "frontdoor.allegations",
    "frontdoor.police",
    "frontdoor.out_of_hours",
    "frontdoor.exploitation",
    "frontdoor.earlyhelp",
    "frontdoor.notifications",
    "frontdoor.casenotes",
    "frontdoor.preproceedings",
    "frontdoor.visits",
    "frontdoor.reporting",
    "frontdoor.sharing",
    "frontdoor.dataprotection",
    "frontdoor.administration",
    "frontdoor.documents",
    "frontdoor.letters",
    "frontdoor.printing",
    "frontdoor.duplicates",
    "frontdoor.peopleimport",
    "frontdoor.api",
    "django_tasks",
    "django_tasks_db",
    "frontdoor.jobs",
    "frontdoor.ops",
    "frontdoor.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "frontdoor.audit.middleware.RequestContextMiddleware",
    # Outside sessions and auth so every response (redirects to login, CSRF refusals) gets the
    # headers; it reads request.user on the way out, once AuthenticationMiddleware has set it.
    "frontdoor.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "frontdoor.ops.middleware.RequestLogMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "frontdoor.accounts.middleware.LoginRequiredMiddleware",
    # After sign-in: the absolute session lifetime, then the second factor (see docs/accounts.md).
    "frontdoor.accounts.middleware.SessionLifetimeMiddleware",
    "frontdoor.accounts.middleware.TwoFactorMiddleware",
    "frontdoor.core.middleware.UploadLimitMiddleware",
    # Starts periodic jobs that are due (at most once a minute per process): jobs/periodic.py.
    "frontdoor.jobs.middleware.PeriodicJobsMiddleware",
]

ROOT_URLCONF = "frontdoor.urls"
WSGI_APPLICATION = "frontdoor.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"

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
                "frontdoor.core.context_processors.frontdoor",
            ],
            "builtins": ["frontdoor.core.templatetags.govuk"],
        },
    }
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Lockout (django-axes): 5 failures from one address lock that username, from that address, for 30
# minutes. By username AND address, so someone elsewhere guessing a worker's password cannot lock the
# worker out at their desk; an administrator unlocks at /accounts/admin/locked/.
AXES_FAILURE_LIMIT = int(env.get("FRONTDOOR_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = float(env.get("FRONTDOOR_LOCKOUT_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client address is the connection's, as in the audit trail; behind the TLS proxy it is the
# address the proxy adds last to X-Forwarded-For (a client cannot choose it).
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Two-factor sign-in (django-otp: an authenticator app, and backup codes). Always required under
# production settings; in the demo only for accounts marked `two_factor_required` (and anyone who
# has set it up), unless FRONTDOOR_TWO_FACTOR=1 requires it of everyone.
FRONTDOOR_TWO_FACTOR_REQUIRED = PRODUCTION or env.get("FRONTDOOR_TWO_FACTOR", "0") == "1"
OTP_TOTP_ISSUER = f"Front Door ({COUNCIL_NAME})"
# Passkeys (django-otp-webauthn), an optional extra factor: bound to the host the request came to
# (one of ALLOWED_HOSTS), over HTTPS, or http://localhost outside production (accounts/passkeys.py).
OTP_WEBAUTHN_RP_ID_CALLABLE = "frontdoor.accounts.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME = f"Front Door ({COUNCIL_NAME})"
OTP_WEBAUTHN_HELPER_CLASS = "frontdoor.accounts.passkeys.PasskeyHelper"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if h != "testserver"] + (
    [] if PRODUCTION else ["http://localhost"]
)
# An administrator's password reset link works for this long, and only once.
PASSWORD_RESET_TIMEOUT = int(env.get("FRONTDOOR_RESET_LINK_HOURS", "24")) * 3600
# Reset links are also emailed when an SMTP server is configured; otherwise only shown.
FRONTDOOR_EMAIL_CONFIGURED = bool(env.get("FRONTDOOR_EMAIL_HOST"))
if FRONTDOOR_EMAIL_CONFIGURED:
    EMAIL_HOST = env["FRONTDOOR_EMAIL_HOST"]
    EMAIL_PORT = int(env.get("FRONTDOOR_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env.get("FRONTDOOR_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env.get("FRONTDOOR_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = True
    DEFAULT_FROM_EMAIL = env.get("FRONTDOOR_EMAIL_FROM", "frontdoor@localhost")
elif not PRODUCTION:
    # Notifications chosen by email are printed to the console in the demo (docs/notifications.md).
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# A session ends this long after sign-in however active it is (default 10 hours).
FRONTDOOR_SESSION_MAX_SECONDS = int(float(env.get("FRONTDOOR_SESSION_MAX_HOURS", "10")) * 3600)
# The page warns this long before the idle timeout and offers to stay signed in.
FRONTDOOR_TIMEOUT_WARNING_SECONDS = 120

# Session expiry after inactivity (default 30 minutes): each request renews the cookie.
SESSION_COOKIE_AGE = int(env.get("FRONTDOOR_SESSION_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    # The service's own host name (e.g. frontdoor.council.gov.uk) and anything under it is HTTPS
    # only; preload has no effect on a sub-domain but says the same thing to anyone who asks.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT = env.get("FRONTDOOR_SSL_REDIRECT", "1") == "1"
    # The load balancer's and the container's probes ask over plain HTTP from inside.
    SECURE_REDIRECT_EXEMPT = [r"^health$", r"^ready$"]
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
    if env.get("FRONTDOOR_BEHIND_TLS_PROXY", "0") == "1":
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        AXES_IPWARE_PROXY_COUNT = 1
        AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploads: a request body over FRONTDOOR_MAX_UPLOAD_MB (plus 1 MB of form fields) is refused with 413
# by frontdoor.core.middleware.UploadLimitMiddleware; file forms check the same setting per field.
FRONTDOOR_MAX_UPLOAD_MB = int(env.get("FRONTDOOR_MAX_UPLOAD_MB", "20"))
# Documents attached to records (docs/documents.md): kept outside the web root, checked by size,
# by type read from their content, and by the virus-scan hook (a dotted path to a callable).
FRONTDOOR_DOCUMENT_ROOT = Path(env.get("FRONTDOOR_DOCUMENT_ROOT", DATA_DIR / "documents"))
FRONTDOOR_DOCUMENT_MAX_MB = int(env.get("FRONTDOOR_DOCUMENT_MAX_MB", "20"))
FRONTDOOR_DOCUMENT_TYPES = [
    t.strip() for t in env.get("FRONTDOOR_DOCUMENT_TYPES", "pdf,docx,png,jpg,txt").split(",")
]
FRONTDOOR_DOCUMENT_SCANNER = env.get(
    "FRONTDOOR_DOCUMENT_SCANNER", "frontdoor.documents.checks.accept_all"
)
# The partner API (frontdoor.api): calls per token per clock minute, counted in the cache.
FRONTDOOR_API_RATE_PER_MINUTE = int(env.get("FRONTDOOR_API_RATE_PER_MINUTE", "120"))
# Form fields other than files: Django refuses a body of fields bigger than this (2.5 MB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Files bigger than this are streamed to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600

# Content-Security-Policy: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (docs/operations.md): django-tasks' database queue, run by `frontdoor db_worker`.
# The embedded SQLite demo has no worker: a thread of the web server runs each job instead.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
FRONTDOOR_JOBS_MODE = env.get(
    "FRONTDOOR_JOBS_MODE",
    "thread" if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not PRODUCTION else "queue",
)
if FRONTDOOR_JOBS_MODE not in ("queue", "thread", "immediate"):
    raise ImproperlyConfigured("FRONTDOOR_JOBS_MODE must be queue, thread or immediate")
# Periodic jobs (jobs/periodic.py, docs/operations.md): run by the job worker in production, by the
# web server in the embedded demo; nobody runs a command. The deadline notifications scan runs every
# FRONTDOOR_NOTIFY_EVERY_MINUTES (default 5).
FRONTDOOR_PERIODIC_JOBS = {
    "notify_deadlines": {
        "run": "frontdoor.notifications.scan.periodic",
        "minutes": float(env.get("FRONTDOOR_NOTIFY_EVERY_MINUTES", "5")),
    },
}
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Working-day calendar (local practice: configurable).
OFFICE_HOURS_START = time.fromisoformat(env.get("FRONTDOOR_OFFICE_START", "09:00"))
OFFICE_HOURS_END = time.fromisoformat(env.get("FRONTDOOR_OFFICE_END", "17:00"))
SCHOOL_DAY_START = time.fromisoformat(env.get("FRONTDOOR_SCHOOL_DAY_START", "08:30"))
EDT_HANDOVER_TIME = time.fromisoformat(env.get("FRONTDOOR_EDT_HANDOVER", "09:00"))

# Allocation (docs/allocation.md): an urgent referral (strategy discussion, immediate risk) with no
# named worker is overdue after this many working hours; caseload weights per kind of work.
URGENT_ALLOCATION_WORKING_HOURS = float(env.get("FRONTDOOR_URGENT_ALLOCATION_HOURS", "2"))
CASELOAD_WEIGHTS = {
    kind: float(weight)
    for kind, _, weight in (
        item.partition("=")
        for item in env.get(
            "FRONTDOOR_CASELOAD_WEIGHTS", "referral=1,child_protection=1.5,early_help=1"
        ).split(",")
    )
}

# Logs: one JSON object per line in production (FRONTDOOR_LOG_FORMAT=json), with the request id
# and the user id, never a name; plain text in development. FRONTDOOR_REQUEST_LOG=1 adds a line per
# request (the default in production).
LOG_FORMAT = env.get("FRONTDOOR_LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "frontdoor.ops.logging.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "frontdoor.ops.logging.FrontDoorJsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["console"], "level": env.get("FRONTDOOR_LOG_LEVEL", "WARNING")},
    "loggers": {
        "frontdoor.request": {
            "level": "INFO"
            if env.get("FRONTDOOR_REQUEST_LOG", "1" if PRODUCTION else "0") == "1"
            else "WARNING"
        }
    },
}
