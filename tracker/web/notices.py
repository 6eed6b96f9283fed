"""Read and unread notifications: marking them as read (a form per notification, and one for all, so it works
without JavaScript) and the number of unread ones beside "Meldingen" in every page's navigation."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_login import login_required

from tracker.services import notifications
from tracker.services.context import ReadCache, current_tracker

from .auth import current_actor, signed_in_actor
from .pages import chain_head

bp = Blueprint("notices", __name__)
CACHED_PEOPLE = 256  # accounts whose current notifications a worker keeps between two events


@bp.post("/meldingen/gelezen")
@login_required
def mark_read():
    # Like every form, it carries a CSRF token, checked by CSRFProtect before this view runs.
    everything = request.form.get("alles") == "ja"
    ids = None if everything else [i for i in request.form.getlist("melding") if i]
    if ids == []:
        flash("Kies een melding om als gelezen te markeren.", "error")
        return redirect(url_for("pages.notifications"))
    marked = notifications.mark_read(current_tracker(), signed_in_actor(), ids)
    flash("Alle meldingen zijn gemarkeerd als gelezen." if everything else
          "Melding gemarkeerd als gelezen." if marked else "Die melding was al gelezen.", "ok")
    return redirect(url_for("pages.notifications"))


@bp.app_context_processor
def unread_in_navigation():
    """`unread_notifications()`: called by the navigation only when someone is signed in."""
    return {"unread_notifications": unread_count}


def unread_count() -> int:
    actor = current_actor()
    if actor is None:
        return 0
    tracker = current_tracker()
    # The notifications change with the log and the day; between two events a worker computes them once.
    cache = current_app.extensions.setdefault("tracker_notice_ids", ReadCache(CACHED_PEOPLE))
    key, head = (actor.name, actor.role, actor.scope, tracker.today()), chain_head()["events"]
    cached = cache.get(key)
    if cached is None or cached[0] != head:
        cached = cache[key] = (head, [n.id for n in notifications.for_actor(tracker, actor)])
    return notifications.unread(tracker, actor, cached[1])
