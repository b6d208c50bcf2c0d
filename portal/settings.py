"""Django settings of the portal, all from the environment: the data folder (ZHAOSHANG_HOME) holds the portal's
database and its secret key; nothing secret is in the repository."""

from __future__ import annotations

import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from warehouse.home import zhaoshang_home

HOME = zhaoshang_home()
PORTAL_DIR = HOME / "portal"


def _secret_key(path: Path) -> str:
    """Made once, on the first start, readable by the owner only (0600); kept across restarts so sessions stay."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(secrets.token_urlsafe(50))
    return path.read_text(encoding="ascii").strip()


SECRET_KEY = _secret_key(PORTAL_DIR / "secret_key")
(PORTAL_DIR / "uploads").mkdir(exist_ok=True)
DEBUG = False
ALLOWED_HOSTS = [host for host in os.environ.get("ZHAOSHANG_PORTAL_HOSTS", "127.0.0.1,localhost").split(",") if host]
# Served over https (behind the office's TLS proxy): cookies are then sent over https only.
HTTPS = os.environ.get("ZHAOSHANG_PORTAL_HTTPS", "") == "1"
# The Dagster UI each load links to (its run page).
UI_URL = os.environ.get("ZHAOSHANG_UI_URL", "http://127.0.0.1:3000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "axes",
    "portal",
]
MIDDLEWARE = [
    "portal.middleware.bounded_body",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Argon2id first: every new or changed password is stored with it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher",
                    "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ROOT_URLCONF = "portal.root_urls"
WSGI_APPLICATION = "portal.wsgi.application"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                       "django.contrib.auth.context_processors.auth"]},
}]
DATABASES = {"default": {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": PORTAL_DIR / "portal.sqlite3",
    # Thirty clerks at once: writers wait for each other instead of failing with "database is locked".
    "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions are signed cookies: nothing of a session is stored server-side, and a changed cookie is refused.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
SESSION_COOKIE_AGE = 8 * 3600  # a working day
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = HTTPS
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
LOGIN_URL = "portal:login"

# django-axes: five wrong passwords for one login from one address lock that pair for 15 minutes (a clerk mistyping
# is not locked out by an attacker elsewhere); every attempt is slowed by Argon2 itself.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/locked.html"
AXES_VERBOSE = False

# Uploads: bounded by the nightly job's own limit (ingest/bounds.py) before being read whole; the server
# (waitress) refuses a body above it too. Every upload is streamed to a file, never kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
FILE_UPLOAD_TEMP_DIR = str(PORTAL_DIR / "uploads")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 50

LANGUAGE_CODE = "zh-hans"
# The warehouse writes its times in the machine's local time without a zone. Django sets the process's TZ to
# TIME_ZONE once this module is read, so the machine's own zone is taken here, before that happens.
MACHINE_TIME_ZONE = datetime.now().astimezone().tzinfo
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
USE_I18N = True
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "WARNING"}}
LOGIN_REDIRECT_URL = "portal:home"
