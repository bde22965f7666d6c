"""The published register as a DCAT-AP catalog in JSON-LD (/data/katalog.jsonld).

One `dcat:Dataset` per public item, one `dcat:Distribution` per public document, built from
`public_record.item_record` so the catalog says exactly what the portal shows. The @context is
inline (no remote context to fetch). Large registers are paged (`?page=`) with a Hydra
`PartialCollectionView` (first/previous/next/last), as CKAN's DCAT harvester (ckanext-dcat)
follows it; each page holds at most PAGE_SIZE datasets, so memory stays bounded.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ppid.core.errors import NotFound
from ppid.core.http import absolute_url
from ppid.core.models import Agency
from ppid.publication.public_record import item_record, public_items_with_documents
from ppid.register import services as register

PAGE_SIZE = 1000

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "spdx": "http://spdx.org/rdf/terms#",
}
# EU authority table of languages (what DCAT-AP asks for dct:language).
LANGUAGES = {
    "id": "http://publications.europa.eu/resource/authority/language/IND",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
}
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


def catalog_url(request=None) -> str:
    return absolute_url(reverse("publication_public:catalog"), request)


def page_count(total: int) -> int:
    return max(1, math.ceil(total / PAGE_SIZE))


def _text(value: str, language: str) -> dict:
    return {"@value": value, "@language": language}


def _typed(value, datatype: str) -> dict:
    return {"@value": str(value), "@type": datatype}


def _date_time(value: str | None) -> dict | None:
    return _typed(value, "xsd:dateTime") if value else None


def _agency_nodes(agency: Agency | None, home: str) -> tuple[dict, dict]:
    """The publisher (foaf:Agent) and the contact point (vcard) of every dataset."""
    name = agency.name if agency else "PPID"
    publisher = {"@id": f"{home}#badan-publik", "@type": "foaf:Agent", "foaf:name": name}
    if agency and agency.website:
        publisher["foaf:homepage"] = {"@id": agency.website}
    contact = {"@id": f"{home}#kontak-ppid", "@type": "vcard:Organization",
               "vcard:fn": f"PPID {name}"}
    if agency and agency.email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{agency.email}"}
    phone = "".join(c for c in (agency.phone if agency else "") if c.isdigit() or c == "+")
    if any(c.isdigit() for c in phone):
        contact["vcard:hasTelephone"] = {"@id": f"tel:{phone}"}
    return publisher, contact


def _distribution(record: dict, index: int, document: dict, language: str) -> dict:
    node = {
        "@id": f"{record['url']}#dokumen-{index}",
        "@type": "dcat:Distribution",
        "dct:title": _text(document["title"], language),
        "dcat:accessURL": {"@id": document["url"]},
        "dcat:downloadURL": {"@id": document["url"]},
        "dcat:mediaType": {"@id": MEDIA_TYPES + document["media_type"]},
        "dcat:byteSize": _typed(document["size"], "xsd:nonNegativeInteger"),
        "dct:issued": _date_time(document["uploaded_at"]),
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": _typed(document["sha256"], "xsd:hexBinary"),
        },
    }
    return node


def dataset(record: dict, publisher_id: str, contact_id: str, language: str) -> dict:
    """The dcat:Dataset of one item's public record."""
    node = {
        "@id": f"{record['url']}#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": record["url"],
        "dct:title": _text(record["title"], language),
        "dct:description": _text(record["summary"] or record["title"], language),
        "dct:issued": _date_time(record["published_at"]),
        "dct:modified": _date_time(record["modified_at"]),
        "dcat:keyword": [_text(record["category_label"], language),
                         _text(record["holder_unit"], language)],
        "dct:publisher": {"@id": publisher_id},
        "dcat:contactPoint": {"@id": contact_id},
        "dcat:landingPage": {"@id": record["url"]},
        "dcat:distribution": [
            _distribution(record, index, document, language)
            for index, document in enumerate(record["documents"], start=1)
        ],
    }
    if record["year"]:
        node["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed(f"{record['year']:04d}-01-01", "xsd:date"),
            "dcat:endDate": _typed(f"{record['year']:04d}-12-31", "xsd:date"),
        }
    return {key: value for key, value in node.items() if value is not None}


def catalog_page(page: int = 1, request=None) -> dict:
    """One page of the catalog (page 1 is the whole catalog while it has ≤ PAGE_SIZE items).

    Raises NotFound for a page past the last.
    """
    items = register.public_items()
    total = items.count()
    pages = page_count(total)
    if page < 1 or page > pages:
        raise NotFound(_("This page of the catalog does not exist."))
    language = settings.LANGUAGE_CODE.split("-")[0]
    agency = Agency.current()
    home = absolute_url(reverse("portal:home"), request)
    base = catalog_url(request)
    publisher, contact = _agency_nodes(agency, home)
    chosen = (public_items_with_documents().order_by("pk")
              [(page - 1) * PAGE_SIZE:page * PAGE_SIZE])
    with translation.override(language):  # category labels in the catalog's language
        records = [item_record(item, request) for item in chosen]
        name = agency.name if agency else "PPID"
        title = str(_("Public information list (DIP) of %(agency)s") % {"agency": name})
        description = str(_(
            "Information published by %(agency)s under Law 14/2008 on Public Information "
            "Disclosure: each dataset is an item of the public information list, with its "
            "documents.") % {"agency": name})
    modified = items.aggregate(last=Max("updated_at"))["last"]
    if modified is None and agency is not None:
        modified = agency.updated_at
    doc = {
        "@context": CONTEXT,
        "@id": base,
        "@type": "dcat:Catalog",
        "dct:title": _text(title, language),
        "dct:description": _text(description, language),
        "dct:publisher": publisher,
        "foaf:homepage": {"@id": home},
        "dct:language": {"@id": LANGUAGES.get(language, LANGUAGES["id"])},
        "dct:modified": _date_time(modified.isoformat()) if modified else None,
        "dcat:dataset": [dataset(r, publisher["@id"], contact["@id"], language)
                         for r in records],
        "dcat:contactPoint": contact,
        "hydra:view": _view(base, page, pages, total),
    }
    return {key: value for key, value in doc.items() if value is not None}


def _view(base: str, page: int, pages: int, total: int) -> dict:
    def at(number: int) -> dict:
        return {"@id": f"{base}?page={number}"}

    view = {
        "@id": at(page)["@id"],
        "@type": "hydra:PartialCollectionView",
        "hydra:totalItems": _typed(total, "xsd:nonNegativeInteger"),
        "hydra:itemsPerPage": _typed(PAGE_SIZE, "xsd:nonNegativeInteger"),
        "hydra:first": at(1),
        "hydra:last": at(pages),
    }
    if page > 1:
        view["hydra:previous"] = at(page - 1)
    if page < pages:
        view["hydra:next"] = at(page + 1)
    return view
