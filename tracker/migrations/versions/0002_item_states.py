"""item states over time (projection for reports as of a peildatum)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('item_states',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('item_key', sa.String(length=100), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('item_states', schema=None) as batch_op:
        batch_op.create_index('ix_item_states_item_date', ['item_key', 'occurred_on', 'seq'], unique=False)
    # Existing logs get their rows from `tracker init-db`, which rebuilds the projections when this
    # table is empty while events exist.


def downgrade() -> None:
    with op.batch_alter_table('item_states', schema=None) as batch_op:
        batch_op.drop_index('ix_item_states_item_date')
    op.drop_table('item_states')
