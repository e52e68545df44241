"""Fill the published access fields from what was published: visibility and community from the latest
published snapshot. The people a restricted record names were never snapshotted; the working copy's list is
the best knowledge we have (it can only have been changed by the record's own editors)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Record = apps.get_model("knowledge", "Record")
    RecordRevision = apps.get_model("knowledge", "RecordRevision")
    Organisation = apps.get_model("accounts", "Organisation")
    for record in Record.objects.filter(revision__gt=0).iterator():
        rev = RecordRevision.objects.filter(record=record, revision=record.revision).first()
        data = rev.data if rev else {}
        record.live_visibility = data.get("visibility") or "restricted"
        community = data.get("community")
        record.live_community_id = community if community and Organisation.objects.filter(pk=community).exists() \
            else None
        record.save(update_fields=["live_visibility", "live_community"])
        record.live_restricted_to.set(record.restricted_to.all())


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_live_access_fields_and_access_log")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
