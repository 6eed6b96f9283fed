"""The reminders by e-mail, for a beheerder: what did not arrive (with the mail server's answer), what went out in
the last days, and which accounts would get reminders but have no e-mail address. Everyone else gets 403."""
from __future__ import annotations

from typing import cast

from flask import Blueprint, g, render_template
from flask_login import login_required

from tracker.domain.access import Actor
from tracker.domain.errors import NotAllowed
from tracker.domain.roles import BEHEERDER
from tracker.services import reminders_run
from tracker.services.context import current_tracker

from .auth import current_actor

bp = Blueprint("reminder_pages", __name__, url_prefix="/beheer/herinneringen", template_folder="templates")


@bp.before_request
@login_required
def only_beheerder():
    actor = current_actor()
    if actor is None or actor.role != BEHEERDER:
        raise NotAllowed("Alleen een beheerder ziet de verzonden en mislukte herinneringen.")
    g.actor = actor


@bp.get("")
def index():
    tracker = current_tracker()
    view = reminders_run.overview(tracker, cast(Actor, g.actor))
    return render_template("reminders.html", view=view, today=tracker.today(), days=reminders_run.SHOWN_DAYS)
