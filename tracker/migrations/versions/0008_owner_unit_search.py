"""owner and unit of each item in the items projection; the full-text index of titles, reasons and plans

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28

The search index is a projection too (one row per event that carries text), so it is built by SQL of each
database's own kind: an FTS5 table on SQLite, a tsvector with the Dutch configuration and a GIN index on
PostgreSQL. It is filled on the next start (the projection's version changed).
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('unit', sa.String(length=100), nullable=True))
        batch_op.create_index(batch_op.f('ix_items_owner'), ['owner'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_unit'), ['unit'], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE search USING fts5(item_key UNINDEXED, body, "
                   "tokenize = 'unicode61 remove_diacritics 2')")
    else:
        op.execute("CREATE TABLE search (seq INTEGER PRIMARY KEY, item_key VARCHAR(100) NOT NULL, body TSVECTOR NOT NULL)")
        op.execute("CREATE INDEX ix_search_body ON search USING GIN (body)")


def downgrade() -> None:
    op.execute("DROP TABLE search")
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_items_unit'))
        batch_op.drop_index(batch_op.f('ix_items_owner'))
        batch_op.drop_column('unit')
        batch_op.drop_column('owner')
