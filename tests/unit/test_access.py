"""Roles and scopes: who may record what."""
import pytest

from tracker.domain.access import Actor, check_write
from tracker.domain.errors import NotAllowed

OWNER_ROLES = ("eigenaar", "beheerder")
ANCESTRY = ["munitiebeheer-a10", "munitiebeheer", "onvolkomenheden"]


def test_trusted_local_callers_pass():
    check_write(None, (), ANCESTRY, "x")


@pytest.mark.parametrize("scope", ["munitiebeheer", "onvolkomenheden", "munitiebeheer-a10"])
def test_an_owner_writes_within_a_scope_and_what_lies_under_it(scope):
    check_write(Actor("e", "eigenaar", scope), OWNER_ROLES, ANCESTRY, "opgevolgd")


def test_an_owner_is_refused_outside_the_scope():
    with pytest.raises(NotAllowed, match="buiten uw bereik"):
        check_write(Actor("e", "eigenaar", "cryptobeheer"), OWNER_ROLES, ANCESTRY, "opgevolgd")


def test_a_reader_never_writes():
    with pytest.raises(NotAllowed, match="rol lezer kunt u kijken"):
        check_write(Actor("l", "lezer"), OWNER_ROLES, ANCESTRY, "opgevolgd")


def test_a_role_the_transition_does_not_name_is_refused():
    with pytest.raises(NotAllowed, match="eigenaar of beheerder"):
        check_write(Actor("a", "auditor"), OWNER_ROLES, ANCESTRY, "opgevolgd")


def test_the_administrator_may_do_anything_anywhere():
    check_write(Actor("b", "beheerder", "cryptobeheer"), ("auditor",), ANCESTRY, "geverifieerd")


def test_unknown_roles_cannot_exist():
    with pytest.raises(ValueError):
        Actor("x", "koning")
