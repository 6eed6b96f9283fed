"""Accounts on the command line: create, password, one-time link, token, revoke, deactivate."""
from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from tracker.domain.roles import ROLES
from tracker.services import account_admin, accounts, dutch
from tracker.services.context import current_tracker

from .common import handled


@click.group("user")
def user_group():
    """Accounts: aanmaken, wachtwoord, API-token, intrekken."""


@user_group.command("create")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES),
              help="lezer, eigenaar, auditor, rekenkamer, cio of beheerder.")
@click.option("--scope", default=None, help="Thema of item (met wat daaronder valt) waarop het account werkt.")
@click.option("--naam", "display_name", default=None, metavar="WEERGAVENAAM",
              help="De naam die de geschiedenis toont, bijvoorbeeld \"J. de Vries (DMO)\".")
@click.option("--email", default=None, metavar="ADRES", help="E-mailadres voor de dagelijkse herinneringen.")
@with_appcontext
@handled
def user_create(name, role, scope, display_name, email):
    """Maak account NAME aan."""
    actor = accounts.create(current_tracker(), name, role, scope, display_name, email)
    click.echo(f"Account {actor.name} aangemaakt met rol {actor.role}" + (f", bereik {actor.scope}." if actor.scope
                                                                          else "."))
    click.echo(f"Nog nodig voordat {actor.name} kan aanmelden: een wachtwoord (tracker user password {actor.name}) "
               f"of een eenmalige link (tracker user link {actor.name}).")


@user_group.command("email")
@click.argument("name")
@click.argument("address", metavar="ADRES")
@with_appcontext
@handled
def user_email(name, address):
    """Geef NAME het e-mailadres ADRES voor herinneringen ("" haalt het adres weg)."""
    stored = accounts.set_email(current_tracker(), name, address)
    click.echo(f"E-mailadres van {name}: {stored}." if stored else f"{name} heeft geen e-mailadres meer en krijgt "
               "geen herinneringen per e-mail.")


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


@user_group.command("link")
@click.argument("name")
@with_appcontext
@handled
def user_link(name):
    """Maak een eenmalige link waarmee NAME zelf een wachtwoord instelt (72 uur geldig) en toon die eenmalig."""
    issued = account_admin.new_link(current_tracker(), name)
    click.echo(account_admin.link_url(issued.token, current_app.config.get("BASE_URL")))
    click.echo(f"De link werkt één keer, tot {dutch.moment(issued.expires_at)}; een eerdere link van {name} werkt "
               "niet meer. Zonder TRACKER_BASE_URL is dit alleen het pad: zet het adres van het volgsysteem ervoor.",
               err=True)


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
