"""The pages: dashboard, topic, item (with its forms), dependency graph and notifications."""
from __future__ import annotations

from datetime import date
from typing import cast

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_login import login_required
from markupsafe import Markup
from werkzeug.exceptions import RequestEntityTooLarge

from tracker import edge
from tracker.domain.access import Actor
from tracker.domain.errors import (
    BadRequest,
    InvalidValue,
    TooLarge,
    TrackerError,
    UnknownItem,
    UnsupportedType,
    VersionConflict,
)
from tracker.domain.evidence import EVIDENCE, MAX_DOCUMENTS
from tracker.services import catalog, evidence, graph_view, listing, queries, recording, reporting
from tracker.services import dashboard as dashboard_service
from tracker.services import notifications as notification_service
from tracker.services.views import item_dict

from . import charts, documents, forms, graph_svg
from .auth import current_actor
from .errors import page

CHILDREN_SHOWN = 50  # the rest is one click away, in the item list with its filters and pages

bp = Blueprint("pages", __name__, template_folder="templates")
bp.register_blueprint(documents.bp)  # /bewijs/<sha256>: the documents behind the items' events


def _tracker():
    from tracker.services.context import current_tracker

    return current_tracker()


def peildatum_arg() -> date | None:
    return date_arg("peildatum", "Peildatum")


def date_arg(name: str, label: str) -> date | None:
    """The date in the query string, refused when it is no date or one the log cannot answer for."""
    value = request.args.get(name, "").strip()
    return queries.check_day(_tracker(), parse_day(value, label), label) if value else None


