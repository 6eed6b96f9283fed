"""Who may record what: roles from the workflow definitions, scopes from the item tree."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import NotAllowed
from .naming import quoted
from .roles import BEHEERDER, LEZER, ROLES

ROLE_LABELS = {"lezer": "lezer", "eigenaar": "eigenaar", "auditor": "auditor", "rekenkamer": "Rekenkamer",
               "cio": "CIO", "beheerder": "beheerder"}


@dataclass(frozen=True, slots=True)
class Actor:
    """An authenticated account. `scope`: a topic or item key; the account acts on it and what lies under it."""

    name: str
    role: str
    scope: str | None = None

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role}")


def check_reach(actor: Actor | None, ancestry: list[str], title: Callable[[str], str] = str) -> None:
    """May this account write to this part of the tree at all? `ancestry`: the item's key, its
    parent's, ... up to its topic. `actor=None`: a trusted local caller (CLI, seed). `title`: how the message
    names an item (by its title where known)."""
    if actor is None:
        return
    if actor.role == LEZER:
        raise NotAllowed("Met de rol lezer kunt u kijken, maar niets vastleggen.", role=actor.role)
    if actor.role != BEHEERDER and actor.scope is not None and actor.scope not in ancestry:
        raise NotAllowed(f"{quoted(title(ancestry[0]))} valt buiten uw bereik ({quoted(title(actor.scope))} en wat "
                         "daaronder valt).",
                         scope=actor.scope)


def check_role(actor: Actor | None, allowed_roles: Iterable[str], what: str) -> None:
    """Does the workflow let this account's role make this change?"""
    if actor is None or actor.role == BEHEERDER:
        return
    allowed = tuple(allowed_roles)
    if actor.role not in allowed:
        names = " of ".join(ROLE_LABELS[r] for r in allowed) or "het volgsysteem zelf"
        raise NotAllowed(f"U mag {what} niet vastleggen: dit mag alleen de rol {names}.", role=actor.role,
                         allowed_roles=list(allowed))


def check_write(actor: Actor | None, allowed_roles: Iterable[str], ancestry: list[str], what: str) -> None:
    check_reach(actor, ancestry)
    check_role(actor, allowed_roles, what)
