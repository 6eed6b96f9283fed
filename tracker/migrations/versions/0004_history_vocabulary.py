"""item history with plan and deadline, dependency history, vocabulary, meta

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('item_states', schema=None) as batch_op:
        batch_op.add_column(sa.Column('done', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('plan', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('deadline', sa.Date(), nullable=True))
    op.create_table('dependency_history',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('dependent', sa.String(length=100), nullable=False),
    sa.Column('prerequisite', sa.String(length=100), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('dependency_history', schema=None) as batch_op:
        batch_op.create_index('ix_dependency_history_dependent', ['dependent', 'occurred_on'], unique=False)
        batch_op.create_index('ix_dependency_history_prerequisite', ['prerequisite', 'occurred_on'], unique=False)
    op.create_table('vocabulary',
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('category', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'category', 'name')
    )
    op.create_table('meta',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    # Existing logs get the new rows on their next start: the projections are recomputed whenever the
    # definitions or the projection itself changed since they were last computed (meta 'projectie').


def downgrade() -> None:
    op.drop_table('meta')
    op.drop_table('vocabulary')
    with op.batch_alter_table('dependency_history', schema=None) as batch_op:
        batch_op.drop_index('ix_dependency_history_prerequisite')
        batch_op.drop_index('ix_dependency_history_dependent')
    op.drop_table('dependency_history')
    with op.batch_alter_table('item_states', schema=None) as batch_op:
        batch_op.drop_column('deadline')
        batch_op.drop_column('plan')
        batch_op.drop_column('done')
