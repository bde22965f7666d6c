"""Publication channels: the automatic Website record on publishing (through the function the
register change receiver calls), manual records, their validation and who may make them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict, InvalidInput, NotAllowed
from ppid.publication import announcements, channels
from ppid.publication.constants import Channel
from ppid.publication.models import ChannelRecord
from ppid.register import services as register
from ppid.register.constants import Category, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def documented(make_item):
    return make_item(title="Laporan Keuangan Semester II", category=Category.PERIODIC,
                     status=Status.DOCUMENTED)


def publish(user, item, callbacks):
    with callbacks(execute=True):
        return register.transition(user, item, Status.PUBLISHED)


def test_website_record_on_publishing(people, documented, django_capture_on_commit_callbacks):
    # Publishing records it after commit (publication.receivers).
    item = publish(people["web"], documented, django_capture_on_commit_callbacks)
    created = list(ChannelRecord.objects.filter(item=item))
    assert len(created) == 1
    record = created[0]
    assert (record.item, record.channel, record.automatic) == (item, Channel.WEBSITE, True)
    assert record.published_by == people["web"]
    assert record.published_on == timezone.localdate(item.published_at)
    assert AuditEvent.objects.filter(action=Action.CHANNEL_RECORD,
                                     object_id=str(item.pk)).count() == 1
    # Any later change of the item calls it again: still one record for this publication.
    assert channels.record_website_publications([item.pk, item.pk]) == []
    assert ChannelRecord.objects.count() == 1


def test_republishing_is_recorded_again(people, documented, django_capture_on_commit_callbacks):
    item = publish(people["ppid"], documented, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        register.transition(people["ppid"], item, Status.WITHDRAWN)
    assert channels.record_website_publications([item.pk]) == []  # not public
    item = publish(people["web"], item, django_capture_on_commit_callbacks)
    again = ChannelRecord.objects.filter(item=item).order_by("-pk").first()
    assert again.published_by == people["web"]
    assert ChannelRecord.objects.filter(item=item, channel=Channel.WEBSITE).count() == 2


def test_no_website_record_for_what_is_not_public(people, make_item):
    items = [make_item(status=Status.DOCUMENTED), make_item(status=Status.DRAFT),
             make_item(category=Category.EXEMPT, exemption_ground="17h",
                       status=Status.DOCUMENTED),
             make_item(status=Status.WITHDRAWN, published_at=timezone.now())]
    assert channels.record_website_publications([i.pk for i in items]) == []
    assert channels.record_website_publications([]) == []


def test_item_published_without_an_audited_actor(make_item):
    item = make_item(status=Status.PUBLISHED, published_at=timezone.now() - timedelta(days=3))
    [record] = channels.record_website_publications([item.pk])
    assert record.published_by is None
    assert record.published_on == timezone.localdate(item.published_at)


def test_manual_record(people, published_item):
    record = channels.record_channel(
        people["ppid"], item=published_item, channel=Channel.SOCIAL_MEDIA,
        published_on=timezone.localdate() - timedelta(days=2),
        reference="https://instagram.com/p/abc", note="Unggahan Instagram")
    assert (record.published_by, record.automatic) == (people["ppid"], False)
    event = AuditEvent.objects.get(action=Action.CHANNEL_RECORD)
    assert event.after["channel"] == Channel.SOCIAL_MEDIA
    assert event.after["reference"] == "https://instagram.com/p/abc"
    today = channels.record_channel(people["web"], item=published_item,
                                    channel=Channel.NOTICE_BOARD)
    assert today.published_on == timezone.localdate()


def test_validation(people, published_item, make_item):
    ppid = people["ppid"]
    with pytest.raises(InvalidInput) as error:
        channels.record_channel(ppid, item=published_item, channel=Channel.NOTICE_BOARD,
                                published_on=timezone.localdate() + timedelta(days=1))
    assert "published_on" in error.value.field_errors
    with pytest.raises(InvalidInput):
        channels.record_channel(ppid, item=published_item, channel="fax")
    with pytest.raises(InvalidInput):
        channels.record_channel(ppid, channel=Channel.NOTICE_BOARD)
    with pytest.raises(InvalidInput):
        channels.record_channel(ppid, item=published_item, channel=Channel.NOTICE_BOARD,
                                reference="x" * 501)
    with pytest.raises(Conflict):
        channels.record_channel(ppid, item=make_item(status=Status.DOCUMENTED),
                                channel=Channel.NOTICE_BOARD)
    draft = announcements.create(ppid, {"title": "Draf", "type": "other"})
    with pytest.raises(Conflict):
        channels.record_channel(ppid, announcement=draft, channel=Channel.SOCIAL_MEDIA)
    with pytest.raises(InvalidInput):
        channels.record_channel(ppid, item=published_item, announcement=draft,
                                channel=Channel.SOCIAL_MEDIA)
    assert not ChannelRecord.objects.exists()


def test_permissions(people, published_item):
    for name in ("officer", "unit_ppid", "head", "superior", "admin", "nobody"):
        with pytest.raises(NotAllowed):
            channels.record_channel(people[name], item=published_item,
                                    channel=Channel.NOTICE_BOARD)
    for name in ("ppid", "web"):
        channels.record_channel(people[name], item=published_item, channel=Channel.NOTICE_BOARD)
    # The automatic record needs no capability.
    assert channels.record_channel(None, item=published_item, channel=Channel.WEBSITE,
                                   automatic=True).automatic


def test_item_page_lists_channels_and_records_one(client, people, published_item):
    channels.record_channel(people["web"], item=published_item, channel=Channel.DATA_CENTER,
                            reference="https://data.go.id/dataset/laporan")
    client.force_login(people["ppid"])
    page = client.get(reverse("workspace:item", args=[published_item.pk])).content.decode()
    assert 'id="kanal"' in page and "https://data.go.id/dataset/laporan" in page
    url = reverse("publication:item_channel", args=[published_item.pk])
    assert url in page
    response = client.post(url, {"channel": Channel.NOTICE_BOARD,
                                 "published_on": timezone.localdate().isoformat(),
                                 "reference": "Papan pengumuman lobi"})
    assert response.url.endswith("#kanal")
    assert ChannelRecord.objects.filter(channel=Channel.NOTICE_BOARD).count() == 1
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    client.post(url, {"channel": Channel.NOTICE_BOARD, "published_on": future})
    assert ChannelRecord.objects.filter(channel=Channel.NOTICE_BOARD).count() == 1
    # Who may not record sees the list but not the form.
    client.force_login(people["officer"])
    page = client.get(reverse("workspace:item", args=[published_item.pk])).content.decode()
    assert "https://data.go.id/dataset/laporan" in page and url not in page
    client.post(url, {"channel": Channel.NOTICE_BOARD,
                      "published_on": timezone.localdate().isoformat()})
    assert ChannelRecord.objects.filter(channel=Channel.NOTICE_BOARD).count() == 1


def test_channel_list_filters(client, people, published_item, make_item):
    other = make_item(title="Profil Badan Publik", status=Status.PUBLISHED,
                      category=Category.PERIODIC)
    channels.record_channel(people["ppid"], item=published_item, channel=Channel.SOCIAL_MEDIA,
                            published_on=timezone.localdate() - timedelta(days=40))
    channels.record_channel(people["ppid"], item=other, channel=Channel.NOTICE_BOARD)
    client.force_login(people["officer"])
    url = reverse("publication:channels")
    everything = client.get(url).content.decode()
    assert published_item.title in everything and other.title in everything
    social = client.get(url, {"channel": Channel.SOCIAL_MEDIA}).content.decode()
    assert published_item.title in social and other.title not in social
    recent = client.get(url, {"date_from": (timezone.localdate() - timedelta(days=7))
                              .isoformat()}).content.decode()
    assert other.title in recent and published_item.title not in recent
    older = client.get(url, {"date_to": (timezone.localdate() - timedelta(days=7))
                             .isoformat()}).content.decode()
    assert published_item.title in older and other.title not in older


def test_channel_records_of_items_made_exempt_later_stay_hidden(client, people, units,
                                                                make_item):
    from ppid.core.constants import Role
    from ppid.core.tests.factories import PositionFactory, UserFactory

    item = make_item(title="Dulu terbuka", status=Status.PUBLISHED, category=Category.PERIODIC,
                     holder_unit=units["b"])
    channels.record_channel(people["ppid"], item=item, channel=Channel.NOTICE_BOARD)
    type(item).objects.filter(pk=item.pk).update(category=Category.EXEMPT,
                                                 status=Status.DOCUMENTED,
                                                 exemption_ground="17h")
    outsider = UserFactory(username="officer_outside")
    PositionFactory(user=outsider, unit=units["a"], role=Role.UNIT_OFFICER)
    client.force_login(outsider)
    assert "Dulu terbuka" not in client.get(reverse("publication:channels")).content.decode()
    client.force_login(people["ppid"])
    assert "Dulu terbuka" in client.get(reverse("publication:channels")).content.decode()


def test_api(client, people, published_item, token_for):
    def auth(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"}

    path = f"/api/v1/items/{published_item.pk}/channels"
    refused = client.post(path, {"channel": "notice_board"}, content_type="application/json",
                          **auth(people["officer"]))
    assert refused.status_code == 403
    made = client.post(path, {"channel": "social_media", "reference": "https://x.com/ppid/1"},
                       content_type="application/json", **auth(people["web"]))
    assert made.status_code == 201
    assert made.json()["published_by"] == "web"
    listed = client.get(path, **auth(people["officer"])).json()
    assert [r["channel"] for r in listed] == ["social_media"]
