"""Configuration checks in plain words, for `ppid check` and Django's check framework."""

from __future__ import annotations

import os
from urllib.parse import urlparse

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError

from ppid.conf import env


def configuration_report() -> list[tuple[str, str]]:
    """(level, sentence) pairs: level is ok, warning or error."""
    out: list[tuple[str, str]] = []
    data_dir = settings.DATA_DIR
    if os.access(data_dir, os.W_OK):
        out.append(("ok", f"Data folder {data_dir} exists and is writable."))
    else:
        out.append(("error", f"Data folder {data_dir} cannot be written. Fix its permissions or "
                             "set PPID_DATA_DIR to another folder."))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        out.append(("ok", f"Database reachable ({connection.vendor})."))
    except DatabaseError as exc:
        out.append(("error", f"Cannot reach the database set by DATABASE_URL: {exc}".strip()))
    if connection.vendor == "sqlite":
        out.append(("ok", "Using the embedded SQLite database. For many users, set DATABASE_URL "
                          "to a PostgreSQL database."))
    if not settings.SECRET_KEY_FROM_ENV:
        level = "warning" if settings.DEBUG or not _looks_public() else "error"
        out.append((level, "PPID_SECRET_KEY is not set; a key generated in the data folder is "
                           "used. Set PPID_SECRET_KEY in production."))
    if settings.DEBUG:
        out.append(("warning", "PPID_DEBUG is on: error pages show internals. Turn it off in "
                               "production."))
    if _looks_public() and not settings.CSRF_TRUSTED_ORIGINS:
        out.append(("warning", "The site answers to a public host name but "
                               "PPID_CSRF_TRUSTED_ORIGINS is empty; forms fail behind HTTPS "
                               "proxies until it lists https://your-host."))
    email_scheme = urlparse(env("PPID_EMAIL_URL")).scheme
    if email_scheme not in {"", "console", "smtp", "smtp+tls", "smtp+ssl"}:
        out.append(("error", f"PPID_EMAIL_URL uses “{email_scheme}:”, which is unknown. Use "
                             "console: or smtp://user:password@host:587."))
    elif email_scheme in {"", "console"}:
        out.append(("warning", "Outgoing mail is only printed to the console (PPID_EMAIL_URL)."))
    if settings.PPID_STORAGE == "s3":
        if not env("PPID_S3_BUCKET"):
            out.append(("error", "PPID_STORAGE=s3 needs PPID_S3_BUCKET."))
        try:
            import storages  # noqa: F401
        except ImportError:
            out.append(("error", "PPID_STORAGE=s3 needs django-storages[s3]: "
                                 "pip install 'django-storages[s3]'."))
        if not env("PPID_S3_SECURE_BUCKET"):
            out.append(("warning", "Exempt documents share the bucket PPID_S3_BUCKET (under "
                                   "secure/); a bucket of their own (PPID_S3_SECURE_BUCKET) "
                                   "with its own access policy keeps them further apart."))
    elif settings.PPID_STORAGE != "local":
        out.append(("error", f"PPID_STORAGE must be local or s3, not “{settings.PPID_STORAGE}”."))
    else:
        out.extend(_secure_store_report())
    if settings.TIME_ZONE not in {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "UTC"}:
        out.append(("warning", f"PPID_TIME_ZONE is {settings.TIME_ZONE}; Indonesian agencies use "
                               "Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)."))
    if settings.LANGUAGE_CODE not in {"id", "en"}:
        out.append(("error", "PPID_LANGUAGE must be id or en."))
    from ppid.archive.ocr import availability_report  # OCR of scans needs tesseract

    out.extend(availability_report())
    from ppid.search.services import index_report  # the index follows the register

    out.extend(index_report())
    return out


def _secure_store_report() -> list[tuple[str, str]]:
    """The local secure store is a folder of its own that only the product's user can read."""
    import stat
    from pathlib import Path

    root = Path(settings.SECURE_ROOT)
    if not root.exists():
        return []
    mode = stat.S_IMODE(root.stat().st_mode)
    if mode & 0o077:
        return [("error", f"The secure store {root} can be read by other users (mode "
                          f"{mode:o}); run: chmod -R go-rwx {root}")]
    return []


def _looks_public() -> bool:
    local = {"localhost", "127.0.0.1", "[::1]", "testserver"}
    return any(host not in local for host in settings.ALLOWED_HOSTS)
