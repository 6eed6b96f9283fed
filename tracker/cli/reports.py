"""Reports, and fixing a report's peildatum."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from tracker.services import board, catalog, reporting
from tracker.services.context import current_tracker
from tracker.services.report_formats import FORMATS, render

from .common import ACTING_AS, DATE, acting, handled


@click.command("report", epilog="Rapporten: " + ", ".join(r.name for r in catalog.REPORTS) + ".")
@click.argument("name", metavar="NAAM")
@click.option("--peildatum", type=DATE, help="Stand per deze datum (standaard: vandaag).")
@click.option("--bekend-op", "known_on", type=DATE,
              help="Tel alleen wat uiterlijk deze dag is vastgelegd (ook voorbij een vastgestelde peildatum).")
@click.option("--vo-jaar", "vo_jaar", type=click.IntRange(2000, 2100),
              help="Het verantwoordingsonderzoek (rapport rekenkamer; standaard het laatste met oordelen).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@with_appcontext
@handled
def report_command(name, peildatum, known_on, vo_jaar, fmt):
    """Toon rapport NAAM (zie 'tracker report --help' voor de namen)."""
    click.echo(render(reporting.report(current_tracker(), name, peildatum, known_on, vo_jaar), fmt), nl=False)


@click.command("vaststellen")
@click.argument("name", metavar="NAAM")
@click.option("--peildatum", type=DATE, required=True, help="De peildatum die de Bestuursraad vaststelt.")
@ACTING_AS
@with_appcontext
@handled
def fix_command(name, peildatum, als):
    """Stel de peildatum van rapport NAAM vast: de cijfers blijven zoals ze nu zijn."""
    actor = acting(als, False, {})
    fixed = board.fix(current_tracker(), name, peildatum, actor, als)
    click.echo(f"Peildatum {peildatum.isoformat()} van {name} vastgesteld (gebeurtenis {fixed.seq}). Latere "
               "correcties op of vóór die datum worden apart getoond.")
