import factory

from ppid.core.tests.factories import UnitFactory
from ppid.register.constants import Category, ExemptionGround, Form, Status
from ppid.register.models import InformationItem


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Informasi Uji {n}")
    summary = "Ringkasan isi informasi untuk pengujian."
    category = Category.ON_REQUEST
    year = 2025
    status = Status.DRAFT
    holder_unit = factory.SubFactory(UnitFactory)
    responsible_official = "Kepala Bidang"
    form = Form.SOFT_COPY

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        """Items made by the services are indexed after commit; made here, index them now."""
        if create and extracted is not False:
            from ppid.search.services import index_items

            index_items([obj.pk])


class ExemptItemFactory(ItemFactory):
    category = Category.EXEMPT
    exemption_ground = ExemptionGround.H
    status = Status.DOCUMENTED
