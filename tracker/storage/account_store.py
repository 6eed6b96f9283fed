"""Accounts, API tokens and failed sign-ins, persisted with SQLModel sessions (speed does not matter here),
except the two lookups every request makes, which are single plain statements (see tracker.storage.sql)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func
from sqlalchemy import update as sql_update
from sqlmodel import Session, select

from .schema import AccountRow, PasswordLinkRow, SignInFailureRow, TokenRow, password_links
from .sql import Sql


def find(engine: Engine, name: str) -> AccountRow | None:
    with Session(engine) as session:
        return session.get(AccountRow, name)


def add(engine: Engine, account: AccountRow) -> None:
    with Session(engine) as session:
        session.add(account)
        session.commit()


def update(engine: Engine, name: str, **values) -> bool:
    """Change fields of an account; False when there is no such account."""
    with Session(engine) as session:
        account = session.get(AccountRow, name)
        if account is None:
            return False
        for field, value in values.items():
            setattr(account, field, value)
        session.add(account)
        session.commit()
        return True


def next_generation(engine: Engine, name: str) -> bool:
    """End every session of the account: sessions signed in under an older generation are refused."""
    with Session(engine) as session:
        account = session.get(AccountRow, name)
        if account is None:
            return False
        account.session_generation += 1
        session.add(account)
        session.commit()
        return True


def add_token(engine: Engine, name: str, token_hash: str, at: datetime) -> None:
    with Session(engine) as session:
        session.add(TokenRow(account=name, token_hash=token_hash, created_at=at))
        session.commit()


def revoke_tokens(engine: Engine, name: str, at: datetime) -> int:
    with Session(engine) as session:
        tokens = session.exec(select(TokenRow).where(TokenRow.account == name,
                                                     TokenRow.revoked_at == None)).all()  # noqa: E711
        for token in tokens:
            token.revoked_at = at
            session.add(token)
        session.commit()
        return len(tokens)


def failures_since(engine: Engine, since: datetime, *, name: str | None = None, address: str | None = None) -> int:
    with Session(engine) as session:
        query = select(func.count()).select_from(SignInFailureRow).where(SignInFailureRow.failed_at >= since)
        if name is not None:
            query = query.where(SignInFailureRow.name == name)
        if address is not None:
            query = query.where(SignInFailureRow.address == address)
        return session.exec(query).one()


def add_failure(engine: Engine, name: str, address: str, at: datetime) -> None:
    with Session(engine) as session:
        session.add(SignInFailureRow(name=name, address=address, failed_at=at))
        session.commit()


def clear_failures(engine: Engine, name: str) -> None:
    with Session(engine) as session:
        for failure in session.exec(select(SignInFailureRow).where(SignInFailureRow.name == name)).all():
            session.delete(failure)
        session.commit()


def every(engine: Engine) -> list[AccountRow]:
    """All accounts, active or not, by name."""
    with Session(engine) as session:
        return list(session.exec(select(AccountRow).order_by(AccountRow.name)).all())


def display_names(engine: Engine) -> dict[str, str]:
    """Account name -> display name, for the accounts that have one."""
    with Session(engine) as session:
        rows = session.exec(select(AccountRow.name, AccountRow.display_name)
                            .where(AccountRow.display_name != None)).all()  # noqa: E711
        return {name: shown for name, shown in rows if shown}


def add_link(engine: Engine, name: str, token_hash: str, at: datetime, expires_at: datetime) -> None:
    with Session(engine) as session:
        session.add(PasswordLinkRow(account=name, token_hash=token_hash, created_at=at, expires_at=expires_at))
        session.commit()


def link(engine: Engine, token_hash: str) -> PasswordLinkRow | None:
    with Session(engine) as session:
        return session.exec(select(PasswordLinkRow).where(PasswordLinkRow.token_hash == token_hash)).first()


def use_link(engine: Engine, token_hash: str, at: datetime) -> bool:
    """Mark the link used, only if no one used it before: of two simultaneous uses exactly one gets True."""
    with engine.begin() as connection:
        done = connection.execute(sql_update(password_links)
                                  .where(password_links.c.token_hash == token_hash,
                                         password_links.c.used_at == None)  # noqa: E711
                                  .values(used_at=at))
        return done.rowcount == 1


def end_links(engine: Engine, name: str, at: datetime) -> int:
    """Every unused link of the account stops working (a newer link, a deactivation, a password set)."""
    with engine.begin() as connection:
        done = connection.execute(sql_update(password_links)
                                  .where(password_links.c.account == name,
                                         password_links.c.used_at == None)  # noqa: E711
                                  .values(used_at=at))
        return done.rowcount


# Every request reads the signed-in account or the token's account: one plain statement each.
ACTIVE = Sql("SELECT name, role, scope, session_generation FROM accounts WHERE name = :name AND active = :active")
BY_TOKEN = Sql("SELECT a.name, a.role, a.scope FROM api_tokens t JOIN accounts a ON a.name = t.account "
               "WHERE t.token_hash = :h AND t.revoked_at IS NULL AND a.active = :active")


def active(engine: Engine, name: str) -> dict | None:
    return ACTIVE.glance(engine, {"name": name, "active": True})


def by_token_hash(engine: Engine, digest: str) -> dict | None:
    return BY_TOKEN.glance(engine, {"h": digest, "active": True})
