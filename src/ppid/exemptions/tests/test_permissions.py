"""Permission matrix: every role against every action on exempt information.

The rules (issue and ``ppid.exemptions.services``):

- seeing an exempt item (workspace register, staff search, its page, the staff DIK, its
  decision) follows the register: ``register.view_exempt`` within the user's reach;
- preparing a harm test (start, submit, cancel): ``exempt.prepare`` (unit PPID for their own
  unit, the PPID);
- approving, sending back, rejecting a submitted test, deciding to open, naming custodians: the
  PPID;
- signing (and rejecting an approved test): whoever holds the signer role the agency chose
  (the PPID superior by default, or the head of the agency);
- opening an exempt document: only the PPID, the PPID superior and the people named on the
  item, always with a recorded reason; everybody else, administrators included, is refused
  and the head of the agency never opens documents.

``EXPECTED`` is the table; ``test_matrix[action]`` checks one row, trying the action as every
role from the same state (one savepoint per role), and prints the whole row when a cell is
wrong. Every action is done the way a user would do it (workspace pages, the API), and the
outcome is read from what changed, so a refusal that silently changed something still fails.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client

from ppid.archive.constants import ProcessingState
from ppid.archive.models import Processing
from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.conftest import pdf_bytes
from ppid.core.constants import ExemptionSigner, Role
from ppid.core.errors import InvalidInput, NotAllowed
from ppid.core.storage import is_secure
from ppid.core.tests.factories import PositionFactory, UserFactory
from ppid.exemptions import services as exemptions
from ppid.exemptions.constants import DecisionKind, HarmTestStatus
from ppid.exemptions.models import ExemptAccess, ExemptionDecision, HarmTest
from ppid.register import services as register
from ppid.register.constants import Category, ExemptionGround, Status
from ppid.register.models import DocumentVersion, InformationItem

pytestmark = pytest.mark.django_db

ROLES = ("officer", "unit_ppid", "ppid", "superior", "web", "head", "admin", "superadmin",
         "nobody", "officer_b", "custodian")

# Who sees an exempt item of unit A: everybody holding register.view_exempt within reach.
SEES = ("officer", "unit_ppid", "ppid", "superior", "head", "custodian")
# Who opens its documents: the PPID, the PPID superior and the named custodian only.
OPENERS = ("ppid", "superior", "custodian")


def allowed(*roles: str) -> dict[str, bool]:
    return {role: role in roles for role in ROLES}


EXPECTED: dict[str, dict[str, bool]] = {
    # Seeing.
    "workspace_register_lists": allowed(*SEES),
    "staff_search_finds": allowed(*SEES),
    "item_page_with_panel": allowed(*SEES),
    "staff_dik_lists": allowed(*SEES),
    "staff_dik_api_lists": allowed(*SEES),
    "decision_pdf": allowed(*SEES),
    "panel_offers_decide_to_open": allowed("ppid"),
    "panel_offers_naming_custodians": allowed("ppid"),
    # Harm tests.
    "start_harm_test": allowed("unit_ppid", "ppid"),
    "start_harm_test_unit_b": allowed("ppid"),  # the unit PPID only for their own unit
    "submit": allowed("unit_ppid", "ppid"),
    "cancel": allowed("unit_ppid", "ppid"),
    "approve": allowed("ppid"),
    "send_back": allowed("ppid"),
    "reject_submitted": allowed("ppid"),
    "reject_approved": allowed("superior"),
    "sign": allowed("superior"),
    "reject_approved_head_signs": allowed("head"),
    "sign_head_signs": allowed("head"),
    # Decisions and custodians.
    "decide_to_open": allowed("ppid"),
    "name_custodians": allowed("ppid"),
    # Opening the documents.
    "open_document_page": allowed(*OPENERS),
    "open_document_with_reason": allowed(*OPENERS),
    "workspace_download_asks_reason": allowed(*OPENERS),
    "api_file_asks_reason": allowed(*OPENERS),
    "api_file_with_reason": allowed(*OPENERS),
    # The archival PDF/A copy: the same people, after the same reason page.
    "archive_pdfa_with_reason": allowed(*OPENERS),
    # Django's admin must not show exempt information to administrators either (it did until
    # 1ea91a8 made the admin querysets follow the register's visibility rules).
    "django_admin_shows_exempt": allowed(),
}


# --------------------------------------------------------------------------------------------
# The world: one exempt item with a signed decision, a named custodian and a stored PDF.
# --------------------------------------------------------------------------------------------

TITLE = "zqPERMTITLEzq"
PDF_TEXT = "zqPERMPDFzq"
READING = "Menyiapkan jawaban atas permohonan 012/PPID/2026."

HARM_TEST = {
    "kind": "exempt", "scope": "whole", "trigger": "before_request",
    "withheld_information": "Nama dan alamat saksi pada halaman 2.",
    "ground": ExemptionGround.H,
    "legal_analysis": "Pasal 17 huruf h UU 14/2008: rahasia pribadi.",
    "consequence": "Pengungkapan membahayakan keselamatan saksi.",
    "public_interest": "Kepentingan umum tidak dirugikan oleh pengecualian ini.",
    "participants": "PPID; PPID Pelaksana Bidang A",
    "category_if_rejected": Category.ON_REQUEST,
}


@dataclass
class World:
    people: dict
    units: dict
    agency: object
    item: InformationItem  # exempt, signed decision, custodian named
    version: DocumentVersion
    decision: ExemptionDecision
    content: bytes

    def user(self, role):
        return self.people[role]

    def new_item(self, unit="a", **kwargs) -> InformationItem:
        ppid = self.people["ppid"]
        data = {"title": "Informasi uji", "summary": "Ringkasan.", "category": Category.PERIODIC,
                "year": 2025, "holder_unit": self.units[unit],
                "responsible_official": "Kepala Bidang", **kwargs}
        item = register.create_item(ppid, data)
        return register.transition(ppid, item, Status.DOCUMENTED)

    def harm_test_in(self, status: str) -> HarmTest:
        """A whole-item harm test on a new item of unit A, in the given status."""
        ppid = self.people["ppid"]
        test = exemptions.start_harm_test(ppid, self.new_item(), dict(HARM_TEST))
        if status in (HarmTestStatus.SUBMITTED, HarmTestStatus.APPROVED):
            exemptions.submit(ppid, test)
        if status == HarmTestStatus.APPROVED:
            exemptions.approve(ppid, test)
        test.refresh_from_db()
        assert test.status == status
        return test


def _make_user(username, role, unit, **flags):
    user = UserFactory(username=username, **flags)
    PositionFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def world(agency, units, people, pdf_upload, django_capture_on_commit_callbacks) -> World:
    agency.city = "Banjarbaru"
    agency.save()
    people = {
        **people,
        "officer_b": _make_user("officerb", Role.UNIT_OFFICER, units["b"]),
        "custodian": _make_user("keeper", Role.UNIT_OFFICER, units["a"]),
        # As `ppid user add --role administrator` makes them: a Django superuser too.
        "superadmin": _make_user("superadmin", Role.ADMINISTRATOR, units["top"],
                                 is_staff=True, is_superuser=True),
    }
    ppid = people["ppid"]
    text = f"Isi {PDF_TEXT} rahasia"
    with django_capture_on_commit_callbacks(execute=True):
        item = register.create_item(ppid, {
            "title": f"Berita acara {TITLE}", "summary": "Ringkasan berita acara.",
            "category": Category.PERIODIC, "year": 2024, "holder_unit": units["a"],
            "responsible_official": "Kepala Bidang A"})
        version = register.add_version(ppid, item, pdf_upload("bap.pdf", text),
                                       title="Berita acara pemeriksaan")
        item = register.transition(ppid, item, Status.DOCUMENTED)
        test = exemptions.start_harm_test(ppid, item, dict(HARM_TEST))
        exemptions.submit(ppid, test)
        exemptions.approve(ppid, test)
        decision = exemptions.sign(people["superior"], test)
        exemptions.set_custodians(ppid, item, [people["custodian"]])
    item.refresh_from_db()
    version.refresh_from_db()
    assert item.is_exempt and exemptions.decision_in_force(item) == decision
    assert is_secure(version.file.name)
    return World(people=people, units=units, agency=agency, item=item, version=version,
                 decision=decision, content=pdf_bytes(text))


def _client(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _api(world: World, role: str, token_for) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(world.user(role))}")


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _refused(response) -> None:
    """A refusal is a 403/404 page, a redirect back, or the form again: never a file."""
    assert response.status_code in (200, 302, 403, 404), response.status_code
    assert not _body(response).startswith(b"%PDF")


# --------------------------------------------------------------------------------------------
# The actions: each returns True when the user got what the action gives.
# --------------------------------------------------------------------------------------------

ITEM_URL = "/ruang-kerja/informasi/{pk}/"
EXEMPTIONS = "/ruang-kerja/dikecualikan"


def workspace_register_lists(w: World, role: str, **_) -> bool:
    response = _client(w, role).get("/ruang-kerja/?" + urlencode({"category": "exempt"}))
    _refused(response)
    return ITEM_URL.format(pk=w.item.pk).encode() in response.content


def staff_search_finds(w: World, role: str, token_for, **_) -> bool:
    page = _client(w, role).get("/ruang-kerja/?" + urlencode({"q": "zqPERMTITLE*"}))
    _refused(page)
    in_page = ITEM_URL.format(pk=w.item.pk).encode() in page.content
    api = _api(w, role, token_for).get("/api/v1/search?" + urlencode({"q": "zqPERMTITLE*"}))
    assert api.status_code == 200, api.content
    in_api = w.item.pk in {hit["id"] for hit in api.json()["results"]}
    listing = _api(w, role, token_for).get("/api/v1/items?category=exempt&page_size=100")
    in_list = listing.status_code == 200 and w.item.pk in {r["id"] for r in listing.json()}
    assert in_page == in_api == in_list, (in_page, in_api, in_list)
    return in_page


def item_page_with_panel(w: World, role: str, **_) -> bool:
    response = _client(w, role).get(ITEM_URL.format(pk=w.item.pk))
    _refused(response)
    if response.status_code != 200:
        return False
    assert b'id="pengecualian"' in response.content
    assert w.decision.number.encode() in response.content
    return True


def staff_dik_lists(w: World, role: str, **_) -> bool:
    response = _client(w, role).get(f"{EXEMPTIONS}/")
    _refused(response)
    return TITLE.encode() in response.content


def staff_dik_api_lists(w: World, role: str, token_for, **_) -> bool:
    response = _api(w, role, token_for).get("/api/v1/exemptions")
    assert response.status_code == 200, response.content
    rows = {row["item_id"]: row for row in response.json()}
    if w.item.pk in rows:
        assert rows[w.item.pk]["decision_number"] == w.decision.number
    return w.item.pk in rows


def decision_pdf(w: World, role: str, monkeypatch, **_) -> bool:
    # Who may fetch it is decided before rendering; the rendering has its own tests.
    monkeypatch.setattr("ppid.exemptions.views.documents.render_pdf",
                        lambda decision: b"%PDF-1.4 " + decision.number.encode())
    response = _client(w, role).get(f"{EXEMPTIONS}/keputusan/{w.decision.pk}.pdf")
    if response.status_code == 200:
        assert response.content == b"%PDF-1.4 " + w.decision.number.encode()
        assert response["Cache-Control"] == "private, no-store"
        return True
    _refused(response)
    return False


def _panel_link(w: World, role: str, path: str) -> bool:
    response = _client(w, role).get(ITEM_URL.format(pk=w.item.pk))
    _refused(response)
    return f'href="{EXEMPTIONS}/informasi/{w.item.pk}/{path}/"'.encode() in response.content


def panel_offers_decide_to_open(w: World, role: str, **_) -> bool:
    return _panel_link(w, role, "buka")


def panel_offers_naming_custodians(w: World, role: str, **_) -> bool:
    return _panel_link(w, role, "pemegang")


def _start(w: World, role: str, unit: str) -> bool:
    item = w.new_item(unit=unit)
    data = {**HARM_TEST, "exempt_until": ""}
    response = _client(w, role).post(
        f"{EXEMPTIONS}/informasi/{item.pk}/uji-konsekuensi/baru/", data)
    started = HarmTest.objects.filter(item=item).exists()
    item.refresh_from_db()
    if started:
        assert response.status_code == 302 and item.is_exempt
    else:
        _refused(response)
        assert item.category == Category.PERIODIC
    return started


def start_harm_test(w: World, role: str, **_) -> bool:
    return _start(w, role, "a")


def start_harm_test_unit_b(w: World, role: str, **_) -> bool:
    return _start(w, role, "b")


def _act(w: World, role: str, status: str, action: str, data=None) -> str:
    """POST a harm-test action as the role; returns the test's status afterwards."""
    test = w.harm_test_in(status)
    response = _client(w, role).post(f"{EXEMPTIONS}/uji-konsekuensi/{test.pk}/{action}/",
                                     data or {})
    _refused(response)
    test.refresh_from_db()
    if test.status == status:  # refused: nothing changed on the item either
        assert not ExemptionDecision.objects.filter(harm_test=test).exists()
        assert InformationItem.objects.get(pk=test.item_id).is_exempt
    return test.status


