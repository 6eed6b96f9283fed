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

    def _url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def _create(self, template: str | None = None) -> str:
        name = f"t_{uuid.uuid4().hex[:16]}"
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


def for_tests(root: Path):
    url = os.environ.get(URL_VARIABLE)
    return PostgresDatabases(url) if url else SqliteDatabases(root)
