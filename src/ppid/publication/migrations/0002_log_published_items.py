from django.db import migrations


def log_published(apps, schema_editor):
    """The change feed starts with every item already public."""
    Item = apps.get_model("register", "InformationItem")
    Change = apps.get_model("publication", "Change")
    ids = Item.objects.filter(status="published").exclude(category="exempt").order_by("pk")
    batch = []
    for pk in ids.values_list("pk", flat=True).iterator(chunk_size=2000):
        batch.append(Change(item_id=pk, operation="upsert"))
        if len(batch) >= 2000:
            Change.objects.bulk_create(batch)
            batch = []
    Change.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("publication", "0001_initial"),
        ("register", "0005_informationitem_refresh_months_and_more"),
    ]
    operations = [migrations.RunPython(log_published, migrations.RunPython.noop)]
