"""DIP and DIK editions: drafts, the sign-off, the frozen snapshot, verification, differences,
who may do what, and what never gets into an edition."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.publication import editions
from ppid.publication.constants import EditionKind, EditionStatus
from ppid.publication.models import Edition, EditionRow, FrozenError
from ppid.register.constants import Category, ExemptionGround, Form, Status
from ppid.register.models import InformationItem
from ppid.requests.tests.document_factories import exempt_item

DIK = EditionKind.DIK


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def register(make_item):
    """Three public items (one per category), a draft and an exempt one."""
    return {
        "periodic": make_item(title="Laporan Keuangan 2025", status=Status.PUBLISHED,
                              category=Category.PERIODIC, year=2025, retention_years=10,
                              made_on=date(2025, 3, 1), made_at_place="Banjarbaru",
                              holder_official="Kepala Subbagian Keuangan"),
        "immediate": make_item(title="Peringatan Dini Banjir", status=Status.PUBLISHED,
                               category=Category.IMMEDIATE, year=2026),
        "on_request": make_item(title="Daftar Aset 2024", status=Status.PUBLISHED,
                                category=Category.ON_REQUEST, year=2024, form=Form.BOTH,
                                hard_copy_location="Lemari 2"),
        "draft": make_item(title="Rancangan Belum Terbit", status=Status.DRAFT,
                           category=Category.PERIODIC),
        "exempt": make_item(title="Berkas Penyidikan Rahasia", status=Status.DOCUMENTED,
                            category=Category.EXEMPT, exemption_ground=ExemptionGround.H,
                            summary="ISI RAHASIA SEKALI"),
    }


def _sign(user, edition, number="001/SK-DIP/2026", **kw):
    kw.setdefault("decree_date", date(2026, 1, 15))
    return editions.sign(user, edition, decree_number=number, **kw)


def _signed_dip(people, number="001/SK-DIP/2026"):
    return _sign(people["ppid"], editions.prepare_draft(people["ppid"]), number)


# --------------------------------------------------------------------------------------------
# Drafts
# --------------------------------------------------------------------------------------------


def test_prepare_draft_reuses_the_open_draft(people, agency):
    agency.city = "Banjarbaru"
    agency.save()
    first = editions.prepare_draft(people["ppid"])
    assert first.status == EditionStatus.DRAFT
    assert first.title == f"Daftar Informasi Publik {timezone.localdate().year}"
    assert first.decree_place == "Banjarbaru"
    assert editions.prepare_draft(people["web"]).pk == first.pk
    assert AuditEvent.objects.filter(action=Action.EDITION_PREPARE).count() == 1


def test_dik_draft_has_its_own_title(people, agency):
    agency.publish_exempt_list = True
    agency.save()
    draft = editions.prepare_draft(people["ppid"], DIK)
    assert draft.title.startswith("Daftar Informasi yang Dikecualikan")
    assert editions.prepare_draft(people["ppid"]).pk != draft.pk


def test_update_and_discard_draft(people):
    draft = editions.prepare_draft(people["ppid"])
    editions.update_draft(people["ppid"], draft, {
        "title": "  DIP   Tahun 2026 ", "decree_number": "188/1/2026",
        "decree_date": date(2026, 2, 1), "note": "Catatan"})
    draft.refresh_from_db()
    assert (draft.title, draft.decree_number, draft.note) == ("DIP Tahun 2026", "188/1/2026",
                                                              "Catatan")
    with pytest.raises(InvalidInput):
        editions.update_draft(people["ppid"], draft, {"title": ""})
    with pytest.raises(InvalidInput):
        editions.update_draft(people["ppid"], draft, {"status": "signed"})
    editions.discard_draft(people["ppid"], draft)
    assert not Edition.objects.filter(pk=draft.pk).exists()
    assert AuditEvent.objects.filter(action=Action.EDITION_DISCARD).exists()


# --------------------------------------------------------------------------------------------
# Preview rows
# --------------------------------------------------------------------------------------------


def test_dip_rows_are_the_public_items_in_the_official_order(register):
    rows = editions.preview_rows()
    assert [r.item_id for r in rows] == [register["periodic"].pk, register["immediate"].pk,
                                         register["on_request"].pk]
    assert [r.position for r in rows] == [1, 2, 3]
    first = rows[0].data
    assert first == {
        "title": "Laporan Keuangan 2025", "summary": register["periodic"].summary,
        "unit": register["periodic"].holder_unit.name,
        "holder_official": "Kepala Subbagian Keuangan",
        "responsible_official": "Kepala Bidang", "made_on": "2025-03-01",
        "made_at_place": "Banjarbaru", "form": "soft", "retention_years": 10,
        "category": "periodic", "year": 2025}
    assert rows[2].data["form"] == "both"
    assert rows[1].data["retention_years"] is None  # permanent: no period anywhere
    assert rows[0].row_hash == editions.row_hash(first)


def test_exempt_and_unpublished_items_never_enter_a_dip_edition(people, register):
    edition = _signed_dip(people)
    ids = set(edition.rows.values_list("item_id", flat=True))
    assert register["exempt"].pk not in ids and register["draft"].pk not in ids
    assert "RAHASIA" not in str(list(edition.rows.values_list("data", flat=True)))


def test_dik_rows_carry_no_content(people, agency, make_item):
    agency.publish_exempt_list = True
    agency.save()
    item, decision = exempt_item(make_item, ground=ExemptionGround.A1,
                                 until=date(2028, 1, 1), title="Berkas Perkara X",
                                 consequence="Menghambat proses penyidikan. " * 40)
    item.summary = "NAMA SAKSI DAN ALAMATNYA"
    item.save()
    rows = editions.preview_rows(DIK)
    assert len(rows) == 1
    data = rows[0].data
    assert set(data) == set(editions.DIK_FIELDS)
    assert data["title"] == "Berkas Perkara X"
    assert data["ground"] == "17a1"
    assert data["until"] == "2028-01-01"
    assert data["decision_number"] == decision.number
    assert data["decision_date"] == decision.decided_on.isoformat()
    assert data["consequence"] == f"Berdasarkan uji konsekuensi, Keputusan Nomor {decision.number}"
    assert "Menghambat" not in str(data)  # the harm test's own text stays internal
    assert "NAMA SAKSI" not in str(data)
    edition = _sign(people["ppid"], editions.prepare_draft(people["ppid"], DIK), "001/SK-DIK")
    assert "NAMA SAKSI" not in str(edition.rows.get().data)


def test_dik_is_set_by_decree_even_when_not_published(people, agency):
    # The DIK is set by decree whether or not the agency publishes it on the portal.
    assert editions.preview_rows(DIK) == []
    draft = editions.prepare_draft(people["ppid"], DIK)
    assert _sign(people["ppid"], draft).is_signed
    # A web manager sees no exempt item: the unpublished DIK is not theirs to see.
    with pytest.raises(NotFound):
        editions.prepare_draft(people["web"], DIK)


# --------------------------------------------------------------------------------------------
# Signing and immutability
# --------------------------------------------------------------------------------------------


def test_sign_freezes_the_rows(people, register):
    draft = editions.prepare_draft(people["ppid"])
    digest = editions.preview_digest()
    edition = _sign(people["ppid"], draft, expected_sha256=digest, signer_nip="1980")
    assert edition.status == EditionStatus.SIGNED
    assert edition.sha256 == digest
    assert edition.row_count == 3 == edition.rows.count()
    assert edition.signed_by == people["ppid"] and edition.signed_at
    assert edition.decree_signer_name == people["ppid"].get_username()
    assert edition.decree_signer_nip == "1980"
    assert editions.current() == edition
    assert editions.verify(edition)
    event = AuditEvent.objects.get(action=Action.EDITION_SIGN)
    assert event.after["sha256"] == digest


def test_snapshot_survives_changes_to_the_items(people, register):
    edition = _signed_dip(people)
    before = list(edition.rows.values_list("position", "item_id", "data", "row_hash"))
    InformationItem.objects.filter(pk=register["periodic"].pk).update(
        title="Judul Baru", summary="Ringkasan baru")
    InformationItem.objects.filter(pk=register["immediate"].pk).update(
        status=Status.WITHDRAWN)
    register["on_request"].delete()
    edition.refresh_from_db()
    assert list(edition.rows.values_list("position", "item_id", "data", "row_hash")) == before
    assert edition.row_count == 3
    assert editions.verify(edition)
    assert editions.preview_digest() != edition.sha256


def test_models_refuse_to_change_a_signed_edition(people, register):
    edition = _signed_dip(people)
    edition.title = "Diubah"
    with pytest.raises(FrozenError):
        edition.save()
    with pytest.raises(FrozenError):
        edition.delete()
    row = edition.rows.first()
    row.data = {"title": "palsu"}
    with pytest.raises(FrozenError):
        row.save()
    with pytest.raises(FrozenError):
        row.delete()
    with pytest.raises(FrozenError):
        EditionRow(edition=edition, position=99, item_id=1, data={}, row_hash="x").delete()


def test_services_refuse_to_change_a_signed_edition(people, register):
    edition = _signed_dip(people)
    with pytest.raises(Conflict):
        editions.update_draft(people["ppid"], edition, {"title": "Lain"})
    with pytest.raises(Conflict):
        _sign(people["ppid"], edition, "002/SK-DIP/2026")
    with pytest.raises(Conflict):
        editions.discard_draft(people["ppid"], edition)
    assert edition.rows.count() == 3


def test_verify_detects_rows_altered_in_the_database(people, register):
    edition = _signed_dip(people)
    row = edition.rows.get(position=2)
    EditionRow.objects.filter(pk=row.pk).update(data={**row.data, "title": "Dipalsukan"})
    assert not editions.verify(edition)
    # Even with a matching row hash, the edition's hash no longer matches.
    forged = {**row.data, "title": "Dipalsukan"}
    EditionRow.objects.filter(pk=row.pk).update(data=forged, row_hash=editions.row_hash(forged))
    assert not editions.verify(edition)
    EditionRow.objects.filter(pk=row.pk).update(data=row.data, row_hash=row.row_hash)
    assert editions.verify(edition)


def test_verify_detects_a_deleted_row(people, register):
    edition = _signed_dip(people)
    EditionRow.objects.filter(edition=edition, position=3).update(position=4)
    assert not editions.verify(edition)


def test_decree_number_and_date_are_required_and_unique_per_list(people, register, agency):
    draft = editions.prepare_draft(people["ppid"])
    with pytest.raises(InvalidInput) as missing:
        editions.sign(people["ppid"], draft, decree_number=" ", decree_date=None)
    assert set(missing.value.field_errors) == {"decree_number", "decree_date"}
    _sign(people["ppid"], draft, "001/2026")
    second = editions.prepare_draft(people["ppid"])
    with pytest.raises(InvalidInput) as taken:
        _sign(people["ppid"], second, "001/2026")
    assert "decree_number" in taken.value.field_errors
    with pytest.raises(InvalidInput):
        editions.update_draft(people["ppid"], second, {"decree_number": "001/2026"})
    # The same number is fine for the other list.
    agency.publish_exempt_list = True
    agency.save()
    dik = _sign(people["ppid"], editions.prepare_draft(people["ppid"], DIK), "001/2026")
    assert dik.is_signed and dik.row_count == 0


def test_expected_digest_conflict(people, register, make_item):
    draft = editions.prepare_draft(people["ppid"])
    reviewed = editions.preview_digest()
    make_item(title="Baru Terbit", status=Status.PUBLISHED, category=Category.PERIODIC)
    with pytest.raises(Conflict, match="review again"):
        _sign(people["ppid"], draft, expected_sha256=reviewed)
    draft.refresh_from_db()
    assert draft.status == EditionStatus.DRAFT and not draft.rows.exists()
    edition = _sign(people["ppid"], draft, expected_sha256=editions.preview_digest())
    assert edition.row_count == 4


# --------------------------------------------------------------------------------------------
# Permissions
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "may_prepare", "may_sign"), [
    ("ppid", True, True),
    ("unit_ppid", True, False),
    ("web", True, False),
    ("officer", True, False),  # seed 001: the officer prepares, the PPID signs
    ("superior", False, False),
    ("admin", False, False),
])
def test_who_may_prepare_and_sign(people, register, role, may_prepare, may_sign):
    user = people[role]
    if may_prepare:
        draft = editions.prepare_draft(user)
    else:
        with pytest.raises(NotAllowed):
            editions.prepare_draft(user)
        draft = editions.prepare_draft(people["ppid"])
    if may_sign:
        assert _sign(user, draft).is_signed
    else:
        with pytest.raises(NotAllowed):
            _sign(user, draft)
        draft.refresh_from_db()
        assert draft.status == EditionStatus.DRAFT


def test_nobody_without_a_position_sees_editions(people, register):
    edition = _signed_dip(people)
    with pytest.raises(NotFound):
        editions.get_edition(people["nobody"], edition.pk)
    with pytest.raises(NotAllowed):
        editions.prepare_draft(people["nobody"])


# --------------------------------------------------------------------------------------------
# Current, due, differences
# --------------------------------------------------------------------------------------------


def test_is_due(people, register, agency):
    assert editions.is_due()
    edition = _signed_dip(people)
    today = timezone.localdate()
    assert not editions.is_due(today=today)
    assert editions.due_on() == timezone.localdate(edition.signed_at).replace(
        year=timezone.localdate(edition.signed_at).year + 1)
    assert editions.is_due(today=editions.due_on())
    agency.edition_interval_months = 3
    agency.save()
    assert editions.is_due(today=today + timedelta(days=95))
    assert not editions.is_due(today=today + timedelta(days=80))
    assert editions.is_due(EditionKind.DIK)


def test_diff_added_changed_withdrawn(people, register, make_item):
    old = _signed_dip(people, "001")
    InformationItem.objects.filter(pk=register["periodic"].pk).update(
        title="Laporan Keuangan 2025 (Audit)", retention_years=5)
    InformationItem.objects.filter(pk=register["immediate"].pk).update(
        status=Status.WITHDRAWN)
    added = make_item(title="Rencana Kerja 2026", status=Status.PUBLISHED,
                      category=Category.PERIODIC, year=2026)
    draft = editions.prepare_draft(people["ppid"])
    preview = editions.diff(old, draft)  # a draft compares as its live preview
    new = _sign(people["ppid"], draft, "002")
    result = editions.diff(old, new)
    assert [r.item_id for r in result.added] == [added.pk]
    assert [r.item_id for r in result.withdrawn] == [register["immediate"].pk]
    assert [c.item_id for c in result.changed] == [register["periodic"].pk]
    fields = {f.name: (f.old, f.new) for f in result.changed[0].fields}
    assert fields == {"title": ("Laporan Keuangan 2025", "Laporan Keuangan 2025 (Audit)"),
                      "retention_years": (10, 5)}
    assert result.total == 3
    assert preview.total == 3
    assert editions.diff(new, new).total == 0
    reverse = editions.diff(new, old)
    assert [r.item_id for r in reverse.added] == [register["immediate"].pk]


def test_diff_needs_the_same_list(people, register, agency):
    agency.publish_exempt_list = True
    agency.save()
    dip = _signed_dip(people)
    dik = _sign(people["ppid"], editions.prepare_draft(people["ppid"], DIK), "002")
    with pytest.raises(InvalidInput):
        editions.diff(dip, dik)


def test_public_editions_only_signed_and_dik_only_when_published(people, register, agency):
    signed = _signed_dip(people)
    draft = editions.prepare_draft(people["ppid"])
    assert list(editions.public_editions()) == [signed]
    with pytest.raises(NotFound):
        editions.get_public_edition(draft.pk)
    agency.publish_exempt_list = True
    agency.save()
    dik = _sign(people["ppid"], editions.prepare_draft(people["ppid"], DIK), "002")
    assert editions.get_public_edition(dik.pk) == dik
    agency.publish_exempt_list = False
    agency.save()
    with pytest.raises(NotFound):
        editions.public_editions(DIK)
    with pytest.raises(NotFound):
        editions.get_public_edition(dik.pk)
    with pytest.raises(NotFound):
        editions.get_public_edition(signed.pk, DIK)


def test_many_rows_diff_reads_only_what_differs(people, make_item, django_assert_max_num_queries):
    items = [make_item(title=f"Informasi {n:04d}", status=Status.PUBLISHED,
                       category=Category.ON_REQUEST, indexed=False) for n in range(120)]
    old = _signed_dip(people, "001")
    InformationItem.objects.filter(pk=items[5].pk).update(title="Berubah")
    new = _sign(people["ppid"], editions.prepare_draft(people["ppid"]), "002")
    assert new.row_count == 120
    with django_assert_max_num_queries(6):
        result = editions.diff(old, new)
    assert [c.item_id for c in result.changed] == [items[5].pk]
    assert editions.verify(new)
