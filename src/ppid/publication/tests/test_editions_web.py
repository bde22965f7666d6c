"""The edition pages (workspace and portal) and the edition API."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from ppid.core.tests.factories import PASSWORD
from ppid.publication import edition_exports, editions
from ppid.publication.constants import EditionKind, EditionStatus
from ppid.publication.models import Edition
from ppid.register.constants import Category, ExemptionGround, Status
from ppid.register.models import InformationItem
from ppid.requests.tests.document_factories import exempt_item

DIK = EditionKind.DIK


@pytest.fixture(autouse=True)
def english(client, settings):
    """Pages and messages in English (the pages follow the language cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def items(make_item):
    return [make_item(title=f"Informasi Publik {n}", status=Status.PUBLISHED,
                      category=Category.PERIODIC, year=2025) for n in range(3)]


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client
    return as_user


def _signed(people, number="001/2026", kind=EditionKind.DIP):
    draft = editions.prepare_draft(people["ppid"], kind)
    return editions.sign(people["ppid"], draft, decree_number=number,
                         decree_date=date(2026, 1, 15))


@pytest.fixture
def api(client, token_for):
    class Caller:
        def __init__(self, user=None):
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"} if user else {}

        def get(self, path, **params):
            return client.get(path, params, **self.headers)

        def post(self, path, payload):
            return client.post(path, payload, content_type="application/json", **self.headers)

    return Caller


# --------------------------------------------------------------------------------------------
# Workspace
# --------------------------------------------------------------------------------------------


def test_list_warns_when_due_and_prepares_a_draft(login, people, items):
    client = login(people["ppid"])
    page = client.get(reverse("publication:editions"))
    assert page.status_code == 200
    assert "No edition of this list has been set by decree yet." in page.content.decode()
    response = client.post(reverse("publication:edition_prepare"), {"kind": "dip"})
    draft = Edition.objects.get()
    assert response.url == reverse("publication:edition", args=[draft.pk])
    page = client.get(response.url).content.decode()
    assert "Informasi Publik 0" in page
    assert editions.preview_digest() in page  # the sign-off carries the reviewed digest
    assert "Sign off and set by decree" in page


def test_draft_edit_and_sign_through_the_pages(login, people, items):
    client = login(people["ppid"])
    draft = editions.prepare_draft(people["ppid"])
    response = client.post(reverse("publication:edition_update", args=[draft.pk]), {
        "title": "DIP 2026", "decree_number": "188/01/2026", "decree_date": "2026-01-20",
        "decree_place": "Banjarbaru", "decree_signer_name": "Rina",
        "decree_signer_position": "PPID", "decree_signer_nip": "", "note": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.decree_number) == ("DIP 2026", "188/01/2026")
    response = client.post(reverse("publication:edition_sign", args=[draft.pk]), {
        "decree_number": "188/01/2026", "decree_date": "2026-01-20", "decree_place": "",
        "signer_name": "", "signer_position": "", "signer_nip": "",
        "expected_sha256": editions.preview_digest(), "confirm": "on"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == EditionStatus.SIGNED and draft.decree_signer_name == "Rina"
    page = client.get(reverse("publication:edition", args=[draft.pk])).content.decode()
    assert "Verified" in page and draft.sha256 in page


def test_stale_review_is_refused_with_a_fresh_digest(login, people, items, make_item):
    client = login(people["ppid"])
    draft = editions.prepare_draft(people["ppid"])
    reviewed = editions.preview_digest()
    make_item(title="Terbit Sesudah Ditinjau", status=Status.PUBLISHED,
              category=Category.PERIODIC)
    response = client.post(reverse("publication:edition_sign", args=[draft.pk]), {
        "decree_number": "9/2026", "decree_date": "2026-01-20", "expected_sha256": reviewed,
        "confirm": "on"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "review again" in page
    assert editions.preview_digest() in page and "Terbit Sesudah Ditinjau" in page
    draft.refresh_from_db()
    assert draft.status == EditionStatus.DRAFT


@pytest.mark.parametrize("role", ["unit_ppid", "web", "officer"])
def test_who_cannot_sign_gets_no_form_and_a_403(login, people, items, role):
    client = login(people[role])
    draft = editions.prepare_draft(people[role])
    page = client.get(reverse("publication:edition", args=[draft.pk])).content.decode()
    assert "Sign off and set by decree" not in page
    response = client.post(reverse("publication:edition_sign", args=[draft.pk]), {
        "decree_number": "1", "decree_date": "2026-01-20",
        "expected_sha256": editions.preview_digest(), "confirm": "on"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == EditionStatus.DRAFT


def test_superior_may_not_prepare(login, people, items):
    response = login(people["superior"]).post(reverse("publication:edition_prepare"),
                                              {"kind": "dip"})
    assert response.status_code == 403
    assert not Edition.objects.exists()


def test_discard(login, people, items):
    client = login(people["web"])
    draft = editions.prepare_draft(people["web"])
    response = client.post(reverse("publication:edition_discard", args=[draft.pk]))
    assert response.status_code == 302
    assert not Edition.objects.exists()


def test_workspace_downloads_and_compare(login, people, items):
    client = login(people["ppid"])
    old = _signed(people, "001")
    InformationItem.objects.filter(pk=items[0].pk).update(title="Judul Diperbarui")
    items[1].delete()
    draft = editions.prepare_draft(people["ppid"])
    response = client.get(reverse("publication:edition_download", args=[draft.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert b"%PDF" in response.content[:8]
    new = editions.sign(people["ppid"], draft, decree_number="002",
                        decree_date=date(2026, 7, 1))
    response = client.get(reverse("publication:edition_download", args=[new.pk, "xlsx"]))
    assert response["Content-Type"] == edition_exports.XLSX
    page = client.get(reverse("publication:edition_compare"),
                      {"jenis": "dip", "lama": old.pk, "baru": new.pk}).content.decode()
    assert "Judul Diperbarui" in page and "Informasi Publik 0" in page  # old → new
    assert "Withdrawn" in page and "Informasi Publik 1" in page
    # Without a choice, the two latest signed editions are compared.
    assert "Judul Diperbarui" in client.get(reverse("publication:edition_compare")).content.decode()


def test_signed_page_reports_tampering(login, people, items):
    from ppid.publication.models import EditionRow

    edition = _signed(people)
    EditionRow.objects.filter(edition=edition, position=1).update(data={"title": "Palsu"})
    page = login(people["ppid"]).get(reverse("publication:edition", args=[edition.pk]))
    assert "no longer match" in page.content.decode()


def test_dik_editions_in_the_workspace(login, people, agency, make_item):
    exempt_item(make_item, ground=ExemptionGround.H, title="Rekam Medis Pegawai")
    # Not published: the web manager (who sees no exempt item) does not see DIK editions.
    assert login(people["web"]).get(reverse("publication:editions"),
                                    {"jenis": "dik"}).status_code == 404
    page = login(people["ppid"]).get(reverse("publication:editions"), {"jenis": "dik"})
    assert page.status_code == 200
    draft = editions.prepare_draft(people["ppid"], DIK)
    page = login(people["ppid"]).get(reverse("publication:edition", args=[draft.pk]))
    assert "Rekam Medis Pegawai" in page.content.decode()  # set by decree even unpublished
    draft.delete()
    agency.publish_exempt_list = True
    agency.save()
    edition = _signed(people, kind=DIK)
    page = login(people["web"]).get(reverse("publication:edition", args=[edition.pk]))
    assert "Rekam Medis Pegawai" in page.content.decode()


# --------------------------------------------------------------------------------------------
# Portal
# --------------------------------------------------------------------------------------------


def test_portal_shows_only_signed_editions(client, people, items):
    first = _signed(people, "001")
    second = _signed(people, "002")
    draft = editions.prepare_draft(people["ppid"])
    page = client.get(reverse("publication_public:editions", kwargs={"kind": "dip"}))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("002") < html.index("001")  # current first, older kept
    assert "Current edition" in html
    detail = client.get(reverse("publication_public:edition",
                                kwargs={"kind": "dip", "pk": first.pk}))
    assert detail.status_code == 200 and "Informasi Publik 2" in detail.content.decode()
    assert "has been replaced" in detail.content.decode()
    assert client.get(reverse("publication_public:edition",
                              kwargs={"kind": "dip", "pk": draft.pk})).status_code == 404
    assert client.get(reverse("publication_public:edition_download", kwargs={
        "kind": "dip", "pk": draft.pk, "what": "pdf"})).status_code == 404
    response = client.get(reverse("publication_public:edition_download", kwargs={
        "kind": "dip", "pk": second.pk, "what": "sk"}))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    again = client.get(reverse("publication_public:edition_download", kwargs={
        "kind": "dip", "pk": second.pk, "what": "sk"}))
    assert again.content == response.content  # kept after the first rendering
    compare = client.get(reverse("publication_public:edition_compare", kwargs={"kind": "dip"}))
    assert compare.status_code == 200 and "No differences" in compare.content.decode()
    # A DIP edition is not reachable as a DIK one.
    assert client.get(reverse("publication_public:edition",
                              kwargs={"kind": "dik", "pk": first.pk})).status_code == 404


def test_portal_dik_editions_only_when_published(client, people, agency, make_item):
    exempt_item(make_item, ground=ExemptionGround.H, title="Rekam Medis Pegawai")
    agency.publish_exempt_list = True
    agency.save()
    edition = _signed(people, kind=DIK)
    url = reverse("publication_public:edition", kwargs={"kind": "dik", "pk": edition.pk})
    assert "Rekam Medis Pegawai" in client.get(url).content.decode()
    agency.publish_exempt_list = False
    agency.save()
    assert client.get(url).status_code == 404
    assert client.get(reverse("publication_public:editions",
                              kwargs={"kind": "dik"})).status_code == 404
    assert client.get(reverse("publication_public:edition_download", kwargs={
        "kind": "dik", "pk": edition.pk, "what": "xlsx"})).status_code == 404


# --------------------------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------------------------


def test_api_prepare_and_sign(api, people, items):
    response = api(people["ppid"]).post("/api/v1/editions", {"kind": "dip"})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft" and body["preview_row_count"] == 3
    assert body["url"] is None
    response = api(people["ppid"]).post(f"/api/v1/editions/{body['id']}/sign", {
        "decree_number": "001/2026", "decree_date": "2026-01-15",
        "expected_sha256": "0" * 64})
    assert response.status_code == 409
    assert "review again" in response.json()["message_en"]
    response = api(people["ppid"]).post(f"/api/v1/editions/{body['id']}/sign", {
        "decree_number": "001/2026", "decree_date": "2026-01-15",
        "expected_sha256": body["preview_sha256"]})
    assert response.status_code == 200
    signed = response.json()
    assert signed["status"] == "signed" and signed["sha256"] == body["preview_sha256"]
    assert signed["current"] and signed["downloads"]["decree_pdf"].endswith("/unduh/sk/")


def test_api_permissions(api, people, items):
    assert api().post("/api/v1/editions", {"kind": "dip"}).status_code == 401
    assert api(people["superior"]).post("/api/v1/editions", {"kind": "dip"}).status_code == 403
    draft = api(people["web"]).post("/api/v1/editions", {"kind": "dip"}).json()
    response = api(people["web"]).post(f"/api/v1/editions/{draft['id']}/sign", {
        "decree_number": "1", "decree_date": "2026-01-15"})
    assert response.status_code == 403
    assert api(people["ppid"]).post("/api/v1/editions", {"kind": "xyz"}).status_code == 422


def test_api_public_editions_rows_and_diff(api, people, items, agency, make_item):
    old = _signed(people, "001")
    InformationItem.objects.filter(pk=items[0].pk).update(title="Judul Baru")
    new = _signed(people, "002")
    editions.prepare_draft(people["ppid"])
    listed = api().get("/api/v1/public/editions").json()
    assert [e["id"] for e in listed] == [new.pk, old.pk]
    assert listed[0]["current"] and not listed[1]["current"]
    detail = api().get(f"/api/v1/public/editions/{old.pk}").json()
    assert [r["data"]["title"] for r in detail["rows"]][0] == "Informasi Publik 0"
    assert detail["rows"][0]["row_hash"] == editions.row_hash(detail["rows"][0]["data"])
    diff = api().get(f"/api/v1/public/editions/{new.pk}/diff/{old.pk}").json()
    assert diff["old"]["id"] == old.pk and diff["new"]["id"] == new.pk  # by signing order
    assert diff["changed"][0]["fields"] == [{"field": "title", "old": "Informasi Publik 0",
                                             "new": "Judul Baru"}]
    assert diff["added"] == [] and diff["withdrawn"] == []
    # DIK: only while published.
    exempt_item(make_item, ground=ExemptionGround.H, title="Rekam Medis")
    agency.publish_exempt_list = True
    agency.save()
    dik = _signed(people, "001", kind=DIK)
    assert api().get("/api/v1/public/editions", kind="dik").json()[0]["id"] == dik.pk
    assert api().get(f"/api/v1/public/editions/{dik.pk}/diff/{old.pk}").status_code == 422
    agency.publish_exempt_list = False
    agency.save()
    assert api().get("/api/v1/public/editions", kind="dik").status_code == 404
    assert {e["kind"] for e in api().get("/api/v1/public/editions").json()} == {"dip"}
    assert api().get(f"/api/v1/public/editions/{dik.pk}").status_code == 404


def test_openapi_lists_the_edition_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/public/editions", "/api/v1/public/editions/{edition_id}",
                 "/api/v1/public/editions/{edition_id}/diff/{other_id}", "/api/v1/editions",
                 "/api/v1/editions/{edition_id}/sign"):
        assert path in paths, path


def test_api_never_shows_drafts(api, people, items):
    draft = editions.prepare_draft(people["ppid"])
    assert api().get(f"/api/v1/public/editions/{draft.pk}").status_code == 404
    assert api().get("/api/v1/public/editions").json() == []


def test_password_login_reaches_the_pages(client, people, items):
    assert client.login(username="ppid", password=PASSWORD)
    assert client.get(reverse("publication:editions")).status_code == 200
    assert client.get(reverse("publication:edition_compare")).status_code == 200


def test_an_item_exempted_after_the_decree_is_never_shown_again(client, login, api, people,
                                                                  make_item):
    """The frozen row stays (and verifies) for staff; no public surface shows it."""
    secret = make_item(title="Kajian Tapal Batas ZQSECRET", summary="Isi ZQSUMMARY",
                       status=Status.PUBLISHED, category=Category.ON_REQUEST)
    make_item(title="Laporan Terbuka", status=Status.PUBLISHED, category=Category.PERIODIC)
    old = _signed(people, "001/2026")
    InformationItem.objects.filter(pk=secret.pk).update(category=Category.EXEMPT,
                                                        status=Status.WITHDRAWN)
    new = _signed(people, "002/2026")
    assert editions.verify(old) and secret.pk in editions.exempted_since(old)
    kind = EditionKind.DIP
    pages = [client.get(reverse("publication_public:edition", args=[kind, old.pk])),
             client.get(reverse("publication_public:edition_compare", args=[kind]),
                        {"lama": old.pk, "baru": new.pk}),
             api().get(f"/api/v1/public/editions/{old.pk}"),
             api().get(f"/api/v1/public/editions/{old.pk}/diff/{new.pk}")]
    for page in pages:
        assert page.status_code == 200
        body = page.content.decode()
        assert "ZQSECRET" not in body and "ZQSUMMARY" not in body
    assert "Laporan Terbuka" in pages[0].content.decode()
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    pdf = client.get(reverse("publication_public:edition_download", args=[kind, old.pk, "pdf"]))
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.getvalue())).pages)
    assert "ZQSECRET" not in text and "Laporan Terbuka" in text
    xlsx = client.get(reverse("publication_public:edition_download", args=[kind, old.pk, "xlsx"]))
    cells = [str(c.value) for row in load_workbook(BytesIO(xlsx.getvalue())).active.iter_rows()
             for c in row]
    assert not any("ZQSECRET" in c for c in cells)
    # Staff keep the frozen record as it was signed.
    staff = login(people["ppid"]).get(reverse("publication:edition", args=[old.pk]))
    assert "ZQSECRET" in staff.content.decode()
