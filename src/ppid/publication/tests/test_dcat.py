"""The DCAT-AP catalog (/data/katalog.jsonld): valid JSON-LD that expands without fetching
anything, with the expected classes and properties, and only public items and documents."""

from __future__ import annotations

import pytest
from pyld import jsonld

from ppid.publication import dcat
from ppid.register import services as register
from ppid.register.constants import Category, Status

URL = "/data/katalog.jsonld"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
HYDRA = "http://www.w3.org/ns/hydra/core#"
SPDX = "http://spdx.org/rdf/terms#"
TYPE = "@type"


def no_network(url, options=None):
    raise AssertionError(f"The catalog must not need a remote document: {url}")


def graph(document) -> dict[str, dict]:
    """Every node of the flattened (fully expanded) graph by its @id."""
    flat = jsonld.flatten(document, None, {"documentLoader": no_network})
    return {node["@id"]: node for node in flat}


def values(node: dict, prop: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(prop, [])]


def one(node: dict, prop: str):
    found = values(node, prop)
    assert len(found) == 1, (prop, found)
    return found[0]


def of_type(nodes: dict, rdf_type: str) -> list[dict]:
    return [n for n in nodes.values() if rdf_type in n.get(TYPE, [])]


@pytest.fixture
def register_with_documents(make_item, people, pdf_upload, agency,
                            django_capture_on_commit_callbacks):
    agency.email = "ppid@dinas.example.go.id"
    agency.phone = "(0536) 322-1234"
    agency.save()
    item = make_item(title="Laporan Keuangan 2025", summary="Neraca dan realisasi anggaran.",
                     status=Status.DOCUMENTED, category=Category.PERIODIC, year=2025)
    with django_capture_on_commit_callbacks(execute=True):
        register.add_version(people["ppid"], item, pdf_upload("neraca.pdf"), title="Neraca")
        register.add_version(people["ppid"], item, pdf_upload("catatan.pdf"),
                             title="Catatan internal", is_public=False)
        register.transition(people["ppid"], item, Status.PUBLISHED)
    hidden = {
        "draft": make_item(title="Draf tersembunyi", status=Status.DRAFT),
        "documented": make_item(title="Belum terbit", status=Status.DOCUMENTED),
        "withdrawn": make_item(title="Sudah ditarik", status=Status.WITHDRAWN),
        "disposed": make_item(title="Sudah dimusnahkan", status=Status.DISPOSED),
        "exempt": make_item(title="Rahasia pribadi", status=Status.DOCUMENTED,
                            category=Category.EXEMPT, exemption_ground="17h"),
    }
    item.refresh_from_db()
    return item, hidden


def test_catalog_is_json_ld_that_expands_without_network(client, register_with_documents):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = response.json()
    assert isinstance(document["@context"], dict)  # inline, nothing to fetch
    expanded = jsonld.expand(document, {"documentLoader": no_network})
    assert expanded and f"{DCAT}Catalog" in expanded[0]["@type"]
    quads = jsonld.to_rdf(document, {"documentLoader": no_network,
                                     "format": "application/n-quads"})
    assert f"<{DCAT}Dataset>" in quads and f"<{DCAT}distribution>" in quads


def test_catalog_describes_the_agency(client, register_with_documents, agency):
    nodes = graph(client.get(URL).json())
    [catalog] = of_type(nodes, f"{DCAT}Catalog")
    assert catalog["@id"].endswith(URL)
    assert agency.name in one(catalog, f"{DCT}title")
    assert one(catalog, f"{DCT}description")
    publisher = nodes[one(catalog, f"{DCT}publisher")]
    assert f"{FOAF}Agent" in publisher[TYPE]
    assert one(publisher, f"{FOAF}name") == agency.name
    assert one(catalog, f"{FOAF}homepage").startswith("http://testserver/")
    assert one(catalog, f"{DCT}language").endswith("/language/IND")
    assert catalog[f"{DCT}modified"][0]["@type"] == f"{XSD}dateTime"
    assert len(values(catalog, f"{DCAT}dataset")) == 1


