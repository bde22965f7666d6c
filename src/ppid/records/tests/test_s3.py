"""The real flow on S3-compatible storage: moto's S3 server on a free local port."""

import socket

import boto3
import pytest
from django.core.files.storage import default_storage, storages
from storages.backends.s3 import S3Storage

from ppid.records import services
from ppid.records.models import FindingKind, FixityTrigger
from ppid.records.tests.conftest import TODAY
from ppid.register import services as register
from ppid.register.constants import Status
from ppid.register.models import DocumentVersion

pytestmark = pytest.mark.django_db
BUCKET = "ppid-arsip"
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings):
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **KEYS)
    client.create_bucket(Bucket=BUCKET)
    s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": s3_server, "region_name": "us-east-1",
                    "access_key": "testing", "secret_key": "testing", "default_acl": "private",
                    "querystring_auth": True, "file_overwrite": False},
    }
    settings.PPID_FILE_STORAGE = s3
    settings.PPID_SECURE_STORAGE = {**s3, "OPTIONS": {**s3["OPTIONS"], "location": "secure"}}
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "ppid.core.storage.RoutingStorage"}}
    yield client
    objects = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for entry in objects:
        client.delete_object(Bucket=BUCKET, Key=entry["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client) -> set[str]:
    return {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_store_verify_alter_delete_and_dispose_on_s3(bucket, make_item, people, pdf_upload,
                                                     django_capture_on_commit_callbacks):
    assert isinstance(storages["default"].files, S3Storage)
    item = make_item(title="Arsip S3", year=2010, retention_years=5, status=Status.DOCUMENTED)
    first = register.add_version(people["ppid"], item, pdf_upload("satu.pdf", "versi satu"))
    second = register.add_version(people["ppid"], item, pdf_upload("dua.pdf", "versi dua"),
                                  document=first.document)
    assert _keys(bucket) == {first.file.name, second.file.name}

    # Downloaded back through the storage API, byte for byte.
    with default_storage.open(first.file.name, "rb") as handle:
        assert handle.read() == pdf_upload("satu.pdf", "versi satu").read()

    run = services.verify_files(trigger=FixityTrigger.COMMAND)
    assert (run.checked, run.ok, run.missing, run.altered) == (2, 2, 0, 0)

    bucket.put_object(Bucket=BUCKET, Key=first.file.name, Body=b"%PDF-1.4 palsu")
    run = services.verify_files(trigger=FixityTrigger.COMMAND)
    assert (run.ok, run.altered, run.missing) == (1, 1, 0)
    assert run.findings.get().object_id == first.pk

    bucket.delete_object(Bucket=BUCKET, Key=second.file.name)
    run = services.verify_files(trigger=FixityTrigger.COMMAND)
    assert (run.ok, run.altered, run.missing) == (0, 1, 1)
    assert {f.kind for f in run.findings.all()} == {FindingKind.ALTERED, FindingKind.MISSING}

    # Disposal deletes the objects from the bucket (after the commit).
    bucket.put_object(Bucket=BUCKET, Key=second.file.name, Body=b"%PDF-1.4 kembali")
    assert _keys(bucket) == {first.file.name, second.file.name}
    disposal = services.propose_disposal(people["officer"], item, "Retensi habis", today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_disposal(people["ppid"], disposal, today=TODAY)
    assert _keys(bucket) == set()
    assert not DocumentVersion.objects.filter(document__item=item).exists()
    assert services.verify_files().checked == 0
