"""The HTTP API: public read-only endpoints and token-authenticated staff endpoints."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ppid.conftest import pdf_bytes
from ppid.register import services
from ppid.register.constants import Category, Status

pytestmark = pytest.mark.django_db


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def item_payload(units, **extra):
    return {"title": "Rencana Strategis 2025-2029", "summary": "Dokumen Renstra dinas.",
            "category": "on_request", "year": 2025, "holder_unit": units["a"].pk,
            "responsible_official": "Sekretaris", **extra}


def test_openapi_and_docs(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/v1/public/items", "/api/v1/public/items/{item_id}", "/api/v1/items",
                 "/api/v1/items/{item_id}", "/api/v1/items/{item_id}/documents",
                 "/api/v1/items/{item_id}/transition"):
        assert path in paths
    assert client.get("/api/v1/docs").status_code == 200


def test_public_list_filters_and_paginates(client, make_item, units):
    for year in (2023, 2024, 2025):
        make_item(title=f"Laporan {year}", year=year, status=Status.PUBLISHED,
                  category=Category.PERIODIC)
    make_item(title="Renstra", status=Status.PUBLISHED, holder_unit=units["b"])
    make_item(title="Draf", status=Status.DRAFT)
    body = client.get("/api/v1/public/items").json()
    assert body["count"] == 4
    assert {r["title"] for r in body["results"]} == {"Laporan 2023", "Laporan 2024",
                                                     "Laporan 2025", "Renstra"}
    assert client.get("/api/v1/public/items?category=periodic").json()["count"] == 3
    assert client.get(f"/api/v1/public/items?unit={units['b'].pk}").json()["count"] == 1
    assert client.get("/api/v1/public/items?year=2024").json()["count"] == 1
    assert client.get("/api/v1/public/items?q=renstra").json()["count"] == 1
    page = client.get("/api/v1/public/items?page=2&page_size=3").json()
    assert page["page"] == 2 and len(page["results"]) == 1


def test_public_detail_has_download_urls(client, published_item, people, pdf_upload):
    services.add_version(people["ppid"], published_item, pdf_upload(), title="Laporan")
    body = client.get(f"/api/v1/public/items/{published_item.pk}").json()
    assert body["documents"][0]["title"] == "Laporan"
    url = body["documents"][0]["download_url"]
    response = client.get(url.replace("http://testserver", ""))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_staff_endpoints_need_a_token(client, units):
    response = client.post("/api/v1/items", item_payload(units), content_type="application/json")
    assert response.status_code == 401
    body = response.json()
    assert body["message_id"] and body["message_en"] and body["message_id"] != body["message_en"]
    response = client.get("/api/v1/items/1", **auth("ppid_not-a-token"))
    assert response.status_code == 401


def test_create_patch_upload_and_publish(client, units, people, token_for):
    token = token_for(people["ppid"])
    response = client.post("/api/v1/items", item_payload(units), content_type="application/json",
                           **auth(token))
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["status"] == "draft" and item["allowed_transitions"] == ["documented"]
    response = client.patch(f"/api/v1/items/{item['id']}", {"summary": "Ringkasan baru"},
                            content_type="application/json", **auth(token))
    assert response.status_code == 200 and response.json()["summary"] == "Ringkasan baru"
    response = client.post(
        f"/api/v1/items/{item['id']}/documents",
        {"file": SimpleUploadedFile("renstra.pdf", pdf_bytes()), "title": "Renstra"},
        **auth(token))
    assert response.status_code == 201, response.content
    versions = response.json()["documents"][0]["versions"]
    assert versions[0]["content_type"] == "application/pdf" and len(versions[0]["sha256"]) == 64
    file_url = versions[0]["download_url"].replace("http://testserver", "")
    assert client.get(file_url).status_code == 401
    download = client.get(file_url, **auth(token))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()
    from ppid.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="download", object_id=str(item["id"])).exists()
    for target in ("documented", "published"):
        response = client.post(f"/api/v1/items/{item['id']}/transition", {"to": target},
                               content_type="application/json", **auth(token))
        assert response.status_code == 200, response.content
    assert client.get(f"/api/v1/public/items/{item['id']}").status_code == 200


def test_errors_are_bilingual_with_the_right_status(client, units, people, token_for, make_item):
    officer = token_for(people["officer"])
    ppid = token_for(people["ppid"])
    # invalid body
    response = client.post("/api/v1/items", {"title": ""}, content_type="application/json",
                           **auth(ppid))
    assert response.status_code == 422
    assert "message_id" in response.json() and "fields" in response.json()
    # model rule: exempt without ground
    response = client.post("/api/v1/items", item_payload(units, category="exempt"),
                           content_type="application/json", **auth(ppid))
    assert response.status_code == 422
    assert "exemption_ground" in response.json()["fields"]
    # forbidden: officer publishing
    item = make_item(status=Status.DOCUMENTED)
    response = client.post(f"/api/v1/items/{item.pk}/transition", {"to": "published"},
                           content_type="application/json", **auth(officer))
    assert response.status_code == 403
    # conflict: not an allowed transition
    response = client.post(f"/api/v1/items/{item.pk}/transition", {"to": "withdrawn"},
                           content_type="application/json", **auth(ppid))
    assert response.status_code == 409
    # not found
    assert client.get("/api/v1/items/999999", **auth(ppid)).status_code == 404
    # refused file type
    response = client.post(f"/api/v1/items/{item.pk}/documents",
                           {"file": SimpleUploadedFile("x.exe", b"MZ\x90\x00binary\x00")},
                           **auth(ppid))
    assert response.status_code == 422
    assert "PDF" in response.json()["message_en"]


def test_unit_officer_cannot_create_for_another_unit(client, units, people, token_for):
    response = client.post("/api/v1/items", item_payload(units, holder_unit=units["b"].pk),
                           content_type="application/json", **auth(token_for(people["officer"])))
    assert response.status_code == 403


def test_revoked_or_inactive_tokens_fail(client, people, token_for):
    token = token_for(people["ppid"])
    people["ppid"].is_active = False
    people["ppid"].save()
    assert client.get("/api/v1/items", **auth(token)).status_code == 401


def test_staff_file_download_respects_exempt_access(client, make_item, people, token_for,
                                                    pdf_upload):
    secret = make_item(category=Category.EXEMPT, exemption_ground="17h",
                       status=Status.DOCUMENTED)
    version = services.add_version(people["ppid"], secret, pdf_upload(), is_public=False)
    url = f"/api/v1/files/{version.public_id}"
    assert client.get(url, **auth(token_for(people["web"]))).status_code == 404
    # Exempt: opened only with a reason, which is recorded (ppid.exemptions).
    refused = client.get(url, **auth(token_for(people["superior"])))
    assert refused.status_code == 403 and refused.json()["code"] == "reason_required"
    opened = client.get(url, {"reason": "Menyiapkan sidang sengketa"},
                        **auth(token_for(people["superior"])))
    assert opened.status_code == 200
