"""Records pages in the workspace, through the Django test client."""

import pytest
from django_tasks_db.models import DBTaskResult

from ppid.records import services
from ppid.records.models import CategoryRetention, Disposal, DisposalStatus, FixityRun
from ppid.register.constants import Category, Status
from ppid.register.tests.factories import ExemptItemFactory

pytestmark = pytest.mark.django_db
BASE = "/ruang-kerja/arsip-retensi/"


@pytest.fixture
def as_user(client, people):
    def login(role):
        client.force_login(people[role])
        return client

    return login


def test_past_retention_page_filters_and_hides_exempt_beyond_reach(as_user, make_item, units):
    make_item(title="Laporan Lama A", year=2001, retention_years=2)
    make_item(title="Laporan Lama B", holder_unit=units["b"], year=2002, retention_years=2,
              category=Category.PERIODIC)
    make_item(title="Laporan Baru", year=2025, retention_years=10)
    ExemptItemFactory(title="Rahasia Lama B", holder_unit=units["b"], year=2000,
                      retention_years=1)
    page = as_user("officer").get(BASE).content.decode()
    assert "Laporan Lama A" in page and "Laporan Lama B" in page
    assert "Laporan Baru" not in page and "Rahasia Lama B" not in page
    assert page.count("Propose disposal") >= 1
    filtered = as_user("ppid").get(BASE, {"category": "periodic"}).content.decode()
    assert "Laporan Lama B" in filtered and "Laporan Lama A" not in filtered
    assert "Rahasia Lama B" in as_user("ppid").get(BASE).content.decode()


