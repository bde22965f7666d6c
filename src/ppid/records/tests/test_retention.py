"""Effective retention: the item's own period, else its category's, else permanent."""

from datetime import date

import pytest

from ppid.core.errors import InvalidInput, NotAllowed
from ppid.records import services
from ppid.records.models import CategoryRetention
from ppid.records.tests.conftest import TODAY
from ppid.register.constants import Category, Status
from ppid.register.models import InformationItem
from ppid.register.tests.factories import ExemptItemFactory

pytestmark = pytest.mark.django_db


def test_item_period_wins_over_category_and_empty_means_category(make_item):
    CategoryRetention.objects.create(category=Category.PERIODIC, years=10)
    own = make_item(category=Category.PERIODIC, retention_years=3, year=2020)
    follows = make_item(category=Category.PERIODIC, retention_years=None, year=2020)
    permanent = make_item(category=Category.ON_REQUEST, retention_years=None, year=2020)
    assert own.effective_retention_years == 3
    assert follows.effective_retention_years == 10
    assert permanent.effective_retention_years is None
    assert services.retention_end(own) == date(2023, 12, 31)
    assert services.retention_end(follows) == date(2030, 12, 31)
    assert services.retention_end(permanent) is None
    assert follows.retention_display == "10 years" and permanent.retention_display == "Permanent"


def test_category_without_period_is_permanent(make_item):
    CategoryRetention.objects.create(category=Category.PERIODIC, years=None)
    item = make_item(category=Category.PERIODIC, retention_years=None, year=1990)
    assert item.effective_retention_years is None
    assert not services.is_past_retention(item, TODAY)


def test_end_counts_from_the_date_made_or_the_end_of_the_year(make_item):
    dated = make_item(made_on=date(2016, 6, 14), year=2016, retention_years=10)
    undated = make_item(year=2016, retention_years=10)
    leap = make_item(made_on=date(2016, 2, 29), year=2016, retention_years=3)
    assert services.retention_end(dated) == date(2026, 6, 14)
    assert services.is_past_retention(dated, TODAY)  # ended the day before
    assert not services.is_past_retention(dated, date(2026, 6, 14))
    assert services.retention_end(undated) == date(2026, 12, 31)
    assert not services.is_past_retention(undated, TODAY)
    assert services.retention_end(leap) == date(2019, 2, 28)


def test_database_and_python_agree_on_past_retention(make_item, people):
    CategoryRetention.objects.create(category=Category.PERIODIC, years=5)
    cases = [
        dict(made_on=date(2021, 6, 14), year=2021, retention_years=5),   # ends 14 Jun 2026
        dict(made_on=date(2021, 6, 15), year=2021, retention_years=5),   # ends today
        dict(made_on=date(2021, 5, 31), year=2021, retention_years=5),
        dict(made_on=date(2020, 2, 29), year=2020, retention_years=6),   # 28 Feb 2026
        dict(year=2020, retention_years=5),                              # 31 Dec 2025
        dict(year=2021, retention_years=5),                              # 31 Dec 2026
        dict(year=2015, category=Category.PERIODIC),                     # category: 2020
        dict(year=2015, category=Category.ON_REQUEST),                   # permanent
    ]
    items = [make_item(**kwargs) for kwargs in cases]
    listed = set(services.past_retention_items(people["ppid"], TODAY).values_list("pk", flat=True))
    expected = {i.pk for i in items if services.is_past_retention(i, TODAY)}
    assert listed == expected
    assert len(expected) == 5
    for item in services.past_retention_items(people["ppid"], TODAY):
        assert services.annotated_end(item) == services.retention_end(
            InformationItem.objects.get(pk=item.pk))


def test_past_retention_list_hides_exempt_items_beyond_reach(make_item, units, people):
    public_b = make_item(title="Umum B", holder_unit=units["b"], year=2000, retention_years=1)
    exempt_a = ExemptItemFactory(title="Rahasia A", holder_unit=units["a"], year=2000,
                                 retention_years=1)
    exempt_b = ExemptItemFactory(title="Rahasia B", holder_unit=units["b"], year=2000,
                                 retention_years=1)
    make_item(title="Sudah musnah", year=2000, retention_years=1, status=Status.DISPOSED)

    def seen(role):
        return set(services.past_retention_items(people[role], TODAY)
                   .values_list("title", flat=True))

    assert seen("ppid") == {"Umum B", "Rahasia A", "Rahasia B"}
    assert seen("officer") == {"Umum B", "Rahasia A"}  # exempt only in their own unit
    assert seen("web") == {"Umum B"}
    assert seen("admin") == {"Umum B"}
    assert seen("nobody") == set()
    assert exempt_a.pk and exempt_b.pk and public_b.pk


def test_only_administrators_set_category_periods(people):
    with pytest.raises(NotAllowed):
        services.set_category_retention(people["ppid"], Category.PERIODIC, 5)
    services.set_category_retention(people["admin"], Category.PERIODIC, 5)
    assert services.category_retention_years(Category.PERIODIC) == 5
    services.set_category_retention(people["admin"], Category.PERIODIC, None)
    assert services.category_retention_years(Category.PERIODIC) is None
    with pytest.raises(InvalidInput):
        services.set_category_retention(people["admin"], Category.PERIODIC, 0)
