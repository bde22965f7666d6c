"""Reading configuration from the environment.

Every setting the operator can change is listed in ENV_SETTINGS, which is also the source of the
table in docs/configuration.md and of the report of `ppid check`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class EnvSetting:
    name: str
    default: str
    help: str


ENV_SETTINGS: list[EnvSetting] = [
    EnvSetting("PPID_DATA_DIR", "./var", "Folder for the SQLite database, stored files and logs."),
    EnvSetting(
        "DATABASE_URL",
        "sqlite:///$PPID_DATA_DIR/ppid.sqlite3",
        "Database. PostgreSQL for production: postgres://user:pass@host:5432/name.",
    ),
    EnvSetting(
        "PPID_SECRET_KEY",
        "(generated once into $PPID_DATA_DIR/secret_key)",
        "Django secret key. Set it in production; keep it secret.",
    ),
    EnvSetting("PPID_DEBUG", "false", "Debug pages. Never true in production."),
    EnvSetting(
        "PPID_ALLOWED_HOSTS",
        "localhost,127.0.0.1,[::1]",
        "Comma-separated host names the site answers to.",
    ),
    EnvSetting(
        "PPID_CSRF_TRUSTED_ORIGINS",
        "",
        "Comma-separated origins (https://ppid.example.go.id) when behind a proxy.",
    ),
    EnvSetting("PPID_TIME_ZONE", "Asia/Jakarta", "Server time zone (the agency sets its own)."),
    EnvSetting("PPID_LANGUAGE", "id", "Default interface language: id or en."),
    EnvSetting(
        "PPID_STORAGE",
        "local",
        "File storage: local (folder $PPID_DATA_DIR/files) or s3 (django-storages).",
    ),
    EnvSetting("PPID_S3_BUCKET", "", "Bucket name when PPID_STORAGE=s3."),
    EnvSetting("PPID_S3_SECURE_BUCKET", "",
               "Bucket for exempt documents when PPID_STORAGE=s3 (recommended: a bucket of its "
               "own with its own access policy); empty keeps them under secure/ in "
               "PPID_S3_BUCKET."),
    EnvSetting("PPID_S3_ENDPOINT_URL", "", "S3-compatible endpoint (MinIO, etc.)."),
    EnvSetting("PPID_S3_REGION", "", "S3 region (e.g. ap-southeast-3); empty for the default."),
    EnvSetting("PPID_S3_ACCESS_KEY", "", "S3 access key."),
    EnvSetting("PPID_S3_SECRET_KEY", "", "S3 secret key."),
    EnvSetting("PPID_MAX_UPLOAD_MB", "100", "Largest file accepted for upload, in megabytes."),
    EnvSetting(
        "PPID_EMAIL_URL",
        "console:",
        "Outgoing mail: console: (print), or smtp://user:pass@host:587 (smtp+ssl:// for 465).",
    ),
    EnvSetting("PPID_DEFAULT_FROM_EMAIL", "ppid@localhost", "Sender address of outgoing mail."),
    EnvSetting("PPID_LOG_LEVEL", "INFO", "Logging level: DEBUG, INFO, WARNING, ERROR."),
    EnvSetting(
        "PPID_SITE_URL",
        "",
        "Public address of the site (e.g. https://ppid.example.go.id), used for links in e-mails "
        "and PDF receipts. Empty: links are relative.",
    ),
    EnvSetting(
        "PPID_TRUSTED_PROXY",
        "",
        "`ppid serve` behind a reverse proxy: the proxy's address (e.g. 127.0.0.1), so the "
        "visitor's address (X-Forwarded-For) and scheme are used for rate limits and the audit "
        "log. Empty: no proxy is trusted.",
    ),
    EnvSetting(
        "PPID_SEARCH_EXACT_UP_TO",
        "1000",
        "PostgreSQL: portal searches that match more items than this say “more than N”, show "
        "the newest matches first, and load their counts per filter a moment later.",
    ),
    EnvSetting(
        "PPID_HTTPS",
        "false",
        "true when the site is served over HTTPS (directly or by the proxy): plain HTTP is "
        "redirected, cookies are sent only over HTTPS and HSTS is announced.",
    ),
    EnvSetting("PPID_HSTS_SECONDS", "31536000",
               "HSTS max-age when PPID_HTTPS is true (0 turns HSTS off)."),
    EnvSetting(
        "PPID_CSP",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'",
        "Content-Security-Policy header of every page (empty turns it off; not recommended).",
    ),
    EnvSetting("PPID_ADMIN_PATH", "admin/",
               "Path of the Django admin site. Change it in production (e.g. kelola-8f3a/)."),
]


def env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            return next(s.default for s in ENV_SETTINGS if s.name == name)
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_list(name: str, default: str = "") -> list[str]:
    raw = os.environ.get(name) or default
    return [part.strip() for part in raw.split(",") if part.strip()]
