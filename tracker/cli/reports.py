"""Reports, and fixing a report's peildatum."""
from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from tracker.domain.errors import BadRequest
from tracker.services import board, catalog, comparison_formats, csv_forms, reporting, workbooks
from tracker.services.context import current_tracker
from tracker.services.report_formats import FORMATS, render

from .common import ACTING_AS, DATE, acting, handled


@click.command("report", epilog="Rapporten: " + ", ".join(r.name for r in catalog.REPORTS)
               + "; en vergelijking: twee peildata naast elkaar (--van, --tot).")
@click.argument("name", metavar="NAAM")
@click.option("--peildatum", type=DATE, help="Stand per deze datum (standaard: vandaag).")
@click.option("--bekend-op", "known_on", type=DATE,
              help="Tel alleen wat uiterlijk deze dag is vastgelegd (ook voorbij een vastgestelde peildatum).")
@click.option("--vo-jaar", "vo_jaar", type=click.IntRange(2000, 2100),
              help="Het verantwoordingsonderzoek (rapport rekenkamer; standaard het laatste met oordelen).")
@click.option("--van", type=DATE, help="Vergelijking: de eerste peildatum (standaard: de vorige rapportdatum).")
@click.option("--tot", type=DATE, help="Vergelijking: de tweede peildatum (standaard: vandaag).")
@click.option("--format", "fmt", type=click.Choice(FORMATS + ("xlsx",)), default="text", show_default=True,
              help="xlsx: een Excel-werkmap, naar een bestand (> rapport.xlsx).")
@click.option("--csv-vorm", "csv_vorm", type=click.Choice(list(csv_forms.FORMS)), default=csv_forms.NL.name,
              show_default=True, help="Bij --format csv: " + csv_forms.DESCRIPTION + ".")
@with_appcontext
@handled
def report_command(name, peildatum, known_on, vo_jaar, fmt, van=None, tot=None, csv_vorm=csv_forms.NL.name):
    """Toon rapport NAAM (zie 'tracker report --help' voor de namen)."""
    if name == comparison_formats.NAME or van or tot:
        form = csv_forms.FORMS[csv_vorm]
        text = comparison_formats.command(current_tracker(), name, van, tot, fmt, form, peildatum=peildatum,
                                          bekend_op=known_on, vo_jaar=vo_jaar)
        click.echo(csv_forms.encode(text, form) if fmt == "csv" else text, nl=False)
        return
    if fmt == "xlsx" and sys.stdout.isatty():
        raise BadRequest("Een Excel-werkmap is geen tekst voor het scherm; schrijf haar naar een bestand, "
                         f"bijvoorbeeld: tracker report {name} --format xlsx > {name}.xlsx")
    table = reporting.report(current_tracker(), name, peildatum, known_on, vo_jaar)
    if fmt == "xlsx":
        click.echo(workbooks.report_workbook(table), nl=False)
    elif fmt == "csv":  # bytes as they are: the form's line ends and, for nl, the byte order mark
        form = csv_forms.FORMS[csv_vorm]
        click.echo(csv_forms.encode(render(table, fmt, form), form), nl=False)
    else:
        click.echo(render(table, fmt), nl=False)


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
