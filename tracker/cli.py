"""The `tracker` command line. Commands are thin: parse, call one service, print."""
from __future__ import annotations

import functools
import json
import sys
from datetime import date

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext

from tracker.domain.access import Actor
from tracker.domain.errors import (
    ConfigurationError,
    DefinitionError,
    MissingField,
    NotAllowed,
    NotAuthenticated,
    TrackerError,
)
from tracker.domain.events import NewEvent
from tracker.domain.roles import BEHEERDER, ROLES
from tracker.domain.workflow import DEPENDENCY_ADDED, DEPENDENCY_REMOVED
from tracker.domain.workflow import MAINTENANCE as MAINTENANCE_MARK
from tracker.services import (
    accounts,
    board,
    catalog,
    graph_view,
    integrity,
    queries,
    recording,
    reporting,
    seeding,
    transfer,
)
from tracker.services.report_formats import FORMATS, render
from tracker.services.views import item_dict


def _tracker():
    from tracker.services.context import current_tracker

    return current_tracker()


class DateParam(click.ParamType):
    name = "JJJJ-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"'{value}' is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2025-12-31.", param, ctx)


DATE = DateParam()
FORMAT = click.Choice(["text", "json"])


def handled(command):
    """Refusals of the domain become a message on stderr and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except TrackerError as error:
            click.echo(f"Fout: {error.message}", err=True)
            sys.exit(1)

    return wrapper


def _dump(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command("init-db")
@with_appcontext
@handled
def init_db_command():
    """Maak de databasetabellen aan (bestaande gegevens blijven staan)."""
    from tracker.storage.database import create_schema

    tracker = _tracker()
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
    from flask import current_app

    result = seeding.seed(_tracker(), directory or current_app.config["SEED_DIR"])
    click.echo(f"Seed geladen: {result.added} gebeurtenissen toegevoegd, {result.present} waren er al.")


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
    tracker = _tracker()
    rows = [item_dict(p, tracker.registry)
            for p in queries.list_items(tracker, topic=topic, parent=parent, state=state, kind=kind,
                                        blocked=blocked, at_risk=at_risk, peildatum=peildatum)]
    if fmt == "json":
        _dump(rows)
        return
    for row in rows:
        progress = f"  [{row['progress']['label']}]" if row["progress"] and row["progress"]["label"] else ""
        badge = " (illustratief)" if row["illustratief"] else ""
        badge += " [geblokkeerd]" if row["blocked"] else ""
        badge += f" [RISICO: prognose {row['forecast']}]" if row["at_risk"] else ""
        click.echo(f"{row['key']:<32} {row['kind']:<16} {row['state_label']:<22} v{row['version']:<4} "
                   f"{row['title']}{badge}{progress}")


ACTING_AS = click.option("--als", required=True, envvar="TRACKER_ALS", metavar="ACCOUNT",
                         help="Het account namens wie u vastlegt (rol en bereik gelden); ook via TRACKER_ALS.")
MAINTENANCE = click.option("--onderhoud", is_flag=True,
                           help="Onderhoud door een beheerder buiten de regels van rollen en termijnen; vraagt een "
                                "toelichting en staat zo in de geschiedenis.")


def _acting(name: str, maintenance: bool, data: dict) -> Actor | None:
    """The account the command acts as. Maintenance acts outside the rules of roles, dates and scopes, as a
    beheerder with a reason, and the event says so."""
    actor = accounts.get(_tracker(), name)
    if actor is None:
        raise NotAuthenticated(f"Account {name} bestaat niet of is gedeactiveerd; maak het aan met "
                               "'tracker user create'.")
    if not maintenance:
        return actor
    if actor.role != BEHEERDER:
        raise NotAllowed("Onderhoud (--onderhoud) is voorbehouden aan een beheerder.")
    if not data.get("toelichting"):
        raise MissingField("Onderhoud (--onderhoud) vraagt een toelichting: --set toelichting=... of --toelichting.",
                           errors={"toelichting": ["Verplicht bij onderhoud."]})
    data[MAINTENANCE_MARK] = True
    return None


def _parse_sets(values: tuple[str, ...]) -> dict[str, str]:
    data: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"'{value}' moet de vorm veld=waarde hebben.", param_hint="--set")
        if name.strip() in data:
            raise click.BadParameter(f"veld '{name.strip()}' is meer dan eens opgegeven.", param_hint="--set")
        data[name.strip()] = text
    return data


@click.command("record")
@click.argument("item")
@click.argument("event_type", metavar="TYPE")
@click.option("--set", "sets", multiple=True, metavar="VELD=WAARDE", help="Een veld van de gebeurtenis.")
@click.option("--expected-version", type=click.IntRange(min=0), help="De versie waarvan u uitgaat.")
@click.option("--occurred-on", type=DATE, help="Datum waarop het gebeurde (standaard: vandaag).")
@ACTING_AS
@MAINTENANCE
@click.option("--idempotency-key", default=None, help="Sleutel die een herhaalde opdracht herkent.")
@with_appcontext
@handled
def record_command(item, event_type, sets, expected_version, occurred_on, als, onderhoud, idempotency_key):
    """Leg een gebeurtenis vast op ITEM, namens account --als, en toon de nieuwe versie."""
    data = _parse_sets(sets)
    actor = _acting(als, onderhoud, data)
    command = NewEvent(item, event_type, data, als, occurred_on, expected_version, idempotency_key)
    result = recording.record(_tracker(), command, actor)
    click.echo(result.event.version)


@click.command("history")
@click.argument("item")
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@with_appcontext
@handled
def history_command(item, fmt):
    """Toon de gebeurtenissen van ITEM, oudste eerst."""
    events = queries.history(_tracker(), item)
    if fmt == "json":
        _dump([e.as_dict() for e in events])
        return
    for e in events:
        reason = e.data.get("toelichting")
        fields = ", ".join(f"{k}={v}" for k, v in e.data.items() if k != "toelichting")
        click.echo(f"#{e.seq:<6} v{e.version:<3} {e.occurred_on.isoformat()}  {e.type:<26} door {e.actor}"
                   + (f"  {fields}" if fields else "") + (f"  — {reason}" if reason else ""))


@click.command("rebuild")
@with_appcontext
@handled
def rebuild_command():
    """Bereken alle projecties opnieuw uit de gebeurtenissen."""
    count = integrity.rebuild(_tracker())
    click.echo(f"Projecties opnieuw berekend: {count} items.")


@click.command("verify")
@with_appcontext
@handled
def verify_command():
    """Controleer de hashketen en de projecties; niet-nul bij de eerste afwijking."""
    result = integrity.verify(_tracker())
    if result.ok:
        click.echo(f"In orde: {result.events} gebeurtenissen, ketenkop {result.head}; "
                   "projecties gelijk aan herberekening.")
        return
    for _, message in result.problems:
        click.echo(message, err=True)
    first = result.first_bad_seq
    click.echo("Verificatie mislukt" + (f": eerste afwijkende gebeurtenis {first}." if first else "."), err=True)
    sys.exit(1)


@click.command("report", epilog="Rapporten: " + ", ".join(r.name for r in catalog.REPORTS) + ".")
@click.argument("name", metavar="NAAM")
@click.option("--peildatum", type=DATE, help="Stand per deze datum (standaard: vandaag).")
@click.option("--bekend-op", "known_on", type=DATE,
              help="Tel alleen wat uiterlijk deze dag is vastgelegd (ook voorbij een vastgestelde peildatum).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@with_appcontext
@handled
def report_command(name, peildatum, known_on, fmt):
    """Toon rapport NAAM (zie 'tracker report --help' voor de namen)."""
    click.echo(render(reporting.report(_tracker(), name, peildatum, known_on), fmt), nl=False)


@click.command("vaststellen")
@click.argument("name", metavar="NAAM")
@click.option("--peildatum", type=DATE, required=True, help="De peildatum die de Bestuursraad vaststelt.")
@ACTING_AS
@with_appcontext
@handled
def fix_command(name, peildatum, als):
    """Stel de peildatum van rapport NAAM vast: de cijfers blijven zoals ze nu zijn."""
    actor = _acting(als, False, {})
    fixed = board.fix(_tracker(), name, peildatum, actor, als)
    click.echo(f"Peildatum {peildatum.isoformat()} van {name} vastgesteld (gebeurtenis {fixed.seq}). Latere "
               "correcties op of vóór die datum worden apart getoond.")


def _dependency(item, on, als, onderhoud, reason, event_type):
    data = {"op": on}
    if reason:
        data["toelichting"] = reason
    actor = _acting(als, onderhoud, data)
    click.echo(recording.record(_tracker(), NewEvent(item, event_type, data, als, None), actor).event.version)


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
    view = graph_view.graph_view(_tracker(), item, peildatum)
    if fmt == "json":
        _dump(view)
    else:
        click.echo(graph_view.as_dot(view) if fmt == "dot" else graph_view.as_text(view), nl=False)


@click.group("user")
def user_group():
    """Accounts: aanmaken, wachtwoord, API-token, intrekken."""


@user_group.command("create")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES), help="lezer, eigenaar, auditor, cio of beheerder.")
@click.option("--scope", default=None, help="Thema of item (met wat daaronder valt) waarop het account werkt.")
@with_appcontext
@handled
def user_create(name, role, scope):
    """Maak account NAME aan."""
    actor = accounts.create(_tracker(), name, role, scope)
    click.echo(f"Account {actor.name} aangemaakt met rol {actor.role}" + (f", bereik {actor.scope}." if actor.scope
                                                                          else "."))


@user_group.command("bootstrap")
@click.option("--name", default="beheerder", show_default=True)
@with_appcontext
@handled
def user_bootstrap(name):
    """Maak een lokaal beheerdersaccount met een willekeurig wachtwoord (eenmalig getoond)."""
    created = accounts.bootstrap(_tracker(), name)
    if created is None:
        click.echo(f"Account {name} bestaat al; het wachtwoord wordt niet opnieuw getoond "
                   f"(nieuw wachtwoord: tracker user password {name}).")
    else:
        click.echo(f"Beheerdersaccount aangemaakt. Meld u aan op /aanmelden als '{name}' met wachtwoord: {created}")
        click.echo("Dit wachtwoord wordt niet opnieuw getoond.")


@user_group.command("password")
@click.argument("name")
@with_appcontext
@handled
def user_password(name):
    """Stel het wachtwoord van NAME in; het wachtwoord komt van standaardinvoer."""
    password = sys.stdin.readline().rstrip("\r\n")
    accounts.set_password(_tracker(), name, password)
    click.echo(f"Wachtwoord van {name} ingesteld.")


@user_group.command("token")
@click.argument("name")
@with_appcontext
@handled
def user_token(name):
    """Maak een nieuw API-token voor NAME en toon het eenmalig."""
    click.echo(accounts.new_token(_tracker(), name))


@user_group.command("revoke")
@click.argument("name")
@with_appcontext
@handled
def user_revoke(name):
    """Trek alle API-tokens van NAME in en beëindig zijn sessies."""
    count = accounts.revoke(_tracker(), name)
    click.echo(f"{count} token(s) van {name} ingetrokken; alle sessies van {name} zijn beëindigd.")


@user_group.command("deactivate")
@click.argument("name")
@with_appcontext
@handled
def user_deactivate(name):
    """Zet account NAME uit: geen aanmelding, geen token en geen sessie werkt nog."""
    accounts.deactivate(_tracker(), name)
    click.echo(f"Account {name} is gedeactiveerd; zijn sessies en tokens werken niet meer.")


@click.command("export")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Bestand (standaard: standaarduitvoer).")
@with_appcontext
@handled
def export_command(output):
    """Schrijf alle gebeurtenissen als JSON-regels, met de ketenkop in de eerste regel."""
    header = transfer.export(_tracker(), output)
    click.echo(f"Geëxporteerd: {header['events']} gebeurtenissen, ketenkop {header['head']}.", err=True)


@click.command("import")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@with_appcontext
@handled
def import_command(source):
    """Lees een export in een lege database; de keten wordt gecontroleerd, de projecties herberekend."""
    header = transfer.import_(_tracker(), source)
    click.echo(f"Geïmporteerd: {header['events']} gebeurtenissen, ketenkop {header['head']}.")


COMMANDS = (fix_command, export_command, import_command, user_group, depend_command, undepend_command, graph_command,
            report_command, init_db_command, seed_command, items_command, record_command, history_command,
            rebuild_command, verify_command)


def init_app(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)


def _create_app():
    from tracker import create_app

    return create_app()


cli = FlaskGroup(create_app=_create_app, add_version_option=False, load_dotenv=False,
                 help="Volgsysteem voor verbetertrajecten van Defensie.")


def main() -> None:
    try:
        cli.main(prog_name="tracker")
    except DefinitionError as error:
        click.echo(f"Fout in workflowdefinitie: {error.message}", err=True)
        sys.exit(2)
    except ConfigurationError as error:
        click.echo(f"Fout in de configuratie: {error.message}", err=True)
        sys.exit(2)
