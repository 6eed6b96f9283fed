"""What the commands share: dates, refusals as messages, JSON output, and acting as an account."""
from __future__ import annotations

import functools
import json
import sys
from datetime import date

import click

from tracker.domain.access import Actor
from tracker.domain.errors import MissingField, NotAllowed, NotAuthenticated, TrackerError
from tracker.domain.roles import BEHEERDER
from tracker.domain.workflow import MAINTENANCE as MAINTENANCE_MARK
from tracker.services import accounts
from tracker.services.context import current_tracker


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


def dump(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


ACTING_AS = click.option("--als", required=True, envvar="TRACKER_ALS", metavar="ACCOUNT",
                         help="Het account namens wie u vastlegt (rol en bereik gelden); ook via TRACKER_ALS.")
MAINTENANCE = click.option("--onderhoud", is_flag=True,
                           help="Onderhoud door een beheerder buiten de regels van rollen en termijnen; vraagt een "
                                "toelichting en staat zo in de geschiedenis.")


def acting(name: str, maintenance: bool, data: dict) -> Actor | None:
    """The account the command acts as. Maintenance acts outside the rules of roles, dates and scopes, as a
    beheerder with a reason, and the event says so."""
    actor = accounts.get(current_tracker(), name)
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


def parse_sets(values: tuple[str, ...]) -> dict[str, str]:
    data: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"'{value}' moet de vorm veld=waarde hebben.", param_hint="--set")
        if name.strip() in data:
            raise click.BadParameter(f"veld '{name.strip()}' is meer dan eens opgegeven.", param_hint="--set")
        data[name.strip()] = text
    return data
