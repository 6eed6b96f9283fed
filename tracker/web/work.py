"""Work for each person: Mijn werk, the item list with search and filters (and its exports), and recording
one event on several items at once."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import login_required

from tracker.domain.errors import BadRequest, TrackerError, VersionConflict
from tracker.domain.events import NewEvent
from tracker.services import csv_forms, dutch, listing, queries, recording, work, workbooks
from tracker.services.context import current_tracker
from tracker.services.views import item_dict

from .auth import signed_in_actor
from .pages import parse_day

bp = Blueprint("work", __name__, template_folder="templates")
YES = {"ja": True, "true": True, "1": True, "nee": False, "false": False, "0": False}
COLUMNS = [("titel", "Item"), ("soort", "Soort"), ("staat", "Staat"), ("eigenaar", "Eigenaar"),
           ("onderdeel", "Onderdeel"), ("uiterlijk", "Uiterlijk"), ("prognose", "Prognose")]
EXPORT_LIMIT = 10_000


@bp.get("/werk")
@login_required
def mine():
    actor = signed_in_actor()
    sections = work.my_work(current_tracker(), actor) if work.has_work(actor) else []
    today = current_tracker().today()
    return render_template("work.html", sections=sections, today=today,
                           rows=lambda s: [(item_dict(r.item, current_tracker().registry, today), r.why)
                                           for r in s.rows])


@bp.post("/werk/vastleggen")
@login_required
def record_several():
    """One event on several items: each its own event with its own version check, all or nothing."""
    tracker, actor = current_tracker(), signed_in_actor()
    event = request.form.get("event", "").strip()
    reason = request.form.get("toelichting", "").strip()
    chosen = request.form.getlist("items")
    back = request.form.get("terug", "") if request.form.get("terug", "").startswith("/") else url_for("work.mine")
    if not chosen:
        flash("Kies eerst een of meer items.", "error")
        return redirect(back)
    commands = []
    for value in chosen[:500]:
        key, _, version = value.rpartition(":")
        if not key or not (version.isascii() and version.isdigit()) or len(version) > 9:
            raise BadRequest(f"'{value[:60]}' is geen item met zijn versie.")
        commands.append(NewEvent(key, event, {"toelichting": reason} if reason else {}, actor.name, None,
                                 int(version)))
    try:
        recording.record_many(tracker, commands, actor)
    except VersionConflict as conflict:
        stale = conflict.details.get("item") or ""
        title = queries.get_item(tracker, stale).item.title if stale else "een van de items"
        flash(f"Niets vastgelegd: {title} is intussen gewijzigd. Bekijk het item en probeer het opnieuw.", "error")
        return redirect(back)
    except TrackerError as refused:
        flash(f"Niets vastgelegd: {refused.message}", "error")
        return redirect(back)
    flash(f"Vastgelegd op {len(commands)} items.", "ok")
    return redirect(back)


def _flag(name: str) -> bool | None:
    value = request.args.get(name, "").strip().lower()
    if value and value not in YES:
        raise BadRequest(f"{name} is ja of nee, niet '{value[:10]}'.")
    return YES.get(value)


def _day(name: str, label: str) -> date | None:
    value = request.args.get(name, "").strip()
    return parse_day(value, label) if value else None


def filters_from_request() -> listing.Filters:
    text = {name: (request.args.get(name, "").strip()[:200] or None)
            for name in ("q", "topic", "parent", "kind", "state", "unit", "owner")}
    return listing.Filters(**text, blocked=_flag("blocked"), at_risk=_flag("at_risk"), overdue=_flag("overdue"),
                           illustratief=_flag("illustratief"), deadline_from=_day("deadline_van", "Deadline vanaf"),
                           deadline_to=_day("deadline_tot", "Deadline tot en met"),
                           peildatum=_day("peildatum", "Peildatum"))


def _in_url(filters: listing.Filters) -> dict:
    """The filters as the address shows them: ja/nee and ISO dates, so a shared view reads the same."""
    names = {"deadline_from": "deadline_van", "deadline_to": "deadline_tot"}
    return {names.get(name, name): {True: "ja", False: "nee"}.get(value, value) if isinstance(value, bool) else
            value.isoformat() if isinstance(value, date) else value for name, value in filters.as_args().items()}


def _sorting() -> tuple[str, bool]:
    return request.args.get("sort", "uiterlijk"), request.args.get("desc", "") in ("1", "ja", "true")


@bp.get("/items")
@login_required
def items():
    tracker = current_tracker()
    filters = filters_from_request()
    sort, descending = _sorting()
    page = request.args.get("page", "1")
    found = listing.find(tracker, filters, sort, descending, int(page) if page.isascii() and page.isdigit()
                         and len(page) < 7 else 1)
    on = filters.peildatum or tracker.today()
    args = {**_in_url(filters), "sort": sort, **({"desc": "1"} if descending else {})}
    return render_template("items.html", found=found, rows=[item_dict(p, tracker.registry, on) for p in found.rows],
                           filters=filters, args=args, columns=COLUMNS, sort=sort, descending=descending,
                           owners=listing.owners(tracker), units=dict(listing.units(tracker)),
                           topics=listing.topics(tracker), states=listing.states(tracker, filters.kind),
                           kinds=dict(sorted(((w.kind, w.label) for w in tracker.registry), key=lambda k: k[1])))


def _export_rows() -> tuple[list[str], list[list], date]:
    tracker = current_tracker()
    filters = filters_from_request()
    sort, descending = _sorting()
    found = listing.find(tracker, filters, sort, descending, 1, listing.MAX_PAGE)
    rows = list(found.rows)
    page = 1
    while len(rows) < min(found.total, EXPORT_LIMIT):
        page += 1
        rows += listing.find(tracker, filters, sort, descending, page, listing.MAX_PAGE).rows
    on = filters.peildatum or tracker.today()
    header = ["Sleutel", "Item", "Soort", "Staat", "Eigenaar", "Onderdeel", "Uiterlijk", "Prognose", "Geblokkeerd",
              "Met risico", "Achterstallig", "Illustratief"]
    units = dict(listing.units(tracker))
    out = []
    for p in rows[:EXPORT_LIMIT]:
        d = item_dict(p, tracker.registry, on)
        unit = d["attributes"].get("onderdeel") or ""
        out.append([d["key"], d["title"], tracker.registry(p.item.kind).label, d["state_label"],
                    d["attributes"].get("eigenaar") or "", units.get(unit, unit), _iso_day(d["deadline"]),
                    _iso_day(d["forecast"]),
                    "ja" if d["blocked"] else "nee", "ja" if d["at_risk"] else "nee", "ja" if d["overdue"] else "nee",
                    "ja" if d["illustratief"] else "nee"])
    return header, out, on


def _iso_day(value: str | None) -> date | None:
    """A date as a date, so each export writes it its own way (dd-mm-jjjj, ISO, or a real date in Excel)."""
    return date.fromisoformat(value[:10]) if value else None


@bp.get("/items.csv")
@login_required
def items_csv():
    form = csv_forms.form(request.args.get("vorm"))
    header, rows, _ = _export_rows()
    return _download(csv_forms.encode(csv_forms.write(header, rows, form), form, download=True), "text/csv", "csv")


@bp.get("/items.xlsx")
@login_required
def items_xlsx():
    header, rows, on = _export_rows()
    content = workbooks.workbook("items", f"Items — stand per {dutch.long_date(on)}", header, rows)
    return _download(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")


def _download(content: bytes, mimetype: str, extension: str) -> Response:
    return Response(content, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="items-{current_tracker().today().isoformat()}.{extension}"',
        "Cache-Control": "no-store"})
