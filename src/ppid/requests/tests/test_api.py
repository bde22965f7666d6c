"""Requests through the API: the staff endpoints (token) and the public ones."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.register.constants import Category, Status
from ppid.requests import objections, services
from ppid.requests.constants import RequestStatus
from ppid.requests.models import Request
from ppid.requests.tests.factories import RequestFactory, requester_data
from ppid.requests.tests.scenarios import at, exempt_item, grant, redacted_pair, version_of

pytestmark = pytest.mark.django_db

MARCH_2 = at(2026, 3, 2, 10)
REASON = "Dokumen tersebar di tiga bidang dan perlu dihimpun."
STAFF_PATHS = ("/api/v1/requests", "/api/v1/requests/{request_id}",
               "/api/v1/requests/{request_id}/forward", "/api/v1/requests/{request_id}/extend",
               "/api/v1/requests/{request_id}/decide", "/api/v1/objections",
               "/api/v1/objections/{objection_id}", "/api/v1/objections/{objection_id}/answer")
PUBLIC_PATHS = ("/api/v1/public/request-statistics", "/api/v1/public/requests")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(client, token_for):
    """api(user).get(path) / .post(path, json) with the user's token (None: no token)."""

    class Caller:
        def __init__(self, user):
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"} if user else {}

        def get(self, path, **params):
            return client.get(path, params, **self.headers)

        def post(self, path, payload, **extra):
            return client.post(path, payload, content_type="application/json",
                               **self.headers, **extra)

    return Caller


def _fields(response) -> set[str]:
    return set(response.json().get("fields") or {})


# --------------------------------------------------------------------------------------------
# OpenAPI and authentication
# --------------------------------------------------------------------------------------------


def test_openapi_lists_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in STAFF_PATHS + PUBLIC_PATHS:
        assert path in paths, path
    assert "post" in paths["/api/v1/public/requests"]
    assert {"get", "post"} <= set(paths["/api/v1/requests"])
    assert "post" in paths["/api/v1/requests/{request_id}/decide"]
    # Staff endpoints need the token; the public ones do not.
    assert paths["/api/v1/requests"]["get"].get("security")
    assert not paths["/api/v1/public/request-statistics"]["get"].get("security")


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/api/v1/requests"), ("get", "/api/v1/requests/1"),
    ("post", "/api/v1/requests"), ("post", "/api/v1/requests/1/forward"),
    ("post", "/api/v1/requests/1/extend"), ("post", "/api/v1/requests/1/decide"),
    ("get", "/api/v1/objections"), ("post", "/api/v1/objections/1/answer"),
])
def test_staff_endpoints_need_a_token(client, agency, method, path):
    response = getattr(client, method)(path, **({"content_type": "application/json",
                                                 "data": {}} if method == "post" else {}))
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


# --------------------------------------------------------------------------------------------
# Listing and reading requests
# --------------------------------------------------------------------------------------------


@pytest.fixture
def requests_(agency, people, units):
    ppid = people["ppid"]
    a = RequestFactory(received_at=MARCH_2, name="Budi Santoso")
    b = RequestFactory(received_at=at(2026, 3, 3), name="Citra Lestari")
    services.forward(ppid, b, units["a"], "Mohon disiapkan.")
    c = RequestFactory(received_at=at(2025, 6, 2), name="Dewi Anggraini")
    services.forward(ppid, c, units["b"])
    grant(ppid, c, now=at(2025, 6, 5))
    return {"a": a, "b": b, "c": c}


