"""Factories build data through the same services as the site (DESIGN §3.1)."""

from __future__ import annotations

import factory
from django.utils import timezone

from clearinghouse.accounts.models import Organisation, Role, RoleAssignment, User
from clearinghouse.accounts.permissions import clear_role_cache
from clearinghouse.knowledge import services as knowledge
from clearinghouse.knowledge.models import RecordKind


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.NGO
    country_id = "KE"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.LazyAttribute(lambda o: o.email)
    display_name = factory.Sequence(lambda n: f"Person {n}")
    email_confirmed_at = factory.LazyFunction(timezone.now)
    is_active = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def grant(user, role: str, country: str | None = None, convention: str | None = None) -> User:
    RoleAssignment.objects.create(user=user, role=role, country_id=country, convention_id=convention)
    clear_role_cache(user)
    return user


def focal_point(country: str = "KE", convention: str = "CBD", **kwargs) -> User:
    return grant(UserFactory(country_id=country, **kwargs), Role.FOCAL_POINT, country, convention)


def authorised_user(country: str = "KE", **kwargs) -> User:
    return grant(UserFactory(country_id=country, **kwargs), Role.AUTHORISED_USER, country)


def secretariat(**kwargs) -> User:
    return grant(UserFactory(**kwargs), Role.SECRETARIAT)


def moderator(**kwargs) -> User:
    return grant(UserFactory(**kwargs), Role.MODERATOR)


def partner(**kwargs) -> User:
    return grant(UserFactory(**kwargs), Role.PARTNER)


def make_record(*, owner=None, country: str | None = "KE", kind: str = RecordKind.GOOD_PRACTICE,
                publish: bool = False, publisher=None, **data):
    owner = owner or (authorised_user(country) if country else secretariat())
    data.setdefault("title", "Community-managed mangrove restoration")
    data.setdefault("summary", "Villages replant and guard mangroves along the coast.")
    data.setdefault("body", "Fishers' groups run **nurseries** and patrols.")
    if kind == RecordKind.TRADITIONAL_KNOWLEDGE:
        data.setdefault("consent_statement", "Shared with the prior and informed consent of the elders' council.")
    record = knowledge.record_create(actor=owner, kind=kind, country=country, data=data)
    if publish:
        publisher = publisher or (focal_point(country) if country else secretariat())
        record = knowledge.record_publish(actor=publisher, record=record)
    return record


def member_of(organisation, user=None, *, role: str = "member"):
    """An approved member of an organisation, granted by the secretariat through the service."""
    from clearinghouse.accounts import services as account_services

    user = user or UserFactory()
    account_services.membership_grant(actor=secretariat(), user=user, organisation=organisation, role=role)
    return user
