"""The change feed (GET /api/v1/public/changes): cursor semantics, one rule per test."""

from __future__ import annotations

import pytest
from django.utils import translation

from ppid.core.errors import InvalidInput
from ppid.publication import changes, feed
from ppid.publication.models import Change
from ppid.register import services as register
from ppid.register.constants import Category, Status
from ppid.register.models import InformationItem

URL = "/api/v1/public/changes"


@pytest.fixture
def publish(make_item):
    """A public item with a logged change (as the register's signal does after commit)."""
    def make(**kwargs):
        kwargs.setdefault("status", Status.PUBLISHED)
        kwargs.setdefault("category", Category.PERIODIC)
        item = make_item(**kwargs)
        changes.record([item.pk])
        return item

    return make


def change(item, **fields):
    """Change an item's row and log it, like a committed edit of the register."""
    InformationItem.objects.filter(pk=item.pk).update(**fields)
    changes.record([item.pk])


def read_all(client, since=None, limit=100):
    """Follow next_cursor until has_more is false; every entry, in order."""
    entries, cursor, pages = [], since, 0
    while True:
        params = {"limit": limit}
        if cursor:
            params["since"] = cursor
        body = client.get(URL, params).json()
        entries += body["changes"]
        cursor, pages = body["next_cursor"], pages + 1
        if not body["has_more"]:
            return entries, cursor, pages


def test_cursor_round_trip_and_is_opaque():
    for value in (0, 1, 35, 36, 1000, 2**40):
        assert feed.decode_cursor(feed.encode_cursor(value)) == value
    assert feed.encode_cursor(36) == "c10"
    assert feed.decode_cursor(None) == 0 and feed.decode_cursor("") == 0


@pytest.mark.parametrize("bad", ["12", "x1", "c", "c-1", "C1", "c01", "c1 ", "czzzzzzzzzzzzz",
                                 "c1;drop"])
def test_bad_cursor_is_refused_in_both_languages(db, client, bad):
    with translation.override("en"), pytest.raises(InvalidInput):
        feed.decode_cursor(bad)
    response = client.get(URL, {"since": bad})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert "cursor" in body["message_en"]
    assert body["message_id"]
    assert "since" in body["fields"]


def test_no_cursor_reads_from_the_beginning(client, publish):
    first, second = publish(), publish()
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert [e["item_id"] for e in body["changes"]] == [first.pk, second.pk]
    assert all(e["operation"] == "upsert" for e in body["changes"])
    assert body["changes"][0]["item"]["title"] == first.title
    assert body["changes"][0]["item"]["url"].endswith(f"/informasi/{first.pk}/")
    assert body["has_more"] is False
    assert body["next_cursor"] == body["changes"][-1]["cursor"]
    assert body["catalog"].endswith("/data/katalog.jsonld")


def test_only_changes_after_the_cursor(client, publish):
    first = publish()
    cursor = client.get(URL).json()["next_cursor"]
    second = publish()
    change(first, title="Judul baru")
    body = client.get(URL, {"since": cursor}).json()
    assert [e["item_id"] for e in body["changes"]] == [second.pk, first.pk]
    assert body["changes"][1]["item"]["title"] == "Judul baru"


def test_nothing_new_returns_the_same_cursor(client, publish):
    publish()
    cursor = client.get(URL).json()["next_cursor"]
    body = client.get(URL, {"since": cursor}).json()
    assert body == {**body, "changes": [], "next_cursor": cursor, "has_more": False}


def test_empty_log_starts_at_c0(db, client):
    body = client.get(URL).json()
    assert body["changes"] == [] and body["next_cursor"] == "c0" and body["has_more"] is False


def test_changes_of_one_item_in_a_page_collapse_to_its_latest_state(client, publish):
    item = publish(title="Versi 1")
    other = publish()
    change(item, title="Versi 2")
    change(item, title="Versi 3")
    last = Change.objects.filter(item_id=item.pk).order_by("-pk").first()
    body = client.get(URL).json()
    entries = [e for e in body["changes"] if e["item_id"] == item.pk]
    assert len(entries) == 1
    assert entries[0]["item"]["title"] == "Versi 3"
    assert entries[0]["cursor"] == feed.encode_cursor(last.pk)
    assert [e["item_id"] for e in body["changes"]] == [other.pk, item.pk]  # by last change


@pytest.mark.parametrize("fields", [
    {"status": Status.WITHDRAWN},
    {"status": Status.DISPOSED},
    {"status": Status.DOCUMENTED, "category": Category.EXEMPT, "exemption_ground": "17h"},
])
def test_no_longer_public_is_a_tombstone_without_content(client, publish, fields):
    item = publish(title="Akan ditarik")
    cursor = client.get(URL).json()["next_cursor"]
    change(item, **fields)
    body = client.get(URL, {"since": cursor}).json()
    assert body["changes"] == [{"cursor": body["next_cursor"], "operation": "delete",
                                "item_id": item.pk, "item": None}]
    assert "Akan ditarik" not in str(body)


