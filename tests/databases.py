"""Test databases: SQLite files by default, PostgreSQL databases when TRACKER_TEST_DATABASE_URL names a server.

`empty()` gives a migrated, empty database; `copy(url)` a copy of a prepared one (a file copy, or
CREATE DATABASE ... TEMPLATE on PostgreSQL), so each test starts from the same state quickly.
"""
from __future__ import annotations

import itertools
import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tracker.storage.database import create_schema, make_engine

URL_VARIABLE = "TRACKER_TEST_DATABASE_URL"


class SqliteDatabases:
    dialect = "sqlite"

    def __init__(self, root: Path):
        self.root = root
        self.counter = itertools.count()

    def new_url(self) -> str:
        return f"sqlite:///{self.root / f'db{next(self.counter)}.db'}"

    def empty(self) -> str:
        url = self.new_url()
        engine = make_engine(url)
        create_schema(engine)
        engine.dispose()
        return url

    def copy(self, url: str) -> str:
        target = self.new_url()
        shutil.copy(make_url(url).database, make_url(target).database)
        return target

    def cleanup(self) -> None:
        pass


class PostgresDatabases:
    dialect = "postgresql"

    def __init__(self, server_url: str):
        self.server = make_url(server_url)
        self.admin = create_engine(self.server, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []
        self._drop_leftovers()

    def _drop_leftovers(self) -> None:
        """Drop the databases of test runs that were killed before their cleanup (their process is gone):
        left alone they pile up by the hundred and keep the server's autovacuum busy."""
        with self.admin.connect() as connection:
            names = connection.execute(text(r"SELECT datname FROM pg_database WHERE datname LIKE 't\_%'")).scalars()
            for name in [n for n in names if not _owner_alive(n)]:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def _url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def _create(self, template: str | None = None) -> str:
        name = f"t_{os.getpid()}_{uuid.uuid4().hex[:12]}"  # the pid tells a later run whether we still live
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        self.created.append(name)
        return self._url(name)

    def new_url(self) -> str:
        return self._create()

    def empty(self) -> str:
        url = self._create()
        engine = make_engine(url)
        create_schema(engine)
        engine.dispose()
        return url

    def copy(self, url: str) -> str:
        return self._create(template=make_url(url).database)

    def cleanup(self) -> None:
        with self.admin.connect() as connection:
            for name in self.created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


def _owner_alive(name: str) -> bool:
    pid = name.split("_")[1]
    if not pid.isdigit() or len(name.split("_")) != 3:
        return False  # not named by this scheme: left by an older run
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    return True


def for_tests(root: Path):
    url = os.environ.get(URL_VARIABLE)
    return PostgresDatabases(url) if url else SqliteDatabases(root)