def test_past_retention_page_makes_a_fixed_number_of_queries(as_user, make_item,
                                                             django_assert_max_num_queries):
    client = as_user("ppid")
    for n in range(3):
        make_item(title=f"Arsip {n}", year=2000, retention_years=1)
    client.get(BASE)
    with django_assert_max_num_queries(12) as few:
        client.get(BASE)
    for n in range(3, 25):
        make_item(title=f"Arsip {n}", year=2000, retention_years=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(BASE).status_code == 200


def test_propose_approve_and_download_the_record(as_user, due_item,
                                                 django_capture_on_commit_callbacks):
    client = as_user("officer")
    assert client.get(f"{BASE}pemusnahan/usul/{due_item.pk}/").status_code == 200
    response = client.post(f"{BASE}pemusnahan/usul/{due_item.pk}/", {"reason": ""})
    assert response.status_code == 200 and "required" in response.content.decode()
    response = client.post(f"{BASE}pemusnahan/usul/{due_item.pk}/",
                           {"reason": "Retensi lima tahun habis"})
    disposal = Disposal.objects.get()
    assert response.status_code == 302
    page = client.get(f"{BASE}pemusnahan/{disposal.pk}/").content.decode()
    assert "Awaiting the decision of the PPID" in page
    assert client.post(f"{BASE}pemusnahan/{disposal.pk}/setujui/",
                       {"approve-confirm": "on"}).status_code == 403

    client = as_user("ppid")
    page = client.get(f"{BASE}pemusnahan/{disposal.pk}/").content.decode()
    assert "Approve and destroy the files" in page
    client.post(f"{BASE}pemusnahan/{disposal.pk}/setujui/", {})  # the box is not ticked
    assert Disposal.objects.get().status == DisposalStatus.PROPOSED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}pemusnahan/{disposal.pk}/setujui/",
                               {"approve-confirm": "on", "approve-note": "Sesuai JRA"})
    assert response.status_code == 302
    disposal.refresh_from_db()
    assert disposal.status == DisposalStatus.APPROVED
    pdf = client.get(f"{BASE}pemusnahan/{disposal.pk}/berita-acara.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    item_page = client.get(f"/ruang-kerja/informasi/{due_item.pk}/").content.decode()
    assert disposal.number in item_page and "Disposed" in item_page
    assert "Upload a version" not in item_page
    listing = client.get(f"{BASE}pemusnahan/").content.decode()
    assert disposal.number in listing


def test_published_item_approval_says_withdraw_first(as_user, due_item, people):
    from ppid.register import services as register

    register.transition(people["ppid"], due_item, Status.PUBLISHED)
    disposal = services.propose_disposal(people["officer"], due_item, "Habis")
    client = as_user("ppid")
    response = client.post(f"{BASE}pemusnahan/{disposal.pk}/setujui/",
                            {"approve-confirm": "on"}, follow=True)
    assert "Withdraw it first" in response.content.decode()


def test_reject_through_the_page(as_user, due_item, people):
    disposal = services.propose_disposal(people["officer"], due_item, "Habis")
    client = as_user("ppid")
    client.post(f"{BASE}pemusnahan/{disposal.pk}/tolak/", {"reject-reason": ""})
    assert Disposal.objects.get().status == DisposalStatus.PROPOSED
    client.post(f"{BASE}pemusnahan/{disposal.pk}/tolak/", {"reject-reason": "Masih dipakai"})
    assert Disposal.objects.get().status == DisposalStatus.REJECTED


def test_hidden_disposals_are_not_found(as_user, units, people):
    secret = ExemptItemFactory(holder_unit=units["b"], year=2000, retention_years=1)
    disposal = services.propose_disposal(people["ppid"], secret, "Habis")
    assert as_user("officer").get(f"{BASE}pemusnahan/{disposal.pk}/").status_code == 404
    assert as_user("web").get(f"{BASE}pemusnahan/{disposal.pk}/berita-acara.pdf"
                              ).status_code == 404


def test_category_periods_page(as_user, make_item):
    make_item(category=Category.PERIODIC, retention_years=None)
    page = as_user("ppid").get(f"{BASE}retensi-kategori/")
    assert page.status_code == 200 and "Only an administrator" in page.content.decode()
    assert as_user("ppid").post(f"{BASE}retensi-kategori/",
                                {"periodic": "5"}).status_code == 403
    client = as_user("admin")
    response = client.post(f"{BASE}retensi-kategori/", {"periodic": "5", "immediate": "",
                                                        "on_request": "10", "exempt": ""})
    assert response.status_code == 302
    assert dict(CategoryRetention.objects.values_list("category", "years")) == {
        "periodic": 5, "immediate": None, "on_request": 10, "exempt": None}


def test_fixity_pages_need_the_audit_capability(as_user, due_item):
    for role in ("officer", "unit_ppid", "web"):
        assert as_user(role).get(f"{BASE}fiksitas/").status_code == 403
    run = services.verify_files()
    page = as_user("superior").get(f"{BASE}fiksitas/").content.decode()
    assert "Check all files now" not in page  # may see, may not start
    assert as_user("superior").post(f"{BASE}fiksitas/").status_code == 403
    assert as_user("ppid").get(f"{BASE}fiksitas/{run.pk}/").status_code == 200


def test_administrator_starts_a_run_and_sees_findings_without_exempt_titles(
        as_user, units, people, pdf_upload):
    from django.core.files.storage import default_storage

    from ppid.register import services as register

    secret = ExemptItemFactory(title="Berkas Rahasia", holder_unit=units["a"])
    version = register.add_version(people["ppid"], secret, pdf_upload())
    default_storage.delete(version.file.name)
    client = as_user("admin")
    assert client.post(f"{BASE}fiksitas/").status_code == 302
    assert DBTaskResult.objects.count() == 1
    run = FixityRun.objects.get()
    services.verify_files(run=run)
    page = client.get(f"{BASE}fiksitas/{run.pk}/").content.decode()
    assert "Missing" in page and "not visible to you" in page
    assert "Berkas Rahasia" not in page
    assert "Berkas Rahasia" in as_user("ppid").get(f"{BASE}fiksitas/{run.pk}/").content.decode()


def test_category_period_shows_on_item_pages_and_the_portal(as_user, client, make_item):
    CategoryRetention.objects.create(category=Category.PERIODIC, years=7)
    item = make_item(title="Profil Dinas", category=Category.PERIODIC, retention_years=None,
                     year=2025, status=Status.PUBLISHED)
    assert "7 years" in client.get(f"/informasi/{item.pk}/").content.decode()
    page = as_user("ppid").get(f"/ruang-kerja/informasi/{item.pk}/").content.decode()
    assert "7 years" in page and "Kept until 31 December 2032" in page
