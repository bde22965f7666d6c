"""Shared fixtures: an agency with units, one user per role, items, API tokens, sample files."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ppid.core.constants import Role
from ppid.core.models import ApiToken
from ppid.core.tests.factories import AgencyFactory, PositionFactory, UnitFactory, UserFactory
from ppid.register.constants import Category, Status
from ppid.register.tests.factories import ItemFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path):
    settings.PPID_FILE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "files")},
    }
    settings.PPID_SECURE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "secure")},
    }
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "ppid.core.storage.RoutingStorage"}}
    return tmp_path / "files"


@pytest.fixture
def secure_root(_isolated_storage):
    return _isolated_storage.parent / "secure"


@pytest.fixture
def agency(db):
    return AgencyFactory()


@pytest.fixture
def units(agency):
    top = UnitFactory(agency=agency, name="Sekretariat", code="SEK")
    return {
        "top": top,
        "a": UnitFactory(agency=agency, name="Bidang A", code="A", parent=top),
        "b": UnitFactory(agency=agency, name="Bidang B", code="B", parent=top),
    }


@pytest.fixture
def people(units):
    """One user per role; unit roles sit in unit A."""
    def make(username, role, unit):
        user = UserFactory(username=username)
        PositionFactory(user=user, unit=unit, role=role)
        return user

    return {
        "officer": make("officer", Role.UNIT_OFFICER, units["a"]),
        "unit_ppid": make("unitppid", Role.UNIT_PPID, units["a"]),
        "ppid": make("ppid", Role.PPID, units["top"]),
        "superior": make("superior", Role.PPID_SUPERIOR, units["top"]),
        "web": make("web", Role.WEB_MANAGER, units["top"]),
        "head": make("head", Role.HEAD, units["top"]),
        "admin": make("admin", Role.ADMINISTRATOR, units["top"]),
        "nobody": UserFactory(username="nobody"),
    }


@pytest.fixture
def make_item(units, people):
    def make(**kwargs):
        kwargs.setdefault("holder_unit", units["a"])
        kwargs.setdefault("created_by", people["ppid"])
        return ItemFactory(**kwargs)

    return make


@pytest.fixture
def published_item(make_item):
    return make_item(title="Laporan Keuangan Terbuka 2025", status=Status.PUBLISHED,
                     category=Category.PERIODIC)


@pytest.fixture
def token_for():
    return lambda user: ApiToken.issue(user)


def pdf_bytes(text: str = "Dokumen uji") -> bytes:
    """A small valid PDF without needing WeasyPrint."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


@pytest.fixture
def pdf_upload():
    return lambda name="laporan.pdf", text="Dokumen uji": SimpleUploadedFile(
        name, pdf_bytes(text), content_type="application/pdf")