def submit(w: World, role: str, **_) -> bool:
    return _act(w, role, HarmTestStatus.DRAFT, "submit") == HarmTestStatus.SUBMITTED


def cancel(w: World, role: str, **_) -> bool:
    return _act(w, role, HarmTestStatus.DRAFT, "cancel") == HarmTestStatus.CANCELLED


def approve(w: World, role: str, **_) -> bool:
    return _act(w, role, HarmTestStatus.SUBMITTED, "approve") == HarmTestStatus.APPROVED


def send_back(w: World, role: str, **_) -> bool:
    return _act(w, role, HarmTestStatus.SUBMITTED, "send-back",
                {"note": "Lengkapi analisis."}) == HarmTestStatus.DRAFT


def reject_submitted(w: World, role: str, **_) -> bool:
    return _act(w, role, HarmTestStatus.SUBMITTED, "reject",
                {"reason": "Tidak memenuhi Pasal 17."}) == HarmTestStatus.REJECTED


def reject_approved(w: World, role: str, **_) -> bool:
    return _act(w, role, HarmTestStatus.APPROVED, "reject",
                {"reason": "Tidak memenuhi Pasal 17."}) == HarmTestStatus.REJECTED


def sign(w: World, role: str, **_) -> bool:
    signed = _act(w, role, HarmTestStatus.APPROVED, "sign",
                  {"place": "Banjarbaru", "decided_on": ""}) == HarmTestStatus.SIGNED
    if signed:
        decision = ExemptionDecision.objects.order_by("-pk").first()
        assert decision.signed_by == w.user(role) and decision.kind == DecisionKind.EXEMPT
    return signed


