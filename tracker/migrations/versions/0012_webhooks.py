"""webhooks: subscribers of signed webhooks, the event types each receives, and the outbox of what to deliver

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30

Operational records, not events. The outbox is filled in the transaction that appends an event, for the
subscribers there are at that moment: a subscriber receives the events recorded after it was added, so the
tables start empty.
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('webhook_subscribers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('secret', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('after_seq', sa.Integer(), nullable=False),
    sa.Column('removed_at', sa.DateTime(), nullable=True),
    sa.Column('delivered_through', sa.Integer(), nullable=False),
    sa.Column('last_delivered_at', sa.DateTime(), nullable=True),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('failing_since', sa.DateTime(), nullable=True),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('lease_owner', sa.String(length=100), nullable=True),
    sa.Column('lease_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('webhook_event_types',
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['subscriber_id'], ['webhook_subscribers.id'], ),
    sa.PrimaryKeyConstraint('subscriber_id', 'type')
    )
    op.create_table('webhook_outbox',
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('status', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('delivered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['subscriber_id'], ['webhook_subscribers.id'], ),
    sa.PrimaryKeyConstraint('subscriber_id', 'seq')
    )


def downgrade() -> None:
    op.drop_table('webhook_outbox')
    op.drop_table('webhook_event_types')
    op.drop_table('webhook_subscribers')
