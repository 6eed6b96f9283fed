"""The `tracker` command line. Commands are thin: parse, call one service, print."""
from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import FlaskGroup

from tracker.domain.errors import ConfigurationError, DefinitionError

from .admin import export_command, import_command, init_db_command, rebuild_command, seed_command, verify_command
from .items import depend_command, graph_command, history_command, items_command, record_command, undepend_command
from .pack import pack_command
from .reminders import reminders_command
from .reports import fix_command, report_command
from .users import user_group
from .webhooks import deliver_command, webhook_group

COMMANDS = (fix_command, export_command, import_command, user_group, depend_command, undepend_command, graph_command,
            report_command, init_db_command, seed_command, items_command, record_command, history_command,
            rebuild_command, verify_command, reminders_command, pack_command, webhook_group, deliver_command)


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

