from datetime import date

import factory

from ppid.exemptions.constants import DecisionKind, HarmTestStatus, Scope
from ppid.exemptions.models import ExemptionDecision, HarmTest
from ppid.register.constants import ExemptionGround


class HarmTestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HarmTest

    withheld_information = "Nama dan alamat saksi pada halaman 2."
    ground = ExemptionGround.H
    legal_analysis = "Pasal 17 huruf h UU 14/2008: rahasia pribadi."
    consequence = "Pengungkapan membahayakan keselamatan saksi."
    public_interest = "Kepentingan umum tidak dirugikan oleh pengecualian bagian ini."
    participants = "PPID; PPID Pelaksana Bidang A"
    status = HarmTestStatus.SIGNED


class DecisionFactory(factory.django.DjangoModelFactory):
    """A signed exemption decision for an (already exempt) item, e.g. made by ItemFactory."""

    class Meta:
        model = ExemptionDecision

    kind = DecisionKind.EXEMPT
    scope = Scope.WHOLE
    number_year = 2026
    number_sequence = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"{o.number_sequence:03d}/SK-PPID/{o.number_year}")
    place = "Banjarbaru"
    decided_on = date(2026, 1, 5)
    ground = factory.LazyAttribute(lambda o: o.item.exemption_ground)
    exempt_until = factory.LazyAttribute(lambda o: o.item.exemption_until)