def _head_signs(w: World) -> None:
    w.agency.exemption_signer = ExemptionSigner.HEAD
    w.agency.save()


def reject_approved_head_signs(w: World, role: str, **kwargs) -> bool:
    _head_signs(w)
    return reject_approved(w, role, **kwargs)


def sign_head_signs(w: World, role: str, **kwargs) -> bool:
    _head_signs(w)
    return sign(w, role, **kwargs)


def decide_to_open(w: World, role: str, **_) -> bool:
    response = _client(w, role).post(f"{EXEMPTIONS}/informasi/{w.item.pk}/buka/", {
        "category": Category.ON_REQUEST, "reason": "Masa pengecualian tidak lagi diperlukan.",
        "place": ""})
    w.item.refresh_from_db()
    opened = ExemptionDecision.objects.filter(item=w.item, kind=DecisionKind.OPEN).exists()
    if opened:
        assert response.status_code == 302 and not w.item.is_exempt
    else:
        _refused(response)
        assert w.item.is_exempt
    return opened


def name_custodians(w: World, role: str, **_) -> bool:
    officer = w.user("officer")
    response = _client(w, role).post(f"{EXEMPTIONS}/informasi/{w.item.pk}/pemegang/",
                                     {"custodians": [officer.pk]})
    named = list(w.item.custodians.all()) == [officer]
    if named:
        assert response.status_code == 302
    else:
        _refused(response)
        assert list(w.item.custodians.all()) == [w.user("custodian")]
    return named


