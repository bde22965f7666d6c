"""Factories for requests. `RequestFactory` makes a received request with a real deadline."""

from datetime import datetime
from zoneinfo import ZoneInfo

import factory

from ppid.requests import services
from ppid.requests.constants import Channel, DeliveryMethod, ObtainMethod
from ppid.requests.models import Request

WIB = ZoneInfo("Asia/Jakarta")


def requester_data(**overrides) -> dict:
    """Valid portal form data (personal data included)."""
    data = {
        "requester_kind": "person",
        "name": "Siti Rahmawati",
        "id_number": "6371014101900002",
        "address": "Jl. Ahmad Yani Km 5, Banjarmasin",
        "occupation": "Wartawan",
        "phone": "081234567890",
        "email": "siti@example.org",
        "details": "Salinan laporan realisasi anggaran tahun 2025.",
        "purpose": "Bahan liputan tentang pengelolaan anggaran pendidikan.",
        "obtain_method": ObtainMethod.SOFT_COPY,
        "delivery_method": DeliveryMethod.EMAIL,
    }
    data.update(overrides)
    return data


class RequestFactory(factory.django.DjangoModelFactory):
    """A request registered through the service (number, code and deadline set)."""

    class Meta:
        model = Request

    @classmethod
    def _create(cls, model_class, *args, received_at=None, **kwargs):
        data = requester_data(**kwargs)
        received_at = received_at or datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
        return services.file_request(data, now=received_at)

    channel = Channel.PORTAL
