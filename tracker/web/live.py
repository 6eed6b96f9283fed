"""GET /live: the event stream of tracker.services.stream for the pages (the signed-in session), which
static/live.js listens to so that an open dashboard or item page shows new figures without a reload.

The pages work the same without it: the stream only tells them when to fetch themselves again."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request, stream_with_context
from flask_login import current_user

from tracker.domain.errors import NotAuthenticated
from tracker.services import accounts, stream
from tracker.services.context import current_tracker

from .auth import current_actor

bp = Blueprint("live", __name__)


@bp.record_once
def _check_settings(state) -> None:
    """A malformed stream setting stops start-up, naming the setting, instead of failing each stream."""
    stream.Settings.of(state.app.config)


@bp.get("/live")
def events():
    # Not login_required: an EventSource cannot follow a redirect to the sign-in page; it gets a 401 and stops.
    actor = current_actor()
    if actor is None:
        raise NotAuthenticated("Meld u aan om de pagina's live bij te laten werken.")
    tracker = current_tracker()
    after = stream.start_after(tracker, request.headers.get("Last-Event-ID"), request.args.get("after"))
    name, generation = actor.name, current_user.generation
    body = stream.events(tracker, actor, after, stream.Settings.of(current_app.config),
                         lambda: accounts.in_session(tracker, name, generation))  # a sign-out ends the stream
    return Response(stream_with_context(body), mimetype=stream.MEDIA_TYPE, headers=stream.HEADERS)
