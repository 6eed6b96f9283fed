"""Setting up and looking after the database: tables, seed, rebuild, verify, export and import."""
from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from tracker.services import integrity, seeding, transfer
from tracker.services.context import current_tracker

from .common import handled


@click.command("init-db")
@with_appcontext
@handled
def init_db_command():
    """Maak de databasetabellen aan (bestaande gegevens blijven staan)."""
    from tracker.storage.database import create_schema

    tracker = current_tracker()
    create_schema(tracker.engine)
    if integrity.ensure_current(tracker):
        click.echo("Projecties opnieuw berekend uit de gebeurtenissen (nieuwe definities of een upgrade).")
    click.echo("Database gereed.")


@click.command("seed")
@click.option("--dir", "directory", type=click.Path(exists=True, file_okay=False), default=None,
              help="Map met seedbestanden (standaard: seed/).")
@with_appcontext
@handled
def seed_command(directory):
    """Laad de seedgegevens als gebeurtenissen (een tweede keer voegt niets toe)."""
    result = seeding.seed(current_tracker(), directory or current_app.config["SEED_DIR"])
    click.echo(f"Seed geladen: {result.added} gebeurtenissen toegevoegd, {result.present} waren er al.")


@click.command("rebuild")
@with_appcontext
@handled
def rebuild_command():
    """Bereken alle projecties opnieuw uit de gebeurtenissen."""
    count = integrity.rebuild(current_tracker())
    click.echo(f"Projecties opnieuw berekend: {count} items.")


@click.command("verify")
@with_appcontext
@handled
def verify_command():
    """Controleer de hashketen en de projecties; niet-nul bij de eerste afwijking."""
    result = integrity.verify(current_tracker())
    if result.ok:
        click.echo(f"In orde: {result.events} gebeurtenissen, ketenkop {result.head}; "
                   "projecties gelijk aan herberekening.")
        return
    for _, message in result.problems:
        click.echo(message, err=True)
    first = result.first_bad_seq
    click.echo("Verificatie mislukt" + (f": eerste afwijkende gebeurtenis {first}." if first else "."), err=True)
    sys.exit(1)


@click.command("export")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Bestand (standaard: standaarduitvoer).")
@with_appcontext
@handled
def export_command(output):
    """Schrijf alle gebeurtenissen als JSON-regels, met de ketenkop in de eerste regel."""
    header = transfer.export(current_tracker(), output)
    click.echo(f"Geëxporteerd: {header['events']} gebeurtenissen, ketenkop {header['head']}.", err=True)


@click.command("import")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@with_appcontext
@handled
def import_command(source):
    """Lees een export in een lege database; de keten wordt gecontroleerd, de projecties herberekend."""
    header = transfer.import_(current_tracker(), source)
    click.echo(f"Geïmporteerd: {header['events']} gebeurtenissen, ketenkop {header['head']}.")
