"""Bearer tokens for the API. The actor of every event is the authenticated account."""
from __future__ import annotations

from flask import g, request

from tracker.domain.access import Actor
from tracker.domain.errors import NotAuthenticated
from tracker.services import accounts


def authenticate() -> None:
    """before_request of the API blueprints: every call needs a valid token."""
    from tracker.services.context import current_tracker

    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Aanmelden vereist: stuur 'Authorization: Bearer <token>' (maak een token met "
                               "'tracker user token NAAM').")
    g.actor = accounts.by_token(current_tracker(), token.strip())


def current_actor() -> Actor:
    return g.actor
