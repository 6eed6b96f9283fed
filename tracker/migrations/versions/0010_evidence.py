"""evidence: documents addressed by their SHA-256, their content in chunks, who sent them, and which event names which

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29

No event named a document before this revision (the `bewijs` field did not exist), so `event_documents`
starts empty; a rebuild fills it from the log.
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('uploaded_by', sa.String(length=100), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_uploaded_at'), ['uploaded_at'], unique=False)
    op.create_table('document_chunks',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('n', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['documents.sha256'], ),
    sa.PrimaryKeyConstraint('sha256', 'n')
    )
    op.create_table('document_uploads',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('account', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['documents.sha256'], ),
    sa.PrimaryKeyConstraint('sha256', 'account')
    )
    op.create_table('event_documents',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', 'sha256')
    )
    with op.batch_alter_table('event_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_documents_sha256'), ['sha256'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('event_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_documents_sha256'))
    op.drop_table('event_documents')
    op.drop_table('document_uploads')
    op.drop_table('document_chunks')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_uploaded_at'))
    op.drop_table('documents')
