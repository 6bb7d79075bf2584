"""Engine creation, schema creation and the database URL resolution shared by the app and the CLI."""

from __future__ import annotations

import math
import os
import sqlite3
import tomllib
from pathlib import Path

from sqlalchemy import Column, Connection, Date, Engine, Table, create_engine, event, inspect, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.ddl import CreateColumn, ExecutableDDLElement

from store.schema import meta, metadata, wilayah

ROOT = Path(__file__).resolve().parent.parent
SQLITE_BAWAAN = ROOT / "data" / "pantau.sqlite"
ENV_URL = "PANTAU_DB_URL"


_RUSAK = ("malformed", "not a database", "file is encrypted")  # SQLite's words for a damaged file
_BUKAN_GANGGUAN = ("no such table", "no such column", "syntax error")  # programming errors, not outages
_PUTUS = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError, sa_exc.TimeoutError, sqlite3.OperationalError)


def _rantai(exc: BaseException):
    """The exception, what SQLAlchemy wrapped (.orig) and its causes, each once."""
    dilihat: set[int] = set()
    tumpuk = [exc]
    while tumpuk:
        e = tumpuk.pop()
        if e is None or id(e) in dilihat:
            continue
        dilihat.add(id(e))
        yield e
        tumpuk += [getattr(e, "orig", None), e.__cause__, e.__context__]


def jenis_gangguan(exc: BaseException) -> str | None:
    """What a failure says about the database: 'db_rusak' for a damaged SQLite file, 'db_putus' for one that
    cannot be reached (refused, down, timed out, locked), None for anything else (a bug, not an outage)."""
    putus = False
    for e in _rantai(exc):
        pesan = str(e).lower()
        if any(k in pesan for k in _BUKAN_GANGGUAN):
            return None
        if isinstance(e, sqlite3.DatabaseError) and any(k in pesan for k in _RUSAK):
            return "db_rusak"
        psycopg_putus = type(e).__module__.startswith("psycopg") and type(e).__name__ in ("OperationalError", "InterfaceError")
        putus = putus or isinstance(e, _PUTUS) or psycopg_putus
    return "db_putus" if putus else None


def url_bawaan() -> str:
    """URL of the embedded default database (SQLite file under data/)."""
    return f"sqlite:///{SQLITE_BAWAAN}"


def url_dari_lingkungan() -> str | None:
    """Database URL from the PANTAU_DB_URL environment variable, if set."""
    return os.environ.get(ENV_URL) or None


def url_terkonfigurasi() -> tuple[str, bool]:
    """(URL, is_embedded_default) for the command line: PANTAU_DB_URL, .streamlit/secrets.toml, else SQLite."""
    url = url_dari_lingkungan()
    rahasia = ROOT / ".streamlit" / "secrets.toml"
    if not url and rahasia.exists():
        url = tomllib.loads(rahasia.read_text()).get("database", {}).get("url")
    return (url, False) if url else (url_bawaan(), True)


def buat_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL and a busy timeout so readers and one writer coexist."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragma(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
            try:  # SQLite builds without math functions lack floor(); the queries rely on it
                dbapi_conn.execute("SELECT floor(1.5)")
            except sqlite3.OperationalError:
                dbapi_conn.create_function("floor", 1, lambda x: None if x is None else float(math.floor(x)), deterministic=True)

        return engine
    return create_engine(url, pool_pre_ping=True)


class TambahKolom(ExecutableDDLElement):
    """ALTER TABLE ... ADD COLUMN for a column of the current schema, quoted by the dialect."""

    def __init__(self, kolom: Column):
        self.kolom = kolom


@compiles(TambahKolom)
def _kompilasi_tambah_kolom(elemen: TambahKolom, compiler, **kw) -> str:
    tabel = compiler.preparer.format_table(elemen.kolom.table)
    return "ALTER TABLE " + tabel + " ADD COLUMN " + compiler.process(CreateColumn(elemen.kolom), **kw)


def buat_skema(engine: Engine) -> list[str]:
    """Create or migrate: every missing table and index is created, columns added since a database
    was made are added (nullable, so existing rows stay valid). Idempotent; returns what was added."""
    metadata.create_all(engine)
    ditambah = []
    periksa = inspect(engine)
    with engine.begin() as conn:
        for tabel in metadata.sorted_tables:
            ada = {c["name"] for c in periksa.get_columns(tabel.name)}
            for kolom in tabel.columns:
                if kolom.name not in ada:
                    if not kolom.nullable:
                        raise RuntimeError(f"kolom wajib {tabel.name}.{kolom.name} tidak dapat ditambahkan ke tabel yang sudah ada")
                    conn.execute(TambahKolom(kolom))
                    ditambah.append(f"{tabel.name}.{kolom.name}")
    return ditambah


def skema_ada(engine: Engine) -> bool:
    return inspect(engine).has_table("wilayah")


def kosong(engine: Engine) -> bool:
    """True when the database has no areas loaded."""
    if not skema_ada(engine):
        return True
    with engine.connect() as conn:
        return conn.execute(select(wilayah.c.kode).limit(1)).first() is None


def baca_meta(engine: Engine) -> dict[str, str]:
    if not skema_ada(engine):
        return {}
    with engine.connect() as conn:
        return {r.kunci: r.nilai for r in conn.execute(select(meta))}


def tulis_meta(conn, nilai: dict[str, str]) -> None:
    """Upsert key/value facts about the database inside the caller's transaction."""
    for kunci, isi in nilai.items():
        conn.execute(meta.delete().where(meta.c.kunci == kunci))
        conn.execute(meta.insert().values(kunci=kunci, nilai=str(isi)))


def sisipkan_banyak(conn: Connection, tabel: Table, baris: list[dict]) -> None:
    """Insert many new rows (dicts with the same keys, values already typed) by the driver's fastest path:
    COPY on PostgreSQL, the driver's own executemany on SQLite. Same rows as tabel.insert(), inside the
    caller's transaction."""
    if not baris:
        return
    kolom = list(baris[0])
    if conn.dialect.name == "postgresql":
        from psycopg import sql

        perintah = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(tabel.name), sql.SQL(", ").join(sql.Identifier(k) for k in kolom))
        with conn.connection.driver_connection.cursor() as cur, cur.copy(perintah) as salin:
            for r in baris:
                salin.write_row([r[k] for k in kolom])
        return
    perintah = tabel.insert().compile(dialect=conn.dialect, column_keys=kolom)
    urutan = list(perintah.positiontup)  # the order of the statement's ? placeholders
    tanggal = [isinstance(tabel.c[k].type, Date) for k in urutan]  # stored as ISO text, as SQLAlchemy's SQLite DATE does
    nilai = [tuple(v.isoformat() if t and v is not None else v for v, t in zip((r[k] for k in urutan), tanggal, strict=True)) for r in baris]
    conn.exec_driver_sql(perintah.string, nilai)
