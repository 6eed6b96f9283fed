"""`tracker pack`: the Bestuursraad's pack for a meeting, as one PDF."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click
from flask.cli import with_appcontext

from tracker.domain.errors import BadRequest
from tracker.services import dutch, pack_pdf
from tracker.services.context import current_tracker
from tracker.services.pack import dates

from .common import ACTING_AS, DATE, acting, handled


@click.command("pack")
@click.option("--peildatum", type=DATE, help="Stand per deze datum (standaard: vandaag).")
@click.option("--vergelijk", type=DATE,
              help="Vergelijk met deze datum (standaard: de rapportdatum ervoor, 30 juni of 31 december).")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Het PDF-bestand dat wordt geschreven ('-': standaarduitvoer).")
@ACTING_AS
@with_appcontext
@handled
def pack_command(peildatum, vergelijk, output: Path, als):
    """Maak het pakket voor de Bestuursraad: één PDF met de kerncijfers en hun verschillen, de gepubliceerde
    tabellen, de kritieke paden met risico, de achterstallige items en de correcties na vaststelling."""
    acting(als, False, {})
    tracker = current_tracker()
    day, earlier = dates(tracker, peildatum, vergelijk)
    if str(output) != "-":
        _folder(output)
    _, content = pack_pdf.document(tracker, day, earlier)
    if str(output) == "-":
        sys.stdout.buffer.write(content)
        return
    _write(output, content)
    click.echo(f"Pakket voor de Bestuursraad per {dutch.long_date(day)}, vergeleken met {dutch.long_date(earlier)}: "
               f"{output} ({len(content) // 1024} kB).")


def _folder(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BadRequest(f"De map {folder} bestaat niet; kies een bestaande map voor --output.")
    return folder


def _write(path: Path, content: bytes) -> None:
    """All or nothing: written beside the target and moved into place, so no reader sees half a PDF."""
    folder = _folder(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise BadRequest(f"Het pakket kon niet in {folder} worden geschreven: {error.strerror or error}.") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        mask = os.umask(0)  # the permissions any new file gets (mkstemp's are owner-only)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise BadRequest(f"Het pakket kon niet naar {path} worden geschreven: {error.strerror or error}.") from None
