"""The migrations and the models describe the same schema (on whichever database the suite runs)."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, Table

from tracker.storage.database import schema_revision
from tracker.storage.schema import metadata


def not_search(obj, name, type_, reflected, compare_to) -> bool:
    """The full-text index is each database's own kind of table (FTS5, tsvector), made by SQL in its migration."""
    return not (type_ == "table" and name is not None and name.startswith("search"))


def differences(engine, target):
    with engine.connect() as connection:
        options = {"compare_type": True, "include_object": not_search}
        return compare_metadata(MigrationContext.configure(connection, opts=options), target)


def test_a_migrated_database_matches_the_models(tracker):
    assert schema_revision(tracker.engine) == "0012"
    assert differences(tracker.engine, metadata) == []


def test_a_model_change_without_a_migration_is_noticed(tracker):
    drifted = MetaData()
    for table in metadata.tables.values():
        table.to_metadata(drifted)
    Table("items", drifted, Column("nieuw_veld", Integer), extend_existing=True)
    assert any(diff[0] == "add_column" and diff[3].name == "nieuw_veld"
               for diff in differences(tracker.engine, drifted))


def test_init_db_on_a_migrated_database_changes_nothing(seeded, seeded_runner):
    assert seeded_runner.invoke(args=["init-db"]).exit_code == 0
    assert schema_revision(seeded.engine) == "0012"
