"""`tracker webhook add|list|remove` (the subscribers) and `tracker webhooks-bezorgen` (the delivery process)."""
from __future__ import annotations

import signal
import sys
import threading

import click
from flask.cli import with_appcontext

from tracker.services import webhook_delivery, webhooks
from tracker.services.context import current_tracker

from .common import FORMAT, dump, handled


def _moment(value) -> str | None:
    return value.isoformat(sep=" ", timespec="seconds") if value is not None else None


def _row(subscriber) -> dict:
    return {"id": subscriber.id, "url": subscriber.url, "events": list(subscriber.types),
            "status": webhooks.status(subscriber), "failures": subscriber.failures,
            "failing_since": _moment(subscriber.failing_since), "pending": subscriber.pending,
            "delivered_through": subscriber.delivered_through,
            "last_delivered_at": _moment(subscriber.last_delivered_at),
            "next_attempt_at": _moment(subscriber.next_attempt_at), "last_error": subscriber.last_error,
            "created_at": _moment(subscriber.created_at), "created_by": subscriber.created_by}


@click.group("webhook")
def webhook_group():
    """Webhook-abonnees: ontvangers van ondertekende berichten over nieuwe gebeurtenissen (Standard Webhooks)."""


@webhook_group.command("add")
@click.argument("url")
@click.option("--events", default=None, metavar="TYPEN",
              help="Gebeurtenistypen, gescheiden door komma's (bijv. opgevolgd,geverifieerd); '*' of weglaten: alle.")
@click.option("--secret", default=None, metavar="GEHEIM",
              help="Eigen geheim (whsec_ + base64, 24 tot 64 bytes); weglaten: het volgsysteem maakt er een en toont "
                   "het eenmaal.")
@with_appcontext
@handled
def add_command(url, events, secret):
    """Voeg een ontvanger toe; die krijgt de gebeurtenissen die vanaf nu worden vastgelegd."""
    types = [name for name in (events or "").replace(" ", ",").split(",") if name]
    registered = webhooks.register(current_tracker(), url, types, secret)
    subscriber = registered.subscriber
    click.echo(f"Webhook-abonnee {subscriber.id} toegevoegd: {subscriber.url} "
               f"(gebeurtenissen: {', '.join(subscriber.types)}).")
    if registered.generated:
        click.echo("Het geheim waarmee elk bericht is ondertekend (wordt niet opnieuw getoond):", err=True)
        click.echo(registered.secret)


@webhook_group.command("list")
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@with_appcontext
@handled
def list_command(fmt):
    """Toon de ontvangers, hun status en wat op hen wacht (het geheim nooit)."""
    rows = [_row(s) for s in webhooks.overview(current_tracker())]
    if fmt == "json":
        dump(rows)
        return
    if not rows:
        click.echo("Geen webhook-abonnees.")
    for row in rows:
        state = row["status"] + (f" sinds {row['failing_since']}" if row["failing_since"] else "")
        click.echo(f"{row['id']}  {row['url']}  [{', '.join(row['events'])}]  {state}, {row['pending']} wachtend, "
                   f"bezorgd t/m gebeurtenis {row['delivered_through']}")
        if row["last_error"]:
            click.echo(f"    laatste fout: {row['last_error']} ({row['failures']} keer op rij; volgende poging "
                       f"{row['next_attempt_at']})")


@webhook_group.command("remove")
@click.argument("subscriber", metavar="ID", type=int)
@with_appcontext
@handled
def remove_command(subscriber):
    """Stop met bezorgen aan een ontvanger (wat al bezorgd is, blijft vastgelegd)."""
    webhooks.remove(current_tracker(), subscriber)
    click.echo(f"Webhook-abonnee {subscriber} verwijderd.")


def _say(outcome: webhook_delivery.Outcome) -> None:
    now = webhook_delivery.utc_now().isoformat(sep=" ", timespec="seconds")
    if outcome.database_error:
        click.echo(f"{now} database niet bereikbaar: {outcome.database_error}", err=True)
    if outcome.delivered:
        click.echo(f"{now} {outcome.delivered} bezorgd")
    for subscriber, seq, error in outcome.failed:
        click.echo(f"{now} abonnee {subscriber}, gebeurtenis {seq}: {error}", err=True)
    for subscriber in outcome.now_failing:
        click.echo(f"{now} abonnee {subscriber} faalt (wordt opnieuw geprobeerd)", err=True)
    for subscriber in outcome.recovered:
        click.echo(f"{now} abonnee {subscriber} is weer bereikbaar")


def _seconds(low: float) -> click.FloatRange:
    return click.FloatRange(min=low, max=24 * 3600)


@click.command("webhooks-bezorgen")
@click.option("--eenmaal", is_flag=True, help="Eén ronde en dan stoppen (voor cron en tests).")
@click.option("--interval", type=_seconds(0.05), default=1.0, show_default=True,
              envvar="TRACKER_WEBHOOK_INTERVAL", help="Seconden tussen rondes als er niets te bezorgen was.")
@click.option("--timeout", type=_seconds(0.1), default=10.0, show_default=True,
              envvar="TRACKER_WEBHOOK_TIMEOUT", help="Seconden voor één HTTP-verzoek.")
@click.option("--eerste-wachttijd", "first_wait", type=_seconds(0.01), default=1.0, show_default=True,
              envvar="TRACKER_WEBHOOK_FIRST_WAIT", help="Seconden voor de eerste nieuwe poging; daarna steeds dubbel.")
@click.option("--max-wachttijd", "max_wait", type=_seconds(0.01), default=300.0, show_default=True,
              envvar="TRACKER_WEBHOOK_MAX_WAIT", help="Langste wachttijd tussen pogingen (ook voor een falende).")
@click.option("--falend-na", "failing_after", type=click.IntRange(min=1, max=1000), default=5, show_default=True,
              envvar="TRACKER_WEBHOOK_FAILING_AFTER", help="Mislukte pogingen op rij waarna een abonnee 'faalt'.")
@with_appcontext
@handled
def deliver_command(eenmaal, interval, timeout, first_wait, max_wait, failing_after):
    """Bezorg de webhooks uit de outbox: per abonnee op volgorde, minstens eenmaal, ondertekend. Draait door tot
    SIGTERM of Ctrl-C; met --eenmaal één ronde."""
    settings = webhook_delivery.Settings(timeout=timeout, first_wait=first_wait, max_wait=max(max_wait, first_wait),
                                         failing_after=failing_after)
    tracker = current_tracker()
    if eenmaal:
        outcome = webhook_delivery.deliver(tracker, settings)
        _say(outcome)
        click.echo(f"{outcome.delivered} bezorgd, {len(outcome.failed)} mislukt.")
        if outcome.failed:
            sys.exit(1)
        return
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    click.echo("Webhooks bezorgen; stop met SIGTERM of Ctrl-C.")
    webhook_delivery.run(tracker, settings, stop, interval, _say)
    click.echo("Gestopt.")
