"""The exempt lists through the API: public DIK (when published) and the staff DIK."""

from __future__ import annotations

from ppid.exemptions.tests.factories import DecisionFactory
from ppid.register.constants import Category, Status


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_public_exempt_list_only_when_published_and_only_decided(client, agency, make_item):
    decided = make_item(category=Category.EXEMPT, exemption_ground="17h", status=Status.DOCUMENTED,
                        summary="zqSUMMARYzq")
    DecisionFactory(item=decided)
    make_item(title="zqPENDINGzq", category=Category.EXEMPT, exemption_ground="17h")
    assert client.get("/api/v1/public/exempt-list").status_code == 404
    agency.publish_exempt_list = True
    agency.save()
    response = client.get("/api/v1/public/exempt-list")
    assert response.status_code == 200
    [row] = response.json()
    assert row["title"] == decided.title and row["decision_number"].endswith("/SK-PPID/2026")
    assert set(row) == {"title", "ground", "ground_label", "decision_number", "decided_on",
                        "exempt_until"}
    assert "zqSUMMARYzq" not in response.content.decode()
    assert "zqPENDINGzq" not in response.content.decode()


def test_staff_exemptions_follow_the_viewers_reach(client, people, make_item, units, token_for):
    mine = make_item(category=Category.EXEMPT, exemption_ground="17h", holder_unit=units["a"])
    other = make_item(category=Category.EXEMPT, exemption_ground="17h", holder_unit=units["b"])
    ppid = client.get("/api/v1/exemptions", **auth(token_for(people["ppid"]))).json()
    assert {r["item_id"] for r in ppid} == {mine.pk, other.pk}
    officer = client.get("/api/v1/exemptions", **auth(token_for(people["officer"]))).json()
    assert {r["item_id"] for r in officer} == {mine.pk}
    assert client.get("/api/v1/exemptions", **auth(token_for(people["admin"]))).json() == []
    assert client.get("/api/v1/exemptions").status_code == 401
