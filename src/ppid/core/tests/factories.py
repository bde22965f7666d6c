import factory
from django.contrib.auth import get_user_model

from ppid.core.constants import Role, TimeZone
from ppid.core.models import Agency, Position, Unit

PASSWORD = "Rahasia-Uji-2026"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = "Badan Uji Keterbukaan Informasi"
    time_zone = TimeZone.WITA


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Bidang {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    title = factory.LazyAttribute(lambda o: Role(o.role).label)
    role = Role.UNIT_OFFICER