def test_list_for_the_ppid(api, people, requests_):
    body = api(people["ppid"]).get("/api/v1/requests").json()
    assert body["count"] == 3 and body["page"] == 1
    rows = {r["number"]: r for r in body["results"]}
    a = rows[requests_["a"].number]
    assert set(a) == {"id", "number", "channel", "received_at", "counted_from", "due_at",
                      "status", "outcome", "unit", "days_left", "overdue", "clock_stopped",
                      "requester_name"}
    assert a["requester_name"] == "Budi Santoso" and a["unit"] is None
    assert a["counted_from"] == "2026-03-02"
    assert datetime.fromisoformat(a["due_at"]) == at(2026, 3, 16, 16)
    assert a["overdue"] is True and a["days_left"] < 0 and not a["clock_stopped"]
    c = rows[requests_["c"].number]
    assert c["status"] == "decided" and c["outcome"] == "granted" and c["clock_stopped"]
    assert c["days_left"] == 8 and not c["overdue"]  # decided on day 3 of 10
    assert rows[requests_["b"].number]["unit"]["name"] == "Bidang A"


@pytest.mark.parametrize(("params", "expected"), [
    pytest.param({"status": "forwarded"}, {"b"}, id="status"),
    pytest.param({"year": 2025}, {"c"}, id="year"),
    pytest.param({"overdue": "true"}, {"a", "b"}, id="overdue"),
    pytest.param({"outcome": "granted"}, {"c"}, id="outcome"),
    pytest.param({"q": "citra"}, {"b"}, id="search"),
])
def test_list_filters(api, people, requests_, units, params, expected):
    body = api(people["ppid"]).get("/api/v1/requests", **params).json()
    assert {r["id"] for r in body["results"]} == {requests_[k].pk for k in expected}


def test_list_pages(api, people, requests_):
    caller = api(people["ppid"])
    first = caller.get("/api/v1/requests", page_size=2).json()
    second = caller.get("/api/v1/requests", page_size=2, page=2).json()
    assert first["count"] == second["count"] == 3
    assert len(first["results"]) == 2 and len(second["results"]) == 1
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    assert caller.get("/api/v1/requests", page_size=1000).json()["page_size"] == 100


def test_unknown_filter_values(api, people, requests_):
    response = api(people["ppid"]).get("/api/v1/requests", status="lost")
    assert response.status_code == 422 and _fields(response) == {"status"}
    response = api(people["ppid"]).get("/api/v1/requests", year="soon")
    assert response.status_code == 422 and _fields(response) == {"year"}


@pytest.mark.parametrize(("role", "sees"), [
    pytest.param("superior", {"a", "b", "c"}, id="superior"),
    pytest.param("officer", {"b"}, id="unit-officer"),
    pytest.param("unit_ppid", {"b"}, id="unit-ppid"),
    pytest.param("head", set(), id="head"),
    pytest.param("admin", set(), id="admin"),
    pytest.param("web", set(), id="web-manager"),
])
def test_each_sees_only_the_requests_they_handle(api, people, requests_, role, sees):
    caller = api(people[role])
    body = caller.get("/api/v1/requests").json()
    assert {r["id"] for r in body["results"]} == {requests_[k].pk for k in sees}
    for key, req in requests_.items():
        response = caller.get(f"/api/v1/requests/{req.pk}")
        assert response.status_code == (200 if key in sees else 404)
        if key not in sees:
            assert req.name not in response.content.decode()
    objections_page = caller.get("/api/v1/objections").json()
    assert objections_page["count"] == 0


def test_detail(api, people, requests_):
    req = requests_["b"]
    services.post_message(people["ppid"], req, "Catatan staf", public=False)
    body = api(people["ppid"]).get(f"/api/v1/requests/{req.pk}").json()
    assert body["requester"]["name"] == "Citra Lestari"
    assert body["requester"]["id_number"] == "6371014101900002"
    assert body["requester"]["email"] == "siti@example.org"
    assert body["forward_note"] == "Mohon disiapkan." and body["decision"] is None
    assert [(e["kind"], e["public"]) for e in body["events"]] == [
        ("received", True), ("forwarded", True), ("note", False)]
    assert body["events"][1]["actor"] == "ppid"
    assert body["objections"] == [] and body["tracking_code"] is None
    assert "tracking_code" in body and req.tracking_code not in str(body)
    assert api(people["ppid"]).get("/api/v1/requests/99999").status_code == 404


# --------------------------------------------------------------------------------------------
# Staff entry
# --------------------------------------------------------------------------------------------