def _open_url(w: World) -> str:
    return f"{EXEMPTIONS}/berkas/{w.version.public_id}/"


def open_document_page(w: World, role: str, **_) -> bool:
    response = _client(w, role).get(_open_url(w))
    _refused(response)
    shown = response.status_code == 200
    if shown:
        assert b'name="reason"' in response.content
    elif role in SEES:  # seen but not allowed: a 403, and the refusal is on record
        assert response.status_code == 403
        assert AuditEvent.objects.filter(action=Action.EXEMPT_ACCESS_REFUSED,
                                         actor=w.user(role)).exists()
    assert not ExemptAccess.objects.exists()  # looking at the form opens nothing
    return shown


def open_document_with_reason(w: World, role: str, **_) -> bool:
    client = _client(w, role)
    short = client.post(_open_url(w), {"reason": "perlu"})  # a reason, but too short
    _refused(short)
    assert not ExemptAccess.objects.exists()
    response = client.post(_open_url(w), {"reason": READING})
    opened = response.status_code == 200 and _body(response) == w.content
    if opened:
        access = ExemptAccess.objects.get()
        assert access.user == w.user(role) and access.reason == READING
        assert response["Cache-Control"] == "private, no-store"
    else:
        _refused(response)
        assert not ExemptAccess.objects.exists()
    return opened