def test_upsert_reflects_the_current_state_and_never_leaks(client, publish):
    item = publish(title="Rahasia nanti")
    # Withdrawn but its change not logged yet (e.g. read between commit and the log): the
    # entry of its earlier upsert already says delete, with no content.
    InformationItem.objects.filter(pk=item.pk).update(status=Status.WITHDRAWN)
    body = client.get(URL).json()
    assert body["changes"] == [{"cursor": body["next_cursor"], "operation": "delete",
                                "item_id": item.pk, "item": None}]
    assert "Rahasia nanti" not in str(body)
    # Edited after its change was logged: the entry shows the item as it is now.
    InformationItem.objects.filter(pk=item.pk).update(status=Status.PUBLISHED, title="Sekarang")
    assert client.get(URL).json()["changes"][0]["item"]["title"] == "Sekarang"


def test_only_public_documents_are_in_the_record(client, publish, people, pdf_upload,
                                                 django_capture_on_commit_callbacks):
    item = publish()
    with django_capture_on_commit_callbacks(execute=True):
        register.add_version(people["ppid"], item, pdf_upload("terbuka.pdf"), title="Terbuka")
        register.add_version(people["ppid"], item, pdf_upload("internal.pdf"), title="Internal",
                             is_public=False)
    record = client.get(URL).json()["changes"][-1]["item"]
    assert [d["title"] for d in record["documents"]] == ["Terbuka"]
    assert len(record["documents"][0]["sha256"]) == 64


def test_register_services_feed_the_log(client, make_item, people,
                                        django_capture_on_commit_callbacks):
    item = make_item(status=Status.DOCUMENTED, category=Category.ON_REQUEST)
    with django_capture_on_commit_callbacks(execute=True):
        register.transition(people["ppid"], item, Status.PUBLISHED)
    body = client.get(URL).json()
    assert [(e["operation"], e["item_id"]) for e in body["changes"]] == [("upsert", item.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        register.transition(people["ppid"], item, Status.WITHDRAWN)
    later = client.get(URL, {"since": body["next_cursor"]}).json()
    assert [(e["operation"], e["item_id"]) for e in later["changes"]] == [("delete", item.pk)]


def test_paging_sees_every_item_exactly_once_in_its_latest_state(client, publish):
    items = [publish(title=f"Butir {n}") for n in range(7)]
    change(items[0], title="Butir 0 diubah")  # changed again after the first pages
    change(items[3], status=Status.WITHDRAWN)
    change(items[5], title="Butir 5 diubah")
    change(items[5], title="Butir 5 diubah lagi")
    entries, cursor, pages = read_all(client, limit=3)
    assert pages > 1
    seen = [e["item_id"] for e in entries]
    assert sorted(seen) == sorted(i.pk for i in items)  # each item exactly once
    latest = {e["item_id"]: e for e in entries}
    assert latest[items[0].pk]["item"]["title"] == "Butir 0 diubah"
    assert latest[items[3].pk]["operation"] == "delete"
    assert latest[items[5].pk]["item"]["title"] == "Butir 5 diubah lagi"
    assert cursor == feed.encode_cursor(Change.objects.order_by("-pk").first().pk)
    # A harvester resuming from there sees nothing more until the next change.
    assert client.get(URL, {"since": cursor}).json()["changes"] == []


def test_has_more_and_next_cursor_when_paging(client, publish):
    items = [publish() for _ in range(5)]
    first = client.get(URL, {"limit": 2}).json()
    assert first["has_more"] is True
    assert [e["item_id"] for e in first["changes"]] == [items[0].pk, items[1].pk]
    second = client.get(URL, {"limit": 2, "since": first["next_cursor"]}).json()
    assert [e["item_id"] for e in second["changes"]] == [items[2].pk, items[3].pk]
    third = client.get(URL, {"limit": 2, "since": second["next_cursor"]}).json()
    assert [e["item_id"] for e in third["changes"]] == [items[4].pk]
    assert third["has_more"] is False


def test_limit_default_maximum_and_minimum(client, publish, monkeypatch):
    for _ in range(3):
        publish()
    monkeypatch.setattr(feed, "MAX_LIMIT", 2)
    assert len(client.get(URL, {"limit": 50}).json()["changes"]) == 2  # capped
    assert client.get(URL, {"limit": 0}).status_code == 422
    assert client.get(URL, {"limit": "many"}).status_code == 422
    assert feed.DEFAULT_LIMIT == 100


def test_catalog_descriptor_points_to_the_dcat_catalog(client, publish):
    publish()
    body = client.get("/api/v1/public/catalog").json()
    assert body["dcat"].endswith("/data/katalog.jsonld")
    assert body["datasets"] == 1 and body["pages"] == 1
    assert body["changes"].endswith(URL)