def _entry(**overrides) -> dict:
    data = {**requester_data(), "channel": "letter", "received_at": "2026-03-06T15:30:00+08:00"}
    data.update(overrides)
    return data


def test_staff_entry(api, people, agency):
    response = api(people["ppid"]).post("/api/v1/requests", _entry())
    assert response.status_code == 201, response.content
    body = response.json()
    req = Request.objects.get(pk=body["id"])
    assert body["number"] == req.number == "001/PPID/III/2026"
    assert body["tracking_code"] == services.format_code(req.tracking_code)
    assert body["channel"] == "letter" and body["written"] is True
    assert body["counted_from"] == "2026-03-06"
    assert req.recorded_by == people["ppid"]
    assert AuditEvent.objects.get(action=Action.REQUEST_RECEIVE).actor == people["ppid"]


def test_staff_entry_of_an_unwritten_phone_request_in_local_time(api, people, agency):
    body = api(people["ppid"]).post("/api/v1/requests", _entry(
        channel="phone", written=False, email="", delivery_method="pick_up",
        received_at="2026-03-06T16:30:00")).json()
    # No offset: the agency's own time (WITA), after closing: counts from Monday 9 March.
    assert body["written"] is False and body["counted_from"] == "2026-03-09"
    assert datetime.fromisoformat(body["received_at"]) == at(2026, 3, 6, 16, 30)


@pytest.mark.parametrize(("overrides", "fields"), [
    pytest.param({"delivery_method": ""}, {"delivery_method"}, id="delivery-required"),
    pytest.param({"email": ""}, {"email"}, id="email-for-email-delivery"),
    pytest.param({"channel": "portal"}, {"channel"}, id="portal-is-not-staff-entry"),
    pytest.param({"received_at": (timezone.now() + timedelta(days=1)).isoformat()},
                 {"received_at"}, id="future"),
    pytest.param({"on_behalf_of": "Yayasan Pena"}, {"proxy_letter"}, id="proxy-letter"),
    pytest.param({"name": None}, {"name"}, id="schema-name-missing"),
    pytest.param({"received_at": "kemarin"}, {"received_at"}, id="schema-bad-time"),
])
def test_staff_entry_validation(api, people, agency, overrides, fields):
    data = _entry(**overrides)
    if data.get("name") is None:
        data.pop("name")
    response = api(people["ppid"]).post("/api/v1/requests", data)
    assert response.status_code == 422
    body = response.json()
    assert _fields(response) == fields
    assert body["code"] == "invalid" and body["message_en"] and body["message_id"]
    assert all(body["fields"][f]["en"] for f in fields)
    assert not Request.objects.exists()


@pytest.mark.parametrize("role", ["officer", "superior", "head", "admin"])
def test_staff_entry_is_the_ppids(api, people, agency, role):
    response = api(people[role]).post("/api/v1/requests", _entry())
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


# --------------------------------------------------------------------------------------------
# Forward, extend, decide
# --------------------------------------------------------------------------------------------


@pytest.fixture
def fresh(agency):
    """Received now: its deadline is still ahead on the real clock."""
    return RequestFactory(received_at=timezone.now() - timedelta(minutes=5))


def test_forward(api, people, units, fresh):
    caller = api(people["ppid"])
    response = caller.post(f"/api/v1/requests/{fresh.pk}/forward",
                           {"unit": units["a"].pk, "note": "Mohon disiapkan."})
    assert response.status_code == 200
    assert response.json()["status"] == "forwarded"
    assert response.json()["unit"] == {"id": units["a"].pk, "name": "Bidang A"}
    response = caller.post(f"/api/v1/requests/{fresh.pk}/forward", {"unit": 99999})
    assert response.status_code == 422 and _fields(response) == {"unit"}
    response = api(people["officer"]).post(f"/api/v1/requests/{fresh.pk}/forward",
                                           {"unit": units["b"].pk})
    assert response.status_code == 403
    response = api(people["head"]).post(f"/api/v1/requests/{fresh.pk}/forward",
                                        {"unit": units["b"].pk})
    assert response.status_code == 404