def workspace_download_asks_reason(w: World, role: str, **_) -> bool:
    response = _client(w, role).get(f"/ruang-kerja/berkas/{w.version.public_id}/")
    _refused(response)
    return response.status_code == 302 and response["Location"] == _open_url(w)


def api_file_asks_reason(w: World, role: str, token_for, **_) -> bool:
    response = _api(w, role, token_for).get(f"/api/v1/files/{w.version.public_id}")
    assert response.status_code in (403, 404), response.status_code
    assert not ExemptAccess.objects.exists()
    code = response.json()["code"]
    assert code in ("reason_required", "forbidden", "not_found"), code
    return code == "reason_required"


def api_file_with_reason(w: World, role: str, token_for, **_) -> bool:
    response = _api(w, role, token_for).get(
        f"/api/v1/files/{w.version.public_id}?" + urlencode({"reason": READING}))
    if response.status_code == 200:
        assert _body(response) == w.content
        assert ExemptAccess.objects.get().user == w.user(role)
        return True
    assert response.status_code in (403, 404), response.status_code
    assert json.loads(response.content)["code"] in ("forbidden", "not_found")
    assert not ExemptAccess.objects.exists()
    return False


def archive_pdfa_with_reason(w: World, role: str, **_) -> bool:
    copy = b"%PDF-1.7 arsip " + PDF_TEXT.encode()
    name = default_storage.save("secure/archive/zz/copy.pdf", ContentFile(copy))
    Processing.objects.filter(pk=w.version.pk).update(
        state=ProcessingState.DONE, archive_file=name, archive_sha256="cd" * 32)
    client = _client(w, role)
    response = client.get(f"/ruang-kerja/arsip/versi/{w.version.public_id}/pdfa/")
    _refused(response)
    if response.status_code != 302:
        return False
    reason_page = response["Location"]  # never the copy without a reason
    assert reason_page.startswith(_open_url(w)), reason_page
    assert not ExemptAccess.objects.exists()
    response = client.post(reason_page, {"reason": READING})
    if response.status_code == 200 and _body(response) == copy:
        assert ExemptAccess.objects.get().user == w.user(role)
        return True
    _refused(response)
    return False


def django_admin_shows_exempt(w: World, role: str, **_) -> bool:
    client = _client(w, role)
    exemptions.open_document(w.user("ppid"), w.version, READING)  # an access on record
    shown = False
    for url in ("/admin/register/informationitem/", f"/admin/register/informationitem/"
                f"{w.item.pk}/change/", "/admin/audit/auditevent/?q=zqPERMTITLE"):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        shown |= response.status_code == 200 and (
            TITLE.encode() in response.content or READING.encode() in response.content)
    return shown


ACTIONS = {name: globals()[name] for name in EXPECTED}


def _row(world: World, action: str, roles, **kwargs) -> dict[str, bool]:
    """Try the action as each role, each time from the same state (a savepoint per role)."""
    got = {}
    for role in roles:
        savepoint = transaction.savepoint()
        try:
            got[role] = ACTIONS[action](world, role, **kwargs)
        finally:
            transaction.savepoint_rollback(savepoint)
            world.item.refresh_from_db()
            world.agency.refresh_from_db()
    return got


