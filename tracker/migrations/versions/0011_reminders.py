"""reminders: an e-mail address per account, the reminders sent by e-mail with every attempt to deliver them, and
which notifications each account has read

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29

Operational records, not events: a reminder is written once per account per day, each delivery attempt is
appended. Existing accounts start without an address (a beheerder fills it in) and with nothing read.
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=320), nullable=True))
    op.create_table('reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=100), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('items', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('account', 'day', name='uq_reminders_account_day')
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminders_account'), ['account'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminders_day'), ['day'], unique=False)
    op.create_table('reminder_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reminder', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('address', sa.String(length=320), nullable=True),
    sa.Column('server', sa.String(length=300), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['reminder'], ['reminders.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reminder_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_attempts_reminder'), ['reminder'], unique=False)
    op.create_table('notification_reads',
    sa.Column('account', sa.String(length=100), nullable=False),
    sa.Column('notification', sa.String(length=200), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('account', 'notification')
    )


def downgrade() -> None:
    op.drop_table('notification_reads')
    with op.batch_alter_table('reminder_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_attempts_reminder'))
    op.drop_table('reminder_attempts')
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminders_day'))
        batch_op.drop_index(batch_op.f('ix_reminders_account'))
    op.drop_table('reminders')
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.drop_column('email')