def test_extend(api, people, fresh):
    caller = api(people["ppid"])
    response = caller.post(f"/api/v1/requests/{fresh.pk}/extend", {"days": 9, "reason": "x"})
    assert response.status_code == 422 and _fields(response) == {"days", "reason"}
    response = caller.post(f"/api/v1/requests/{fresh.pk}/extend", {"days": 3, "reason": REASON})
    assert response.status_code == 200
    body = response.json()
    assert body["extension_days"] == 3 and body["extension_reason"] == REASON
    assert datetime.fromisoformat(body["due_at"]) > fresh.due_at
    response = caller.post(f"/api/v1/requests/{fresh.pk}/extend", {"days": 1, "reason": REASON})
    assert response.status_code == 409 and response.json()["code"] == "conflict"


def test_extend_after_the_deadline(api, people, agency):
    late = RequestFactory(received_at=MARCH_2)
    response = api(people["ppid"]).post(f"/api/v1/requests/{late.pk}/extend",
                                        {"days": 3, "reason": REASON})
    assert response.status_code == 409


def test_decide_grant_with_documents(api, people, make_item, pdf_upload, fresh):
    item = make_item(status=Status.PUBLISHED, category=Category.PERIODIC)
    version = version_of(people["ppid"], item, pdf_upload())
    response = api(people["ppid"]).post(f"/api/v1/requests/{fresh.pk}/decide", {
        "holding": "held", "outcome": "granted", "items": [item.pk],
        "versions": [str(version.public_id)], "information_form": "soft_copy",
        "fee": 0, "notice_delivered_by": "email"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "decided" and body["clock_stopped"]
    decision = body["decision"]
    assert decision["outcome"] == "granted" and decision["items"] == [item.pk]
    assert decision["given_versions"] == [str(version.public_id)]
    assert decision["decided_by"] == "ppid" and decision["notice_delivered_by"] == "email"


def test_decide_reject_and_partly(api, people, make_item, pdf_upload, agency):
    caller = api(people["ppid"])
    exempt = exempt_item(make_item, ground="17c")
    [sk] = exempt.decisions.all()
    rejected = RequestFactory(received_at=timezone.now())
    body = caller.post(f"/api/v1/requests/{rejected.pk}/decide", {
        "holding": "held", "outcome": "rejected", "items": [exempt.pk],
        "exemption_decisions": [sk.pk]}).json()
    assert body["decision"]["outcome"] == "rejected" and body["decision"]["grounds"] == ["17c"]
    assert body["decision"]["exemption_decisions"] == [
        {"id": sk.pk, "number": sk.number, "ground": "17c", "item_id": exempt.pk}]
    letter = make_item(status=Status.PUBLISHED)
    original, redacted = redacted_pair(people["ppid"], letter, pdf_upload)
    partly = RequestFactory(received_at=timezone.now())
    response = caller.post(f"/api/v1/requests/{partly.pk}/decide", {
        "holding": "held", "outcome": "rejected", "items": [letter.pk]})
    assert response.status_code == 422 and "outcome" in _fields(response)
    response = caller.post(f"/api/v1/requests/{partly.pk}/decide", {
        "holding": "held", "outcome": "partly", "items": [letter.pk],
        "versions": [str(original.public_id)], "information_form": "soft_copy"})
    assert response.status_code == 422 and "versions" in _fields(response)
    response = caller.post(f"/api/v1/requests/{partly.pk}/decide", {
        "holding": "held", "outcome": "partly", "items": [letter.pk],
        "versions": [str(redacted.public_id)], "information_form": "soft_copy",
        "fee": 5000, "payment_method": "Tunai di loket PPID"})
    assert response.status_code == 200
    assert response.json()["decision"]["grounds"] == ["17h"]
    assert response.json()["decision"]["fee"] == 5000


@pytest.mark.parametrize(("payload", "field"), [
    pytest.param({"items": [99999]}, "items", id="unknown-item"),
    pytest.param({"versions": ["00000000-0000-0000-0000-000000000000"]}, "versions",
                 id="unknown-file"),
    pytest.param({"exemption_decisions": [99999]}, "exemption_decisions",
                 id="unknown-decision"),
    pytest.param({"versions": ["not-a-uuid"]}, "versions.0", id="malformed-file-id"),
    pytest.param({"outcome": "granted", "fee": 1000}, "payment_method", id="fee-needs-method"),
    pytest.param({"holding": "other_body"}, "other_body", id="other-body-name"),
])
def test_decide_validation(api, people, fresh, payload, field):
    data = {"holding": "held", "outcome": "granted", "information_form": "soft_copy",
            "explanation": "Salinan dikirim.", **payload}
    response = api(people["ppid"]).post(f"/api/v1/requests/{fresh.pk}/decide", data)
    assert response.status_code == 422, response.content
    assert field in _fields(response)
    fresh.refresh_from_db()
    assert fresh.status == RequestStatus.RECEIVED


def test_decide_permissions(api, people, units, fresh):
    services.forward(people["ppid"], fresh, units["a"])
    data = {"holding": "not_documented", "explanation": "Belum ada."}
    assert api(people["unit_ppid"]).post(f"/api/v1/requests/{fresh.pk}/decide",
                                         data).status_code == 403
    assert api(people["admin"]).post(f"/api/v1/requests/{fresh.pk}/decide",
                                     data).status_code == 404
    response = api(people["ppid"]).post(f"/api/v1/requests/{fresh.pk}/decide", data)
    assert response.json()["decision"]["outcome"] == "not_held"
    again = api(people["ppid"]).post(f"/api/v1/requests/{fresh.pk}/decide", data)
    assert again.status_code == 409


# --------------------------------------------------------------------------------------------
# Objections
# --------------------------------------------------------------------------------------------


@pytest.fixture
def objection(agency, people, units):
    req = RequestFactory(received_at=MARCH_2)
    services.forward(people["ppid"], req, units["a"])
    req = grant(people["ppid"], req, now=at(2026, 3, 10))
    return objections.file_objection(req, {"grounds": ["a", "f"], "case_position":
                                           "Biaya salinan tidak wajar menurut kami.",
                                           "proxy_name": ""}, now=at(2026, 3, 11))


def test_objections_list_and_detail(api, people, objection):
    body = api(people["superior"]).get("/api/v1/objections").json()
    assert body["count"] == 1
    [row] = body["results"]
    assert row["number"] == objection.number and row["request_number"] == objection.request.number
    assert row["grounds"] == ["a", "f"] and row["status"] == "received"
    assert row["overdue"] is True and row["days_left"] < 0 and row["dispute"] is None
    assert api(people["officer"]).get("/api/v1/objections").json()["count"] == 1  # unit A
    assert api(people["head"]).get("/api/v1/objections").json()["count"] == 0
    assert api(people["head"]).get(f"/api/v1/objections/{objection.pk}").status_code == 404
    assert api(people["ppid"]).get("/api/v1/objections", status="answered").json()["count"] == 0
    assert api(people["ppid"]).get("/api/v1/objections", status="x").status_code == 422
    detail = api(people["ppid"]).get(f"/api/v1/requests/{objection.request_id}").json()
    assert [o["number"] for o in detail["objections"]] == [objection.number]


def test_answer(api, people, objection):
    path = f"/api/v1/objections/{objection.pk}/answer"
    payload = {"outcome": "upheld", "reasons": "Sesuai tarif yang ditetapkan dalam SK."}
    assert api(people["ppid"]).post(path, payload).status_code == 403
    assert api(people["head"]).post(path, payload).status_code == 404
    response = api(people["superior"]).post(path, {"outcome": "upheld", "reasons": ""})
    assert response.status_code == 422 and _fields(response) == {"reasons"}
    assert "written reasons" in " ".join(response.json()["fields"]["reasons"]["en"])
    response = api(people["superior"]).post(path, {"outcome": "accepted",
                                                   "reasons": payload["reasons"]})
    assert response.status_code == 422 and _fields(response) == {"order"}
    response = api(people["superior"]).post(path, payload)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "answered" and body["outcome"] == "upheld"
    assert body["answered_by"] == "superior" and body["letter_number"] == objection.number
    assert body["days_left"] is None
    assert api(people["superior"]).post(path, payload).status_code == 409


# --------------------------------------------------------------------------------------------
# Public endpoints
# --------------------------------------------------------------------------------------------


def test_public_statistics_carry_no_personal_data(client, agency, people):
    a = RequestFactory(received_at=MARCH_2, name="Zqpersonal Name", id_number="9999888877776666",
                       details="Zqdetails dokumen rahasia")
    grant(people["ppid"], a, now=at(2026, 3, 6))
    RequestFactory(received_at=at(2026, 4, 6))
    response = client.get("/api/v1/public/request-statistics", {"year": 2026})
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2026 and body["requests"] == 2 and body["decided"] == 1
    assert body["granted"] == 1 and body["median_days"] == 4 and body["on_time_share"] == 100.0
    assert {"month": 3, "requests": 1} in body["per_month"]
    assert {"month": 4, "requests": 1} in body["per_month"]
    text = response.content.decode()
    for marker in ("Zqpersonal", "9999888877776666", "Zqdetails", a.number, "siti"):
        assert marker not in text
    assert client.get("/api/v1/public/request-statistics", {"year": 1999}).status_code == 422
    this_year = client.get("/api/v1/public/request-statistics").json()
    assert this_year["year"] == timezone.localdate().year


def _public(client, **overrides):
    return client.post("/api/v1/public/requests", {**requester_data(), **overrides},
                       content_type="application/json", REMOTE_ADDR="203.0.113.7")


def test_public_filing(client, agency, people):
    response = _public(client, language="en")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"number", "tracking_code", "received_at", "counted_from", "due_at",
                         "tracking_url"}
    req = services.find_for_tracking(body["number"], body["tracking_code"])
    assert req is not None and req.channel == "portal" and req.language == "en"
    assert body["tracking_url"].endswith(f"/permohonan/lacak/?nomor={req.number}")
    assert "Siti" not in response.content.decode()
    assert AuditEvent.objects.get(action=Action.REQUEST_RECEIVE).remote_addr == "203.0.113.7"


@pytest.mark.parametrize(("overrides", "fields"), [
    pytest.param({"delivery_method": ""}, {"delivery_method"}, id="delivery"),
    pytest.param({"email": "bukan"}, {"email"}, id="email"),
    pytest.param({"requester_kind": "robot"}, {"requester_kind"}, id="kind"),
    pytest.param({"details": "   "}, {"details"}, id="details-blank"),
])
def test_public_filing_validation(client, agency, overrides, fields):
    response = _public(client, **overrides)
    assert response.status_code == 422
    assert _fields(response) == fields
    assert not Request.objects.exists()


def test_public_filing_needs_the_required_keys(client, agency):
    data = requester_data()
    del data["name"], data["purpose"]
    response = client.post("/api/v1/public/requests", data, content_type="application/json")
    assert response.status_code == 422 and _fields(response) == {"name", "purpose"}


def test_public_filing_ignores_staff_only_fields(client, agency):
    response = _public(client, channel="letter", received_at="2020-01-01T10:00:00+08:00",
                       written=False, on_behalf_of="Yayasan Pena")
    assert response.status_code == 201
    req = Request.objects.get()
    assert req.channel == "portal" and req.written and req.on_behalf_of == ""
    assert req.received_at > timezone.now() - timedelta(minutes=5)


def test_public_filing_is_rate_limited_per_address(client, agency):
    for _ in range(5):
        assert _public(client).status_code == 201
    response = _public(client)
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert Request.objects.count() == 5
    other = client.post("/api/v1/public/requests", requester_data(),
                        content_type="application/json", REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 201


def test_invalid_filings_do_not_use_up_the_limit(client, agency):
    for _ in range(6):
        assert _public(client, delivery_method="").status_code == 422
    assert _public(client).status_code == 201
