from django.db import migrations


def forwards(apps, schema_editor):
    from clearinghouse.notifications.groups import ensure_standard_groups

    ensure_standard_groups(apps.get_model("notifications", "AddresseeGroup"), apps.get_model("core", "Convention"),
                           apps.get_model("notifications", "ReferenceSeries"))


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("core", "0002_vocabularies"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
