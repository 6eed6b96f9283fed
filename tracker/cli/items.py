"""Items and their events: list, record, history, dependencies and the graph."""
from __future__ import annotations

from typing import Any

import click
from flask.cli import with_appcontext

from tracker.domain.events import NewEvent
from tracker.domain.workflow import DEPENDENCY_ADDED, DEPENDENCY_REMOVED
from tracker.services import accounts, evidence, graph_view, queries, recording
from tracker.services.context import current_tracker
from tracker.services.views import item_dict

from .common import ACTING_AS, DATE, FORMAT, MAINTENANCE, acting, dump, handled, parse_sets


@click.command("items")
@click.option("--topic", help="Alleen items onder dit thema.")
@click.option("--parent", help="Alleen directe onderliggende items van dit item.")
@click.option("--state", help="Alleen items in deze staat.")
@click.option("--kind", help="Alleen items van deze soort.")
@click.option("--blocked", is_flag=True, default=None, help="Alleen geblokkeerde items.")
@click.option("--at-risk", is_flag=True, default=None, help="Alleen items waarvan de prognose de deadline passeert.")
@click.option("--peildatum", type=DATE, help="Stand per deze datum (JJJJ-MM-DD).")
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@with_appcontext
@handled
def items_command(topic, parent, state, kind, blocked, at_risk, peildatum, fmt):
    """Toon items met hun staat, versie en toegestane gebeurtenissen."""
    tracker = current_tracker()
    rows = [item_dict(p, tracker.registry, peildatum or tracker.today())
            for p in queries.list_items(tracker, topic=topic, parent=parent, state=state, kind=kind,
                                        blocked=blocked, at_risk=at_risk, peildatum=peildatum)]
    if fmt == "json":
        dump(rows)
        return
    for row in rows:
        progress = f"  [{row['progress']['label']}]" if row["progress"] and row["progress"]["label"] else ""
        badge = " (illustratief)" if row["illustratief"] else ""
        badge += " [geblokkeerd]" if row["blocked"] else ""
        badge += f" [RISICO: prognose {row['forecast']}]" if row["at_risk"] else ""
        click.echo(f"{row['key']:<32} {row['kind']:<16} {row['state_label']:<22} v{row['version']:<4} "
                   f"{row['title']}{badge}{progress}")


@click.command("record")
@click.argument("item")
@click.argument("event_type", metavar="TYPE")
@click.option("--set", "sets", multiple=True, metavar="VELD=WAARDE", help="Een veld van de gebeurtenis.")
@click.option("--expected-version", type=click.IntRange(min=0), help="De versie waarvan u uitgaat.")
@click.option("--occurred-on", type=DATE, help="Datum waarop het gebeurde (standaard: vandaag).")
@ACTING_AS
@MAINTENANCE
@click.option("--idempotency-key", default=None, help="Sleutel die een herhaalde opdracht herkent.")
@click.option("--bewijs", "documents", multiple=True, type=click.File("rb"), metavar="BESTAND",
              help="Een document als bewijs (herhaalbaar); opgeslagen met de gebeurtenis.")
@with_appcontext
@handled
def record_command(item, event_type, sets, expected_version, occurred_on, als, onderhoud, idempotency_key,
                   documents):
    """Leg een gebeurtenis vast op ITEM, namens account --als, en toon de nieuwe versie."""
    tracker = current_tracker()
    data: dict[str, Any] = dict(parse_sets(sets))
    actor = acting(als, onderhoud, data)
    uploads = [evidence.prepare(tracker, document, document.name) for document in documents]
    if uploads:
        data["bewijs"] = [u.document.sha256 for u in uploads]
    command = NewEvent(item, event_type, data, als, occurred_on, expected_version, idempotency_key,
                       als if idempotency_key else None)
    result = recording.record_many(tracker, [command], actor, uploads)[0]
    click.echo(result.event.version)


@click.command("history")
@click.argument("item")
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@with_appcontext
@handled
def history_command(item, fmt):
    """Toon de gebeurtenissen van ITEM, oudste eerst."""
    events = queries.history(current_tracker(), item)
    if fmt == "json":
        dump([e.as_dict() for e in events])
        return
    shown = accounts.display_names(current_tracker())
    for e in events:
        reason = e.data.get("toelichting")
        fields = ", ".join(f"{k}={v}" for k, v in e.data.items() if k != "toelichting")
        # The account name, as the log holds it, with the display name beside it when the account has one.
        who = e.actor + (f" ({shown[e.actor]})" if shown.get(e.actor, e.actor) != e.actor else "")
        click.echo(f"#{e.seq:<6} v{e.version:<3} {e.occurred_on.isoformat()}  {e.type:<26} door {who}"
                   + (f"  {fields}" if fields else "") + (f"  — {reason}" if reason else ""))


def _dependency(item, on, als, onderhoud, reason, event_type):
    data = {"op": on}
    if reason:
        data["toelichting"] = reason
    actor = acting(als, onderhoud, data)
    click.echo(recording.record(current_tracker(), NewEvent(item, event_type, data, als, None), actor).event.version)


@click.command("depend")
@click.argument("item")
@click.option("--on", "on", required=True, help="Het item dat eerst gereed moet zijn.")
@click.option("--toelichting", "reason", default=None, help="Waarom deze afhankelijkheid bestaat.")
@ACTING_AS
@MAINTENANCE
@with_appcontext
@handled
def depend_command(item, on, reason, als, onderhoud):
    """Leg vast dat ITEM pas verder kan als --on gereed is."""
    _dependency(item, on, als, onderhoud, reason, DEPENDENCY_ADDED)


@click.command("undepend")
@click.argument("item")
@click.option("--on", "on", required=True, help="Het item waarvan ITEM niet langer afhangt.")
@click.option("--toelichting", "reason", default=None)
@ACTING_AS
@MAINTENANCE
@with_appcontext
@handled
def undepend_command(item, on, reason, als, onderhoud):
    """Verwijder de afhankelijkheid van ITEM van --on."""
    _dependency(item, on, als, onderhoud, reason, DEPENDENCY_REMOVED)


@click.command("graph")
@click.argument("item")
@click.option("--peildatum", type=DATE, help="Stand per deze datum (JJJJ-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "dot"]), default="text", show_default=True)
@with_appcontext
@handled
def graph_command(item, peildatum, fmt):
    """Toon vereisten, afhankelijken, prognose en kritiek pad van ITEM."""
    view = graph_view.graph_view(current_tracker(), item, peildatum)
    if fmt == "json":
        dump(view)
    else:
        click.echo(graph_view.as_dot(view) if fmt == "dot" else graph_view.as_text(view), nl=False)
