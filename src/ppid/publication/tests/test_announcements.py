"""Serta merta announcements: what they must say, their life (draft → announced → ended), the
banner on every portal page, the portal and workspace pages, and the API."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict, InvalidInput, NotAllowed
from ppid.publication import announcements
from ppid.publication.constants import AnnouncementStatus, AnnouncementType, Channel
from ppid.publication.models import Announcement, ChannelRecord
from ppid.register.constants import Category, Status

pytestmark = pytest.mark.django_db

BANNER = 'class="sm-banner"'


def content(**overrides) -> dict:
    data = {
        "title": "Banjir di Kecamatan Sungai Besar",
        "type": AnnouncementType.NATURAL_DISASTER,
        "area": "Kecamatan Sungai Besar",
        "potential_danger": "Air sungai naik hingga 1,5 meter; arus deras.",
        "affected": "Warga bantaran sungai RT 01–08.",
        "evacuation_procedure": "Ikuti arahan petugas BPBD; bawa dokumen penting.",
        "evacuation_place": "Aula Kantor Kecamatan, Jl. Merdeka 1.",
        "avoid_harm": "Jauhi bantaran sungai; matikan listrik rumah.",
        "get_help": "Hubungi BPBD di 112 atau posko di kantor kecamatan.",
        "announcer": "Kepala BPBD dan PPID.",
        "handling_efforts": "Tim SAR dan perahu karet disiagakan.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def announced(people):
    def make(**overrides):
        a = announcements.create(people["ppid"], content(**overrides))
        return announcements.announce(people["ppid"], a)

    return make


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


def test_only_announcers_may_create(people):
    for name in ("officer", "unit_ppid", "head", "admin", "nobody"):
        with pytest.raises(NotAllowed):
            announcements.create(people[name], content())
    assert announcements.create(people["web"], content()).status == AnnouncementStatus.DRAFT
    created = announcements.create(people["ppid"], content())
    assert created.created_by == people["ppid"]
    assert AuditEvent.objects.filter(action=Action.CREATE, object_id=str(created.pk),
                                     object_type="publication.announcement").exists()


def test_a_draft_needs_only_title_and_type(people):
    draft = announcements.create(people["ppid"], {"title": "Draf", "type": "other"})
    assert draft.pk and draft.potential_danger == ""
    with translation.override("en"), pytest.raises(InvalidInput) as error:
        announcements.create(people["ppid"], {"title": "", "type": "nonsense"})
    assert set(error.value.field_errors) == {"title", "type"}


def test_announcing_requires_what_the_rules_ask(people):
    draft = announcements.create(people["ppid"], {"title": "Wabah", "type": "other"})
    with pytest.raises(InvalidInput) as error:
        announcements.announce(people["ppid"], draft)
    assert set(error.value.field_errors) == {"potential_danger", "affected", "avoid_harm",
                                             "get_help", "announcer"}
    assert set(announcements.missing_to_announce(draft)) == set(error.value.field_errors)
    draft.refresh_from_db()
    assert draft.status == AnnouncementStatus.DRAFT
    assert not ChannelRecord.objects.exists()


@pytest.mark.parametrize("kind", sorted(announcements.DISASTER_TYPES))
def test_disasters_need_evacuation_procedure_and_place(people, kind):
    draft = announcements.create(people["ppid"], content(
        type=kind, evacuation_procedure="", evacuation_place=""))
    with pytest.raises(InvalidInput) as error:
        announcements.announce(people["ppid"], draft)
    assert set(error.value.field_errors) == {"evacuation_procedure", "evacuation_place"}


@pytest.mark.parametrize("kind", [AnnouncementType.INFECTIOUS_DISEASE,
                                  AnnouncementType.FOOD_POISONING,
                                  AnnouncementType.UTILITY_FAILURE, AnnouncementType.OTHER])
def test_evacuation_is_optional_otherwise(people, kind):
    draft = announcements.create(people["ppid"], content(
        type=kind, evacuation_procedure="", evacuation_place=""))
    assert announcements.announce(people["ppid"], draft).status == AnnouncementStatus.ACTIVE


def test_life_of_an_announcement(people):
    draft = announcements.create(people["ppid"], content())
    with pytest.raises(Conflict):
        announcements.end(people["ppid"], draft, "Selesai")
    active = announcements.announce(people["web"], draft)
    assert active.status == AnnouncementStatus.ACTIVE
    assert active.announced_by == people["web"] and active.announced_at is not None
    with pytest.raises(Conflict):
        announcements.announce(people["ppid"], active)
    # The portal's own record, automatically.
    record = ChannelRecord.objects.get(announcement=active)
    assert (record.channel, record.automatic, record.published_by) == (
        Channel.WEBSITE, True, people["web"])
    with pytest.raises(NotAllowed):
        announcements.end(people["officer"], active, "Selesai")
    with pytest.raises(InvalidInput):
        announcements.end(people["ppid"], active, "  ")
    ended = announcements.end(people["ppid"], active, "Air sudah surut.")
    assert ended.status == AnnouncementStatus.ENDED and ended.end_note == "Air sudah surut."
    with pytest.raises(Conflict):
        announcements.end(people["ppid"], ended, "Lagi")
    with pytest.raises(Conflict):
        announcements.update(people["ppid"], ended, {"title": "Ubah"})
    actions = list(AuditEvent.objects.filter(object_type="publication.announcement",
                                             object_id=str(ended.pk))
                   .values_list("action", flat=True))
    assert actions == [Action.CREATE, Action.ANNOUNCE, Action.CHANNEL_RECORD,
                       Action.ANNOUNCEMENT_END]


def test_update_while_draft_or_active_is_audited_and_validated(people, announced):
    draft = announcements.create(people["ppid"], {"title": "Draf", "type": "other"})
    announcements.update(people["ppid"], draft, {"potential_danger": "Asap tebal"})
    event = AuditEvent.objects.filter(action=Action.UPDATE).latest("sequence")
    assert event.before == {"potential_danger": ""}
    assert event.after == {"potential_danger": "Asap tebal"}
    active = announced()
    with pytest.raises(InvalidInput):  # an announced notice must stay complete
        announcements.update(people["ppid"], active, {"get_help": ""})
    announcements.update(people["web"], active, {"handling_efforts": "Dapur umum dibuka."})
    active.refresh_from_db()
    assert active.handling_efforts == "Dapur umum dibuka."
    with pytest.raises(NotAllowed):
        announcements.update(people["officer"], active, {"title": "x"})


def test_linked_item_must_be_public(people, make_item):
    draft_item = make_item(category=Category.IMMEDIATE, status=Status.DOCUMENTED)
    exempt = make_item(category=Category.EXEMPT, exemption_ground="17h")
    public = make_item(category=Category.IMMEDIATE, status=Status.PUBLISHED)
    for item in (draft_item, exempt):
        with pytest.raises(InvalidInput) as error:
            announcements.create(people["ppid"], content(item=item.pk))
        assert "item" in error.value.field_errors
    with pytest.raises(InvalidInput):
        announcements.create(people["ppid"], content(item=999999))
    linked = announcements.create(people["ppid"], content(item=public.pk))
    assert linked.item == public


# --------------------------------------------------------------------------------------------
# The banner
# --------------------------------------------------------------------------------------------


def test_banner_on_every_portal_page_at_once_and_gone_when_ended(client, people, announced,
                                                                published_item):
    pages = ["/", reverse("portal:register"), reverse("portal:item", args=[published_item.pk]),
             reverse("requests_public:new"), reverse("requests_public:track"),
             reverse("publication_public:announcements")]
    draft = announcements.create(people["ppid"], content(title="Draf rahasia"))
    for page in pages:
        body = client.get(page).content.decode()
        assert BANNER not in body, page
        assert "Draf rahasia" not in body
    active = announced(title="Banjir bandang")
    for page in pages:
        body = client.get(page).content.decode()
        assert BANNER in body, page
        assert "Banjir bandang" in body
        assert 'role="alert"' in body
        assert reverse("publication_public:announcement", args=[active.pk]) in body
    announcements.end(people["ppid"], active, "Sudah surut")
    for page in pages:
        assert BANNER not in client.get(page).content.decode(), page
    assert draft.status == AnnouncementStatus.DRAFT


def test_banner_is_not_on_workspace_pages(client, people, announced):
    announced()
    client.force_login(people["ppid"])
    body = client.get(reverse("workspace:register")).content.decode()
    assert BANNER not in body


def test_banner_is_one_query(rf, announced):
    from ppid.publication.context_processors import announcements as processor

    announced(title="Satu")
    announced(title="Dua", type="other")
    context = processor(rf.get("/"))
    with CaptureQueriesContext(connection) as queries:
        titles = [a.title for a in context["serta_merta_banner"]]
        assert bool(context["serta_merta_banner"])
        [a.get_type_display() for a in context["serta_merta_banner"]]
    assert titles == ["Dua", "Satu"]
    assert len(queries) == 1


# --------------------------------------------------------------------------------------------
# Portal pages
# --------------------------------------------------------------------------------------------


def test_portal_list_and_detail(client, people, announced):
    draft = announcements.create(people["ppid"], content(title="Masih draf"))
    ended = announced(title="Sudah berakhir")
    announcements.end(people["ppid"], ended, "Aman")
    active = announced(title="Masih berlaku")
    body = client.get(reverse("publication_public:announcements")).content.decode()
    assert "Masih draf" not in body
    assert body.index("Masih berlaku") < body.index("Sudah berakhir")
    assert client.get(reverse("publication_public:announcement", args=[draft.pk])
                      ).status_code == 404
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("publication_public:announcement", args=[active.pk])
                      ).content.decode()
    for name in ("potential_danger", "affected", "evacuation_procedure", "evacuation_place",
                 "avoid_harm", "get_help", "announcer", "handling_efforts", "area"):
        assert content()[name] in text, name
    for heading in ("Potential danger and/or the scale of its impact", "Who may be affected",
                    "Evacuation procedure and place", "How to avoid the danger and/or its impact",
                    "How to get help from the authorities",
                    "Who must announce it and/or handle the danger",
                    "Efforts to handle the danger and/or its impact"):
        assert heading in text, heading
    ended_page = client.get(reverse("publication_public:announcement", args=[ended.pk]))
    assert "Aman" in ended_page.content.decode()


def test_portal_nav_has_announcements_and_staff_link_moved_to_footer(client, agency):
    body = client.get("/").content.decode()
    nav = body[body.index('class="main-nav"'):body.index("</nav>", body.index('class="main-nav"'))]
    assert reverse("publication_public:announcements") in nav
    assert reverse("workspace:login") not in nav
    footer = body[body.index('class="site-footer"'):]
    assert reverse("workspace:login") in footer


# --------------------------------------------------------------------------------------------
# Workspace pages
# --------------------------------------------------------------------------------------------


def test_workspace_create_announce_end(client, people):
    client.force_login(people["web"])
    assert client.get(reverse("publication:announcement_create")).status_code == 200
    response = client.post(reverse("publication:announcement_create"),
                           {"title": "Keracunan makanan", "type": "food_poisoning"})
    created = Announcement.objects.get()
    assert response.url == reverse("publication:announcement", args=[created.pk])
    page = client.get(response.url).content.decode()
    assert "announcement_announce" not in page
    assert reverse("publication:announcement_announce", args=[created.pk]) not in page
    # Not complete yet: announcing is refused and the draft stays.
    client.post(reverse("publication:announcement_announce", args=[created.pk]))
    created.refresh_from_db()
    assert created.status == AnnouncementStatus.DRAFT
    data = content(type="food_poisoning", title="Keracunan makanan")
    data.pop("item", None)
    response = client.post(reverse("publication:announcement_edit", args=[created.pk]), data)
    assert response.status_code == 302
    page = client.get(reverse("publication:announcement", args=[created.pk])).content.decode()
    assert reverse("publication:announcement_announce", args=[created.pk]) in page
    client.post(reverse("publication:announcement_announce", args=[created.pk]))
    created.refresh_from_db()
    assert created.status == AnnouncementStatus.ACTIVE
    client.post(reverse("publication:announcement_end", args=[created.pk]), {"note": "Usai"})
    created.refresh_from_db()
    assert created.status == AnnouncementStatus.ENDED
    listing = client.get(reverse("publication:announcements")).content.decode()
    assert "Keracunan makanan" in listing


def test_workspace_form_errors_keep_values(client, people):
    client.force_login(people["ppid"])
    response = client.post(reverse("publication:announcement_create"),
                           {"title": "", "type": "other", "area": "Pasar Lama"})
    assert response.status_code == 200
    assert "Pasar Lama" in response.content.decode()
    assert not Announcement.objects.exists()


def test_workspace_forbidden_without_capability(client, people):
    client.force_login(people["officer"])
    assert client.get(reverse("publication:announcements")).status_code == 200
    assert client.get(reverse("publication:announcement_create")).status_code == 403
    draft = announcements.create(people["ppid"], content())
    client.post(reverse("publication:announcement_announce", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == AnnouncementStatus.DRAFT


# --------------------------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------------------------


def test_public_api(client, people, announced):
    announcements.create(people["ppid"], content(title="Draf"))
    ended = announced(title="Berakhir")
    announcements.end(people["ppid"], ended, "Aman")
    active = announced(title="Aktif")
    everything = client.get("/api/v1/public/announcements").json()
    assert [a["title"] for a in everything["results"]] == ["Aktif", "Berakhir"]
    only_active = client.get("/api/v1/public/announcements", {"active": "true"}).json()
    assert [a["title"] for a in only_active["results"]] == ["Aktif"]
    one = client.get(f"/api/v1/public/announcements/{active.pk}").json()
    assert one["potential_danger"] == content()["potential_danger"]
    assert one["url"].startswith("http://testserver/pengumuman/")
    draft = Announcement.objects.get(title="Draf")
    assert client.get(f"/api/v1/public/announcements/{draft.pk}").status_code == 404


def test_staff_api(client, people, token_for):
    def post(user, path, payload=None):
        return client.post(path, payload or {}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")

    assert post(people["officer"], "/api/v1/announcements", content()).status_code == 403
    response = post(people["ppid"], "/api/v1/announcements",
                    {"title": "Gangguan listrik", "type": "utility_failure"})
    assert response.status_code == 201
    created = response.json()
    assert set(created["missing_to_announce"]) == {"potential_danger", "affected",
                                                   "avoid_harm", "get_help", "announcer"}
    refused = post(people["ppid"], f"/api/v1/announcements/{created['id']}/announce")
    assert refused.status_code == 422
    assert "potential_danger" in refused.json()["fields"]
    patch = client.patch(f"/api/v1/announcements/{created['id']}",
                         {k: v for k, v in content().items() if k not in ("title", "type")},
                         content_type="application/json",
                         HTTP_AUTHORIZATION=f"Bearer {token_for(people['ppid'])}")
    assert patch.status_code == 200, patch.json()
    done = post(people["ppid"], f"/api/v1/announcements/{created['id']}/announce")
    assert done.status_code == 200 and done.json()["status"] == "active"
    assert post(people["ppid"], f"/api/v1/announcements/{created['id']}/end",
                {"note": ""}).status_code == 422
    ended = post(people["ppid"], f"/api/v1/announcements/{created['id']}/end",
                 {"note": "Listrik menyala kembali"})
    assert ended.status_code == 200 and ended.json()["status"] == "ended"
    again = post(people["ppid"], f"/api/v1/announcements/{created['id']}/end", {"note": "x"})
    assert again.status_code == 409
