"""idempotency keys per account: (idempotency_account, idempotency_key) unique instead of the key alone

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28

Before this revision the API stored `account:key` in idempotency_key, so account `p` with key `q:k1` and
account `p:q` with key `k1` were the same request. Existing rows keep their key as it was (their hashes cover
it) and no account; a key without an account stays unique on its own (a partial index).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# SQLite gave the old unique constraint no name: this names it while the table is copied, so it can be dropped.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
UNOWNED = sa.text("idempotency_account IS NULL")


def _old_constraint() -> str:
    return "uq_events_idempotency_key" if op.get_bind().dialect.name == "sqlite" else "events_idempotency_key_key"


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None, naming_convention=NAMING) as batch_op:
        batch_op.add_column(sa.Column('idempotency_account', sa.String(length=100), nullable=True))
        batch_op.drop_constraint(_old_constraint(), type_='unique')
        batch_op.create_unique_constraint('uq_events_idempotency', ['idempotency_account', 'idempotency_key'])
    op.create_index('uq_events_idempotency_unowned', 'events', ['idempotency_key'], unique=True,
                    sqlite_where=UNOWNED, postgresql_where=UNOWNED)


def downgrade() -> None:
    op.drop_index('uq_events_idempotency_unowned', table_name='events')
    with op.batch_alter_table('events', schema=None, naming_convention=NAMING) as batch_op:
        batch_op.drop_constraint('uq_events_idempotency', type_='unique')
        batch_op.create_unique_constraint(_old_constraint(), ['idempotency_key'])
        batch_op.drop_column('idempotency_account')
