"""Who may do what in the marketplace: one function per action, called by pages, API, import and demo."""

from __future__ import annotations

from clearinghouse.accounts.permissions import (
    acting_countries,
    is_confirmed,
    is_focal_point,
    is_moderator,
    is_partner,
    is_secretariat,
)

from .models import (
    Collaboration,
    Conversation,
    Introduction,
    Need,
    Offer,
    ProviderProfile,
    Visibility,
    Workshop,
)

Post = Need | Offer


def can_create_post(user, *, country: str | None = None, workshop: Workshop | None = None) -> bool:
    """Countries post through their focal points and authorised users; organisations and experts
    post for themselves (no country, or the country they are from)."""
    if not is_confirmed(user):
        return False
    if workshop is not None:
        if not can_post_to_workshop(user, workshop):
            return False
        if can_manage_workshop(user, workshop) and country in workshop_countries(workshop):
            return True  # the facilitator puts up the sheets of the countries in the room, no others
    if not country or is_secretariat(user):
        return True
    return country in acting_countries(user) or country == getattr(user, "country_id", None)


def workshop_countries(workshop: Workshop) -> set[str]:
    """The countries in the room: each participant's own country and the countries they act for."""
    from clearinghouse.accounts.models import User

    people = User.objects.filter(pk__in=workshop.memberships.values("user_id"))
    out = {c for c in people.values_list("country_id", flat=True) if c}
    for person in people:
        out |= set(acting_countries(person))
    return out


def can_edit_post(user, post: Post) -> bool:
    """Only the owner, the focal point of the post's country, or the secretariat."""
    if not is_confirmed(user):
        return False
    if post.owner_id == user.pk or is_secretariat(user):
        return True
    return bool(post.country_id) and is_focal_point(user, post.country_id)


def can_withdraw_post(user, post: Post) -> bool:
    return can_edit_post(user, post) and post.withdrawn_at is None


def can_renew_post(user, post: Post) -> bool:
    return can_edit_post(user, post) and post.withdrawn_at is None


def can_view_post(user, post: Post) -> bool:
    if user is not None and user.is_authenticated and can_edit_post(user, post):
        return True
    if post.withdrawn_at is not None:
        return False
    if post.visibility == Visibility.REGISTERED:
        return bool(user and user.is_authenticated)
    return True


def can_view_suggestions(user, post: Post) -> bool:
    """Suggestions are shown to anyone who can see the post (they only name other visible posts)."""
    return can_view_post(user, post)


def can_request_introduction(user, need: Need, offer: Offer) -> bool:
    """Either side of a suggestion can ask to be put in touch with the other side."""
    if not is_confirmed(user) or not (need.is_active and offer.is_active):
        return False
    if need.owner_id == offer.owner_id:
        return False
    return can_edit_post(user, need) or can_edit_post(user, offer)


def can_decide_introduction(user, introduction: Introduction) -> bool:
    return (is_confirmed(user) and introduction.recipient_id == user.pk
            and introduction.status == Introduction.Status.REQUESTED)


def can_view_introduction(user, introduction: Introduction) -> bool:
    return bool(user and user.is_authenticated) and user.pk in introduction.parties()


def can_see_contacts(user, introduction: Introduction) -> bool:
    """Contacts are exchanged only once the other side accepts."""
    return can_view_introduction(user, introduction) and introduction.status == Introduction.Status.ACCEPTED


def can_view_conversation(user, conversation: Conversation) -> bool:
    return can_see_contacts(user, conversation.introduction)


def can_post_message(user, conversation: Conversation) -> bool:
    return is_confirmed(user) and can_view_conversation(user, conversation)


def can_create_collaboration(user, introduction: Introduction) -> bool:
    return is_confirmed(user) and can_see_contacts(user, introduction)


def _party_ids(collaboration: Collaboration) -> set[int]:
    cache = getattr(collaboration, "_party_ids", None)
    if cache is None:
        cache = {p.user_id for p in collaboration.parties.all()}
        collaboration._party_ids = cache
    return cache


def is_party(user, collaboration: Collaboration) -> bool:
    return bool(user and user.is_authenticated) and user.pk in _party_ids(collaboration)


def can_view_collaboration(user, collaboration: Collaboration) -> bool:
    return is_party(user, collaboration) or is_secretariat(user)


def can_edit_collaboration(user, collaboration: Collaboration) -> bool:
    return is_confirmed(user) and (is_party(user, collaboration) or is_secretariat(user))


def can_view_public_summary(user, collaboration: Collaboration) -> bool:
    """The public summary page exists only when every party agreed to it."""
    parties = list(collaboration.parties.all())
    return bool(parties) and all(p.consents_public_at for p in parties)


def can_open_workshop(user) -> bool:
    if not is_confirmed(user):
        return False
    return (is_secretariat(user) or is_moderator(user) or is_partner(user) or bool(acting_countries(user)))


def can_manage_workshop(user, workshop: Workshop) -> bool:
    return is_confirmed(user) and (workshop.facilitator_id == user.pk or is_secretariat(user))


def can_join_workshop(user, workshop: Workshop) -> bool:
    return is_confirmed(user) and workshop.is_open


def _participant(user, workshop: Workshop) -> bool:
    if not (user and user.is_authenticated):
        return False
    return workshop.memberships.filter(user=user).exists()


def can_view_workshop(user, workshop: Workshop) -> bool:
    return can_manage_workshop(user, workshop) or _participant(user, workshop)


def can_post_to_workshop(user, workshop: Workshop) -> bool:
    return workshop.is_open and is_confirmed(user) and (
        can_manage_workshop(user, workshop) or _participant(user, workshop))


def can_save_search(user) -> bool:
    return is_confirmed(user)


def can_edit_provider_profile(user, owner) -> bool:
    """A provider keeps their own profile (for themselves or the organisation of their account);
    the secretariat can correct any."""
    if not is_confirmed(user) or owner is None:
        return False
    return owner.pk == user.pk or is_secretariat(user)


def can_view_provider_profile(user, profile: ProviderProfile) -> bool:
    """Profiles are public, like the offers they stand behind, while their owner's account is active."""
    return bool(profile.user.is_active)


def can_view_dashboard(user) -> bool:
    """Metrics are aggregates of public posts: open to everyone."""
    return True


POST_ACTIONS = {
    "view": can_view_post,
    "edit": can_edit_post,
    "withdraw": can_withdraw_post,
    "renew": can_renew_post,
}