def test_dataset_and_distribution_fields(client, register_with_documents, agency):
    item, _ = register_with_documents
    nodes = graph(client.get(URL).json())
    [dataset] = of_type(nodes, f"{DCAT}Dataset")
    page = f"http://testserver/informasi/{item.pk}/"
    assert one(dataset, f"{DCT}identifier") == page
    assert one(dataset, f"{DCT}title") == "Laporan Keuangan 2025"
    assert dataset[f"{DCT}title"][0]["@language"] == "id"
    assert one(dataset, f"{DCT}description") == "Neraca dan realisasi anggaran."
    assert dataset[f"{DCT}issued"][0]["@type"] == f"{XSD}dateTime"
    assert dataset[f"{DCT}modified"][0]["@type"] == f"{XSD}dateTime"
    assert "Berkala" in " ".join(values(dataset, f"{DCAT}keyword")) or \
        "Periodic" in " ".join(values(dataset, f"{DCAT}keyword"))
    assert one(dataset, f"{DCAT}landingPage") == page
    publisher = nodes[one(dataset, f"{DCT}publisher")]
    assert one(publisher, f"{FOAF}name") == agency.name
    contact = nodes[one(dataset, f"{DCAT}contactPoint")]
    assert f"{VCARD}Organization" in contact[TYPE]
    assert one(contact, f"{VCARD}hasEmail") == "mailto:ppid@dinas.example.go.id"
    assert one(contact, f"{VCARD}hasTelephone") == "tel:05363221234"
    temporal = nodes[one(dataset, f"{DCT}temporal")]
    assert one(temporal, f"{DCAT}startDate") == "2025-01-01"
    assert one(temporal, f"{DCAT}endDate") == "2025-12-31"

    [distribution_id] = values(dataset, f"{DCAT}distribution")  # the internal one is left out
    distribution = nodes[distribution_id]
    assert f"{DCAT}Distribution" in distribution[TYPE]
    version = register.public_documents(item).get().current_version
    assert one(distribution, f"{DCAT}downloadURL") == \
        f"http://testserver/berkas/{version.public_id}/"
    assert one(distribution, f"{DCAT}accessURL") == one(distribution, f"{DCAT}downloadURL")
    assert one(distribution, f"{DCAT}mediaType").endswith("/media-types/application/pdf")
    assert distribution[f"{DCAT}byteSize"][0] == {"@value": str(version.size),
                                                  "@type": f"{XSD}nonNegativeInteger"}
    assert one(distribution, f"{DCT}title") == "Neraca"
    checksum = nodes[one(distribution, f"{SPDX}checksum")]
    assert one(checksum, f"{SPDX}checksumValue") == version.sha256
    assert one(checksum, f"{SPDX}algorithm") == f"{SPDX}checksumAlgorithm_sha256"


def test_only_public_items_and_documents(client, register_with_documents):
    _, hidden = register_with_documents
    text = client.get(URL).content.decode()
    for item in hidden.values():
        assert item.title not in text
        assert f"/informasi/{item.pk}/" not in text
    assert "Catatan internal" not in text


def test_empty_register_is_still_a_catalog(client, agency):
    nodes = graph(client.get(URL).json())
    [catalog] = of_type(nodes, f"{DCAT}Catalog")
    assert values(catalog, f"{DCAT}dataset") == []


def test_large_registers_are_paged_with_hydra_links(client, make_item, monkeypatch, agency):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 2)
    items = [make_item(status=Status.PUBLISHED, category=Category.ON_REQUEST)
             for _ in range(5)]
    seen = []
    url, pages = URL, 0
    while url:
        document = client.get(url).json()
        nodes = graph(document)
        [view] = of_type(nodes, f"{HYDRA}PartialCollectionView")
        assert one(view, f"{HYDRA}totalItems") == "5"
        assert one(view, f"{HYDRA}last").endswith("?page=3")
        seen += [one(d, f"{DCT}title") for d in of_type(nodes, f"{DCAT}Dataset")]
        assert len(of_type(nodes, f"{DCAT}Dataset")) <= 2
        if pages:
            assert one(view, f"{HYDRA}previous").endswith(f"?page={pages}")
        else:
            assert f"{HYDRA}previous" not in view
        nxt = values(view, f"{HYDRA}next")
        url = nxt[0].replace("http://testserver", "") if nxt else None
        pages += 1
    assert pages == 3
    assert sorted(seen) == sorted(i.title for i in items)
    assert client.get(URL + "?page=4").status_code == 404
    assert client.get(URL + "?page=0").status_code == 404
    assert client.get(URL + "?page=dua").status_code == 404
    assert client.get(URL + "?page=").status_code == 200
    assert client.head(URL + "?page=3").status_code == 200
