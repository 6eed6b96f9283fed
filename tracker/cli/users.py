"""Accounts on the command line: create, password, token, revoke, deactivate."""
from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from tracker.domain.roles import ROLES
from tracker.services import accounts
from tracker.services.context import current_tracker

from .common import handled


@click.group("user")
def user_group():
    """Accounts: aanmaken, wachtwoord, API-token, intrekken."""


@user_group.command("create")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES), help="lezer, eigenaar, auditor, rekenkamer, cio of beheerder.")
@click.option("--scope", default=None, help="Thema of item (met wat daaronder valt) waarop het account werkt.")
@with_appcontext
@handled
def user_create(name, role, scope):
    """Maak account NAME aan."""
    actor = accounts.create(current_tracker(), name, role, scope)
    click.echo(f"Account {actor.name} aangemaakt met rol {actor.role}" + (f", bereik {actor.scope}." if actor.scope
                                                                          else "."))


@user_group.command("bootstrap")
@click.option("--name", default="beheerder", show_default=True)
@with_appcontext
@handled
def user_bootstrap(name):
    """Maak een lokaal beheerdersaccount met een willekeurig wachtwoord (eenmalig getoond)."""
    created = accounts.bootstrap(current_tracker(), name)
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
    accounts.set_password(current_tracker(), name, password)
    click.echo(f"Wachtwoord van {name} ingesteld.")


@user_group.command("token")
@click.argument("name")
@with_appcontext
@handled
def user_token(name):
    """Maak een nieuw API-token voor NAME en toon het eenmalig."""
    click.echo(accounts.new_token(current_tracker(), name))


@user_group.command("revoke")
@click.argument("name")
@with_appcontext
@handled
def user_revoke(name):
    """Trek alle API-tokens van NAME in en beëindig zijn sessies."""
    count = accounts.revoke(current_tracker(), name)
    click.echo(f"{count} token(s) van {name} ingetrokken; alle sessies van {name} zijn beëindigd.")


@user_group.command("deactivate")
@click.argument("name")
@with_appcontext
@handled
def user_deactivate(name):
    """Zet account NAME uit: geen aanmelding, geen token en geen sessie werkt nog."""
    accounts.deactivate(current_tracker(), name)
    click.echo(f"Account {name} is gedeactiveerd; zijn sessies en tokens werken niet meer.")
