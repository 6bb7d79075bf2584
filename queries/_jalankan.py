"""Run a SQLAlchemy statement on an engine or connection and return a DataFrame."""

from __future__ import annotations

from contextlib import contextmanager

import pandas as pd
from sqlalchemy import Connection, Engine
from sqlalchemy.sql import Executable


@contextmanager
def koneksi(db: Engine | Connection):
    """Yield a connection, opening (and closing) one when given an engine."""
    if isinstance(db, Connection):
        yield db
    else:
        with db.connect() as conn:
            yield conn


def ke_df(db: Engine | Connection, stmt: Executable, kolom: list[str] | None = None) -> pd.DataFrame:
    with koneksi(db) as conn:
        res = conn.execute(stmt)
        # plain tuples: pandas probes each Row object for attributes, which costs ~10 us a row
        return pd.DataFrame([tuple(r) for r in res.fetchall()], columns=kolom or list(res.keys()))
