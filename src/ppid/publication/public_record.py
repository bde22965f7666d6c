"""The public record of an item: the one description the change feed, the DCAT catalog, the CKAN
push and a harvesting PPID Utama all build on. Only what the portal shows publicly goes in."""

from __future__ import annotations

from django.urls import reverse

from ppid.core.http import absolute_url
from ppid.register import services as register
from ppid.register.models import InformationItem


def public_items_with_documents():
    """Public items, ready for `item_record` without a query per item."""
    return (register.public_items().select_related("holder_unit")
            .prefetch_related("documents__current_version"))


def item_record(item: InformationItem, request=None) -> dict:
    """Everything public about a public item (call only for items in `register.public_items()`)."""
    documents = []
    for document in item.documents.all():
        version = document.current_version
        if not document.is_public or version is None:  # as register.public_versions
            continue
        documents.append({
            "title": document.title,
            "url": absolute_url(reverse("portal:download", args=[version.public_id]), request),
            "file_name": version.download_name,
            "media_type": version.content_type,
            "size": version.size,
            "sha256": version.sha256,
            "version": version.number,
            "uploaded_at": version.uploaded_at.isoformat(),
        })
    return {
        "id": item.pk,
        "url": absolute_url(reverse("portal:item", args=[item.pk]), request),
        "title": item.title,
        "summary": item.summary,
        "category": item.category,
        "category_label": str(item.get_category_display()),
        "year": item.year,
        "holder_unit": item.holder_unit.name,
        "holder_official": item.holder_official,
        "responsible_official": item.responsible_official,
        "made_on": item.made_on.isoformat() if item.made_on else None,
        "made_at_place": item.made_at_place,
        "form": item.form,
        "form_label": str(item.get_form_display()),
        "retention": item.retention_display,
        "published_at": item.published_at.isoformat() if item.published_at else None,
        "modified_at": item.updated_at.isoformat(),
        "documents": documents,
    }
