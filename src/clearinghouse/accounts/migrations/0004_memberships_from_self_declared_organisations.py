"""Existing ``User.organisation`` links were self-declared (the profile form listed every organisation), so
they cannot grant anything. Each becomes a *requested* membership, which the organisation's administrators
or the secretariat can approve; the link itself is cleared and the organisation's name kept as the free-text
``organisation_name`` so nothing the person wrote is lost."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("accounts", "OrganisationMembership")
    now = timezone.now()
    for user in User.objects.filter(organisation__isnull=False).select_related("organisation").iterator():
        Membership.objects.get_or_create(user=user, organisation=user.organisation,
                                         defaults={"state": "requested", "role": "member", "requested_at": now})
        if not user.organisation_name:
            user.organisation_name = user.organisation.name[:255]
        user.organisation = None
        user.save(update_fields=["organisation", "organisation_name"])


def backwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("accounts", "OrganisationMembership")
    for m in Membership.objects.filter(state__in=["requested", "approved"]).iterator():
        User.objects.filter(pk=m.user_id, organisation__isnull=True).update(organisation=m.organisation_id)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_organisation_membership")]
    operations = [migrations.RunPython(forwards, backwards)]
