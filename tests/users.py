"""The people tests act as: a member, an editor, an organisation's editor and a member of
a community, each a fixture (``tests/conftest.py``) made by one factory."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from expertise.permissions import ensure_editors_group
from tests.factories import CommunityFactory, OrganisationFactory

PASSWORD = "x-x-x-x-1"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up member; ``is_staff=True`` makes an editor of the platform."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    password = factory.django.Password(PASSWORD)


def organisation_editor(organisation=None, **kwargs):
    """A user in the editors group of ``organisation`` (a new one if not given)."""
    organisation = organisation or OrganisationFactory()
    user = UserFactory(**kwargs)
    user.groups.add(ensure_editors_group(organisation))
    return user


def community_with_members(**kwargs):
    """A community with a members group of its own."""
    community = CommunityFactory(**kwargs)
    community.members_group = Group.objects.create(name=f"Leden {community.title}")
    community.save(update_fields=["members_group"])
    return community


def community_member(community=None, **kwargs):
    """A user in the members group of ``community`` (a new one if not given)."""
    community = community or community_with_members()
    user = UserFactory(**kwargs)
    user.groups.add(community.members_group)
    return user
