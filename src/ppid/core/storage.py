"""One storage for the product, two places behind it: the file store and the secure store.

Exempt documents (and the withheld originals of redacted ones) live apart from every other file:
their names start with ``secure/`` and this storage hands them to a separate backend (by default
a separate folder readable only by the product's user; on S3 a separate bucket if set). Code
keeps using ``default_storage``: the name alone decides where a file lives, so fixity checks,
disposal and processing work on both stores unchanged.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string

SECURE_PREFIX = "secure/"


def is_secure(name: str) -> bool:
    return name.startswith(SECURE_PREFIX)


def secure_name(name: str) -> str:
    return name if is_secure(name) else SECURE_PREFIX + name


def regular_name(name: str) -> str:
    return name[len(SECURE_PREFIX):] if is_secure(name) else name


def _build(config: dict) -> Storage:
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))


@deconstructible
class RoutingStorage(Storage):
    """Delegates each name to the file store or, for ``secure/…`` names, to the secure store."""

    def __init__(self, files: dict | None = None, secure: dict | None = None):
        self._files_config = files or settings.PPID_FILE_STORAGE
        self._secure_config = secure or settings.PPID_SECURE_STORAGE
        self._files: Storage | None = None
        self._secure: Storage | None = None

    @property
    def files(self) -> Storage:
        if self._files is None:
            self._files = _build(self._files_config)
        return self._files

    @property
    def secure(self) -> Storage:
        if self._secure is None:
            self._secure = _build(self._secure_config)
        return self._secure

    def _route(self, name: str) -> tuple[Storage, str, str]:
        if is_secure(name):
            return self.secure, name[len(SECURE_PREFIX):], SECURE_PREFIX
        return self.files, name, ""

    def _open(self, name, mode="rb"):
        backend, inner, _prefix = self._route(name)
        return backend.open(inner, mode)

    def _save(self, name, content):
        backend, inner, prefix = self._route(name)
        return prefix + backend.save(inner, content)

    def get_available_name(self, name, max_length=None):
        backend, inner, prefix = self._route(name)
        limit = max_length - len(prefix) if max_length else None
        return prefix + backend.get_available_name(inner, max_length=limit)

    def generate_filename(self, filename):
        backend, inner, prefix = self._route(filename)
        return prefix + backend.generate_filename(inner)

    def delete(self, name):
        backend, inner, _prefix = self._route(name)
        backend.delete(inner)

    def exists(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.exists(inner)

    def size(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.size(inner)

    def listdir(self, path):
        backend, inner, _prefix = self._route(path)
        return backend.listdir(inner)

    def path(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.path(inner)

    def url(self, name):
        raise NotImplementedError("Stored files are served only through views that check access.")

    def get_modified_time(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.get_modified_time(inner)
