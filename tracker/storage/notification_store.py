"""Which notifications each account has marked as read. Notifications themselves are computed from the log;
a mark names one by its identity and stays, so a notification read once is read for good."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from .operational_schema import notification_reads


def read_by(engine: Engine, account: str) -> set[str]:
    """Every notification the account has marked as read (one read by primary key prefix: the navigation asks on
    each page)."""
    with engine.connect() as connection:
        return set(connection.execute(select(notification_reads.c.notification)
                                      .where(notification_reads.c.account == account)).scalars())


def mark(engine: Engine, account: str, notifications: Iterable[str], at: datetime) -> int:
    """Mark these as read by the account; returns how many were not marked before."""
    wanted = set(notifications)
    if not wanted:
        return 0
    with engine.begin() as connection:
        known: set[str] = set(connection.execute(select(notification_reads.c.notification)
                                       .where(notification_reads.c.account == account,
                                              notification_reads.c.notification.in_(sorted(wanted)))).scalars())
        new = sorted(wanted - known)
        if new:
            try:
                connection.execute(notification_reads.insert(),
                                   [{"account": account, "notification": n, "read_at": at} for n in new])
            except IntegrityError:  # the same marks from another tab at the same moment: they are there
                return 0
    return len(new)
