"""Setting up and looking after the database: tables, seed, rebuild, verify, export and import."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from tracker.domain.errors import InvalidValue
from tracker.services import bundle, integrity, seeding, transfer
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
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Bestand (standaard: standaarduitvoer). Eindigt de naam op .tar, dan wordt het een bundel met "
                   "de gebeurtenissen én de documenten (bewijs); een database met documenten gaat alleen zo mee.")
@with_appcontext
@handled
def export_command(output):
    """Schrijf alle gebeurtenissen als JSON-regels, met de ketenkop in de eerste regel (of een .tar-bundel)."""
    tracker = current_tracker()
    if bundle.is_bundle(output):
        try:
            header, documents = bundle.export(tracker, Path(output))
        except OSError as error:  # a folder that does not exist, no permission, a full disk
            raise InvalidValue(f"Kan {output} niet schrijven ({error.strerror or error}); er is niets "
                               "geëxporteerd.") from None
        click.echo(f"Geëxporteerd: {header['events']} gebeurtenissen en {documents} documenten, ketenkop "
                   f"{header['head']}.", err=True)
        return
    with click.open_file(output, "w", encoding="utf-8", lazy=True) as out:  # opened at the first line written
        header = transfer.export(tracker, out)
    click.echo(f"Geëxporteerd: {header['events']} gebeurtenissen, ketenkop {header['head']}.", err=True)


@click.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@with_appcontext
@handled
def import_command(source):
    """Lees een export (of .tar-bundel) in een lege database; de keten en de documenten worden gecontroleerd,
    de projecties herberekend."""
    tracker = current_tracker()
    if bundle.is_bundle(source):
        header, documents = bundle.import_(tracker, Path(source))
        click.echo(f"Geïmporteerd: {header['events']} gebeurtenissen en {documents} documenten, ketenkop "
                   f"{header['head']}.")
        return
    with click.open_file(source, "r", encoding="utf-8") as lines:
        header = transfer.import_(tracker, lines)
    click.echo(f"Geïmporteerd: {header['events']} gebeurtenissen, ketenkop {header['head']}.")