def _table(action: str, got: dict[str, bool]) -> str:
    def word(ok):
        return "allowed" if ok else "refused"

    return f"{action}:\n" + "\n".join(
        f"  {role:<11} expected {word(EXPECTED[action][role]):<8} got {word(ok)}"
        + ("" if ok == EXPECTED[action][role] else "   <-- wrong")
        for role, ok in got.items())


@pytest.mark.parametrize("action", list(EXPECTED))
def test_matrix(world, action, token_for, monkeypatch):
    """One row of the table, every role tried from the same state."""
    got = _row(world, action, ROLES, token_for=token_for, monkeypatch=monkeypatch)
    assert got == EXPECTED[action], _table(action, got)


# --------------------------------------------------------------------------------------------
# Checks on the matrix itself and on the rules behind it.
# --------------------------------------------------------------------------------------------


def test_matrix_matches_the_issue():
    """The table says what the issue says, whatever the implementation does."""
    for action, row in EXPECTED.items():
        assert tuple(row) == ROLES, action
    for action in ("open_document_page", "open_document_with_reason",
                   "workspace_download_asks_reason", "api_file_asks_reason",
                   "api_file_with_reason"):
        assert {r for r, ok in EXPECTED[action].items() if ok} == {"ppid", "superior",
                                                                   "custodian"}
        assert not EXPECTED[action]["head"]  # the head never opens documents
        assert not EXPECTED[action]["admin"] and not EXPECTED[action]["superadmin"]
    for action in ("approve", "send_back", "reject_submitted", "decide_to_open",
                   "name_custodians"):
        assert {r for r, ok in EXPECTED[action].items() if ok} == {"ppid"}


def test_service_predicates_agree_with_the_matrix(world):
    """may_open / may_approve / may_prepare / may_sign, asked directly, for every role."""
    item = world.item
    for role in ROLES:
        user = world.user(role)
        assert exemptions.may_open(user, item) == EXPECTED["open_document_page"][role], role
        assert exemptions.may_approve(user, item) == EXPECTED["approve"][role], role
        assert exemptions.may_prepare(user, item) == EXPECTED["submit"][role], role
        assert exemptions.may_sign(user) == EXPECTED["sign"][role], role
    _head_signs(world)
    for role in ROLES:
        assert exemptions.may_sign(world.user(role)) == EXPECTED["sign_head_signs"][role], role


def test_custodian_loses_access_when_no_longer_named(world, token_for):
    custodian = world.user("custodian")
    url = f"/api/v1/files/{world.version.public_id}?" + urlencode({"reason": READING})
    assert _api(world, "custodian", token_for).get(url).status_code == 200
    exemptions.set_custodians(world.user("ppid"), world.item, [])
    assert not exemptions.may_open(custodian, world.item)
    assert _api(world, "custodian", token_for).get(url).status_code == 403


def test_custodians_must_be_able_to_see_the_item(world):
    with pytest.raises(InvalidInput):
        exemptions.set_custodians(world.user("ppid"), world.item, [world.user("officer_b")])
    with pytest.raises(InvalidInput):
        exemptions.set_custodians(world.user("ppid"), world.item, [world.user("web")])
    assert list(world.item.custodians.all()) == [world.user("custodian")]


def test_refused_opening_is_recorded_without_a_reason(world, token_for):
    """A refused attempt leaves an audit event and no access record, via every route."""
    officer = world.user("officer")
    _api(world, "officer", token_for).get(
        f"/api/v1/files/{world.version.public_id}?" + urlencode({"reason": READING}))
    _client(world, "officer").post(_open_url(world), {"reason": READING})
    refused = AuditEvent.objects.filter(action=Action.EXEMPT_ACCESS_REFUSED, actor=officer)
    assert refused.count() == 2
    assert not ExemptAccess.objects.exists()


def test_only_the_signer_the_agency_names_signs(world):
    """Sanity for the signer setting: the head signs only while the agency names the head."""
    test = world.harm_test_in(HarmTestStatus.APPROVED)
    _head_signs(world)
    with pytest.raises(NotAllowed):
        exemptions.sign(world.user("superior"), test)
    world.agency.exemption_signer = ExemptionSigner.PPID_SUPERIOR
    world.agency.save()
    with pytest.raises(NotAllowed):
        exemptions.sign(world.user("head"), test)
    decision = exemptions.sign(world.user("superior"), test, on=date.today())
    assert decision.signed_by == world.user("superior")

