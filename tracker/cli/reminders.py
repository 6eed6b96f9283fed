"""`tracker herinneringen`: the daily reminders by e-mail (run it from a timer, see docs/deploy.md)."""
from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from tracker.services import reminders, reminders_run
from tracker.services.context import current_tracker

from .common import handled


@click.command("herinneringen")
@click.option("--dagen", default=None, metavar="N",
              help=f"Items met een deadline binnen N dagen (standaard {reminders.DUE_DAYS}, of "
                   "TRACKER_REMINDER_DUE_DAYS); achterstallige items altijd.")
@click.option("--wachtdagen", default=None, metavar="N",
              help=f"Items die langer dan N dagen op een oordeel wachten (standaard {reminders.WAIT_DAYS}, of "
                   "TRACKER_REMINDER_WAIT_DAYS).")
@click.option("--droog", is_flag=True, help="Toon wat verstuurd zou worden, zonder te versturen of vast te leggen.")
@with_appcontext
@handled
def reminders_command(dagen, wachtdagen, droog):
    """Stuur elk account één herinnering per dag: eigen items die achterstallig zijn of binnenkort hun deadline
    halen, en items die te lang op een oordeel wachten. Een tweede run op dezelfde dag verstuurt alleen wat nog
    niet aankwam."""
    config = current_app.config
    due = reminders_run.days(dagen if dagen is not None else config.get("REMINDER_DUE_DAYS"), "--dagen",
                             reminders.DUE_DAYS)
    wait = reminders_run.days(wachtdagen if wachtdagen is not None else config.get("REMINDER_WAIT_DAYS"),
                              "--wachtdagen", reminders.WAIT_DAYS)
    tracker = current_tracker()
    if droog:
        base = str(config.get("BASE_URL") or "https://volgsysteem.invalid")
        previews = list(reminders_run.preview(tracker, base, due, wait))
        for digest, subject, body in previews:
            click.echo(f"Aan: {digest.account} <{digest.email or 'geen e-mailadres'}>\nOnderwerp: {subject}\n\n{body}")
        if not previews:
            click.echo(f"Geen herinneringen vandaag: niets achterstallig of binnen {due} dagen, en niets dat langer "
                       f"dan {wait} dagen op een oordeel wacht.")
        return
    outcome = reminders_run.run(tracker, reminders_run.settings(config), due, wait)
    for account, address in outcome.sent:
        click.echo(f"Verzonden aan {account} <{address}>.")
    for account, error in outcome.failed:
        click.echo(f"Niet verzonden aan {account}: {error}", err=True)
    for account in outcome.without_address:
        click.echo(f"Niet verzonden aan {account}: geen e-mailadres (tracker user email {account} ADRES).", err=True)
    click.echo(f"{len(outcome.sent)} verzonden, {len(outcome.failed)} mislukt, {len(outcome.without_address)} "
               f"zonder e-mailadres, {len(outcome.already)} eerder vandaag al verzonden.")
    if outcome.failed:
        click.echo("Mislukte herinneringen staan op /beheer/herinneringen; de volgende run vandaag probeert ze "
                   "opnieuw.", err=True)
        sys.exit(1)
