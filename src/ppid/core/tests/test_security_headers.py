"""The security settings made real: Content-Security-Policy, HTTPS redirect, HSTS, secure cookies,
and no inline script anywhere (the policy allows scripts from this site's own files only)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings

from ppid.register import services as register

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2]  # src/ppid
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_SCRIPT = re.compile(r"""type\s*=\s*["']application/(ld\+)?json["']""", re.IGNORECASE)
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["'{]""", re.IGNORECASE)
PORTAL_FORMS_JS = "ppid/portal-forms.js"
REQUEST_TEMPLATES = ("form.html", "track.html", "objection_form.html")


def _templates():
    return sorted(p for p in SRC.rglob("templates/**/*.html"))


def test_csp_header_on_portal_workspace_admin_and_api_docs(client, people, settings):
    assert settings.PPID_CSP and "script-src 'self'" in settings.PPID_CSP
    pages = ["/", "/dip/", "/permohonan/", "/permohonan/lacak/", "/ruang-kerja/masuk/",
             "/api/v1/docs", f"/{settings.PPID_ADMIN_PATH}login/"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Security-Policy"] == settings.PPID_CSP, path
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    client.force_login(people["ppid"])
    for path in ("/ruang-kerja/", "/ruang-kerja/publikasi/pemeliharaan/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Security-Policy"] == settings.PPID_CSP, path


def test_csp_is_configurable_and_can_be_turned_off(agency):
    with override_settings(PPID_CSP="default-src 'none'"):
        assert Client().get("/")["Content-Security-Policy"] == "default-src 'none'"
    with override_settings(PPID_CSP=""):
        assert "Content-Security-Policy" not in Client().get("/")


def test_downloads_keep_their_own_stricter_policy(client, published_item, people, pdf_upload):
    version = register.add_version(people["ppid"], published_item, pdf_upload())
    response = client.get(f"/berkas/{version.public_id}/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("sandbox")
    response.close()


def test_https_redirect_hsts_and_secure_cookies(agency):
    https = {"SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 3600,
             "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True}
    with override_settings(**https):
        client = Client()  # middleware reads the settings when it is built
        plain = client.get("/permohonan/")
        assert plain.status_code == 301
        assert plain["Location"] == "https://testserver/permohonan/"
        assert client.get("/healthz").status_code == 200  # health checks stay on plain HTTP
        secure = client.get("/ruang-kerja/masuk/", secure=True)
        assert secure.status_code == 200
        assert secure["Strict-Transport-Security"] == "max-age=3600"
        assert secure.cookies["csrftoken"]["secure"] is True
    with override_settings(SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=0):
        plain = Client().get("/permohonan/")
        assert plain.status_code == 200 and "Strict-Transport-Security" not in plain


def test_no_template_has_inline_script_or_event_handler_attributes():
    problems = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for match in SCRIPT_TAG.finditer(text):
            attributes = match.group(1)
            if "src=" not in attributes and not DATA_SCRIPT.search(attributes):
                problems.append(f"{path.relative_to(SRC)}: inline <script>")
        if HANDLER.search(text):
            problems.append(f"{path.relative_to(SRC)}: on…= event handler attribute")
        if "javascript:" in text.lower():
            problems.append(f"{path.relative_to(SRC)}: javascript: URL")
    assert not problems, "\n".join(problems)


def test_request_forms_load_their_script_from_a_static_file(client, agency):
    assert finders.find(PORTAL_FORMS_JS), "the moved script must exist as a static file"
    script = Path(finders.find(PORTAL_FORMS_JS)).read_text(encoding="utf-8")
    for behaviour in ("error-summary", "field-delivery_method", "requester_kind", "inputMode"):
        assert behaviour in script
    folder = SRC / "requests" / "templates" / "requests" / "portal"
    for name in REQUEST_TEMPLATES:
        text = (folder / name).read_text(encoding="utf-8")
        assert f"{{% static '{PORTAL_FORMS_JS}' %}}" in text and " defer>" in text, name
    tag = f'<script src="/static/{PORTAL_FORMS_JS}" defer></script>'
    for path in ("/permohonan/", "/permohonan/lacak/"):
        assert tag in client.get(path).content.decode(), path