def parse_day(value: str, label: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadRequest(f"{label} '{value[:20]}' is geen geldige datum; gebruik JJJJ-MM-DD.") from None


@bp.app_context_processor
def navigation():
    """Links in every page's header, built once: url_for on every request cost more than the page body."""
    from flask import current_app

    links = current_app.extensions.get("tracker_links")
    if links is None:
        links = current_app.extensions["tracker_links"] = {
            "topics": [{"key": key, "short": report.short, "url": url_for("pages.topic", key=key)}
                       for key, report in catalog.BY_TOPIC.items()],
            "dashboard": url_for("pages.dashboard"), "reports": url_for("reports.index"),
            "notifications": url_for("pages.notifications"), "logout": url_for("auth.logout"),
            "css": [url_for("vendor", package="rhc-tokens", filename="index.css"),
                    url_for("vendor", package="rhc-components", filename="index.css"),
                    url_for("static", filename="site.css")],
        }
    return {"links": links, "nav_topics": lambda: links["topics"],
            "chain": chain_head}


@bp.get("/")
@login_required
def dashboard():
    tracker = _tracker()
    peildatum = peildatum_arg() or tracker.today()
    head = chain_head()["events"]
    cached = tracker.read_cache.get(("dashboard-html", peildatum))
    if cached is None or cached[0] != head:
        # The page body is the same for every reader until the next event: render it once, from one snapshot.
        board = dashboard_service.dashboard(
            tracker, peildatum, also=lambda now: [charts.draw(r.chart(now)) for r in catalog.BY_TOPIC.values()
                                                  if r.chart is not None])
        # Reviewed (B704): rendered by Jinja with autoescaping.
        body = Markup(render_template("dashboard_content.html", board=board, charts=board.also,  # nosec B704
                                      today=tracker.today()))
        cached = tracker.read_cache[("dashboard-html", peildatum)] = (head, body)
    return render_template("dashboard.html", content=cached[1])


def chain_head() -> dict:
    """The head of the log, read once per request (the footer shows it, caches are keyed on it)."""
    if "chain_head" not in g:
        g.chain_head = queries.chain_head(_tracker())
    return g.chain_head


@bp.get("/thema/<key>")
@login_required
def topic(key: str):
    tracker = _tracker()
    peildatum = peildatum_arg()
    item = queries.get_item(tracker, key, peildatum)
    if item.item.parent is not None:
        return redirect(url_for("pages.item", key=key))
    day = peildatum or tracker.today()
    declared = catalog.BY_TOPIC.get(key)
    snap = reporting.snapshot(tracker, day, declared.reads if declared else catalog.TOPICS)
    table = declared.build(snap) if declared else None
    chart = charts.draw(declared.chart(snap)) if declared and declared.chart else None
    first = listing.find(tracker, listing.Filters(parent=key, peildatum=peildatum), "uiterlijk", size=CHILDREN_SHOWN)
    children = [item_dict(p, tracker.registry, day) for p in first.rows]
    return render_template("topic.html", topic=item_dict(item, tracker.registry, day), table=table, chart=chart,
                           today=tracker.today(), children=children, children_total=first.total,
                           peildatum=day, report_name=declared.name if declared else None)


def _item_page(key: str, form_state: dict | None = None, status: int = 200):
    tracker = _tracker()
    peildatum = peildatum_arg() if form_state is None else None
    chain_head()  # the head before the reads below: live updates (live.js) start after it and miss nothing
    if peildatum is None:
        projected, view = queries.get_item(tracker, key), graph_view.graph_view(tracker, key)
    else:
        projected, view = graph_view.item_and_view_as_of(tracker, key, peildatum)
    workflow = tracker.registry(projected.item.kind)
    history = [e for e in queries.history(tracker, key) if peildatum is None or e.occurred_on <= peildatum]
    actor = current_actor()
    actions = [] if peildatum else forms.actions_for(tracker, actor, projected, workflow)
    first = listing.find(tracker, listing.Filters(parent=key, peildatum=peildatum), "uiterlijk", size=CHILDREN_SHOWN)
    on = peildatum or tracker.today()
    children = [item_dict(p, tracker.registry, on) for p in first.rows]
    labels = forms.event_labels(workflow)
    return render_template(
        "item.html", item=item_dict(projected, tracker.registry, on), workflow=workflow, history=history,
        view=view, actions=actions, children=children, more_children=first.total - len(children),
        peildatum=peildatum, form_state=form_state or {}, labels=labels, marks=forms.MARKS,
        baseline=forms.baseline(history, workflow), conditions_reopened=forms.conditions_reopened(projected),
        series=forms.series(history, workflow),
        today=tracker.today(),
        claim=documents.claim(history, workflow, projected.item.state, labels),
        documents=evidence.about(tracker, documents.named(history)),
        may_open=documents.may_open(actor, forms.ancestry(tracker, key)),
        evidence_hint=documents.hint(workflow.evidence), evidence_accept=documents.accept(workflow.evidence),
        docs=documents,
    ), status


@bp.get("/item/<key>")
@login_required
def item(key: str):
    return _item_page(key)


@bp.post("/item/<key>/vastleggen")
@edge.takes_documents
@login_required
def record(key: str):
    """One action form: its fields, and the documents it brings (stored in the same transaction as the event that
    names them, or not at all)."""
    tracker = _tracker()
    actor = cast(Actor, current_actor())  # @login_required: signed in
    submitted = forms.Submitted.from_form(request.form)
    files = documents.chosen(request.files)
    submitted.documents = [evidence.safe_name(f.filename) for f in files]
    try:
        projected = queries.get_item(tracker, key)
        uploads = _prepared(files)
        command = submitted.command(key, actor.name, tracker.registry(projected.item.kind),
                                    [u.document.sha256 for u in uploads])
        recording.record_many(tracker, [command], actor, uploads=uploads)
    except UnknownItem:
        abort(404)
    except TrackerError as error:
        state = submitted.state(error)
        if isinstance(error, VersionConflict):
            state["conflict"] = forms.changes_since(queries.history(tracker, key), submitted.version)
            state["version"] = error.details.get("current_version")
        return _item_page(key, state, edge.status_of(error))
    flash(f"Vastgelegd: {forms.event_labels(tracker.registry(projected.item.kind)).get(command.type, command.type)}.",
          "ok")
    return redirect(url_for("pages.item", key=key))


def _prepared(files: list) -> list[evidence.Upload]:
    """Each chosen file read once (digest, size, type from its content); a refusal names the field."""
    if len(files) > MAX_DOCUMENTS:
        raise InvalidValue(f"U koos {len(files)} documenten; hoogstens {MAX_DOCUMENTS} per keer.",
                           errors={EVIDENCE: [f"Hoogstens {MAX_DOCUMENTS} documenten."]})
    uploads = []
    for file in files:
        try:
            uploads.append(evidence.prepare(_tracker(), file.stream, file.filename))
        except (TooLarge, UnsupportedType) as refused:
            raise type(refused)(refused.message, errors={EVIDENCE: [refused.message]}) from None
    return uploads


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge):
    """A body larger than any request may be, refused before it was read. On the item's form: the form again,
    with what was typed and the reason beside the file field; elsewhere the error page."""
    key = (request.view_args or {}).get("key")
    if request.endpoint != "pages.record" or current_actor() is None or key is None:
        return page(413, "De aanvraag is te groot.")
    submitted = forms.Submitted.from_form(documents.fields_of_refused_body())
    limit = current_app.config["MAX_DOCUMENT_LENGTH"] // (1024 * 1024)
    refused = TooLarge(f"De gekozen documenten zijn samen groter dan {limit} MB, het maximum per keer. Er is niets "
                       "vastgelegd. Kies kleinere of minder documenten en leg de rest daarna vast met een opmerking.",
                       errors={EVIDENCE: [f"Samen groter dan {limit} MB."]})
    try:
        return _item_page(key, submitted.state(refused), 413)
    except UnknownItem:
        abort(404)


@bp.get("/item/<key>/graaf")
@login_required
def graph(key: str):
    tracker = _tracker()
    peildatum = peildatum_arg()
    view = graph_view.graph_view(tracker, key, peildatum)
    return render_template("graph.html", view=view, svg=graph_svg.render(view), peildatum=peildatum)


@bp.get("/meldingen")
@login_required
def notifications():
    found = notification_service.for_actor(_tracker(), cast(Actor, current_actor()))  # @login_required
    return render_template("notifications.html", notifications=found)
