"""Django settings. Every value an operator may change comes from the environment (ppid.conf)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ppid.conf import env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env("PPID_DATA_DIR")).expanduser().resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    configured = env("PPID_SECRET_KEY", "")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
SECRET_KEY_FROM_ENV = bool(env("PPID_SECRET_KEY", ""))
DEBUG = env_bool("PPID_DEBUG")
ALLOWED_HOSTS = env_list("PPID_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("PPID_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "ppid.core",
    "ppid.audit",
    "ppid.register",
    "ppid.worktime",
    "ppid.procedures",
    "ppid.archive",
    "ppid.records",
    "ppid.exemptions",
    "ppid.requests",
    "ppid.publication",
    "ppid.search",
    "ppid.workspace",
    "ppid.portal",
    "ppid.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ppid.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ppid.core.middleware.LanguageMiddleware",
    "ppid.core.middleware.AgencyTimeZoneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ppid.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ppid.urls"
WSGI_APPLICATION = "ppid.wsgi.application"

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
                "ppid.core.context_processors.agency",
                "ppid.publication.context_processors.announcements",
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'ppid.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL", DEFAULT_DATABASE_URL))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:register"
LOGOUT_REDIRECT_URL = "portal:home"

LANGUAGE_CODE = env("PPID_LANGUAGE")
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("PPID_TIME_ZONE")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Stored files are never under a public URL: the portal and workspace serve them through views
# that check who may see them (ppid.register.services.visibility).
MEDIA_ROOT = DATA_DIR / "files"
MEDIA_URL = "/__files-not-served__/"
PPID_STORAGE = env("PPID_STORAGE")
SECURE_ROOT = DATA_DIR / "secure"  # exempt documents, apart from every other file


def _s3_storage(bucket: str) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env("PPID_S3_ENDPOINT_URL") or None,
            "region_name": env("PPID_S3_REGION") or None,
            "access_key": env("PPID_S3_ACCESS_KEY"),
            "secret_key": env("PPID_S3_SECRET_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


if PPID_STORAGE == "s3":
    PPID_FILE_STORAGE = _s3_storage(env("PPID_S3_BUCKET"))
    _secure = _s3_storage(env("PPID_S3_SECURE_BUCKET") or env("PPID_S3_BUCKET"))
    if not env("PPID_S3_SECURE_BUCKET"):  # same bucket: a prefix of its own
        _secure["OPTIONS"]["location"] = "secure"
    PPID_SECURE_STORAGE = _secure
else:
    PPID_FILE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": "/nowhere/"},
    }
    PPID_SECURE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(SECURE_ROOT), "base_url": "/nowhere/",
                    "file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
    }
STORAGES = {
    "default": {"BACKEND": "ppid.core.storage.RoutingStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
PPID_MAX_UPLOAD_BYTES = int(env("PPID_MAX_UPLOAD_MB")) * 1024 * 1024
PPID_SEARCH_EXACT_UP_TO = int(env("PPID_SEARCH_EXACT_UP_TO"))
PPID_SITE_URL = env("PPID_SITE_URL").rstrip("/")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _email_settings(url: str) -> dict:
    parsed = urlparse(url)
    if parsed.scheme in {"", "console"}:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme in {"smtp", "smtp+tls", "smtp+ssl"}:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtp+ssl" else 587),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": parsed.scheme == "smtp+ssl",
            "EMAIL_USE_TLS": parsed.scheme in {"smtp", "smtp+tls"},
        }
    # Unknown scheme: `ppid check` reports it; meanwhile mail is printed, not lost silently.
    return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


globals().update(_email_settings(env("PPID_EMAIL_URL")))
DEFAULT_FROM_EMAIL = env("PPID_DEFAULT_FROM_EMAIL")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
PPID_HTTPS = env_bool("PPID_HTTPS")
SECURE_SSL_REDIRECT = PPID_HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PPID_HTTPS
SECURE_HSTS_SECONDS = int(env("PPID_HSTS_SECONDS")) if PPID_HTTPS else 0
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
PPID_CSP = os.environ.get("PPID_CSP", env("PPID_CSP"))  # set but empty: no policy
PPID_ADMIN_PATH = env("PPID_ADMIN_PATH").strip("/") + "/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("PPID_LOG_LEVEL")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
