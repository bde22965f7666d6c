import factory

from ppid.core.tests.factories import UnitFactory
from ppid.register.constants import Category, ExemptionGround, Form, Status
from ppid.register.models import InformationItem


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationItem

    title = factory.Sequence(lambda n: f"Informasi Uji {n}")
    summary = "Ringkasan isi informasi untuk pengujian."
    category = Category.ON_REQUEST
    year = 2025
    status = Status.DRAFT
    holder_unit = factory.SubFactory(UnitFactory)
    responsible_official = "Kepala Bidang"
    form = Form.SOFT_COPY


class ExemptItemFactory(ItemFactory):
    category = Category.EXEMPT
    exemption_ground = ExemptionGround.H
    status = Status.DOCUMENTED
